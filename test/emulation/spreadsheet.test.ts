// The emulated SpreadsheetApp: documented Apps Script behaviour and error messages, the call
// ledger, fault injection, snapshots, and values handed to another realm.
import * as vm from 'node:vm';
import fc from 'fast-check';
import { createContext, type EmulationContext } from '../../src/local/emulation/context';
import { InjectedFault, Ledger } from '../../src/local/emulation/ledger';
import {
  FakeDataValidation,
  FakeSheet,
  FakeSpreadsheet,
  FakeSpreadsheetApp,
  columnToLetters,
  parseA1,
  type SpreadsheetSnapshot,
} from '../../src/local/emulation/spreadsheet';
import { FakeUi } from '../../src/local/emulation/ui';

interface World {
  ctx: EmulationContext;
  ledger: Ledger;
  ss: FakeSpreadsheet;
  app: FakeSpreadsheetApp;
  ui: FakeUi;
  sheet: FakeSheet;
}

function world(options: { timeZone?: string; now?: Date } = {}): World {
  let n = 0;
  const ctx = createContext({
    timeZone: options.timeZone ?? 'Europe/London',
    now: () => options.now ?? new Date('2026-06-15T12:00:00Z'),
    uuid: () => `sheet-id-${++n}`,
  });
  const ss = FakeSpreadsheet.create(ctx, 'Peer coaching program');
  const ui = new FakeUi(ctx);
  const app = new FakeSpreadsheetApp(ctx, ss, ui);
  return { ctx, ledger: ctx.ledger, ss, app, ui, sheet: ss.getSheets()[0] };
}

/** The Error a call throws, to check its message and how Apps Script prints it. */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

describe('a new spreadsheet', () => {
  it('has one sheet "Sheet1" of 1000 rows × 26 columns with sheet id 0', () => {
    const { ss } = world();
    const sheets = ss.getSheets();
    expect(sheets.map((s) => s.getName())).toEqual(['Sheet1']);
    expect([sheets[0].getMaxRows(), sheets[0].getMaxColumns(), sheets[0].getSheetId()]).toEqual([1000, 26, 0]);
    expect(ss.getNumSheets()).toBe(1);
  });

  it('takes its id from ctx.uuid, its zone from the context and the en_US locale', () => {
    const { ss } = world({ timeZone: 'Asia/Tokyo' });
    expect(ss.getId()).toBe('sheet-id-1');
    expect(ss.getName()).toBe('Peer coaching program');
    expect(ss.getUrl()).toBe('https://docs.google.com/spreadsheets/d/sheet-id-1/edit');
    expect(ss.getSpreadsheetTimeZone()).toBe('Asia/Tokyo');
    expect(ss.getSpreadsheetLocale()).toBe('en_US');
  });

  it('renames', () => {
    const { ss } = world();
    ss.rename('Coaching 2027');
    expect(ss.getName()).toBe('Coaching 2027');
  });
});

describe('sheets', () => {
  it('inserts "Sheet2", "Sheet3"… by default, at the end, and activates the new sheet', () => {
    const { ss } = world();
    const two = ss.insertSheet();
    const three = ss.insertSheet();
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Sheet1', 'Sheet2', 'Sheet3']);
    expect(ss.getActiveSheet()).toBe(three);
    expect(two.getSheetId()).not.toBe(0);
    expect(two.getSheetId()).not.toBe(three.getSheetId());
    expect([two.getMaxRows(), two.getMaxColumns()]).toEqual([1000, 26]);
  });

  it('inserts a named sheet at a 0-based index', () => {
    const { ss } = world();
    ss.insertSheet('Feedback');
    const roster = ss.insertSheet('Roster', 0);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Roster', 'Sheet1', 'Feedback']);
    expect(roster.getIndex()).toBe(1);
    expect(ss.getSheetByName('Feedback')!.getIndex()).toBe(3);
  });

  it('copies a template sheet', () => {
    const { ss, sheet } = world();
    sheet.getRange('A1:B1').setValues([['Name', 'Email']]);
    sheet.setFrozenRows(1);
    const copy = ss.insertSheet('Copy', { template: sheet as unknown as GoogleAppsScript.Spreadsheet.Sheet });
    expect(copy.getRange('A1:B1').getValues()).toEqual([['Name', 'Email']]);
    expect(copy.getFrozenRows()).toBe(1);
    sheet.getRange('A1').setValue('changed');
    expect(copy.getRange('A1').getValue()).toBe('Name');
  });

  it('refuses a duplicate name with the Apps Script message', () => {
    const { ss } = world();
    ss.insertSheet('Roster');
    const e = thrown(() => ss.insertSheet('Roster'));
    expect(e.message).toBe('A sheet with the name "Roster" already exists. Please enter another name.');
    expect(String(e)).toBe('Exception: A sheet with the name "Roster" already exists. Please enter another name.');
    expect(() => ss.insertSheet('roster')).toThrow('A sheet with the name "roster" already exists.');
    expect(ss.getNumSheets()).toBe(2);
  });

  it('refuses to rename a sheet to another sheet\'s name, but not to its own', () => {
    const { ss, sheet } = world();
    ss.insertSheet('Roster');
    expect(() => sheet.setName('Roster')).toThrow('A sheet with the name "Roster" already exists. Please enter another name.');
    expect(sheet.getName()).toBe('Sheet1');
    expect(sheet.setName('Sheet1').setName('Summary').getName()).toBe('Summary');
  });

  it('finds sheets by exact name and id, null when absent', () => {
    const { ss, sheet } = world();
    const roster = ss.insertSheet('Roster');
    expect(ss.getSheetByName('Roster')).toBe(roster);
    expect(ss.getSheetByName('Missing')).toBeNull();
    expect(ss.getSheetById(0)).toBe(sheet);
    expect(ss.getSheetById(roster.getSheetId())).toBe(roster);
    expect(ss.getSheetById(123)).toBeNull();
  });

  it('deletes sheets but never the last one', () => {
    const { ss, sheet } = world();
    const roster = ss.insertSheet('Roster');
    ss.deleteSheet(roster);
    expect(ss.getSheets()).toEqual([sheet]);
    expect(ss.getActiveSheet()).toBe(sheet);
    const e = thrown(() => ss.deleteSheet(sheet));
    expect(e.message).toBe("You can't remove all the sheets in a document.");
    expect(e.name).toBe('Exception');
    expect(ss.getNumSheets()).toBe(1);
  });

  it('activates sheets and moves the active sheet to a 1-based position', () => {
    const { ss, app, sheet } = world();
    const a = ss.insertSheet('A');
    ss.insertSheet('B');
    ss.setActiveSheet(sheet);
    expect(app.getActiveSheet()).toBe(sheet);
    a.activate();
    expect(ss.getActiveSheet()).toBe(a);
    ss.moveActiveSheet(1);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['A', 'Sheet1', 'B']);
    expect(() => ss.moveActiveSheet(4)).toThrow();
  });

  it('hides and shows sheets, never the last visible one', () => {
    const { ss, sheet } = world();
    const other = ss.insertSheet('Other');
    expect(sheet.hideSheet().isSheetHidden()).toBe(true);
    expect(() => other.hideSheet()).toThrow("You can't hide all the sheets in a document.");
    expect(sheet.showSheet().isSheetHidden()).toBe(false);
  });

  it('keeps frozen rows and columns, refusing to freeze every row', () => {
    const { sheet } = world();
    sheet.setFrozenRows(1);
    sheet.setFrozenColumns(2);
    expect([sheet.getFrozenRows(), sheet.getFrozenColumns()]).toEqual([1, 2]);
    expect(() => sheet.setFrozenRows(1000)).toThrow("You can't freeze all visible rows on the sheet.");
    expect(() => sheet.setFrozenColumns(26)).toThrow("You can't freeze all visible columns on the sheet.");
    expect(sheet.getFrozenRows()).toBe(1);
  });

  it('keeps column widths, 100 px by default, moving with inserted columns', () => {
    const { sheet } = world();
    expect(sheet.getColumnWidth(3)).toBe(100);
    sheet.setColumnWidth(3, 240);
    expect(sheet.getColumnWidth(3)).toBe(240);
    sheet.insertColumnsBefore(1, 2);
    expect(sheet.getColumnWidth(5)).toBe(240);
    expect(sheet.getColumnWidth(3)).toBe(100);
  });

  it('stores the tab colour', () => {
    const { ss, sheet } = world();
    sheet.setTabColor('#ff0000');
    expect(ss.toJSON().sheets[0].tabColor).toBe('#ff0000');
  });

  it('records toasts', () => {
    const { ss } = world();
    ss.toast('Saved', 'Peer coaching');
    expect(ss.toasts).toEqual([{ message: 'Saved', title: 'Peer coaching', timeoutSeconds: 5 }]);
  });
});

