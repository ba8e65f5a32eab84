// The sidebar's latest Log entries (getLatestLog): the 10 newest, newest first, each field a
// string (an owner's odd edit in the sheet included), formula-like and HTML-like text kept as
// text; nothing logged yet gives [] without creating the Log; the entry points the lifecycle
// cards call are exported.
import { writeLog } from '../../src/app/log';
import { getLatestLog } from '../../src/app/log-view';
import { setUp } from '../../src/app/setup';
import type { LogEntry } from '../../src/core/log';
import * as server from '../../src/server';
import type { LifecycleApi } from '../../src/shared/api';
import { execution, useWorkspace } from '../support/workspace';

const entry = (i: number, detail = `detail ${i}`): LogEntry => ({ when: new Date(Date.UTC(2027, 0, 5, 9, i)).toISOString(), action: 'tick', outcome: 'ok', detail });

describe('getLatestLog', () => {
  it('returns [] before anything is logged, without creating the Log', () => {
    const ws = useWorkspace();
    execution(ws, setUp);
    expect(execution(ws, getLatestLog)).toEqual([]);
    expect(ws.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Log')).toBeNull();
  });

  it('the 10 newest, newest first, text kept as text, in one read', () => {
    const ws = useWorkspace();
    execution(ws, setUp);
    execution(ws, () => writeLog([...Array.from({ length: 12 }, (_, i) => entry(i)), entry(30, '=1+1 <b>bold</b>')]));
    ws.ledger.reset();
    const got = execution(ws, getLatestLog);
    expect(ws.ledger.count('Range.getValues')).toBe(1);
    expect(got).toHaveLength(10);
    expect(got[0]).toEqual({ when: '2027-01-05T09:30:00.000Z', action: 'tick', outcome: 'ok', detail: '=1+1 <b>bold</b>' });
    expect(got.slice(1).map((e) => e.detail)).toEqual(['detail 11', 'detail 10', 'detail 9', 'detail 8', 'detail 7', 'detail 6', 'detail 5', 'detail 4', 'detail 3']);
  });

  it('an owner edit in the Log (a number, a very long text) still crosses as strings', () => {
    const ws = useWorkspace();
    execution(ws, setUp);
    execution(ws, () => writeLog([entry(1)]));
    const log = ws.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Log')!;
    log.getRange(2, 2, 1, 3).setValues([[42, 'ok', 'x'.repeat(5000)]]);
    const [e] = execution(ws, getLatestLog);
    expect(e.action).toBe('42');
    expect(e.detail).toHaveLength(501);
    expect(typeof e.when).toBe('string');
  });
});

it('exports the lifecycle functions the sidebar calls (applyRosterChanges comes with app/roster-changes.ts)', () => {
  const api: Omit<LifecycleApi, 'applyRosterChanges'> = server;
  for (const name of ['cancelRotation', 'getLatestLog', 'getOrganizer', 'takeOverProgram'] as const) expect(typeof api[name]).toBe('function');
});
