// Away dates edited after booking (issue 14, item 3) through the change step ("Apply roster
// changes now"; the hourly run takes the same step): the group's one series loses that occurrence
// (one patch, EXDATE), the other series and the meetings held are untouched, the row's Notes say
// why, a second run makes no Calendar call, removing the date gives the meeting back, and a fault
// at any service call, then the next run, ends with the calendars of the clean run.
import { readQueue } from '../../src/app/digest';
import { applyRosterChanges } from '../../src/app/roster-changes';
import type { Workspace, WorkspaceSnapshot } from '../../src/local/emulation';
import { calendarsOf } from '../../src/local/simulate/result';
import { execution, useWorkspace } from '../support/workspace';
import { confirmed, rotations, runToEnd, series } from './schedule-fixtures';

const BOOKED_AT = new Date('2026-11-23T09:00:00Z');
/** The day after the first meeting (Tuesdays 10:00 London, 2027-01-05 to 2027-02-09). */
const AFTER_FIRST = new Date('2027-01-06T09:00:00Z');
const TUESDAYS = ['2027-01-05', '2027-01-12', '2027-01-19', '2027-01-26', '2027-02-02', '2027-02-09'];
const EMAILS = ['m1@example.com', 'm2@example.com', 'm3@example.com', 'm4@example.com'];

afterEach(() => jest.useRealTimers());

/** Cycle 1 booked for 4 people (2 pairs), with an empty Away column; the clock after the first meeting. */
function bookedSnapshot(): WorkspaceSnapshot {
  jest.useFakeTimers({ now: BOOKED_AT });
  const ws = confirmed({
    n: 4,
    allActive: true,
    edit: (rows) => {
      rows[0].push('Notes', 'Away');
      for (const r of rows.slice(1)) r.push('', '');
    },
  });
  runToEnd(ws);
  jest.setSystemTime(AFTER_FIRST);
  return ws.snapshot();
}

/** The owner types into m's Away cell (not counted: a person's edit). */
function setAway(ws: Workspace, email: string, away: string): void {
  ws.ledger.untracked(() => {
    const sheet = ws.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Roster')!;
    const values = sheet.getDataRange().getValues();
    const row = values.findIndex((r) => String(r[1]).toLowerCase() === email);
    sheet.getRange(row + 1, values[0].indexOf('Away') + 1).setValue(away);
  });
}

const apply = (ws: Workspace) => execution(ws, () => applyRosterChanges());

/** The meeting dates of a series, from Calendar's instances of it. */
function instanceDates(ws: Workspace, eventId: string): string[] {
  return ws.ledger.untracked(() => (ws.globals.Calendar!.Events!.instances('primary', eventId).items ?? []).map((i) => String(i.start?.dateTime).slice(0, 10)));
}

function rowOf(ws: Workspace, email: string): Record<string, string> {
  return rotations(ws).find((r) => [r['Member 1'], r['Member 2'], r['Member 3']].includes(email))!;
}

function dates(ws: Workspace, email: string): string[] {
  return calendarsOf(ws, [email], 'Europe/London')[email].map((m) => m.start.slice(0, 10));
}