describe('getRange and its bounds', () => {
  it('takes row, column, rows and columns', () => {
    const { sheet } = world();
    const r = sheet.getRange(2, 3, 4, 5);
    expect([r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns(), r.getLastRow(), r.getLastColumn()]).toEqual([2, 3, 4, 5, 5, 7]);
    expect(r.getA1Notation()).toBe('C2:G5');
    expect(sheet.getRange(1, 1).getA1Notation()).toBe('A1');
    expect(sheet.getRange(1, 1, 3).getA1Notation()).toBe('A1:A3');
    expect(r.getSheet()).toBe(sheet);
  });

  it('takes A1 notation: cells, blocks, whole columns and rows, open-ended columns', () => {
    const { sheet } = world();
    expect(sheet.getRange('B3').getA1Notation()).toBe('B3');
    expect(sheet.getRange('$A$1:$b$2').getA1Notation()).toBe('A1:B2');
    expect(sheet.getRange('B2:A1').getA1Notation()).toBe('A1:B2');
    expect(sheet.getRange('A:B').getA1Notation()).toBe('A1:B1000');
    expect(sheet.getRange('2:3').getA1Notation()).toBe('A2:Z3');
    expect(sheet.getRange('A2:C').getA1Notation()).toBe('A2:C1000');
    expect(parseA1("'It''s mine'!A1")?.sheetName).toBe("It's mine");
    expect(columnToLetters(26)).toBe('Z');
    expect(columnToLetters(27)).toBe('AA');
    expect(columnToLetters(702)).toBe('ZZ');
    expect(columnToLetters(703)).toBe('AAA');
  });

  it('reads "Sheet!A1:B2" on the spreadsheet, the active sheet without a name', () => {
    const { ss, sheet } = world();
    const roster = ss.insertSheet('My roster');
    expect(ss.getRange("'My roster'!A1:B2").getSheet()).toBe(roster);
    expect(ss.getRange('Sheet1!C3').getSheet()).toBe(sheet);
    expect(ss.getRange('A1').getSheet()).toBe(roster);
  });

  it('throws "Range not found" for an unknown sheet or malformed notation', () => {
    const { ss, sheet } = world();
    expect(() => ss.getRange('Missing!A1')).toThrow('Range not found');
    for (const bad of ['', 'A', '1A', 'A0', 'A1:B2:C3', 'A1:3', '!!']) expect(() => sheet.getRange(bad)).toThrow('Range not found');
  });

  it.each([
    [[0, 1], 'The starting row of the range is too small.'],
    [[1, 0], 'The starting column of the range is too small.'],
    [[1, 1, 0, 1], 'The number of rows in the range must be at least 1.'],
    [[1, 1, 1, 0], 'The number of columns in the range must be at least 1.'],
    [[1001, 1], 'The coordinates of the range are outside the dimensions of the sheet.'],
    [[1, 27], 'The coordinates of the range are outside the dimensions of the sheet.'],
    [[999, 1, 3, 1], 'The coordinates of the range are outside the dimensions of the sheet.'],
  ])('getRange(%j) throws "%s"', (args, message) => {
    const { sheet } = world();
    const e = thrown(() => (sheet.getRange as (...a: number[]) => unknown)(...args));
    expect(e.message).toBe(message);
    expect(String(e)).toBe(`Exception: ${message}`);
  });

  it('throws the outside-the-sheet message for A1 notation past the last row', () => {
    const { sheet } = world();
    expect(() => sheet.getRange('A1001')).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
  });

  it('rejects missing or fractional coordinates with a signature error', () => {
    const { sheet } = world();
    expect(() => sheet.getRange(NaN, 1)).toThrow("don't match the method signature for SpreadsheetApp.Sheet.getRange.");
    expect(() => sheet.getRange(1.5, 1)).toThrow("don't match the method signature for SpreadsheetApp.Sheet.getRange.");
  });

  it('offsets and picks cells with the same checks', () => {
    const { sheet } = world();
    const r = sheet.getRange('B2:C3');
    expect(r.offset(1, 1).getA1Notation()).toBe('C3:D4');
    expect(r.offset(-1, -1, 1, 1).getA1Notation()).toBe('A1');
    expect(r.getCell(2, 2).getA1Notation()).toBe('C3');
    expect(() => r.offset(-2, 0)).toThrow('The starting row of the range is too small.');
    expect(() => r.getCell(3, 1)).toThrow();
  });

  it('covers the content, or A1 alone when empty, with getDataRange', () => {
    const { sheet } = world();
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    sheet.getRange('C5').setValue('x');
    sheet.getRange('B7').setValue('y');
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C7');
  });
});

