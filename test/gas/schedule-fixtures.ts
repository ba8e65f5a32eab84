// Shared set-up of the scheduling tests (test/gas/schedule*.test.ts): a program with a confirmed
// cycle 1 in the emulated Workspace, stepping the scheduler, reading Rotations and the organizer's
// calendar back, and the one check every scheduling test ends with: the calendars hold exactly the
// meetings the Rotations sheet states.
import { confirmRotation, planRotation } from '../../src/app/plan';
import { scheduleStep } from '../../src/app/schedule';
import { saveSettings } from '../../src/app/settings';
import { setUp } from '../../src/app/setup';
import { parseEventId } from '../../src/core/calendar-event';
import { addDays, weekdayOf } from '../../src/core/dates';
import { parseDayAndTime } from '../../src/core/schedule';
import type { Workspace } from '../../src/local/emulation';
import type { ScheduleView } from '../../src/shared/api';
import { execution, rosterRows, useWorkspace, writeSheet } from '../support/workspace';

export interface ProgramOptions {
  n: number;
  /** Every person active (rosterRows pauses every 7th). */
  allActive?: boolean;
  settings?: Record<string, unknown>;
  calendar?: Parameters<typeof useWorkspace>[0] extends infer O ? (O extends { calendar?: infer C } ? C : never) : never;
  /** Give each person a calendar (free/busy answers notFound for the others). Default true. */
  people?: boolean;
  edit?: (rows: string[][]) => void;
}

/** A set-up program with a confirmed cycle 1, nothing scheduled yet; the ledger reset. */
export function confirmed(o: ProgramOptions): Workspace {
  const ws = useWorkspace({ calendar: o.calendar });
  execution(ws, setUp);
  const rows = rosterRows(o.n, ['Name', 'Email', 'Team', 'Time zone', 'Status', 'Avoid pairing with', 'Working hours']);
  for (const r of rows.slice(1)) {
    if (o.allActive) r[4] = 'Active';
    r[5] = '';
    r[6] = '';
  }
  o.edit?.(rows);
  writeSheet(ws, 'Roster', rows);
  execution(ws, () => saveSettings({ firstMeetingDate: '2027-01-05', findCommonTime: false, ...o.settings }));
  const preview = execution(ws, () => planRotation({ seed: 'fixed' }));
  expect(execution(ws, () => confirmRotation(preview)).status).toBe('confirmed');
  if (o.people !== false) for (const r of rows.slice(1)) ws.calendar.addPerson(r[1]);
  ws.ledger.reset();
  return ws;
}

export const step = (ws: Workspace, input?: unknown) => execution(ws, () => scheduleStep(input));

/** Steps until done (or `max` steps), returning every view. */
export function runToEnd(ws: Workspace, max = 50): ScheduleView[] {
  const views: ScheduleView[] = [];
  for (let i = 0; i < max; i++) {
    const v = step(ws);
    views.push(v);
    if (v.done) return views;
  }
  throw new Error(`not done after ${max} steps: ${JSON.stringify(views[views.length - 1])}`);
}

/** The Rotations sheet as displayed, one record per row. */
export function rotations(ws: Workspace): Array<Record<string, string>> {
  return ws.ledger.untracked(() => {
    const values = ws.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Rotations')!.getDataRange().getDisplayValues();
    const [header, ...rows] = values;
    return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
  });
}

/** The series on the owner's calendar (cancelled ones left out). */
export function series(ws: Workspace) {
  return ws.calendar.eventsOn('primary');
}

const membersOf = (r: Record<string, string>) => [r['Member 1'], r['Member 2'], r['Member 3']].filter(Boolean).map((e) => e.toLowerCase()).sort();

/**
 * The calendars hold exactly what Rotations states: one series per row in force, with its Event
 * ID, its members as guests (in their own calendars too), its first meeting on the row's Day and
 * time in its Time zone on or after Starts, every `intervalWeeks` weeks up to the row's Ends and
 * no further; no other series of the program (no duplicate, no orphan); every row scheduled.
 */
export function expectCalendarsMatchRotations(ws: Workspace, intervalWeeks = 1): void {
  const rows = rotations(ws).filter((r) => r.Status !== 'replaced' && r.Status !== 'cancelled');
  const events = series(ws);
  const byId = new Map(events.map((e) => [e.event.id, e]));
  const problems: string[] = [];
  for (const r of rows) {
    const where = `${r.Group} (${r['Event ID'] || 'no Event ID'})`;
    if (r.Status !== 'scheduled') problems.push(`${where}: status ${r.Status}`);
    const e = byId.get(r['Event ID']);
    if (!e) {
      problems.push(`${where}: no such event`);
      continue;
    }
    const key = parseEventId(r['Event ID']);
    if (!key || key.cycle !== Number(r.Cycle) || key.groupId !== r.Group) problems.push(`${where}: the id is not this group's`);
    const guests = (e.event.attendees ?? []).map((a) => a.email!.toLowerCase()).sort();
    if (guests.join() !== membersOf(r).join()) problems.push(`${where}: guests ${guests.join()} ≠ members ${membersOf(r).join()}`);
    // Each guest's own calendar (sampled in large programs: eventsOn scans every event).
    for (const m of rows.length <= 60 || Number(r.Group.slice(-2)) % 50 === 0 ? membersOf(r) : []) {
      if (ws.calendar.eventsOn(m).filter((x) => x.event.id === e.event.id).length !== 1) problems.push(`${where}: not once in ${m}'s calendar`);
    }
    const slot = parseDayAndTime(r['Day and time']);
    if (!slot) {
      problems.push(`${where}: Day and time "${r['Day and time']}"`);
      continue;
    }
    const first = addDays(r.Starts, (slot.weekday - weekdayOf(r.Starts) + 7) % 7);
    const want = `${first}T${slot.time}:00`;
    if (e.event.start?.dateTime !== want || e.event.start?.timeZone !== r['Time zone']) {
      problems.push(`${where}: starts ${e.event.start?.dateTime} ${e.event.start?.timeZone}, the row says ${want} ${r['Time zone']}`);
    }
    let count = 0;
    for (let d = first; d <= r.Ends; d = addDays(d, 7 * intervalWeeks)) count++;
    if (e.occurrences.length !== count) problems.push(`${where}: ${e.occurrences.length} meetings, the row's dates hold ${count}`);
  }
  const tracked = new Set(rows.map((r) => r['Event ID']));
  // A series ended early (its row gone after its first meeting) keeps only meetings before its end.
  const ended = events.filter((e) => !tracked.has(e.event.id ?? '') && e.event.extendedProperties?.private?.ended);
  for (const e of ended) {
    const end = e.event.extendedProperties!.private!.ended;
    if (e.occurrences.some((o) => o.start > end)) problems.push(`ended event ${e.event.id} still has meetings after ${end}`);
  }
  for (const e of events) if (!tracked.has(e.event.id ?? '') && !ended.includes(e)) problems.push(`event ${e.event.id} (${parseEventId(e.event.id ?? '')?.groupId}) is tracked by no row in force`);
  expect(problems).toEqual([]);
  expect(events).toHaveLength(rows.length + ended.length);
}
