// The planner reads the CSV files that Excel, Numbers, LibreOffice and Google Sheets export, in
// their usual encodings, delimiters and line endings, to the same people; it refuses a file that
// is not CSV (a workbook, an image) with the reason and how to export CSV; Excel's sep= line
// names the delimiter and does not shift the rows it reports.
import fc from 'fast-check';
import { readCsv, detectDelimiter } from '../../src/local/planner/csv';
import { decodeCsvBytes, decodeWindows1252 } from '../../src/local/planner/decode';
import { ROSTER_GROUPS, ROSTER_ROWS, csvText, macRoman, rosterExports, utf16be, utf16le, utf8, windows1252 } from './exports';
import { canonical, plan, planJson } from './run';

const reference = plan(['pairs', '--roster', 'r.csv'], { 'r.csv': csvText(ROSTER_ROWS, { delimiter: ',', eol: '\n' }) });

describe('exports from spreadsheet apps', () => {
  const exports = rosterExports().map((e) => [e.name, e.bytes] as const);

  it('the reference plan is what the roster says', () => {
    expect(reference.stderr).toBe('');
    expect(reference.code).toBe(0);
    for (const name of ['Renée Dubois', 'Jürgen Groß', 'Ana Muñoz', 'François Lefèvre']) expect(reference.stdout).toContain(name);
  });

  it.each(exports)('%s: read to the same cells', (_, bytes) => {
    expect(readCsv(bytes)).toEqual(ROSTER_ROWS);
  });

  it.each(exports)('%s: planned as the same people and groups', (_, bytes) => {
    const run = plan(['pairs', '--roster', 'roster.csv'], { 'roster.csv': bytes });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(reference.stdout);
    expect(canonical(planJson(['pairs', '--roster', 'roster.csv'], { 'roster.csv': bytes }).cycles[0].groups)).toEqual(ROSTER_GROUPS);
  });

  it('reads Windows-1252 letters that Latin-1 lacks (€, Š, curly quotes)', () => {
    const bytes = windows1252('Name;Email;Notes\r\nŠimon Novák;simon@example.org;“10 €” – ok\r\n');
    expect(readCsv(bytes)).toEqual([
      ['Name', 'Email', 'Notes'],
      ['Šimon Novák', 'simon@example.org', '“10 €” – ok'],
    ]);
  });

  it('reads a history file in the same encodings (Windows-1252 with sep=;)', () => {
    const history = windows1252('sep=;\r\nCycle;Member 1;Member 2;Notes\r\n1;renee@example.org;francois@example.org;"Café, twice"\r\n');
    const roster = utf8(csvText(ROSTER_ROWS, { delimiter: ',', eol: '\n' }));
    const { cycles } = planJson(['pairs', '--roster', 'r.csv', '--history', 'h.csv'], { 'r.csv': roster, 'h.csv': history });
    expect(cycles[0].cycle).toBe(2);
    expect(canonical(cycles[0].groups)).toEqual(ROSTER_GROUPS);
  });

  it('keeps problems and their rows the same whatever the encoding', () => {
    const rows = [...ROSTER_ROWS, ['Zoë Weiß', 'RENEE@example.org', '', '', '']];
    const expected = /^Row 6: duplicate email renee@example\.org \(also row 2\)/;
    expect(plan(['pairs', '--roster', 'r.csv'], { 'r.csv': utf8(csvText(rows, { delimiter: ',', eol: '\n' })) }).stderr).toMatch(expected);
    for (const { name, bytes } of rosterExports(rows)) {
      const run = plan(['pairs', '--roster', 'r.csv'], { 'r.csv': bytes });
      expect({ name, code: run.code, stderr: run.stderr }).toEqual({ name, code: 2, stderr: expect.stringMatching(expected) });
    }
  });
});