describe('values', () => {
  it('reads blank cells as empty strings, in a fresh array every call', () => {
    const { sheet } = world();
    const r = sheet.getRange('A1:B2');
    const first = r.getValues();
    expect(first).toEqual([['', ''], ['', '']]);
    first[0][0] = 'mutated';
    expect(r.getValues()).toEqual([['', ''], ['', '']]);
    expect(r.getValues()).not.toBe(r.getValues());
  });

  it('writes a block at its own rows (a 2-row write at row 2 fills rows 2 and 3)', () => {
    const { sheet } = world();
    sheet.getRange(2, 1, 2, 2).setValues([['a', 1], ['b', 2]]);
    expect(sheet.getRange('A1:B4').getValues()).toEqual([['', ''], ['a', 1], ['b', 2], ['', '']]);
  });

  it('stores numbers, booleans, strings and Dates, and null as blank', () => {
    const { sheet } = world();
    const d = new Date('2026-12-01T09:30:00Z');
    sheet.getRange('A1:E1').setValues([[1.5, true, 'text', d, null]]);
    const [[n, b, s, date, blank]] = sheet.getRange('A1:E1').getValues();
    expect([n, b, s, blank]).toEqual([1.5, true, 'text', '']);
    expect(date).toBeInstanceOf(Date);
    expect(date).not.toBe(d);
    expect(date.getTime()).toBe(d.getTime());
  });

  it('returns a new Date each time a date cell is read', () => {
    const { sheet } = world();
    sheet.getRange('A1').setValue(new Date('2026-12-01T00:00:00Z'));
    const a = sheet.getRange('A1').getValue() as Date;
    a.setUTCFullYear(2000);
    expect((sheet.getRange('A1').getValue() as Date).toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });

  it('sets one value into every cell of the range with setValue', () => {
    const { sheet } = world();
    sheet.getRange('A1:B2').setValue('x');
    expect(sheet.getRange('A1:B2').getValues()).toEqual([['x', 'x'], ['x', 'x']]);
  });

  it('refuses data with the wrong number of rows with the Apps Script message', () => {
    const { sheet } = world();
    const e = thrown(() => sheet.getRange('A1:B2').setValues([['a', 'b']]));
    expect(e.message).toBe('The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.');
  });

  it('refuses data with the wrong number of columns with the Apps Script message', () => {
    const { sheet } = world();
    const e = thrown(() => sheet.getRange('A1:D1').setValues([[1, 2, 3, 4, 5]]));
    expect(e.message).toBe('The number of columns in the data does not match the number of columns in the range. The data has 5 but the range has 4.');
    expect(sheet.getRange('A1:D1').getValues()).toEqual([['', '', '', '']]);
  });

  it('refuses a one-dimensional array with a signature error', () => {
    const { sheet } = world();
    const e = thrown(() => sheet.getRange('A1:C1').setValues([1, 2, 3] as unknown as unknown[][]));
    expect(e.message).toBe("The parameters (number[]) don't match the method signature for SpreadsheetApp.Range.setValues.");
  });

  it('rejects undefined and writes nothing of the block (atomic)', () => {
    const { sheet } = world();
    expect(() => sheet.getRange('A1:C1').setValues([['a', 'b', undefined]])).toThrow(/undefined/);
    expect(() => sheet.getRange('A1').setValue(undefined)).toThrow(/undefined/);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['', '', '']]);
  });

  it('accepts 50,000 characters in a cell and rejects 50,001 without writing the block', () => {
    const { sheet } = world();
    sheet.getRange('A1').setValue('x'.repeat(50000));
    expect((sheet.getRange('A1').getValue() as string).length).toBe(50000);
    const e = thrown(() => sheet.getRange('B1:C1').setValues([['ok', 'y'.repeat(50001)]]));
    expect(e.message).toBe('Your input contains more than the maximum of 50000 characters in a single cell.');
    expect(sheet.getRange('B1').getValue()).toBe('');
  });

  it('converts written strings as Sheets does (numbers, booleans, dates, times)', () => {
    const { sheet } = world();
    sheet.getRange('A1:H1').setValues([['42', '+1', '1,000', '50%', 'TRUE', '2026-12-01', '1/2', '9:00 AM']]);
    const [row] = sheet.getRange('A1:H1').getValues();
    expect(row.slice(0, 5)).toEqual([42, 1, 1000, 0.5, true]);
    expect((row[5] as Date).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect((row[6] as Date).toISOString()).toBe('2026-01-02T00:00:00.000Z');
    expect((row[7] as Date).toISOString()).toBe('1899-12-30T09:00:00.000Z');
  });

  it('keeps working hours, emails and zone names as text', () => {
    const { sheet } = world();
    const texts = [['09:00-17:00', 'Mon-Thu 08:30-16:00', 'alice@example.com', 'Europe/London']];
    sheet.getRange('A1:D1').setValues(texts);
    expect(sheet.getRange('A1:D1').getValues()).toEqual(texts);
  });

  it("keeps strings as written in plain text ('@') cells", () => {
    const { sheet } = world();
    const r = sheet.getRange('A1:D1');
    r.setNumberFormat('@');
    r.setValues([['9-17', '0042', '=1+1', 'TRUE']]);
    expect(r.getValues()).toEqual([['9-17', '0042', '=1+1', 'TRUE']]);
    expect(r.getFormulas()).toEqual([['', '', '', '']]);
  });

  it('leaves values already in a cell as they are when it becomes plain text', () => {
    const { sheet } = world();
    const r = sheet.getRange('A1:B1');
    r.setValues([['42', '2026-12-01']]);
    r.setNumberFormat('@');
    const [[n, d]] = r.getValues();
    expect(n).toBe(42);
    expect(d).toBeInstanceOf(Date);
    r.setValues([['42', '2026-12-01']]);
    expect(r.getValues()).toEqual([['42', '2026-12-01']]);
  });

  it('stores a string after an apostrophe as text without the apostrophe', () => {
    const { sheet } = world();
    sheet.getRange('A1:B1').setValues([["'42", "'=A1"]]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['42', '=A1']]);
    expect(sheet.getRange('A1:B1').getFormulas()).toEqual([['', '']]);
  });
});

