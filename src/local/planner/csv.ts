// Reads a CSV file into a table of spreadsheet rows: row i of the table is spreadsheet row i + 1
// (header = row 1), however many newlines a quoted field holds. The file's bytes are decoded by
// decode.ts; csv-parse does the parsing. Node-only.
//
// What spreadsheet apps write, and how it is read:
// - The delimiter: Excel's first line `sep=;` (also `sep=,`, `sep=<tab>`, `sep=|`, quoted or in
//   capitals) names it; otherwise it is whichever of comma, semicolon and tab the header row holds
//   most of, outside quotes (comma on a tie or when it holds none). Semicolons come from locales
//   where the comma is the decimal separator; tabs from Excel's "Unicode Text".
// - Rows: Excel reads the `sep=` line as an instruction and does not show it, so the header is row 1
//   there. The planner numbers rows the same way: the `sep=` line is not a row, and "Row 2" is the
//   first person, with or without it. (Google Sheets and LibreOffice would show the `sep=` line as a
//   row of its own; the line is for Excel, so Excel's numbering is the one a person will be looking
//   at.) A file that is not valid CSV is reported by its line in the file, `sep=` line included, as
//   a text editor shows it.
// - Line endings CRLF, LF and old-Mac CR, mixed or not; blank lines stay blank rows.
import { parse } from 'csv-parse/sync';
import { decodeCsvBytes } from './decode';

/** A file that is not CSV at all (not text, an unclosed quote): no row can be trusted. */
export class CsvError extends Error {
  constructor(
    message: string,
    /** 1-based line of the file where the parser gave up, when known. */
    readonly line?: number,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

/** The delimiters told apart by the header, in the order that wins a tie. */
const DELIMITERS = [',', ';', '\t'] as const;

/**
 * The delimiter of a file without a `sep=` line: whichever of comma, semicolon and tab the header
 * row holds most of outside quoted fields, comma on a tie and when it holds none.
 *
 * @example
 *   detectDelimiter('Name;Email;"Notes, free text"\n…')  // ';'
 */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  let fieldStart = true;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else quoted = false;
      }
      continue;
    }
    if (c === '\n' || c === '\r') break;
    if (c === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (counts.has(c)) {
      counts.set(c, counts.get(c)! + 1);
      fieldStart = true;
    } else {
      fieldStart = false;
    }
  }
  let best: string = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/**
 * Excel's `sep=X` first line: X once (quoted or not, any case), then perhaps more X's (a
 * spreadsheet that showed the line as a row and saved the file again pads it), then the line end.
 */
const SEP_LINE = /^("?)sep=([^\r\n"])\1\2*(?:\r\n|\n|\r|$)/i;

/**
 * Reads a CSV file into rows of strings: from its bytes (the encoding is detected, see decode.ts)
 * or from text already decoded. A byte-order mark and a `sep=` first line are dropped, rows may
 * have any number of cells, line endings may be mixed, and blank lines are kept as blank rows so
 * that the table's positions stay the spreadsheet's rows.
 *
 * @example
 *   readCsv('Name,Email\n"Ann, PhD",ann@example.org\n')
 *   // [['Name', 'Email'], ['Ann, PhD', 'ann@example.org']]
 *   readCsv('sep=;\r\nName;Email\r\n"Doe, Jane";jane@example.org\r\n')
 *   // [['Name', 'Email'], ['Doe, Jane', 'jane@example.org']]
 * @throws {CsvError} when the file is not text, or not valid CSV.
 */
export function readCsv(content: string | Uint8Array): string[][] {
  let text: string;
  if (typeof content === 'string') {
    text = content;
  } else {
    const decoded = decodeCsvBytes(content);
    if (!decoded.ok) throw new CsvError(decoded.reason);
    text = decoded.text;
  }
  text = text.replace(/^\uFEFF/, '');
  const sep = SEP_LINE.exec(text);
  let delimiter: string;
  let linesBefore = 0;
  if (sep) {
    delimiter = sep[2];
    text = text.slice(sep[0].length);
    linesBefore = 1;
  } else {
    delimiter = detectDelimiter(text);
  }
  let records: Array<{ record: string[]; info: { records: number } }>;
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true, // Ann "Annie" Lee, hand-written without quoting, is a name, not an error
      skip_empty_lines: false,
      info: true,
    });
  } catch (error) {
    const e = error as { code?: string; message?: string; lines?: number };
    // The parser counts lines after the sep= line; the person counts them in the file.
    const reason = String(e.message ?? error)
      .replace(/^[A-Za-z ]+:\s*/, '')
      .replace(/\bline (\d+)/g, (_, n: string) => `line ${Number(n) + linesBefore}`);
    throw new CsvError(`not valid CSV (${reason})`, typeof e.lines === 'number' ? e.lines + linesBefore : undefined);
  }
  const table: string[][] = [];
  for (const { record, info } of records) table[info.records - 1] = record;
  // A trailing newline ends the last record; it is not a blank row.
  for (let i = 0; i < table.length; i++) if (!table[i]) table[i] = [];
  return table;
}