describe('files that are not CSV are refused with the reason and how to export CSV', () => {
  const zip = (...names: string[]) =>
    Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00', 'latin1'), ...names.map((n) => Buffer.from(`${n}\x00\x00\x00PK\x03\x04`, 'latin1'))]);
  const HOW = /Export the sheet as CSV and give that file: in Excel, File > Save As > CSV UTF-8 \(Comma delimited\); in Numbers, File > Export To > CSV; in LibreOffice, File > Save As > Text CSV; in Google Sheets, File > Download > Comma-separated values\.\n/;

  it.each([
    ['an Excel workbook', 'roster.xlsx', zip('[Content_Types].xml', 'xl/workbook.xml'), 'it is an Excel workbook (.xlsx)'],
    ['a LibreOffice spreadsheet', 'roster.ods', zip('mimetypeapplication/vnd.oasis.opendocument.spreadsheet'), 'it is an OpenDocument spreadsheet (.ods, LibreOffice)'],
    ['a Numbers document', 'roster.numbers', zip('Index/Document.iwa'), 'it is a Numbers document'],
    ['another zip file', 'roster.zip', zip('roster.csv'), 'it is a zip archive'],
    ['an old Excel workbook', 'roster.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), 'it is an Excel 97-2003 workbook (.xls)'],
    ['an image', 'roster.png', Buffer.from('\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00', 'latin1'), 'it holds NUL bytes, so it is not text (or it is UTF-16 text without a byte-order mark)'],
    ['UTF-16 without a byte-order mark', 'roster.txt', Buffer.from('Name\tEmail\r\nAnn\ta@example.org\r\n', 'utf16le'), 'it holds NUL bytes, so it is not text (or it is UTF-16 text without a byte-order mark)'],
    ['UTF-32', 'roster.csv', Buffer.from([0xff, 0xfe, 0, 0, 0x4e, 0, 0, 0]), 'it is UTF-32 text, which spreadsheet apps do not read as CSV'],
  ])('%s: exit 2, naming the file, what it is and what to do', (_, path, bytes, why) => {
    const run = plan(['pairs', '--roster', path], { [path]: bytes });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.startsWith(`${path}: not a CSV file: ${why}. `)).toBe(true);
    expect(run.stderr).toMatch(HOW);
    expect(run.stderr).toMatch(/\nThis problem must be fixed before anything can be planned\.\n$/);
  });

  it('still lists the other file\'s problems at once', () => {
    const run = plan(['pairs', '--roster', 'r.csv', '--history', 'h.xlsx'], { 'r.csv': 'Name,Email\n,a@example.org\n', 'h.xlsx': zip('[Content_Types].xml') });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Row 2: blank name\..*\nh\.xlsx: not a CSV file: it is an Excel workbook \(\.xlsx\)\. /s);
    expect(run.stderr).toMatch(/These 2 problems must be fixed/);
  });

  it('refuses a file that starts with a UTF-8 byte-order mark but is not UTF-8', () => {
    const run = plan(['pairs', '--roster', 'r.csv'], { 'r.csv': Buffer.concat([utf8('Name,Email\n', true), windows1252('Renée,r@example.org\n')]) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^r\.csv: not a CSV file: it starts as UTF-8 but is not UTF-8 text\. Export the sheet as CSV/);
  });

  it('refuses broken UTF-16 (an odd number of bytes)', () => {
    const run = plan(['pairs', '--roster', 'r.csv'], { 'r.csv': Buffer.concat([utf16le('Name,Email\n'), Buffer.from([0x41])]) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^r\.csv: not a CSV file: it starts as UTF-16 but is cut short or damaged\. Export the sheet as CSV/);
  });
});

describe("Excel's sep= first line", () => {
  // Excel reads sep=; as an instruction and does not show it: the header is row 1 there, and in
  // every message. (Google Sheets and LibreOffice show it as a row of its own; the file was made
  // for Excel, so the rows are Excel's.)
  const rows = 'Name;Email\r\nAnn;a@example.org\r\nBob;"b@example.org"\r\nAnn Again;A@example.org\r\n';

  it.each([
    ['sep=;', `sep=;\r\n${rows}`],
    ['sep=; after a BOM', `\uFEFFsep=;\r\n${rows}`],
    ['"sep=;" quoted', `"sep=;"\r\n${rows}`],
    ['SEP=; in capitals', `SEP=;\n${rows}`],
    ['sep=;;; padded by a spreadsheet that saved it again', `sep=;;;\n${rows}`],
  ])('%s: rows are counted from the header, as Excel shows them', (_, text) => {
    const run = plan(['pairs', '--roster', 'r.csv'], { 'r.csv': text });
    const plain = plan(['pairs', '--roster', 'r.csv'], { 'r.csv': rows });
    expect(plain.stderr).toMatch(/^Row 4: duplicate email a@example\.org \(also row 2\)/);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(plain.stderr);
  });

  it('wins over the header: sep=, with semicolons in the header, sep=\\t, sep=|', () => {
    expect(readCsv('sep=,\nName;Nick,Email\nAnn;Annie,a@example.org\n')).toEqual([
      ['Name;Nick', 'Email'],
      ['Ann;Annie', 'a@example.org'],
    ]);
    expect(readCsv('sep=\t\nName\tEmail;x\nAnn, PhD\ta@example.org;y\n')).toEqual([
      ['Name', 'Email;x'],
      ['Ann, PhD', 'a@example.org;y'],
    ]);
    expect(readCsv('sep=|\nName|Email\nAnn|a@example.org\n')).toEqual([
      ['Name', 'Email'],
      ['Ann', 'a@example.org'],
    ]);
  });

  it('is only a sep= line when it is the first line and nothing else', () => {
    expect(readCsv('Name,Email\nsep=;,x\n')).toEqual([
      ['Name', 'Email'],
      ['sep=;', 'x'],
    ]);
    expect(readCsv('sep=;x\nName;Email\n')[0]).toEqual(['sep=', 'x']);
  });

  it('a file that is not valid CSV names its line in the file, sep= line included', () => {
    const broken = 'Name;Email\nAnn;a@example.org\n"Bob;b@example.org\nCid;c@example.org\n';
    const plain = plan(['pairs', '--roster', 'r.csv'], { 'r.csv': broken });
    expect(plain.stderr).toMatch(/^r\.csv line 4: not valid CSV \(.*line 4\)\.\n/);
    const run = plan(['pairs', '--roster', 'r.csv'], { 'r.csv': `sep=;\n${broken}` });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^r\.csv line 5: not valid CSV \(.*line 5\)\.\n/);
  });
});

