// The Log sheet: created hidden and protected on the first write without taking the owner's tab,
// appended in one block, capped keeping the newest, text kept as text, read back newest first.
import { readLatestLog, writeLog } from '../../src/app/log';
import { setUp } from '../../src/app/setup';
import type { LogEntry } from '../../src/core/log';
import { execution, useWorkspace } from '../support/workspace';

const entry = (i: number, detail = `detail ${i}`): LogEntry => ({ when: new Date(Date.UTC(2027, 0, 5, 9, i)).toISOString(), action: 'plan-next', outcome: 'ok', detail });

describe('writeLog', () => {
  it('creates the Log hidden and protected at the end, and leaves the owner on their sheet', () => {
    const ws = useWorkspace();
    execution(ws, setUp);
    const ss = ws.globals.SpreadsheetApp.getActiveSpreadsheet();
    ss.setActiveSheet(ss.getSheetByName('Feedback')!);
    execution(ws, () => writeLog([entry(1)]));
    const log = ss.getSheetByName('Log')!;
    expect(log.isSheetHidden()).toBe(true);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Roster', 'Rotations', 'Feedback', 'Dashboard', 'Prompts', 'Sheet1', 'Log']);
    expect(ss.getActiveSheet().getName()).toBe('Feedback');
    expect(log.getProtections(ws.globals.SpreadsheetApp.ProtectionType.SHEET)).toHaveLength(1);
    expect(log.getDataRange().getDisplayValues()).toEqual([
      ['When', 'Action', 'Outcome', 'Detail'],
      ['2027-01-05 09:01', 'plan-next', 'ok', 'detail 1'],
    ]);
  });

  it('appends in one block, at a constant cost, and keeps formula-like text as text', () => {
    const ws = useWorkspace();
    execution(ws, () => writeLog([entry(1)]));
    ws.ledger.reset();
    execution(ws, () => writeLog([entry(2, '=HYPERLINK("http://x")'), entry(3, '+1 and\nanother line')]));
    expect(ws.ledger.count('Range.setValues')).toBe(1);
    expect(ws.ledger.count()).toBe(6); // getActiveSpreadsheet, getSheetByName, getLastRow, getMaxRows, getRange, setValues
    const shown = ws.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Log')!.getDataRange().getDisplayValues();
    expect(shown.slice(2).map((r) => r[3])).toEqual(['=HYPERLINK("http://x")', '+1 and · another line']);
    expect(ws.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Log')!.getRange(3, 4).getFormula()).toBe('');
  });

  it('keeps the newest rows past the cap, in order', () => {
    const ws = useWorkspace();
    execution(ws, () => writeLog([1, 2, 3, 4].map((i) => entry(i)), 5));
    execution(ws, () => writeLog([5, 6, 7].map((i) => entry(i)), 5));
    const details = ws.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Log')!.getDataRange().getDisplayValues().slice(1).map((r) => r[3]);
    expect(details).toEqual(['detail 3', 'detail 4', 'detail 5', 'detail 6', 'detail 7']);
  });

  it('reads the latest entries back, newest first; nothing before the first write', () => {
    const ws = useWorkspace();
    expect(execution(ws, () => readLatestLog(3))).toEqual([]);
    expect(ws.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Log')).toBeNull();
    execution(ws, () => writeLog([1, 2, 3, 4].map((i) => entry(i, i === 4 ? '=1+1' : `detail ${i}`))));
    expect(execution(ws, () => readLatestLog(3)).map((e) => [e.when, e.detail])).toEqual([
      ['2027-01-05T09:04:00.000Z', '=1+1'],
      ['2027-01-05T09:03:00.000Z', 'detail 3'],
      ['2027-01-05T09:02:00.000Z', 'detail 2'],
    ]);
  });
});

describe('writeLog past the sheet', () => {
  it('grows the sheet when the rows run out (a new sheet has 1,000)', () => {
    const ws = useWorkspace();
    execution(ws, () => writeLog(Array.from({ length: 990 }, (_, i) => entry(i % 60))));
    execution(ws, () => writeLog(Array.from({ length: 30 }, (_, i) => entry(i % 60, `late ${i}`))));
    const log = ws.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Log')!;
    expect(log.getLastRow()).toBe(1 + 990 + 30);
    expect(log.getRange(log.getLastRow(), 4).getDisplayValue()).toBe('late 29');
  });
});
