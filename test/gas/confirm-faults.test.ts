// Confirming a rotation when an execution dies part-way (issue 12, defect 2): a fault at the last
// write of the first confirm must not let cycle 2's dates drift, and a fault at every service call
// k of confirm, followed by confirming again, ends with exactly one set of rows for the cycle, on
// the same dates as a run without faults.
import { confirmRotation, planRotation } from '../../src/app/plan';
import { saveSettings } from '../../src/app/settings';
import { setUp } from '../../src/app/setup';
import { loadSettings } from '../../src/gas/settings-store';
import type { Workspace, WorkspaceSnapshot } from '../../src/local/emulation';
import type { PlanPreview } from '../../src/shared/api';
import { execution, rosterRows, useWorkspace, writeSheet } from '../support/workspace';

const MONDAY = new Date('2026-11-23T09:00:00Z');
const DAY = 24 * 3600 * 1000;

beforeEach(() => jest.useFakeTimers({ now: MONDAY }));
afterEach(() => jest.useRealTimers());

/** Set-up, 10 people, no first meeting date: the program's state before any confirm. */
function baseline(settings: Record<string, unknown> = {}): WorkspaceSnapshot {
  const ws = useWorkspace();
  execution(ws, setUp);
  const rows = rosterRows(10, ['Name', 'Email', 'Team', 'Time zone', 'Status']);
  writeSheet(ws, 'Roster', rows);
  execution(ws, () => saveSettings({ findCommonTime: false, ...settings }));
  expect(execution(ws, loadSettings).settings.firstMeetingDate).toBe('');
  return ws.snapshot();
}

const from = (snapshot: WorkspaceSnapshot): Workspace => useWorkspace({ snapshot });
const plan = (ws: Workspace, request?: unknown) => execution(ws, () => planRotation(request));
const confirm = (ws: Workspace, preview: unknown) => execution(ws, () => confirmRotation(preview));

