// Reads a CSV file into a table of spreadsheet rows: row i of the table is spreadsheet row i + 1
// (header = row 1), however many newlines a quoted field holds. Node-only (csv-parse).
import { parse } from 'csv-parse/sync';

/** A file that is not CSV at all (an unclosed quote, a stray quote): no row can be trusted. */
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

/**
 * The delimiter of the file: a comma, unless the header line has none and has semicolons or tabs
 * (what spreadsheet programs write in locales where the comma is the decimal separator).
 */
export function detectDelimiter(text: string): string {
  const header = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
  if (header.includes(',')) return ',';
  if (header.includes(';')) return ';';
  if (header.includes('\t')) return '\t';
  return ',';
}

/**
 * Parses CSV text into rows of strings. A UTF-8 byte-order mark is dropped, rows may have any
 * number of cells, line endings may be mixed, and blank lines are kept as blank rows so that the
 * table's positions stay the spreadsheet's rows.
 *
 * @example
 *   readCsv('Name,Email\n"Ann, PhD",ann@example.org\n')
 *   // [['Name', 'Email'], ['Ann, PhD', 'ann@example.org']]
 * @throws {CsvError} when the text is not valid CSV.
 */
export function readCsv(text: string): string[][] {
  let records: Array<{ record: string[]; info: { records: number } }>;
  try {
    records = parse(text, {
      bom: true,
      delimiter: detectDelimiter(text),
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true, // Ann "Annie" Lee, hand-written without quoting, is a name, not an error
      skip_empty_lines: false,
      info: true,
    });
  } catch (error) {
    const e = error as { code?: string; message?: string; lines?: number };
    const reason = String(e.message ?? error).replace(/^[A-Za-z ]+:\s*/, '');
    throw new CsvError(`not valid CSV (${reason})`, typeof e.lines === 'number' ? e.lines : undefined);
  }
  const table: string[][] = [];
  for (const { record, info } of records) table[info.records - 1] = record;
  // A trailing newline ends the last record; it is not a blank row.
  for (let i = 0; i < table.length; i++) if (!table[i]) table[i] = [];
  return table;
}
