// Planning and confirming a rotation against the emulated Workspace: what is written to Rotations,
// tampered previews refused, the roster fingerprint, a second confirm, replacing a running cycle,
// the lock, and what it costs in service calls for 10 and 500 people.
import { confirmRotation, planRotation } from '../../src/app/plan';
import { saveSettings } from '../../src/app/settings';
import { setUp } from '../../src/app/setup';
import { readHistory } from '../../src/core/history';
import { ROTATION_HEADERS } from '../../src/core/rotation';
import { loadSettings } from '../../src/gas/settings-store';
import type { PlanPreview } from '../../src/shared/api';
import type { Workspace } from '../../src/local/emulation';
import { execution, rosterRows, useWorkspace, writeSheet } from '../support/workspace';

/** A set-up program with `n` people on the roster (every 7th paused). */
function program(n: number, edit?: (rows: string[][]) => void): Workspace {
  const ws = useWorkspace();
  execution(ws, setUp);
  const rows = rosterRows(n, ['Name', 'Email', 'Team', 'Time zone', 'Status', 'Avoid pairing with']);
  for (const r of rows.slice(1)) r[5] = '';
  edit?.(rows);
  writeSheet(ws, 'Roster', rows);
  return ws;
}

function rotations(ws: Workspace): string[][] {
  const sheet = ws.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Rotations')!;
  return sheet.getDataRange().getDisplayValues();
}

const plan = (ws: Workspace, request?: unknown) => execution(ws, () => planRotation(request));
const confirm = (ws: Workspace, preview: unknown) => execution(ws, () => confirmRotation(preview));
const clone = (p: PlanPreview): PlanPreview => JSON.parse(JSON.stringify(p));

describe('planRotation', () => {
  it('proposes cycle 1 with every active person once, JSON-safe, writing nothing', () => {
    const ws = program(9);
    const before = ws.snapshot();
    const preview = plan(ws);
    expect(JSON.parse(JSON.stringify(preview))).toEqual(preview);
    expect(preview.cycle).toBe(1);
    expect(preview.replaces).toBe(false);
    expect(preview.starts).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(preview.meetings).toBe(6);
    const emails = preview.groups.flatMap((g) => g.members.map((m) => m.email)).sort();
    expect(emails).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm8', 'm9'].map((m) => `${m}@example.com`).sort());
    expect(preview.groups[0].members[0].name).toMatch(/^Manager \d$/);
    for (const g of preview.groups) expect(g.reason).not.toBe('');
    expect(ws.snapshot()).toEqual(before);
  });

  it('refuses an invalid roster, naming how many problems', () => {
    const ws = program(6, (rows) => {
      rows[2][1] = 'not an email';
      rows[3][0] = '';
    });
    expect(() => plan(ws)).toThrow('Fix the 2 roster problems first (Check roster).');
  });

  it('refuses Rotations problems, naming their rows', () => {
    const ws = program(4);
    writeSheet(ws, 'Rotations', [ROTATION_HEADERS.slice(), ['1', '', '', 'C1-01', 'm1@example.com', '', '', '', '', 'planned']]);
    expect(() => plan(ws)).toThrow(/Rotations row 2: a group needs 2 or 3 members/);
  });

  it.each([
    ['a string', 'x'],
    ['an array', []],
    ['an unknown field', { extra: 1 }],
    ['a bad locked list', { locked: 'm1@example.com' }],
    ['a locked single', { locked: [['m1@example.com']] }],
    ['a non-string seed', { seed: 3 }],
    ['a non-boolean replace', { replace: 'yes' }],
  ])('refuses %s as a request', (_, request) => {
    const ws = program(4);
    expect(() => plan(ws, request)).toThrow('The plan request was not understood');
  });

  it('keeps locked groups and refuses a locked group the roster forbids', () => {
    const ws = program(8);
    const preview = plan(ws, { locked: [['M1@example.com', 'm2@example.com']], seed: 'x' });
    const locked = preview.groups.filter((g) => g.locked);
    expect(locked.map((g) => g.members.map((m) => m.email))).toEqual([['m1@example.com', 'm2@example.com']]);
    expect(() => plan(ws, { locked: [['m1@example.com', 'm7@example.com']] })).toThrow(/status is Paused/);
  });
});

