// Turns a CSV file's bytes into text. The encoding is found from the bytes alone, as spreadsheet
// apps write them; a file that is not text (a workbook, an image) is refused with what it is and
// how to export CSV instead. Node-only: Node 20's TextDecoder with full ICU (utf-8, utf-16le,
// utf-16be, macintosh), following the WHATWG Encoding Standard (https://encoding.spec.whatwg.org/).
// Windows-1252 is decoded here, not by TextDecoder: since Node 20.18.3 and 22.13.0 its
// TextDecoder('windows-1252') decodes Latin-1 instead, turning € ’ “ ” – Š into invisible control
// characters (https://github.com/nodejs/node/issues/60888, /issues/56542).
//
// In this order:
// - A byte-order mark says UTF-8, UTF-16LE or UTF-16BE (Excel's "Unicode Text" is UTF-16LE with a
//   BOM and tabs). UTF-32 is refused: no spreadsheet app writes or reads it as CSV.
// - A zip (.xlsx, .ods, .numbers) or an OLE2 file (.xls) is refused, named by its contents.
// - Any other NUL byte means binary (or UTF-16 without a BOM, which cannot be told apart safely):
//   refused.
// - Valid UTF-8 is UTF-8 (Numbers, LibreOffice, Google Sheets and Excel's "CSV UTF-8" write it;
//   plain ASCII is valid UTF-8 too).
// - Otherwise the file is in a legacy single-byte code page. Old-Mac line endings (rows end in a
//   bare CR, none in LF or CRLF) mean Mac Roman: that is what Excel for Mac's "CSV (Macintosh)" and classic Mac OS apps write.
//   Else Windows-1252, what Excel's "CSV (Comma delimited)" writes on Windows in Western Europe
//   and the Americas; it is a superset of Latin-1 (ISO 8859-1) for every printable character.
//   (So a Windows-1252 file with old-Mac line endings would be read as Mac Roman: no Windows app
//   writes those.)

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'macintosh';

export type Decoded = { ok: true; text: string; encoding: Encoding } | { ok: false; reason: string };

/** What to do instead, for every refusal (the caller ends the sentence). */
export const EXPORT_CSV =
  'Export the sheet as CSV and give that file: in Excel, File > Save As > CSV UTF-8 (Comma delimited); ' +
  'in Numbers, File > Export To > CSV; in LibreOffice, File > Save As > Text CSV; ' +
  'in Google Sheets, File > Download > Comma-separated values';

const refuse = (why: string): Decoded => ({ ok: false, reason: `not a CSV file: ${why}. ${EXPORT_CSV}` });

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

/** What a zip file holds, from the names of its first entries. */
function describeZip(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 64 * 1024)).toString('latin1');
  if (head.includes('application/vnd.oasis.opendocument.spreadsheet')) return 'it is an OpenDocument spreadsheet (.ods, LibreOffice)';
  if (head.includes('[Content_Types].xml') || head.includes('xl/')) return 'it is an Excel workbook (.xlsx)';
  if (head.includes('Index/') && head.includes('.iwa')) return 'it is a Numbers document';
  return 'it is a zip archive';
}

/**
 * Windows-1252's bytes 0x80–0x9F, from the WHATWG index (https://encoding.spec.whatwg.org/index-windows-1252.txt):
 * the five it leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 controls of the same
 * code, as there. Every other byte is the Latin-1 character of the same code.
 */
const WINDOWS_1252_C1 =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/** Windows-1252 bytes as text (every byte is a character: it cannot fail). */
export function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009F]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]);
}

/**
 * Whether the lines end in a bare CR, as on classic Mac OS: outside quoted cells, some CR not
 * followed by LF, and no LF at all (inside a quoted cell, a line break may be anything).
 */
function oldMacLineEnds(bytes: Uint8Array): boolean {
  let quoted = false;
  let bareCr = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x22) quoted = !quoted; // "" inside a quoted cell flips twice
    else if (quoted) continue;
    else if (b === 0x0a) return false;
    else if (b === 0x0d) {
      if (bytes[i + 1] === 0x0a) return false;
      bareCr = true;
    }
  }
  return bareCr;
}

function decodeStrict(bytes: Uint8Array, encoding: Encoding): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * The text of a CSV file from its bytes, with its encoding; or the reason it is refused, which
 * says what the file is and how to export CSV. A byte-order mark is not part of the text.
 *
 * @example
 *   decodeCsvBytes(Buffer.from([0xff, 0xfe, 0x41, 0x00]))  // { ok: true, text: 'A', encoding: 'utf-16le' }
 *   decodeCsvBytes(Buffer.from('Ren\xe9e', 'latin1'))       // { ok: true, text: 'Renée', encoding: 'windows-1252' }
 */
export function decodeCsvBytes(bytes: Uint8Array): Decoded {
  if (startsWith(bytes, [0xff, 0xfe, 0, 0]) || startsWith(bytes, [0, 0, 0xfe, 0xff])) {
    return refuse('it is UTF-32 text, which spreadsheet apps do not read as CSV');
  }
  for (const [bom, encoding] of [
    [[0xef, 0xbb, 0xbf], 'utf-8'],
    [[0xff, 0xfe], 'utf-16le'],
    [[0xfe, 0xff], 'utf-16be'],
  ] as const) {
    if (!startsWith(bytes, bom)) continue;
    // TextDecoder drops the BOM itself (ignoreBOM is false by default).
    const text = decodeStrict(bytes, encoding);
    if (text === null || text.includes('\0')) {
      return refuse(encoding === 'utf-8' ? 'it starts as UTF-8 but is not UTF-8 text' : 'it starts as UTF-16 but is cut short or damaged');
    }
    return { ok: true, text, encoding };
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return refuse(describeZip(bytes));
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return refuse('it is an Excel 97-2003 workbook (.xls)');
  if (bytes.includes(0)) return refuse('it holds NUL bytes, so it is not text (or it is UTF-16 text without a byte-order mark)');
  const utf8 = decodeStrict(bytes, 'utf-8');
  if (utf8 !== null) return { ok: true, text: utf8, encoding: 'utf-8' };
  if (oldMacLineEnds(bytes)) return { ok: true, text: new TextDecoder('macintosh').decode(bytes), encoding: 'macintosh' };
  return { ok: true, text: decodeWindows1252(bytes), encoding: 'windows-1252' };
}