function rotations(ws: Workspace): string[][] {
  return ws.ledger.untracked(() => ws.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Rotations')!.getDataRange().getDisplayValues());
}

/** Confirms `preview` with the k-th service call (of `kind` when given) failing; true when the fault fired. */
function confirmFailingAt(ws: Workspace, preview: PlanPreview, k: number, kind?: string): boolean {
  ws.ledger.reset();
  ws.ledger.failAt(k, { kind });
  let failed = false;
  try {
    confirm(ws, preview);
  } catch (e) {
    failed = true;
    expect(String(e)).toMatch(/Injected fault/);
  }
  ws.ledger.clearFaults();
  return failed;
}

describe('a fault at the last write of the first confirm', () => {
  // Before the fix the rows were written first and cycle 1's date last: a fault at
  // Properties.setProperty left the date unsaved and cycle 2 three weeks late. Now the date is
  // saved first, so the last write is the rows' Range.setValues.
  it.each(['Properties.setProperty', 'Range.setValues'])('at %s leaves cycle 2 on the dates a run without the fault gives, weeks later', (kind) => {
    const base = baseline();
    // The run without faults.
    const clean = from(base);
    const first = plan(clean, { seed: 's' });
    expect(first.starts).toBe('2026-11-24');
    clean.ledger.reset();
    expect(confirm(clean, first).status).toBe('confirmed');
    expect(clean.ledger.count('Properties.setProperty')).toBe(1); // cycle 1's date
    expect(clean.ledger.count('Range.setValues')).toBe(1); // the rows
    jest.setSystemTime(new Date(MONDAY.getTime() + 3 * 7 * DAY));
    const cleanSecond = plan(clean, { seed: 's' });
    expect(cleanSecond).toMatchObject({ cycle: 2, starts: '2027-01-05', ends: '2027-02-15' });

    // The same, the first confirm dying at that write.
    jest.setSystemTime(MONDAY);
    const ws = from(base);
    expect(plan(ws, { seed: 's' })).toEqual(first);
    expect(confirmFailingAt(ws, first, 1, kind)).toBe(true);
    // The owner confirms again, then weeks pass.
    expect(confirm(ws, first).status).toBe('confirmed');
    expect(rotations(ws)).toEqual(rotations(clean));
    jest.setSystemTime(new Date(MONDAY.getTime() + 3 * 7 * DAY));
    expect(plan(ws, { seed: 's' })).toEqual(cleanSecond);
  });

  it('counts from the rows when they were written and the date never saved (as before the fix)', () => {
    const ws = from(baseline());
    confirm(ws, plan(ws, { seed: 's' }));
    // What a confirm cut short at its last write left before the fix: the rows, no date.
    ws.ledger.untracked(() => {
      const props = ws.globals.PropertiesService.getDocumentProperties();
      const stored = JSON.parse(props.getProperty('settings')!);
      props.setProperty('settings', JSON.stringify({ ...stored, firstMeetingDate: '' }));
    });
    expect(execution(ws, loadSettings).settings.firstMeetingDate).toBe('');
    jest.setSystemTime(new Date(MONDAY.getTime() + 3 * 7 * DAY));
    const second = plan(ws, { seed: 's' });
    expect(second).toMatchObject({ cycle: 2, starts: '2027-01-05', ends: '2027-02-15' });
    // Confirming cycle 2 saves cycle 1's date, from the rows.
    expect(confirm(ws, second).status).toBe('confirmed');
    expect(execution(ws, loadSettings).settings.firstMeetingDate).toBe('2026-11-24');
  });

  it('a second confirm of cycle 1 saves the date the rows give when it was never saved', () => {
    const ws = from(baseline());
    const first = plan(ws, { seed: 's' });
    confirm(ws, first);
    ws.ledger.untracked(() => {
      const props = ws.globals.PropertiesService.getDocumentProperties();
      props.setProperty('settings', JSON.stringify({ ...JSON.parse(props.getProperty('settings')!), firstMeetingDate: '' }));
    });
    jest.setSystemTime(new Date(MONDAY.getTime() + 2 * DAY));
    expect(confirm(ws, first).status).toBe('unchanged');
    expect(execution(ws, loadSettings).settings.firstMeetingDate).toBe('2026-11-24');
  });
});

describe('a fault at every service call of confirm, then confirming again', () => {
  it.each([false, true])('ends with one set of rows on the clean run\'s dates (Find a common time %p)', (findCommonTime) => {
    const base = baseline({ findCommonTime });
    const clean = from(base);
    const preview = plan(clean, { seed: 's' });
    clean.ledger.reset();
    expect(confirm(clean, preview).status).toBe('confirmed');
    const calls = clean.ledger.count();
    expect(calls).toBe(22); // 22 fault points (19, the flush before the lock is released, and the release for booking)
    const want = rotations(clean);
    const wantSettings = execution(clean, loadSettings).settings;
    expect(wantSettings.firstMeetingDate).toBe('2026-11-24');

    let fired = 0;
    for (let k = 1; k <= calls; k++) {
      const ws = from(base);
      expect(plan(ws, { seed: 's' })).toEqual(preview);
      if (confirmFailingAt(ws, preview, k)) fired++;
      // The owner confirms again (a day later: the dates must not move).
      jest.setSystemTime(new Date(MONDAY.getTime() + DAY));
      const again = confirm(ws, preview);
      expect([k, again.status]).toEqual([k, expect.stringMatching(/^(confirmed|unchanged)$/)]);
      expect([k, rotations(ws)]).toEqual([k, want]);
      expect([k, execution(ws, loadSettings).settings]).toEqual([k, wantSettings]);
      jest.setSystemTime(MONDAY);
    }
    expect(fired).toBe(calls);
  });

  it('replacing a running cycle: one set of replaced rows, one set of new rows', () => {
    const base = baseline();
    const start = from(base);
    confirm(start, plan(start, { seed: 's' }));
    const withCycle1 = start.snapshot();

    const clean = from(withCycle1);
    const again = plan(clean, { seed: 'other', replace: true });
    expect(again).toMatchObject({ cycle: 1, replaces: true, starts: '2026-11-24' });
    clean.ledger.reset();
    expect(confirm(clean, again).status).toBe('confirmed');
    const calls = clean.ledger.count();
    expect(calls).toBe(22); // 22 fault points (19, the flush before the lock is released, and the release for booking)
    const want = rotations(clean);

    for (let k = 1; k <= calls; k++) {
      const ws = from(withCycle1);
      expect(confirmFailingAt(ws, again, k)).toBe(true);
      jest.setSystemTime(new Date(MONDAY.getTime() + DAY));
      expect([k, confirm(ws, again).status]).toEqual([k, expect.stringMatching(/^(confirmed|unchanged)$/)]);
      expect([k, rotations(ws)]).toEqual([k, want]);
      jest.setSystemTime(MONDAY);
    }
  });
});