describe('the delimiter, found in the header outside quotes', () => {
  it.each([
    ['Name,Email,Team', ','],
    ['Name;Email;Team', ';'],
    ['Name\tEmail\tTeam', '\t'],
    ['Name;Email;"Notes, free text";"Avoid pairing with (emails, commas)"', ';'],
    ['"Name";"Email";"Notes, free text"', ';'],
    ['Name,Email,"Notes; free text"', ','],
    ['Name\tEmail\t"Notes, free; text"', '\t'],
    ['"Name\nin two lines";Email', ';'],
    ['Name;Email,work;Team', ';'],
    ['Name', ','],
    ['', ','],
  ])('%j → %j', (header, delimiter) => {
    expect(detectDelimiter(`${header}\nAnn,a;b\tc\n`)).toBe(delimiter);
  });

  it('keeps quoted commas whole in a semicolon file whose header quotes a comma', () => {
    const text = 'Name;Email;"Notes, free text";Avoid pairing with\r\n"Doe, Jane";jane@example.org;"a, b";"x@example.org, y@example.org"\r\nJohn;john@example.org;;\r\n';
    expect(readCsv(text)).toEqual([
      ['Name', 'Email', 'Notes, free text', 'Avoid pairing with'],
      ['Doe, Jane', 'jane@example.org', 'a, b', 'x@example.org, y@example.org'],
      ['John', 'john@example.org', '', ''],
    ]);
  });
});

