// The roster check and row selection against the emulated Workspace: problems by row, counts,
// tampered arguments refused, one block read whatever the roster's size.
import { checkRoster, selectRosterRow } from '../../src/app/roster';
import { rosterRows, useWorkspace, writeSheet } from '../support/workspace';

describe('checkRoster', () => {
  it('asks for set-up when there is no Roster sheet', () => {
    useWorkspace();
    expect(() => checkRoster()).toThrow('There is no Roster sheet yet. Click "Set up this spreadsheet" first.');
  });

  it('reports each problem with its spreadsheet row and fix, and counts statuses', () => {
    const ws = useWorkspace();
    const rows = rosterRows(8);
    rows[3][1] = rows[1][1].toUpperCase(); // row 4 repeats row 2's email
    rows[5][0] = ''; // row 6 has no name
    rows[6][3] = 'Mars/Olympus'; // row 7's zone is unknown
    writeSheet(ws, 'Roster', rows);
    const report = checkRoster();
    expect(report.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [4, 'Email', 'duplicate email m1@example.com (also row 2)'],
      [6, 'Name', 'blank name'],
      [7, 'Time zone', 'unknown time zone "Mars/Olympus"'],
    ]);
    for (const p of report.problems) expect(p.fix).not.toBe('');
    expect(report.counts).toEqual({ active: 4, paused: 1, left: 0 }); // rows 4, 6 and 7 are left out
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('reports a date that Sheets made of typed working hours', () => {
    const ws = useWorkspace();
    const rows = rosterRows(2, ['Name', 'Email', 'Working hours']);
    rows[1][2] = '09:00-17:00';
    const sheet = writeSheet(ws, 'Roster', rows);
    sheet.getRange(3, 3).setNumberFormat('General').setValue('9-17'); // no text format: Sheets makes a date
    expect(sheet.getRange(3, 3).getValue()).toBeInstanceOf(Date);
    expect(checkRoster().problems).toEqual([
      expect.objectContaining({ row: 3, column: 'Working hours', message: 'Working hours is a date, not text' }),
    ]);
  });

  it.each([10, 500])('reads the roster in one block for %i people', (n) => {
    const ws = useWorkspace();
    writeSheet(ws, 'Roster', rosterRows(n));
    checkRoster();
    expect(ws.ledger.count('Range.getValues')).toBe(1);
    expect(ws.ledger.count()).toBe(4); // getActiveSpreadsheet, getSheetByName, getDataRange, getValues
  });
});

describe('selectRosterRow', () => {
  it('selects the whole used width of the row', () => {
    const ws = useWorkspace();
    writeSheet(ws, 'Roster', rosterRows(5));
    selectRosterRow(4);
    const range = ws.globals.SpreadsheetApp.getActiveRange();
    expect(range?.getSheet().getName()).toBe('Roster');
    expect(range?.getA1Notation()).toBe('A4:E4');
  });

  it.each([['4'], [2.5], [0], [-1], [null], [{ row: 4 }], [[4]], [Number.NaN], [100000]])(
    'refuses %p with a message and selects nothing',
    (bad) => {
      const ws = useWorkspace();
      writeSheet(ws, 'Roster', rosterRows(5));
      const before = ws.globals.SpreadsheetApp.getActiveRange()?.getA1Notation();
      expect(() => selectRosterRow(bad)).toThrow(/Choose a row number from the list|past the end of the Roster sheet/);
      expect(ws.globals.SpreadsheetApp.getActiveRange()?.getA1Notation()).toBe(before);
    },
  );
});
