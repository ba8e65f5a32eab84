// Set-up and the first screen's state, against the emulated Workspace: what they write, what they
// cost in service calls, and that a failure anywhere followed by a re-run loses nothing.
import { getState } from '../../src/app/state';
import { setUp } from '../../src/app/setup';
import { ROSTER } from '../../src/core/schema';
import { execution, rosterRows, useWorkspace, writeSheet } from '../support/workspace';

const CANONICAL = ROSTER.columns.map((c) => c.header);

describe('getState', () => {
  it('describes a new spreadsheet as not set up', () => {
    useWorkspace({ spreadsheetName: 'Q1 coaching', timeZone: 'America/New_York' });
    expect(getState()).toEqual({
      spreadsheetName: 'Q1 coaching',
      timeZone: 'America/New_York',
      sheets: [{ name: 'Sheet1', lastRow: 0, lastColumn: 0 }],
      setUp: false,
      missingSheets: ['Roster'],
      missingColumns: CANONICAL,
    });
  });

  it('names the Roster columns that are missing', () => {
    const ws = useWorkspace();
    writeSheet(ws, 'Roster', rosterRows(3));
    const state = getState();
    expect(state.missingSheets).toEqual([]);
    expect(state.missingColumns).toEqual(['Avoid pairing with', 'Working hours', 'Notes']);
    expect(state.setUp).toBe(false);
  });
});

describe('setUp', () => {
  it('creates the Roster first, with canonical headers, notes, a frozen row, a Status dropdown and text columns', () => {
    const ws = useWorkspace();
    const result = execution(ws, setUp);
    expect(result.createdSheets).toEqual(['Roster']);
    expect(result.message).toBe('Roster sheet created with its headers.');
    expect(result.state.setUp).toBe(true);
    const ss = ws.globals.SpreadsheetApp.getActiveSpreadsheet();
    const roster = ss.getSheets()[0];
    expect(roster.getName()).toBe('Roster');
    expect(roster.getRange(1, 1, 1, 8).getValues()[0]).toEqual(CANONICAL);
    expect(roster.getRange(1, 1, 1, 8).getNotes()[0]).toEqual(ROSTER.columns.map((c) => c.note));
    expect(roster.getFrozenRows()).toBe(1);
    const status = roster.getRange(2, 5).getDataValidation();
    expect(status?.getCriteriaValues()[0]).toEqual(['Active', 'Paused', 'Left']);
    expect(roster.getRange(500, 7).getNumberFormat()).toBe('@');
    roster.getRange(2, 7).setValue('9-17');
    expect(roster.getRange(2, 7).getValue()).toBe('9-17'); // would be a date without the text format
  });

  it('repairs a roster without moving or losing anyone', () => {
    const ws = useWorkspace();
    const rows = rosterRows(12, ['Email', 'Shoe size', 'name', 'Status']);
    const sheet = writeSheet(ws, 'Roster', rows);
    const result = execution(ws, setUp);
    expect(result.createdSheets).toEqual([]);
    expect(result.addedColumns).toEqual(['Team', 'Time zone', 'Avoid pairing with', 'Working hours', 'Notes']);
    expect(result.message).toBe('Roster repaired: added Team, Time zone, Avoid pairing with, Working hours, Notes.');
    const values = sheet.getRange(1, 1, 13, 9).getValues();
    expect(values[0]).toEqual(['Email', 'Shoe size', 'name', 'Status', 'Team', 'Time zone', 'Avoid pairing with', 'Working hours', 'Notes']);
    expect(values.slice(1).map((r) => r.slice(0, 4))).toEqual(rows.slice(1));
    expect(values.slice(1).every((r) => r.slice(4).every((v) => v === ''))).toBe(true);
  });

  it('grows a full-width sheet to fit the missing columns', () => {
    const ws = useWorkspace();
    const ss = ws.globals.SpreadsheetApp.getActiveSpreadsheet();
    const sheet = ss.insertSheet('Roster');
    sheet.deleteColumns(4, sheet.getMaxColumns() - 3);
    sheet.getRange(1, 1, 1, 3).setValues([['Name', 'Email', 'Team']]);
    execution(ws, setUp);
    expect(sheet.getMaxColumns()).toBe(8);
    expect(sheet.getRange(1, 1, 1, 8).getValues()[0]).toEqual(CANONICAL);
  });

  it('changes nothing when run again', () => {
    const ws = useWorkspace();
    execution(ws, setUp);
    const before = ws.snapshot();
    const again = execution(ws, setUp);
    expect(again.message).toBe('Roster already set up; nothing to change.');
    expect(ws.snapshot()).toEqual(before);
  });

  it('refuses with a clear message, writing nothing, while another execution holds the document lock', () => {
    const ws = useWorkspace();
    writeSheet(ws, 'Roster', rosterRows(3));
    const before = ws.snapshot();
    ws.otherExecution.holdDocumentLock();
    expect(() => execution(ws, setUp)).toThrow('Another change to this program is running');
    expect(ws.snapshot()).toEqual(before);
    ws.otherExecution.releaseDocumentLock();
    expect(execution(ws, setUp).state.setUp).toBe(true);
  });

  it.each([10, 500])('costs the same number of service calls for %i people', (n) => {
    const ws = useWorkspace();
    writeSheet(ws, 'Roster', rosterRows(n));
    execution(ws, setUp);
    // Reads and writes are whole blocks: the count does not grow with the roster.
    expect(ws.ledger.count('Range.getValues')).toBe(0);
    expect(ws.ledger.count('Range.getDisplayValues')).toBe(2); // header read by setUp, then by getState
    expect(ws.ledger.count('Range.setValues')).toBe(1);
    expect(ws.ledger.count()).toBe(COST_OF_SETUP_ON_A_PARTIAL_ROSTER);
  });

  it('after a failure at any call, a re-run ends exactly as a clean run and loses no one', () => {
    const clean = useWorkspace({ uuid: () => 'id' });
    writeSheet(clean, 'Roster', rosterRows(12));
    execution(clean, setUp);
    const expected = clean.snapshot();
    const calls = COST_OF_SETUP_ON_A_PARTIAL_ROSTER;
    for (let k = 1; k <= calls; k++) {
      const ws = useWorkspace({ uuid: () => 'id' });
      writeSheet(ws, 'Roster', rosterRows(12));
      ws.ledger.failAt(k);
      expect(() => execution(ws, setUp)).toThrow(/Injected fault/);
      ws.ledger.clearFaults();
      execution(ws, setUp);
      expect(ws.snapshot()).toEqual(expected);
    }
  });
});

/** Measured once and pinned: a change in this number is a change in cost to look at. */
const COST_OF_SETUP_ON_A_PARTIAL_ROSTER = 56;