describe('formulas', () => {
  it('keeps formulas for getFormulas but reads their (uncomputed) value as empty', () => {
    const { sheet } = world();
    sheet.getRange('A1:B1').setValues([[2, '=A1*2']]);
    expect(sheet.getRange('A1:B1').getFormulas()).toEqual([['', '=A1*2']]);
    expect(sheet.getRange('B1').getFormula()).toBe('=A1*2');
    expect(sheet.getRange('B1').getValue()).toBe('');
    expect(sheet.getRange('B1').getDisplayValue()).toBe('');
  });

  it('sets formulas with setFormula and setFormulas, and counts them as content', () => {
    const { sheet } = world();
    sheet.getRange('C3').setFormula('=NOW()');
    sheet.getRange('A1:B1').setFormulas([['=1', '=2']]);
    expect(sheet.getRange('A1:C3').getFormulas()).toEqual([['=1', '=2', ''], ['', '', ''], ['', '', '=NOW()']]);
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([3, 3]);
    expect(() => sheet.getRange('A1:B1').setFormulas([['=1']])).toThrow('The number of columns in the data does not match');
  });

  it('replaces a formula with a value and a value with a formula', () => {
    const { sheet } = world();
    const a1 = sheet.getRange('A1');
    a1.setFormula('=1+1');
    a1.setValue(5);
    expect([a1.getFormula(), a1.getValue()]).toEqual(['', 5]);
    a1.setValue('=2+2');
    expect([a1.getFormula(), a1.getValue()]).toEqual(['=2+2', '']);
  });
});