describe('decoding legacy bytes', () => {
  it('maps Windows-1252 0x80–0x9F as the WHATWG index does (not as Node 20.18.3+ TextDecoder, which gives Latin-1)', () => {
    const bytes = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i);
    expect(decodeWindows1252(bytes)).toBe('€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ');
    expect(decodeWindows1252(Uint8Array.from({ length: 96 }, (_, i) => 0xa0 + i))).toBe(Buffer.from(Uint8Array.from({ length: 96 }, (_, i) => 0xa0 + i)).toString('latin1'));
    expect(decodeCsvBytes(windows1252('Name\r\nJosé’s\r\n'))).toEqual({ ok: true, text: 'Name\r\nJosé’s\r\n', encoding: 'windows-1252' });
  });

  it('tells Mac Roman (bare CRs) from Windows-1252 (CRLF or LF), line breaks inside cells allowed', () => {
    expect(decodeCsvBytes(macRoman('Name\r"Ren\u00e9e\nDubois"\r'))).toMatchObject({ ok: true, encoding: 'macintosh', text: 'Name\r"Renée\nDubois"\r' });
    expect(decodeCsvBytes(windows1252('Name\r\n"Renée\nDubois"\r\n'))).toMatchObject({ ok: true, encoding: 'windows-1252' });
    expect(decodeCsvBytes(windows1252('Name\n"Renée\rDubois"\n'))).toMatchObject({ ok: true, encoding: 'windows-1252' });
  });
});

describe('property: any table, exported in any dialect and encoding, reads back cell for cell', () => {
  // A non-ASCII letter is always followed by an ASCII one, as in real words: a legacy file then
  // never happens to be valid UTF-8 (which would be read as UTF-8, as every app does).
  const word = (accents: string[]) =>
    fc.array(fc.oneof(fc.constantFrom(...'abcXYZ019 @.-_'.split('')), fc.tuple(fc.constantFrom(...accents), fc.constantFrom(...'aeo'.split(''))).map(([a, b]) => a + b)), { maxLength: 6 }).map((parts) => parts.join(''));
  const cell = (accents: string[]) =>
    fc.array(fc.oneof({ weight: 4, arbitrary: word(accents) }, { weight: 1, arbitrary: fc.constantFrom(',', ';', '\t', '"', '\r\n', '\n', ', ', '""') }), { maxLength: 4 }).map((p) => p.join(''));
  const header = fc.array(fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,8}$/), { minLength: 2, maxLength: 5 });
  const table = (accents: string[]) =>
    header.chain((h) => fc.array(fc.array(cell(accents), { minLength: h.length, maxLength: h.length }), { maxLength: 6 }).map((rows) => [h, ...rows]));
  const dialect = fc.record({
    delimiter: fc.constantFrom(',' as const, ';' as const, '\t' as const),
    eol: fc.constantFrom('\r\n' as const, '\n' as const, '\r' as const),
    quoteAll: fc.boolean(),
    sepLine: fc.boolean(),
  });
  const LATIN = ['é', 'ü', 'ß', 'ñ', 'ç', 'É', 'ä', 'ö', 'ë', 'è'];
  const encodings: Array<[string, string[], (text: string) => Buffer]> = [
    ['UTF-8', [...LATIN, '€', 'Š', '’', '中', '😀'], (t) => utf8(t)],
    ['UTF-8 with BOM', [...LATIN, '€', '中'], (t) => utf8(t, true)],
    ['UTF-16LE', [...LATIN, '€', '中', '😀'], utf16le],
    ['UTF-16BE', [...LATIN, '€', '中', '😀'], utf16be],
    ['Windows-1252', [...LATIN, '€', 'Š', '’', '“', '”', '–', 'Ÿ'], windows1252],
  ];

  it.each(encodings)('%s', (name, accents, encode) => {
    fc.assert(
      fc.property(table(accents), dialect, (rows, d) => {
        // Rows ending in a bare CR mean Mac Roman in a legacy file (see decode.ts).
        const dialect = name === 'Windows-1252' && d.eol === '\r' ? { ...d, eol: '\r\n' as const } : d;
        expect(readCsv(encode(csvText(rows, dialect)))).toEqual(rows);
      }),
      { numRuns: 150 },
    );
  });

  it('Mac Roman with bare CRs', () => {
    fc.assert(
      fc.property(table(LATIN), dialect, (rows, d) => {
        expect(readCsv(macRoman(csvText(rows, { ...d, eol: '\r' })))).toEqual(rows);
      }),
      { numRuns: 150 },
    );
  });
});
