// A failure at every service call k of the tick's automatic actions (plan the next cycle, then
// book it), followed by the next ticks an hour apart: each ends with exactly the rows and meetings
// a run without faults gives — one next cycle, planned once and booked once, every series the
// Rotations rows state (issue 12, "Faults, everywhere", for issue 11's automatic actions).
import { confirmRotation, planRotation } from '../../src/app/plan';
import { scheduleStep } from '../../src/app/schedule';
import { saveSettings } from '../../src/app/settings';
import { setUp } from '../../src/app/setup';
import type { Workspace } from '../../src/local/emulation';
import { execution, rosterRows, useWorkspace, writeSheet } from '../support/workspace';
import { ticks } from '../support/ticks';

const TODAY = new Date('2027-02-09T06:30:00Z'); // cycle 1 ends 2027-02-15: cycle 2 is due its plan (heads-up 7 days)

/** Cycle 1 (2027-01-05 … 2027-02-15) confirmed and booked by the owner, 8 people. */
function program(): Workspace {
  jest.setSystemTime(new Date('2027-01-04T09:00:00Z'));
  const ws = useWorkspace({ now: () => new Date() });
  execution(ws, setUp);
  const rows = rosterRows(8).map((r, i) => (i === 0 ? r : [r[0], r[1], r[2], r[3], 'Active']));
  writeSheet(ws, 'Roster', rows);
  for (const r of rows.slice(1)) ws.calendar.addPerson(r[1]);
  execution(ws, () => saveSettings({ firstMeetingDate: '2027-01-05', findCommonTime: false, noticeDays: 3 }));
  execution(ws, () => confirmRotation(execution(ws, () => planRotation({ seed: 's' }))));
  for (let i = 0; i < 5 && !execution(ws, () => scheduleStep()).done; i++);
  ws.ledger.reset();
  return ws;
}

function state(ws: Workspace) {
  const table = ws.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Rotations')!.getDataRange().getDisplayValues();
  const [h, ...rows] = table;
  const col = (name: string) => h.indexOf(name);
  const cycles = rows.map((r) => [r[col('Cycle')], r[col('Starts')], r[col('Ends')], r[col('Status')], [r[col('Member 1')], r[col('Member 2')], r[col('Member 3')]].filter(Boolean).join(' ')]);
  const series = ws.calendar.eventsOn('owner@example.com').map((e) => [e.event.summary, e.occurrences.length, e.occurrences[0]?.start]);
  const ids = rows.map((r) => r[col('Event ID')]).filter(Boolean).sort();
  const booked = ws.calendar.eventsOn('owner@example.com').map((e) => e.event.id).sort();
  return { cycles, series: series.sort(), idsMatch: JSON.stringify(ids) === JSON.stringify(booked) };
}

beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask'] }));
afterEach(() => jest.useRealTimers());

describe('a failure at every service call k of the tick planning and booking the next cycle', () => {
  it('ends, after the next ticks, as a run without faults: one cycle 2, planned once, booked once', () => {
    const clean = program();
    ticks(clean, TODAY, new Date('2027-02-13T12:00:00Z'));
    const want = clean.ledger.untracked(() => state(clean));
    expect(want.cycles.filter((c) => c[0] === '2' && c[3] === 'scheduled')).toHaveLength(4);
    expect(want.idsMatch).toBe(true);

    // Every call of the two sweeps that act (the day's plan, then the booking day's), one at a time.
    let k = 1;
    let swept = 0;
    for (;;) {
      const ws = program();
      ws.ledger.failAt(k);
      ticks(ws, TODAY, new Date('2027-02-13T12:00:00Z'));
      const faulted = ws.ledger.count() >= k; // the fault was reached
      ws.ledger.clearFaults();
      expect(ws.ledger.untracked(() => state(ws))).toEqual(want);
      if (!faulted) break;
      swept++;
      k += 7; // every 7th call: the sweep stays under a minute; the pattern covers each step
    }
    expect(swept).toBeGreaterThan(20);
    console.log(`Fault points swept over the tick's plan and booking: ${swept}`);
  });
});