describe('number formats and display values', () => {
  it('reports "0.###############" for an unformatted cell and the format set otherwise', () => {
    const { sheet } = world();
    const r = sheet.getRange('A1:B1');
    expect(r.getNumberFormats()).toEqual([['0.###############', '0.###############']]);
    r.setNumberFormats([['@', '0.00']]);
    expect(r.getNumberFormats()).toEqual([['@', '0.00']]);
    expect(sheet.getRange('B1').getNumberFormat()).toBe('0.00');
  });

  it('shows values through their formats', () => {
    const { sheet } = world();
    const r = sheet.getRange('A1:H1');
    r.setNumberFormats([['General', '@', '0', '0.00', 'yyyy-mm-dd', 'HH:mm', 'M/d/yyyy', 'M/d/yyyy H:mm:ss']]);
    const d = new Date('2026-07-01T08:05:09Z'); // 09:05:09 BST
    r.setValues([[3.5, 42, 2.5, 3.14159, d, d, d, d]]);
    expect(r.getDisplayValues()).toEqual([['3.5', '42', '3', '3.14', '2026-07-01', '09:05', '7/1/2026', '7/1/2026 9:05:09']]);
    expect(r.getValues()[0].slice(0, 4)).toEqual([3.5, 42, 2.5, 3.14159]);
  });

  it('shows a Date written to an automatic cell as a date (midnight) or date-time', () => {
    const { sheet } = world({ timeZone: 'America/New_York' });
    sheet.getRange('A1:B1').setValues([[new Date('2026-12-01T05:00:00Z'), new Date('2026-12-01T15:30:00Z')]]);
    expect(sheet.getRange('A1:B1').getDisplayValues()).toEqual([['12/1/2026', '12/1/2026 10:30:00']]);
    expect(sheet.getRange('A1:B1').getNumberFormats()).toEqual([['M/d/yyyy', 'M/d/yyyy H:mm:ss']]);
  });

  it('shows booleans as TRUE/FALSE and typed input with the format Sheets infers', () => {
    const { sheet } = world();
    sheet.getRange('A1:F1').setValues([[true, false, '1,000', '50%', '$5', '2026-12-01']]);
    expect(sheet.getRange('A1:F1').getDisplayValues()).toEqual([['TRUE', 'FALSE', '1,000', '50%', '$5.00', '2026-12-01']]);
  });

  it('reads a number written to a date-formatted cell as a Date, and a Date under a numeric format as a number', () => {
    const { sheet } = world();
    sheet.getRange('A1').setNumberFormat('yyyy-mm-dd').setValue(46357);
    expect((sheet.getRange('A1').getValue() as Date).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    sheet.getRange('B1').setValue('2026-12-01');
    sheet.getRange('B1').setNumberFormat('0');
    expect(sheet.getRange('B1').getValue()).toBe(46357);
  });

  it('keeps a cleared date cell\'s format, so a number written later reads as a Date', () => {
    const { sheet } = world();
    const a1 = sheet.getRange('A1');
    a1.setValue('2026-12-01');
    a1.clearContent();
    a1.setValue(1);
    expect((a1.getValue() as Date).toISOString()).toBe('1899-12-31T00:00:00.000Z');
    a1.clearFormat();
    expect(a1.getValue()).toBe(1);
  });
});

describe('the spreadsheet time zone', () => {
  it('interprets typed dates in the spreadsheet zone, whatever the machine zone', () => {
    const tokyo = world({ timeZone: 'Asia/Tokyo' });
    tokyo.sheet.getRange('A1').setValue('2026-12-01 10:30');
    expect((tokyo.sheet.getRange('A1').getValue() as Date).toISOString()).toBe('2026-12-01T01:30:00.000Z');
    expect(tokyo.sheet.getRange('A1').getDisplayValue()).toBe('2026-12-01 10:30:00');
  });

  it('keeps the wall time of date cells when the zone changes (dates are serial numbers)', () => {
    const { ss, sheet } = world();
    sheet.getRange('A1').setValue('2026-12-01 10:30');
    ss.setSpreadsheetTimeZone('America/New_York');
    expect(ss.getSpreadsheetTimeZone()).toBe('America/New_York');
    expect((sheet.getRange('A1').getValue() as Date).toISOString()).toBe('2026-12-01T15:30:00.000Z');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('2026-12-01 10:30:00');
    expect(() => ss.setSpreadsheetTimeZone('Mars/Olympus')).toThrow();
  });
});

describe('last row and column', () => {
  it('are 0 for an empty sheet', () => {
    const { sheet } = world();
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
  });

  it('count values and formulas, not formats, notes or validation', () => {
    const { app, sheet } = world();
    sheet.getRange('A1:Z1000').setNumberFormat('@');
    sheet.getRange('J20').setNote('note');
    sheet.getRange('K30').setDataValidation(app.newDataValidation().requireValueInList(['a']).build());
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
    sheet.getRange('C4').setValue('x');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([4, 3]);
    sheet.getRange('C4').setValue('');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
  });
});

describe('inserting and deleting rows and columns', () => {
  function filled() {
    const w = world();
    w.sheet.getRange('A1:A4').setValues([['r1'], ['r2'], ['r3'], ['r4']]);
    return w;
  }
  const column = (s: FakeSheet, n = 6) => s.getRange(1, 1, n, 1).getValues().map((r) => r[0]);

  it('insertRowsAfter moves the rows below down and grows the sheet', () => {
    const { sheet } = filled();
    sheet.insertRowsAfter(2, 2);
    expect(column(sheet)).toEqual(['r1', 'r2', '', '', 'r3', 'r4']);
    expect(sheet.getMaxRows()).toBe(1002);
  });

  it('insertRowsBefore, insertRowBefore, insertRowAfter and insertRows', () => {
    const { sheet } = filled();
    sheet.insertRowsBefore(1, 1);
    sheet.insertRowAfter(2);
    sheet.insertRows(5);
    sheet.insertRowBefore(1);
    expect(column(sheet, 8)).toEqual(['', '', 'r1', '', 'r2', '', 'r3', 'r4']);
    expect(sheet.getMaxRows()).toBe(1004);
  });

  it('deleteRows moves the rows below up and shrinks the sheet', () => {
    const { sheet } = filled();
    sheet.deleteRows(2, 2);
    sheet.deleteRow(1);
    expect(column(sheet, 3)).toEqual(['r4', '', '']);
    expect(sheet.getMaxRows()).toBe(997);
  });

  it('grows the sheet at its end with insertRowsAfter / insertColumnsAfter the last one', () => {
    const { sheet } = world();
    sheet.insertRowsAfter(1000, 5);
    sheet.insertColumnsAfter(26, 3);
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1005, 29]);
    expect(sheet.getRange(1005, 29).getA1Notation()).toBe('AC1005');
  });

  it('inserts and deletes many rows at once', () => {
    const { sheet } = filled();
    sheet.insertRowsAfter(1, 200000);
    expect(sheet.getMaxRows()).toBe(201000);
    expect(sheet.getRange(200002, 1).getValue()).toBe('r2');
    sheet.deleteRows(2, 200000);
    expect(column(sheet, 3)).toEqual(['r1', 'r2', 'r3']);
  });

  it('refuses rows out of bounds and deleting every non-frozen row', () => {
    const { sheet } = filled();
    expect(() => sheet.deleteRows(1000, 2)).toThrow('Those rows are out of bounds.');
    expect(() => sheet.insertRowsAfter(1001, 1)).toThrow('Those rows are out of bounds.');
    expect(() => sheet.deleteRows(1, 1000)).toThrow('Sorry, it is not possible to delete all non-frozen rows.');
    sheet.setFrozenRows(1);
    expect(() => sheet.deleteRows(2, 999)).toThrow('Sorry, it is not possible to delete all non-frozen rows.');
    sheet.deleteRows(2, 998);
    expect(sheet.getMaxRows()).toBe(2);
  });

  it('inserts and deletes columns, moving data and refusing out of bounds', () => {
    const { sheet } = world();
    sheet.getRange('A1:C1').setValues([['a', 'b', 'c']]);
    sheet.insertColumnsAfter(1, 2);
    expect(sheet.getRange('A1:E1').getValues()).toEqual([['a', '', '', 'b', 'c']]);
    expect(sheet.getMaxColumns()).toBe(28);
    sheet.deleteColumns(2, 2);
    sheet.insertColumnBefore(1);
    sheet.insertColumns(1, 1);
    sheet.insertColumnAfter(3);
    sheet.deleteColumn(1);
    expect(sheet.getRange('A1:E1').getValues()).toEqual([['', 'a', '', 'b', 'c']]);
    expect(() => sheet.deleteColumns(28, 2)).toThrow('Those columns are out of bounds.');
    expect(() => sheet.deleteColumns(1, sheet.getMaxColumns())).toThrow('Sorry, it is not possible to delete all non-frozen columns.');
  });

  it('moves formats, notes and validation with their cells', () => {
    const { app, sheet } = world();
    sheet.getRange('A2').setNote('n').setNumberFormat('@').setDataValidation(app.newDataValidation().requireTextIsEmail().build());
    sheet.insertRowsBefore(1, 1);
    const a3 = sheet.getRange('A3');
    expect([a3.getNote(), a3.getNumberFormat(), a3.getDataValidation()?.getCriteriaType()]).toEqual(['n', '@', 'TEXT_IS_VALID_EMAIL']);
    expect(sheet.getRange('A2').getNote()).toBe('');
  });

  it('leaves existing Range objects at their coordinates', () => {
    const { sheet } = filled();
    const r = sheet.getRange('A2');
    sheet.insertRowsBefore(1, 1);
    expect(r.getValue()).toBe('r1');
  });
});

describe('appendRow', () => {
  it('writes after the last row with content, converting strings', () => {
    const { sheet } = world();
    sheet.getRange('B3').setValue('x');
    sheet.appendRow(['a', '42', '=B3']);
    expect(sheet.getRange('A4:C4').getValues()).toEqual([['a', 42, '']]);
    expect(sheet.getRange('C4').getFormula()).toBe('=B3');
    expect(sheet.getLastRow()).toBe(4);
  });

  it('grows a full sheet by one row (and by columns for a longer row)', () => {
    const { sheet } = world();
    sheet.deleteRows(3, 998);
    sheet.getRange('A1:A2').setValues([['h'], ['r']]);
    sheet.appendRow(new Array(30).fill('v'));
    expect(sheet.getMaxRows()).toBe(3);
    expect(sheet.getMaxColumns()).toBe(30);
    expect(sheet.getRange(3, 30).getValue()).toBe('v');
  });

  it('writes nothing when a value is rejected', () => {
    const { sheet } = world();
    expect(() => sheet.appendRow(['a', undefined])).toThrow(/undefined/);
    expect(sheet.getLastRow()).toBe(0);
  });
});