describe('confirmRotation', () => {
  it('writes one row per group, read back as the next plan\'s history (no repeats)', () => {
    const ws = program(8);
    const preview = plan(ws);
    const result = confirm(ws, clone(preview));
    expect(result).toEqual({ status: 'confirmed', message: `Cycle 1 confirmed: ${preview.groups.length} groups written to Rotations.`, rows: preview.groups.length });
    const table = rotations(ws);
    expect(table[0]).toEqual(ROTATION_HEADERS);
    expect(table.slice(1).map((r) => [r[0], r[3], r[9], r[10], r[11]])).toEqual(
      preview.groups.map((_, i) => ['1', `C1-0${i + 1}`, 'planned', '', '']),
    );
    expect(table[1].slice(1, 3)).toEqual([preview.starts, preview.ends]);
    expect(table[1][7]).toBe('Tue 10:00');
    expect(table[1][12]).toBe(preview.groups[0].reason);
    const history = readHistory(table);
    expect(history.problems).toEqual([]);
    expect(history.groups.map((g) => g.members)).toEqual(preview.groups.map((g) => g.members.map((m) => m.email)));
    // The first confirm pins cycle 1's date.
    expect(execution(ws, loadSettings).settings.firstMeetingDate).toBe(preview.starts);

    const second = plan(ws);
    expect(second.cycle).toBe(2);
    expect(second.groups.every((g) => g.repeats === 0)).toBe(true);
    expect(confirm(ws, second).status).toBe('confirmed');
    expect(plan(ws).cycle).toBe(3);
  });

  it('writes member emails and names as text', () => {
    const ws = program(4, (rows) => {
      rows[1][0] = '=1+1';
    });
    const preview = plan(ws);
    confirm(ws, preview);
    const sheet = ws.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Rotations')!;
    expect(sheet.getRange(2, 5, 2, 3).getNumberFormats().flat()).toEqual(Array(6).fill('@'));
    expect(sheet.getRange(2, 13).getNumberFormat()).toBe('@');
  });

  it('changes nothing on a second confirm of the same cycle', () => {
    const ws = program(10);
    const preview = plan(ws);
    confirm(ws, preview);
    const after = ws.snapshot();
    expect(confirm(ws, preview)).toEqual({ status: 'unchanged', message: 'Cycle 1 is already confirmed.' });
    expect(ws.snapshot()).toEqual(after);
  });

  it('re-plans without writing when the roster changed since the preview', () => {
    const ws = program(8);
    const preview = plan(ws, { locked: [['m1@example.com', 'm2@example.com']] });
    const sheet = ws.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Roster')!;
    sheet.getRange(4, 5).setValue('Paused'); // m3
    const before = ws.snapshot();
    const result = confirm(ws, preview);
    expect(result.status).toBe('replanned');
    if (result.status !== 'replanned') return;
    expect(result.message).toBe('The roster changed since the preview; here is a new plan.');
    expect(result.preview.groups.flatMap((g) => g.members.map((m) => m.email))).not.toContain('m3@example.com');
    expect(result.preview.groups.filter((g) => g.locked).map((g) => g.members.map((m) => m.email))).toEqual([['m1@example.com', 'm2@example.com']]);
    expect(ws.snapshot()).toEqual(before);
    expect(confirm(ws, result.preview).status).toBe('confirmed');
  });

  describe('refuses a tampered preview and writes nothing', () => {
    const tamper: Array<[string, (p: PlanPreview) => unknown, RegExp]> = [
      ['an extra person', (p) => (p.groups[0].members.push({ email: 'm7@example.com', name: 'x' }), p), /status is Paused|3 trios|has 4 people/],
      ['a missing person', (p) => (p.groups[0].members.pop(), p), /is in no group|has 1 people/],
      ['a person twice', (p) => ((p.groups[1].members[0] = p.groups[0].members[0]), p), /is in 2 groups/],
      ['an unknown email', (p) => ((p.groups[0].members[0].email = 'eve@example.com'), p), /eve@example.com, who is not on the roster/],
      ['a string cycle', (p) => ({ ...p, cycle: '1' }), /not a plan \(cycle\)/],
      ['members not a list', (p) => ((p.groups[0] as unknown as { members: unknown }).members = 'm1', p), /not a plan/],
      ['a numeric email', (p) => ((p.groups[0].members[0] as unknown as { email: unknown }).email = 5, p), /not a plan \(a member\)/],
      ['no groups', (p) => ({ ...p, groups: [] }), /not a plan \(groups\)/],
      ['null', () => null, /not a plan/],
      ['another cycle', (p) => ({ ...p, cycle: 4 }), /for cycle 4, but the cycle to plan now is 1/],
    ];
    it.each(tamper)('%s', (_, change, message) => {
      const ws = program(8);
      const preview = plan(ws, { seed: 't' });
      const before = ws.snapshot();
      expect(() => confirm(ws, change(clone(preview)))).toThrow(message);
      expect(ws.snapshot()).toEqual(before);
    });

    it('a broken avoid list', () => {
      const ws = program(6, (rows) => {
        rows[1][5] = 'm2@example.com';
      });
      const preview = plan(ws);
      const a = preview.groups.findIndex((g) => g.members.some((m) => m.email === 'm1@example.com'));
      const b = preview.groups.findIndex((g) => g.members.some((m) => m.email === 'm2@example.com'));
      expect(a).not.toBe(b);
      const tampered = clone(preview);
      const ia = tampered.groups[a].members.findIndex((m) => m.email === 'm1@example.com');
      const other = tampered.groups[b].members.findIndex((m) => m.email !== 'm2@example.com');
      [tampered.groups[a].members[ia], tampered.groups[b].members[other]] = [tampered.groups[b].members[other], tampered.groups[a].members[ia]];
      const before = ws.snapshot();
      expect(() => confirm(ws, tampered)).toThrow(/puts together Manager [12] and Manager [12], and an avoid list forbids that/);
      expect(ws.snapshot()).toEqual(before);
    });
  });

  it('accepts a swap that keeps the rules', () => {
    const ws = program(8);
    const preview = clone(plan(ws));
    [preview.groups[0].members[0], preview.groups[1].members[0]] = [preview.groups[1].members[0], preview.groups[0].members[0]];
    expect(confirm(ws, preview).status).toBe('confirmed');
    expect(rotations(ws)[1][4]).toBe(preview.groups[0].members[0].email);
  });

  it('a new cycle length starts after the running cycle; replacing keeps its dates and marks the old rows replaced', () => {
    const ws = program(8);
    execution(ws, () => saveSettings({ firstMeetingDate: '2027-01-05' }));
    const first = plan(ws);
    confirm(ws, first);
    execution(ws, () => saveSettings({ cycleWeeks: 3 }));
    // Cycle 2 follows cycle 1 as its rows state it (6 weeks), then runs 3 weeks: never an overlap.
    expect(plan(ws)).toEqual(expect.objectContaining({ cycle: 2, starts: '2027-02-16', ends: '2027-03-08', meetings: 3 }));
    const again = plan(ws, { replace: true, seed: 'other' });
    expect(again).toEqual(expect.objectContaining({ cycle: 1, replaces: true, starts: '2027-01-05', ends: '2027-02-15' }));
    expect(confirm(ws, again)).toMatchObject({ status: 'confirmed' });
    const table = rotations(ws);
    const n = first.groups.length;
    expect(table.slice(1, 1 + n).map((r) => r[9])).toEqual(Array(n).fill('replaced'));
    expect(table.slice(1 + n).map((r) => [r[0], r[9]])).toEqual(again.groups.map(() => ['1', 'planned']));
    expect(table).toHaveLength(1 + 2 * n);
    const history = readHistory(table);
    expect(history.ignored).toBe(n);
    expect(history.groups.map((g) => g.members)).toEqual(again.groups.map((g) => g.members.map((m) => m.email)));
    const after = ws.snapshot();
    expect(confirm(ws, again)).toEqual({ status: 'unchanged', message: 'Cycle 1 is already confirmed.' });
    expect(ws.snapshot()).toEqual(after);
    expect(plan(ws).cycle).toBe(2);
  });

  it('is refused with the lock\'s message, writing nothing, while another execution holds the document lock', () => {
    const ws = program(8);
    const preview = plan(ws);
    const before = ws.snapshot();
    ws.otherExecution.holdDocumentLock();
    expect(() => confirm(ws, preview)).toThrow('Another change to this program is running (perhaps in another window). Try again in a moment.');
    expect(ws.snapshot()).toEqual(before);
    ws.otherExecution.releaseDocumentLock();
    expect(confirm(ws, preview).status).toBe('confirmed');
  });

  it('grows a full Rotations sheet in one call', () => {
    const ws = program(10);
    const sheet = ws.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Rotations')!;
    sheet.deleteRows(3, sheet.getMaxRows() - 2);
    const preview = plan(ws);
    ws.ledger.reset();
    confirm(ws, preview);
    expect(ws.ledger.count('Sheet.insertRowsAfter')).toBe(1);
    expect(rotations(ws)).toHaveLength(1 + preview.groups.length);
  });

  it.each([10, 500])('reads each sheet once and writes Rotations once for %i people', (n) => {
    const ws = program(n);
    execution(ws, () => saveSettings({ firstMeetingDate: '2027-01-05' }));
    ws.ledger.reset();
    const preview = plan(ws);
    expect(ws.ledger.snapshot()).toEqual(PLAN_CALLS);
    expect(ws.ledger.count()).toBe(10);
    ws.ledger.reset();
    confirm(ws, preview);
    expect(ws.ledger.snapshot()).toEqual(CONFIRM_CALLS);
    expect(ws.ledger.count()).toBe(20);
    expect(ws.ledger.count('Range.getValues')).toBe(2);
    expect(ws.ledger.count('Range.setValues')).toBe(1);
  });
});

const PLAN_CALLS = {
  'SpreadsheetApp.getActiveSpreadsheet': 1,
  'Spreadsheet.getSheetByName': 2,
  'Sheet.getDataRange': 2,
  'Range.getValues': 2,
  'PropertiesService.getDocumentProperties': 1,
  'Properties.getProperty': 1,
  'Spreadsheet.getSpreadsheetTimeZone': 1,
};

/** 500 people make about 215 rows: set-up's sheet has room, so no rows are inserted. */
const CONFIRM_CALLS = {
  ...PLAN_CALLS,
  'LockService.getDocumentLock': 1,
  'Lock.tryLock': 1,
  'Lock.releaseLock': 1,
  'SpreadsheetApp.flush': 1, // before the lock is released
  'Sheet.getMaxRows': 1,
  'Sheet.getRange': 1,
  'Range.setNumberFormats': 1,
  'Range.setValues': 1,
  // The cycle released for booking and the hourly run told (one write: issue 11).
  'PropertiesService.getDocumentProperties': 2,
  'Properties.setProperties': 1,
};