describe('Away dates added after booking', () => {
  it("skip that occurrence for the group's calendars only: one patch, Notes, Log; a second run calls nothing", () => {
    const ws = useWorkspace({ snapshot: bookedSnapshot(), now: () => new Date() });
    const mine = rowOf(ws, 'm1@example.com');
    const other = rotations(ws).find((r) => r !== mine && r.Group !== mine.Group)!;
    const otherBefore = JSON.stringify(series(ws).find((e) => e.event.id === other['Event ID'])!.event);
    setAway(ws, 'm1@example.com', '2027-01-19');
    ws.ledger.reset();
    const result = apply(ws);
    expect(result.changed).toBe(false);
    expect(result.message).toBe('Away dates: 1 group of the booked cycle updated (1 invitation changed).');
    expect(ws.ledger.count('Calendar.Events.list')).toBe(1);
    expect(ws.ledger.count('Calendar.Events.patch')).toBe(1);
    expect(ws.ledger.count('Calendar.Events.insert') + ws.ledger.count('Calendar.Events.remove')).toBe(0);
    console.log(`Away date added after booking, applied: ${ws.ledger.count()} service calls, the Log sheet created (${ws.ledger.count('Calendar.Events.list')} list, ${ws.ledger.count('Calendar.Events.patch')} patch)`);

    expect(instanceDates(ws, mine['Event ID'])).toEqual(TUESDAYS.filter((d) => d !== '2027-01-19'));
    expect(instanceDates(ws, other['Event ID'])).toEqual(TUESDAYS);
    expect(JSON.stringify(series(ws).find((e) => e.event.id === other['Event ID'])!.event)).toBe(otherBefore);
    const partner = [mine['Member 1'], mine['Member 2']].find((e) => e !== 'm1@example.com')!;
    for (const email of ['m1@example.com', partner]) expect(dates(ws, email)).toEqual(TUESDAYS.filter((d) => d !== '2027-01-19'));
    const patched = ws.calendar.insertedResources().filter((r) => r.method === 'patch');
    expect(patched.map((r) => r.resource.recurrence)).toEqual([['RRULE:FREQ=WEEKLY;COUNT=6', 'EXDATE;TZID=Europe/London:20270119T100000']]);
    // The pairing's reason stays; the away line follows it.
    expect(rowOf(ws, 'm1@example.com').Notes).toBe(`${mine.Notes} · No meeting on 2027-01-19: Manager 1 away.`);
    expect(ws.calendar.sentInvitations().filter((i) => i.method === 'patch').length).toBeGreaterThan(0);
    const log = ws.ledger.untracked(() => ws.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Log')!.getDataRange().getDisplayValues());
    expect(log.some((r) => r[1] === 'away dates, cycle 1' && /C1-0\d: no meeting on 2027-01-19 \(Manager 1 is away\)\./.test(r.join(' ')))).toBe(true);

    // Again (the hourly run): the Away dates are those applied, so no Calendar call at all.
    ws.ledger.reset();
    expect(apply(ws).message).toBe('The roster asks for no change to cycle 1.');
    expect(Object.keys(ws.ledger.snapshot()).filter((k) => k.startsWith('Calendar'))).toEqual([]);
    console.log(`The same step with no Away edit: ${ws.ledger.count()} service calls`);
  });

  it('an Away date removed gives the meeting back; a past one never changes what was held', () => {
    const ws = useWorkspace({ snapshot: bookedSnapshot(), now: () => new Date() });
    const mine = rowOf(ws, 'm1@example.com');
    setAway(ws, 'm1@example.com', '2027-01-05, 2027-01-19, 2027-02-02');
    apply(ws);
    expect(instanceDates(ws, mine['Event ID'])).toEqual(['2027-01-05', '2027-01-12', '2027-01-26', '2027-02-09']);
    expect(rowOf(ws, 'm1@example.com').Notes).toBe(`${mine.Notes} · No meeting on 2027-01-19: Manager 1 away; 2027-02-02: Manager 1 away.`);
    setAway(ws, 'm1@example.com', '2027-02-02');
    ws.ledger.reset();
    apply(ws);
    expect(ws.ledger.count('Calendar.Events.patch')).toBe(1);
    expect(instanceDates(ws, mine['Event ID'])).toEqual(['2027-01-05', '2027-01-12', '2027-01-19', '2027-01-26', '2027-02-09']);
    expect(rowOf(ws, 'm1@example.com').Notes).toBe(`${mine.Notes} · No meeting on 2027-02-02: Manager 1 away.`);
    setAway(ws, 'm1@example.com', '');
    apply(ws);
    expect(instanceDates(ws, mine['Event ID'])).toEqual(TUESDAYS);
    expect(rowOf(ws, 'm1@example.com').Notes).toBe(mine.Notes);
  });

  it('Away dates already booked: the first run lists once, patches nothing and writes the Notes; then no call', () => {
    jest.useFakeTimers({ now: BOOKED_AT });
    const ws = confirmed({
      n: 4,
      allActive: true,
      edit: (rows) => {
        rows[0].push('Notes', 'Away');
        for (const r of rows.slice(1)) r.push('', r[1] === 'm1@example.com' ? '2027-01-19' : '');
      },
    });
    runToEnd(ws);
    jest.setSystemTime(AFTER_FIRST);
    const mine = rowOf(ws, 'm1@example.com');
    ws.ledger.reset();
    apply(ws);
    expect([ws.ledger.count('Calendar.Events.list'), ws.ledger.count('Calendar.Events.patch')]).toEqual([1, 0]);
    expect(rowOf(ws, 'm1@example.com').Notes).toBe(`${mine.Notes} · No meeting on 2027-01-19: Manager 1 away.`);
    expect(instanceDates(ws, mine['Event ID'])).toEqual(TUESDAYS.filter((d) => d !== '2027-01-19'));
    ws.ledger.reset();
    apply(ws);
    expect(ws.ledger.count('Calendar.Events.list') + ws.ledger.count('Calendar.Events.patch')).toBe(0);
  });

  it("someone now away for most of the meetings left: only those are skipped, and the owner's digest says so", () => {
    const ws = useWorkspace({ snapshot: bookedSnapshot(), now: () => new Date() });
    const mine = rowOf(ws, 'm1@example.com');
    setAway(ws, 'm1@example.com', '2027-01-12..2027-01-26');
    apply(ws);
    expect(instanceDates(ws, mine['Event ID'])).toEqual(['2027-01-05', '2027-02-02', '2027-02-09']);
    const queue = ws.ledger.untracked(() => readQueue(ws.globals.PropertiesService.getDocumentProperties().getProperties()));
    expect(queue.items.map((i) => [i.kind, 'text' in i ? i.text : ''])).toEqual([
      ['change', `Cycle 1, ${mine.Group}: no meeting on 2027-01-12 (Manager 1 is away), 2027-01-19 (Manager 1 is away), 2027-01-26 (Manager 1 is away).`],
      ['decision', `Cycle 1: Manager 1 is away for 3 of the 5 meetings left of ${mine.Group}: those meetings are skipped and the group meets on the others. To take Manager 1 out of this cycle instead, set their Status to Paused.`],
    ]);
  });

  it("a patch whose response is lost is not made again: the next run patches only the series left", () => {
    const ws = useWorkspace({ snapshot: bookedSnapshot(), now: () => new Date() });
    setAway(ws, 'm1@example.com', '2027-01-19');
    setAway(ws, 'm4@example.com', '2027-01-26');
    ws.calendar.loseNextResponse('patch');
    ws.ledger.reset();
    expect(() => apply(ws)).toThrow();
    expect(ws.ledger.count('Calendar.Events.patch')).toBe(1);
    ws.ledger.reset();
    apply(ws);
    expect(ws.ledger.count('Calendar.Events.patch')).toBe(1); // the other series only
    expect(instanceDates(ws, rowOf(ws, 'm1@example.com')['Event ID'])).toEqual(TUESDAYS.filter((d) => d !== '2027-01-19'));
    expect(instanceDates(ws, rowOf(ws, 'm4@example.com')['Event ID'])).toEqual(TUESDAYS.filter((d) => d !== '2027-01-26'));
    expect(rowOf(ws, 'm4@example.com').Notes).toMatch(/ · No meeting on 2027-01-26: Manager 4 away\.$/);
  });

  it('a fault at every service call, then the next run: the calendars and Notes of the clean run, no duplicate series', () => {
    const snapshot = bookedSnapshot();
    const edit = (ws: Workspace) => {
      setAway(ws, 'm1@example.com', '2027-01-19');
      setAway(ws, 'm4@example.com', '2027-01-26..2027-02-02');
    };
    const clean = useWorkspace({ snapshot, now: () => new Date() });
    edit(clean);
    clean.ledger.reset();
    apply(clean);
    const calls = clean.ledger.count();
    expect(clean.ledger.count('Calendar.Events.patch')).toBe(2); // m1 and m4 are in different pairs (seed 'fixed')
    const want = { calendars: calendarsOf(clean, EMAILS, 'Europe/London'), rows: rotations(clean), series: series(clean).length };
    let swept = 0;
    for (let k = 1; k <= calls; k++) {
      const ws = useWorkspace({ snapshot, now: () => new Date() });
      edit(ws);
      ws.ledger.reset();
      ws.ledger.failAt(k);
      let failed = false;
      try {
        apply(ws);
      } catch {
        failed = true;
      }
      ws.ledger.clearFaults();
      apply(ws); // the next run (the hourly one, or the owner again)
      expect([k, calendarsOf(ws, EMAILS, 'Europe/London')]).toEqual([k, want.calendars]);
      expect([k, rotations(ws)]).toEqual([k, want.rows]);
      expect([k, series(ws).length]).toEqual([k, want.series]);
      // And the run after that has nothing left to do.
      ws.ledger.reset();
      apply(ws);
      expect([k, ws.ledger.count('Calendar.Events.patch') + ws.ledger.count('Calendar.Events.list')]).toEqual([k, 0]);
      if (failed) swept++;
    }
    expect(swept).toBe(calls);
    console.log(`Fault points swept over an Away edit after booking: ${swept} of ${calls} calls`);
  });
});