describe('clearing', () => {
  function decorated() {
    const w = world();
    const r = w.sheet.getRange('A1:B1');
    r.setValues([['x', '=1']]).setNumberFormat('@').setNotes([['n1', 'n2']]).setFontWeight('bold').setBackground('#eeeeee');
    r.setDataValidation(w.app.newDataValidation().requireValueInList(['x']).build());
    return { ...w, r };
  }

  it('clearContent and clearContents remove values and formulas only', () => {
    const { sheet, r } = decorated();
    r.clearContent();
    expect(r.getValues()).toEqual([['', '']]);
    expect(r.getFormulas()).toEqual([['', '']]);
    expect(r.getNumberFormats()).toEqual([['@', '@']]);
    expect(r.getNotes()).toEqual([['n1', 'n2']]);
    expect(r.getDataValidation()).not.toBeNull();
    r.setValue('y');
    sheet.clearContents();
    expect(r.getValues()).toEqual([['', '']]);
    expect(r.getFontWeight()).toBe('bold');
  });

  it('clear removes values, formats, notes and validation', () => {
    const { r } = decorated();
    r.clear();
    expect(r.getValues()).toEqual([['', '']]);
    expect(r.getNumberFormat()).toBe('0.###############');
    expect(r.getNotes()).toEqual([['', '']]);
    expect(r.getDataValidations()).toEqual([[null, null]]);
    expect([r.getFontWeight(), r.getBackground()]).toEqual(['normal', '#ffffff']);
  });

  it('clear with contentsOnly keeps formats; Sheet.clear clears everything', () => {
    const { sheet, r } = decorated();
    r.clear({ contentsOnly: true });
    expect([r.getValue(), r.getNumberFormat()]).toEqual(['', '@']);
    r.setValue('again');
    sheet.clear();
    expect([r.getValue(), r.getNumberFormat(), r.getNote()]).toEqual(['', '0.###############', '']);
    expect(sheet.getRange('A1:Z1000').getDataValidations().flat().every((v) => v === null)).toBe(true);
  });

  it('clearNote and clearFormat', () => {
    const { r } = decorated();
    r.clearNote();
    r.clearFormat();
    expect(r.getNotes()).toEqual([['', '']]);
    expect(r.getNumberFormat()).toBe('0.###############');
    expect(r.getValue()).toBe('x');
  });
});

describe('notes and styles', () => {
  it('sets, reads and removes notes', () => {
    const { sheet } = world();
    const r = sheet.getRange('A1:B2');
    r.setNote('same');
    expect(r.getNotes()).toEqual([['same', 'same'], ['same', 'same']]);
    r.setNotes([['a', null], ['', 'd']]);
    expect(r.getNotes()).toEqual([['a', ''], ['', 'd']]);
    expect(r.getNote()).toBe('a');
    r.setNote(null);
    expect(r.getNotes()).toEqual([['', ''], ['', '']]);
    expect(() => r.setNotes([['x'], ['y']])).toThrow('The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.');
  });

  it('stores font weight, background, alignment and wrap per cell', () => {
    const { sheet } = world();
    const r = sheet.getRange('A1:B1');
    r.setFontWeight('bold').setBackground('#d9ead3').setHorizontalAlignment('center').setWrap(true);
    expect(r.peekStyles()).toEqual([
      [
        { fontWeight: 'bold', background: '#d9ead3', align: 'center', wrap: true },
        { fontWeight: 'bold', background: '#d9ead3', align: 'center', wrap: true },
      ],
    ]);
    r.setFontWeight(null).setBackground(null);
    expect([r.getFontWeight(), r.getBackground()]).toEqual(['normal', '#ffffff']);
  });
});

describe('data validation', () => {
  it('builds a list rule with dropdown, allow-invalid and help text', () => {
    const { app } = world();
    const rule = app
      .newDataValidation()
      .requireValueInList(['Active', 'Paused', 'Left'], true)
      .setAllowInvalid(false)
      .setHelpText('Active (or blank), Paused or Left.')
      .build();
    expect(rule.getCriteriaType()).toBe(app.DataValidationCriteria.VALUE_IN_LIST);
    expect(rule.getCriteriaValues()).toEqual([['Active', 'Paused', 'Left'], true]);
    expect(rule.getAllowInvalid()).toBe(false);
    expect(rule.getHelpText()).toBe('Active (or blank), Paused or Left.');
  });

  it('allows invalid input by default and has no help text until set', () => {
    const { app } = world();
    const builder = app.newDataValidation().requireValueInList(['a']);
    expect(builder.getAllowInvalid()).toBe(true);
    expect(builder.getHelpText()).toBeNull();
    expect(builder.build().getHelpText()).toBeNull();
    expect(() => app.newDataValidation().build()).toThrow();
  });

  it('stores the rule on every cell and reads it back as new objects', () => {
    const { app, sheet } = world();
    const rule = app.newDataValidation().requireValueInList(['a', 'b']).build();
    const r = sheet.getRange('B2:B3');
    r.setDataValidation(rule);
    const rules = sheet.getRange('A2:B3').getDataValidations();
    expect(rules[0][0]).toBeNull();
    expect(rules[1][1]).toBeInstanceOf(FakeDataValidation);
    expect(rules[1][1]!.getCriteriaValues()).toEqual([['a', 'b'], true]);
    expect(r.getDataValidation()).not.toBe(r.getDataValidation());
    // The values handed out are copies.
    (r.getDataValidation()!.getCriteriaValues()[0] as string[]).push('z');
    expect(r.getDataValidation()!.getCriteriaValues()[0]).toEqual(['a', 'b']);
  });

  it('sets rules per cell, removes them with null or clearDataValidations', () => {
    const { app, sheet } = world();
    const email = app.newDataValidation().requireTextIsEmail().build();
    const r = sheet.getRange('A1:B1');
    r.setDataValidations([[email, null]]);
    expect(r.getDataValidations().map((row) => row.map((v) => v?.getCriteriaType() ?? null))).toEqual([['TEXT_IS_VALID_EMAIL', null]]);
    r.setDataValidation(null);
    expect(r.getDataValidation()).toBeNull();
    r.setDataValidation(email);
    r.clearDataValidations();
    expect(r.getDataValidations()).toEqual([[null, null]]);
    expect(() => r.setDataValidation({} as unknown as FakeDataValidation)).toThrow("don't match the method signature");
  });

  it('copies a rule into a new builder and supports other criteria', () => {
    const { app } = world();
    const rule = app.newDataValidation().requireNumberBetween(1, 5).setHelpText('1 to 5').build();
    const changed = rule.copy().setAllowInvalid(false).build();
    expect([changed.getCriteriaType(), changed.getCriteriaValues(), changed.getHelpText(), changed.getAllowInvalid()]).toEqual([
      'NUMBER_BETWEEN', [1, 5], '1 to 5', false,
    ]);
    expect(rule.getAllowInvalid()).toBe(true);
    const custom = app.newDataValidation().withCriteria(app.DataValidationCriteria.CHECKBOX, []).build();
    expect(custom.getCriteriaType()).toBe('CHECKBOX');
    expect(app.newDataValidation().requireCheckbox('yes', 'no').getCriteriaValues()).toEqual(['yes', 'no']);
  });
});

