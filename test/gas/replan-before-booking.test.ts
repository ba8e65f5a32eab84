// A cycle the tick planned is planned again on its booking day when the roster changed in between
// (someone paused, away for most of it — a skip chosen on the form —, or new): the invitations
// follow the roster as it is then, the first plan's rows are `replaced`, the owner is told; with
// no change it is booked as planned, at no extra Calendar cost; a failure at any call of that
// booking day ends, after the next ticks, as a run without faults.
import { confirmRotation, planRotation } from '../../src/app/plan';
import { scheduleStep } from '../../src/app/schedule';
import { saveSettings } from '../../src/app/settings';
import { setUp } from '../../src/app/setup';
import type { Workspace } from '../../src/local/emulation';
import { execution, rosterRows, useWorkspace, writeSheet } from '../support/workspace';
import { ticks } from '../support/ticks';


/** Cycle 1 (2027-01-05 … 2027-02-15) booked by the owner, 8 people; cycle 2 planned by the tick on 2027-02-09. */
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
  ticks(ws, new Date('2027-02-09T06:30:00Z'), new Date('2027-02-09T08:30:00Z'));
  ws.ledger.reset();
  return ws;
}

function rotations(ws: Workspace) {
  const [h, ...rows] = ws.ledger.untracked(() => ws.spreadsheet.getSheetByName('Rotations')!.getDataRange().getDisplayValues());
  const col = (name: string) => h.indexOf(name);
  return rows.map((r) => ({ cycle: r[col('Cycle')], status: r[col('Status')], members: [r[col('Member 1')], r[col('Member 2')], r[col('Member 3')]].filter(Boolean), eventId: r[col('Event ID')] }));
}

/** Sets one Roster cell (the owner's edit) of the person `email`. */
function edit(ws: Workspace, email: string, header: string, value: string): void {
  ws.ledger.untracked(() => {
    const sheet = ws.spreadsheet.getSheetByName('Roster')!;
    const [h, ...rows] = sheet.getDataRange().getValues();
    let column = h.indexOf(header) + 1;
    if (column === 0) {
      column = h.length + 1;
      sheet.getRange(1, column).setValue(header);
    }
    sheet.getRange(rows.findIndex((r) => r[1] === email) + 2, column).setValue(value);
  });
}

afterEach(() => jest.useRealTimers());

describe('a planned cycle and the roster changing before its booking day', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask'] }));

  it('someone paused and someone away for all of it: planned again, booked without them, the owner told', () => {
    const ws = program();
    const planned = rotations(ws).filter((r) => r.cycle === '2');
    expect(planned.map((r) => r.status)).toEqual(['planned', 'planned', 'planned', 'planned']);
    const [paused, away] = [planned[0].members[0], planned[1].members[0]];
    edit(ws, paused, 'Status', 'Paused');
    edit(ws, away, 'Away', '2027-02-16..2027-03-29');
    ticks(ws, new Date('2027-02-13T06:30:00Z'), new Date('2027-02-13T12:30:00Z'));

    const cycle2 = rotations(ws).filter((r) => r.cycle === '2');
    expect(cycle2.filter((r) => r.status === 'replaced')).toHaveLength(4);
    const booked = cycle2.filter((r) => r.status === 'scheduled');
    expect(booked.length).toBe(3);
    const members = booked.flatMap((r) => r.members);
    expect(members).not.toContain(paused);
    expect(members).not.toContain(away);
    expect(members).toHaveLength(6);
    expect(booked.every((r) => r.eventId !== '')).toBe(true);
    const events = ws.ledger.untracked(() => ws.calendar.eventsOn('owner@example.com')).filter((e) => e.occurrences.some((o) => o.start >= '2027-02-16'));
    expect(events).toHaveLength(3); // cycle 2's three series, none for the first plan
    const log = ws.ledger.untracked(() => ws.spreadsheet.getSheetByName('Log')!.getDataRange().getDisplayValues()).map((r) => r[3]).join('\n');
    expect(log).toContain(`Planned cycle 2 again before booking it (no longer taking part: ${[paused, away].sort().join(', ')}).`);
  });

  it('no change: booked as planned, no second plan', () => {
    const ws = program();
    const planned = rotations(ws).filter((r) => r.cycle === '2').map((r) => r.members.join(' '));
    ticks(ws, new Date('2027-02-13T06:30:00Z'), new Date('2027-02-13T12:30:00Z'));
    const cycle2 = rotations(ws).filter((r) => r.cycle === '2');
    expect(cycle2.map((r) => r.status)).toEqual(['scheduled', 'scheduled', 'scheduled', 'scheduled']);
    expect(cycle2.map((r) => r.members.join(' '))).toEqual(planned);
    expect(ws.ledger.count('Calendar.Events.insert')).toBe(4);
  });

  it('a failure at any call of the booking day ends, after the next ticks, as a run without faults', () => {
    const run = (k: number | null) => {
      const ws = program();
      const planned = rotations(ws).filter((r) => r.cycle === '2');
      edit(ws, planned[0].members[0], 'Status', 'Paused');
      ws.ledger.reset();
      if (k !== null) ws.ledger.failAt(k);
      ticks(ws, new Date('2027-02-13T06:30:00Z'), new Date('2027-02-13T06:30:00Z'));
      const reached = ws.ledger.count() >= (k ?? 0);
      ws.ledger.clearFaults();
      ticks(ws, new Date('2027-02-13T07:30:00Z'), new Date('2027-02-13T14:30:00Z'));
      const rows = rotations(ws).filter((r) => r.cycle === '2');
      const events = ws.ledger.untracked(() => ws.calendar.eventsOn('owner@example.com')).filter((e) => e.occurrences.some((o) => o.start >= '2027-02-16')).length;
      return { reached, state: { statuses: rows.map((r) => r.status).sort(), booked: rows.filter((r) => r.status === 'scheduled' && r.eventId !== '').length, events } };
    };
    const want = run(null).state;
    expect(want).toEqual({ statuses: ['replaced', 'replaced', 'replaced', 'replaced', 'scheduled', 'scheduled', 'scheduled'], booked: 3, events: 3 });
    let swept = 0;
    for (let k = 1; ; k += 5) {
      const got = run(k);
      if (!got.reached) break;
      expect([k, got.state]).toEqual([k, want]);
      swept++;
    }
    expect(swept).toBeGreaterThan(10);
    console.log(`Fault points swept over a re-plan before booking: ${swept} (every 5th call)`);
  });
});
