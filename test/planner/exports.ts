// Builds, byte for byte, the CSV files that spreadsheet apps export for one small roster: each
// app's delimiter, quoting, line ending, byte-order mark and encoding. The encoders are written
// out here (Node has no encoder for Windows-1252 or Mac Roman), so the bytes are plain to read.

/** The roster every export holds: accents, ß, commas and semicolons inside cells. */
export const ROSTER_ROWS: string[][] = [
  ['Name', 'Email', 'Team', 'Avoid pairing with', 'Notes'],
  ['Renée Dubois', 'renee@example.org', 'Sales, EMEA', '', 'Mornings; video on'],
  // Jürgen avoids Renée and Ana, so he can only meet François: the plan shows the list was read whole.
  ['Jürgen Groß', 'juergen@example.org', 'Platform', 'renee@example.org, ana@example.org', ''],
  ['Ana Muñoz', 'ana@example.org', 'Data', '', 'Says "hola"'],
  ['François Lefèvre', 'francois@example.org', 'Sales, EMEA', '', ''],
];

/** The groups the planner makes from ROSTER_ROWS, sorted (see canonical in run.ts). */
export const ROSTER_GROUPS = [
  ['ana@example.org', 'renee@example.org'],
  ['francois@example.org', 'juergen@example.org'],
];

export interface Dialect {
  delimiter: ',' | ';' | '\t';
  eol: '\r\n' | '\n' | '\r';
  /** Quote every cell (LibreOffice's "Quote all text cells"); otherwise only where needed. */
  quoteAll?: boolean;
  /** Characters that make a cell quoted besides the delimiter, '"' and line breaks. */
  alsoQuote?: string;
  /** Excel's first line naming the delimiter: sep=; */
  sepLine?: boolean;
}

/** The rows as CSV text in that dialect (RFC 4180 quoting: "" inside a quoted cell). */
export function csvText(rows: readonly string[][], d: Dialect): string {
  const needs = (cell: string) =>
    d.quoteAll === true || cell.includes(d.delimiter) || /["\r\n]/.test(cell) || [...(d.alsoQuote ?? '')].some((c) => cell.includes(c));
  const line = (row: readonly string[]) => row.map((c) => (needs(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(d.delimiter);
  return `${d.sepLine ? `sep=${d.delimiter}${d.eol}` : ''}${rows.map(line).join(d.eol)}${d.eol}`;
}

const BOM = '\uFEFF';

export const utf8 = (text: string, bom = false): Buffer => Buffer.from(bom ? BOM + text : text, 'utf8');
export const utf16le = (text: string): Buffer => Buffer.from(BOM + text, 'utf16le');
export const utf16be = (text: string): Buffer => utf16le(text).swap16();

/** Windows-1252 for 0x80–0x9F (where it differs from Latin-1); Latin-1 for the rest. */
const CP1252_HIGH: Record<string, number> = { '€': 0x80, '‚': 0x82, 'Š': 0x8a, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, 'š': 0x9a, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f };
export function windows1252(text: string): Buffer {
  return Buffer.from(
    [...text].map((c) => {
      const code = CP1252_HIGH[c] ?? c.charCodeAt(0);
      if (code > 0xff || (code >= 0x80 && code <= 0x9f && !(c in CP1252_HIGH))) throw new Error(`not in Windows-1252: ${c}`);
      return code;
    }),
  );
}

/** Mac Roman (classic Mac OS; Excel for Mac's "CSV (Macintosh)"), for the letters used here. */
const MAC_ROMAN: Record<string, number> = { 'ä': 0x8a, 'ë': 0x91, 'ö': 0x9a, 'é': 0x8e, 'è': 0x8f, 'ç': 0x8d, 'ñ': 0x96, 'ü': 0x9f, 'ß': 0xa7, 'Ç': 0x82, 'É': 0x83 };
export function macRoman(text: string): Buffer {
  return Buffer.from(
    [...text].map((c) => {
      const code = c.charCodeAt(0) < 0x80 ? c.charCodeAt(0) : MAC_ROMAN[c];
      if (code === undefined) throw new Error(`not in this Mac Roman table: ${c}`);
      return code;
    }),
  );
}

/** One app's export of ROSTER_ROWS. */
export interface Export {
  name: string;
  bytes: Buffer;
}

/** Every export the planner must read, each to the same people. */
export function rosterExports(rows: readonly string[][] = ROSTER_ROWS): Export[] {
  return [
    // Excel "CSV UTF-8 (Comma delimited)": a BOM, commas, CRLF.
    { name: 'Excel CSV UTF-8 (BOM, comma, CRLF)', bytes: utf8(csvText(rows, { delimiter: ',', eol: '\r\n' }), true) },
    // Excel "CSV (Comma delimited)" where the list separator is ";" (Germany, France…): the
    // Windows ANSI code page, semicolons, CRLF; here with Excel's sep=; line and commas quoted.
    {
      name: 'Excel CSV Windows-1252 with sep=; (semicolon, quoted commas, CRLF)',
      bytes: windows1252(csvText(rows, { delimiter: ';', eol: '\r\n', sepLine: true, alsoQuote: ',' })),
    },
    // The same without the sep= line, and commas left unquoted (what Excel writes in that locale).
    { name: 'Excel CSV Windows-1252 (semicolon, CRLF)', bytes: windows1252(csvText(rows, { delimiter: ';', eol: '\r\n' })) },
    // Excel "Unicode Text (*.txt)": UTF-16LE with a BOM, tabs, CRLF.
    { name: 'Excel Unicode text (UTF-16LE BOM, tab, CRLF)', bytes: utf16le(csvText(rows, { delimiter: '\t', eol: '\r\n' })) },
    { name: 'UTF-16BE with BOM (tab, CRLF)', bytes: utf16be(csvText(rows, { delimiter: '\t', eol: '\r\n' })) },
    { name: 'UTF-16BE with BOM (comma, LF)', bytes: utf16be(csvText(rows, { delimiter: ',', eol: '\n' })) },
    // Numbers "Export To > CSV", Unicode (UTF-8) encoding: no BOM.
    { name: 'Numbers CSV UTF-8 (no BOM, comma, CRLF)', bytes: utf8(csvText(rows, { delimiter: ',', eol: '\r\n' })) },
    // LibreOffice "Text CSV", UTF-8, field delimiter ";", "Quote all text cells", LF.
    { name: 'LibreOffice CSV UTF-8 (semicolon, all quoted, LF)', bytes: utf8(csvText(rows, { delimiter: ';', eol: '\n', quoteAll: true })) },
    // Google Sheets "Download > Comma-separated values": UTF-8 without a BOM.
    { name: 'Google Sheets CSV (UTF-8 no BOM, comma, LF)', bytes: utf8(csvText(rows, { delimiter: ',', eol: '\n' })) },
    // Classic Mac OS line endings (CR only): in UTF-8, and as Excel for Mac's "CSV (Macintosh)" in Mac Roman.
    { name: 'old-Mac CR line endings (UTF-8, comma)', bytes: utf8(csvText(rows, { delimiter: ',', eol: '\r' })) },
    { name: 'Excel for Mac CSV (Macintosh): Mac Roman, comma, CR', bytes: macRoman(csvText(rows, { delimiter: ',', eol: '\r' })) },
    // Latin-1 from an older tool: decoded as Windows-1252, its superset for printable text.
    { name: 'Latin-1 (comma, LF)', bytes: Buffer.from(csvText(rows, { delimiter: ',', eol: '\n' }), 'latin1') },
  ];
}