describe('protection', () => {
  it('protects a sheet once: protect() again returns the existing protection', () => {
    const { app, sheet } = world();
    const p = sheet.protect().setDescription('Generated by the add-on').setWarningOnly(true);
    const again = sheet.protect();
    expect(again.getDescription()).toBe('Generated by the add-on');
    expect(again.isWarningOnly()).toBe(true);
    expect(sheet.getProtections(app.ProtectionType.SHEET)).toHaveLength(1);
    expect(p.getProtectionType()).toBe(app.ProtectionType.SHEET);
    expect(p.getRange().getA1Notation()).toBe('A1:Z1000');
    expect(p.canEdit()).toBe(true);
  });

  it('protects ranges, each call a new overlapping protection', () => {
    const { app, ss, sheet } = world();
    sheet.getRange('A1:C1').protect().setDescription('header');
    sheet.getRange('A1:B1').protect();
    const ranges = sheet.getProtections(app.ProtectionType.RANGE);
    expect(ranges.map((p) => [p.getRange().getA1Notation(), p.getDescription(), p.isWarningOnly()])).toEqual([
      ['A1:C1', 'header', false],
      ['A1:B1', '', false],
    ]);
    expect(ranges[0].getProtectionType()).toBe(app.ProtectionType.RANGE);
    expect(sheet.getProtections(app.ProtectionType.SHEET)).toEqual([]);
    expect(ss.getProtections(app.ProtectionType.RANGE)).toHaveLength(2);
  });

  it('lists protections of every sheet on the spreadsheet and removes them', () => {
    const { app, ss, sheet } = world();
    ss.insertSheet('Rotations').protect();
    sheet.protect();
    const all = ss.getProtections(app.ProtectionType.SHEET);
    expect(all.map((p) => p.getRange().getSheet().getName())).toEqual(['Sheet1', 'Rotations']);
    all[0].remove();
    expect(ss.getProtections(app.ProtectionType.SHEET)).toHaveLength(1);
    expect(() => all[0].getDescription()).toThrow();
  });

  it('moves and stretches protected ranges with inserted and deleted rows', () => {
    const { app, sheet } = world();
    sheet.getRange('A5:B6').protect();
    sheet.insertRowsBefore(1, 2);
    sheet.insertRowsAfter(7, 1);
    const [p] = sheet.getProtections(app.ProtectionType.RANGE);
    expect(p.getRange().getA1Notation()).toBe('A7:B9');
    sheet.deleteRows(6, 3);
    expect(p.getRange().getA1Notation()).toBe('A6:B6');
    sheet.deleteRows(6, 1);
    expect(sheet.getProtections(app.ProtectionType.RANGE)).toEqual([]);
  });
});

describe('SpreadsheetApp', () => {
  it('returns the active spreadsheet, its active sheet and the Ui', () => {
    const { app, ss, ui, sheet } = world();
    expect(app.getActiveSpreadsheet()).toBe(ss);
    expect(app.getActive()).toBe(ss);
    expect(app.getActiveSheet()).toBe(sheet);
    expect(app.getUi()).toBe(ui);
    app.flush();
  });

  it('exposes ProtectionType and DataValidationCriteria whose values print as their names', () => {
    const { app } = world();
    expect(String(app.ProtectionType.SHEET)).toBe('SHEET');
    expect(String(app.ProtectionType.RANGE)).toBe('RANGE');
    expect(String(app.DataValidationCriteria.VALUE_IN_LIST)).toBe('VALUE_IN_LIST');
    expect(Object.isFrozen(app.ProtectionType)).toBe(true);
  });

  it('selects A1 of the active sheet until a range or sheet is activated', () => {
    const { app, ss, sheet } = world();
    expect(app.getActiveRange().getA1Notation()).toBe('A1');
    const roster = ss.insertSheet('Roster');
    const row = roster.getRange('A5:H5');
    expect(app.setActiveRange(row)).toBe(row);
    expect(app.getActiveRange().getA1Notation()).toBe('A5:H5');
    expect(ss.getActiveRange()!.getSheet()).toBe(roster);
    sheet.getRange('B2').activate();
    expect(app.getActiveSheet()).toBe(sheet);
    expect(app.getActiveRange().getA1Notation()).toBe('B2');
    app.setActiveSheet(roster);
    expect(app.getActiveRange().getA1Notation()).toBe('A1');
    expect(sheet.activate()).toBe(sheet);
    expect(ss.getActiveSheet()).toBe(sheet);
  });
});

describe('the call ledger', () => {
  it('counts one call per method, by kind, for a typical block read and write', () => {
    const { app, ss, ledger } = world();
    ss.insertSheet('Roster');
    ledger.reset();

    const sheet = app.getActiveSpreadsheet().getSheetByName('Roster')!;
    const header = sheet.getRange(1, 1, 1, 3);
    header.setNumberFormat('@');
    header.setValues([['Name', 'Email', 'Team']]);
    const width = sheet.getLastColumn();
    const rows = sheet.getRange(1, 1, 2, width).getValues();
    sheet.getRange(2, 1, 1, width).setValue('x'); // one call, not one per cell

    expect(rows).toHaveLength(2);
    expect(ledger.snapshot()).toEqual({
      'Range.getValues': 1,
      'Range.setNumberFormat': 1,
      'Range.setValue': 1,
      'Range.setValues': 1,
      'Sheet.getLastColumn': 1,
      'Sheet.getRange': 3,
      'Spreadsheet.getSheetByName': 1,
      'SpreadsheetApp.getActiveSpreadsheet': 1,
    });
    expect(ledger.count()).toBe(10);
    expect(ledger.count('Range.*')).toBe(4);
  });

  it('does not record internal work or snapshots', () => {
    const { ss, sheet, ledger } = world();
    ledger.reset();
    sheet.appendRow(['a', 'b']);
    ss.toJSON();
    expect(ledger.snapshot()).toEqual({ 'Sheet.appendRow': 1 });
  });

  it('makes the k-th call throw with nothing written by it (failAt)', () => {
    const { app, sheet, ledger } = world();
    sheet.getRange('A1').setValue('before');
    ledger.failAt(3); // 1: getActiveSheet, 2: getRange, 3: setValues
    const active = app.getActiveSheet();
    const range = active.getRange('A1:B1');
    expect(() => range.setValues([['after', 'x']])).toThrow(InjectedFault);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['before', '']]);
    range.setValues([['after', 'x']]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['after', 'x']]);
  });

  it('can fail the first call of one kind (failAt with kind)', () => {
    const { sheet, ledger } = world();
    ledger.failAt(1, { kind: 'Sheet.appendRow' });
    sheet.getRange('A1').setValue('header');
    expect(() => sheet.appendRow(['row'])).toThrow('Injected fault');
    expect(sheet.getLastRow()).toBe(1);
    sheet.appendRow(['row']);
    expect(sheet.getLastRow()).toBe(2);
  });

  it('refuses every spreadsheet call while the ledger is restricted (AuthMode.NONE)', () => {
    const { app, ledger } = world();
    ledger.restrict((kind) => kind === 'SpreadsheetApp.getUi');
    expect(() => app.getActiveSpreadsheet()).toThrow('You do not have permission to call SpreadsheetApp.getActiveSpreadsheet');
    expect(() => app.getUi()).not.toThrow();
  });
});

describe('snapshots', () => {
  function populated(): World {
    const w = world();
    const { ss, sheet, app } = w;
    const roster = ss.insertSheet('Roster', 0);
    roster.getRange('A1:D1').setNumberFormat('@').setValues([['Name', 'Joined', 'At', 'Ok']]);
    roster.getRange('A2:D2').setValues([['Ann', '2026-12-01', new Date('2026-07-01T09:30:00.123Z'), true]]);
    roster.getRange('E2').setFormula('=A2');
    roster.getRange('A1').setNote('Who').setFontWeight('bold');
    roster.getRange('D2:D5').setDataValidation(app.newDataValidation().requireValueInList(['TRUE', 'FALSE']).setHelpText('h').build());
    roster.setFrozenRows(1);
    roster.setColumnWidth(2, 180);
    roster.getRange('A1:D1').protect().setDescription('header').setWarningOnly(true);
    sheet.protect();
    sheet.hideSheet();
    ss.setActiveSheet(roster);
    return w;
  }

  function hasDate(x: unknown): boolean {
    if (x instanceof Date) return true;
    if (Array.isArray(x)) return x.some(hasDate);
    if (x && typeof x === 'object') return Object.values(x).some(hasDate);
    return false;
  }

  it('is JSON-safe: plain data, Dates as { $date: iso }', () => {
    const snap = populated().ss.toJSON();
    expect(hasDate(snap)).toBe(false);
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    const roster = snap.sheets.find((s) => s.name === 'Roster')!;
    expect(roster.cells.find(([r, c]) => r === 2 && c === 3)![2].v).toEqual({ $date: '2026-07-01T09:30:00.123Z' });
  });

  it('round-trips exactly through fromJSON', () => {
    const { ss, ctx } = populated();
    const snap = ss.toJSON();
    const loaded = FakeSpreadsheet.fromJSON(ctx, JSON.parse(JSON.stringify(snap)) as SpreadsheetSnapshot);
    expect(loaded.toJSON()).toEqual(snap);
    const roster = loaded.getSheetByName('Roster')!;
    expect(loaded.getActiveSheet()).toBe(roster);
    expect(roster.getRange('A2:D2').getValues()).toEqual(ss.getSheetByName('Roster')!.getRange('A2:D2').getValues());
    expect((roster.getRange('C2').getValue() as Date).toISOString()).toBe('2026-07-01T09:30:00.123Z');
    expect(roster.getRange('E2').getFormula()).toBe('=A2');
    expect(roster.getRange('D5').getDataValidation()!.getHelpText()).toBe('h');
    expect(loaded.getSheetByName('Sheet1')!.isSheetHidden()).toBe(true);
    // Sheet ids keep coming from the same sequence after a reload.
    expect(loaded.insertSheet().getSheetId()).toBe(ss.insertSheet().getSheetId());
  });

  it('round-trips any block of values exactly (property)', () => {
    const value = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.array(fc.array(value, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 4 }), fc.boolean(), (rows, text) => {
        const { ss, sheet, ctx } = world();
        const r = sheet.getRange(2, 2, rows.length, 3);
        if (text) r.setNumberFormat('@');
        r.setValues(rows);
        const snap = ss.toJSON();
        const loaded = FakeSpreadsheet.fromJSON(ctx, JSON.parse(JSON.stringify(snap)) as SpreadsheetSnapshot);
        expect(loaded.toJSON()).toEqual(snap);
        expect(loaded.getSheets()[0].getRange(2, 2, rows.length, 3).getValues()).toEqual(r.getValues());
      }),
      { numRuns: 60 },
    );
  });
});

describe('another realm (the bundle runs in node:vm)', () => {
  it('hands out arrays, Dates and errors of the realm it is given', () => {
    const { ss, sheet } = world();
    const realm = vm.runInNewContext('({ Date, Array, Error })') as { Date: DateConstructor; Array: ArrayConstructor; Error: ErrorConstructor };
    ss.useRealm(realm);
    sheet.getRange('A1:B1').setValues([[vm.runInNewContext('new Date(0)'), 'x']]);
    const values = sheet.getRange('A1:B1').getValues();
    expect(values instanceof realm.Array).toBe(true);
    expect(values[0] instanceof realm.Array).toBe(true);
    expect(values[0][0] instanceof realm.Date).toBe(true);
    expect((values[0][0] as Date).getTime()).toBe(0);
    const e = thrown(() => sheet.getRange(0, 1));
    expect(e instanceof realm.Error).toBe(true);
    expect(e.name).toBe('Exception');
  });
});
