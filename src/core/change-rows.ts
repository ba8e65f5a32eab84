// A roster change to a booked cycle, as Rotations rows (issue 11, "Changes to a booked cycle"):
// the running groups read from the rows (their next occurrence and meetings left, from Starts,
// Ends, Day and time and Time zone), and the rows a change plan (core/changes.ts) writes: each
// ended group's row becomes `changed`, its Ends the day before its next occurrence (the last day
// it meets) and its note says what happened; each new group gets a row from its first meeting
// (Starts) to the cycle's Ends, at the time of the group whose slot it keeps, `planned` until
// scheduling books it. Pure: the instant `now` and the zone are passed in.
import type { ChangePlan, RunningGroup } from './changes';
import { addDays, isoDateInZone, weekdayOf } from './dates';
import { formatDayAndTime, meetingsBetween, parseDayAndTime, type ScheduleRow } from './schedule';
import { localInstant } from './zones';

/** A running group with the row it comes from. */
export interface RunningRow {
  group: RunningGroup;
  row: ScheduleRow;
}

/**
 * The running groups of `rows` (one cycle's rows in force) at `nowMs`: the next occurrence is the
 * first meeting starting after `now`. A row without a readable time (its common time not chosen
 * yet) counts its meetings from the day after today, the time still to be chosen.
 */
export function runningRows(rows: readonly ScheduleRow[], nowMs: number, fallbackZone: string, intervalWeeks: number): RunningRow[] {
  return rows.map((row) => ({ row, group: runningGroup(row, nowMs, fallbackZone, intervalWeeks) }));
}

function runningGroup(row: ScheduleRow, nowMs: number, fallbackZone: string, intervalWeeks: number): RunningGroup {
  const base = { groupId: row.group, members: row.members.slice() };
  if (!row.starts || !row.ends) return { ...base, nextOccurrence: null, occurrencesLeft: 0 };
  const zone = row.timeZone || fallbackZone;
  const slot = parseDayAndTime(row.dayAndTime);
  if (!slot) {
    const tomorrow = addDays(isoDateInZone(new Date(nowMs), zone), 1);
    const from = tomorrow > row.starts ? tomorrow : row.starts;
    const left = meetingsBetween(from, row.ends, intervalWeeks);
    return { ...base, nextOccurrence: left > 0 ? new Date(safeInstant(from, 0, zone)).toISOString() : null, occurrencesLeft: left };
  }
  const minutes = Number(slot.time.slice(0, 2)) * 60 + Number(slot.time.slice(3, 5));
  let date = addDays(row.starts, (slot.weekday - weekdayOf(row.starts) + 7) % 7);
  const step = 7 * intervalWeeks;
  while (date <= row.ends) {
    const at = safeInstant(date, minutes, zone);
    if (at > nowMs) {
      return { ...base, nextOccurrence: new Date(at).toISOString(), occurrencesLeft: meetingsBetween(date, row.ends, intervalWeeks) };
    }
    date = addDays(date, step);
  }
  return { ...base, nextOccurrence: null, occurrencesLeft: 0 };
}

/** True when some row's first meeting has started by `nowMs` (a row without a readable time: when its Starts has come). */
export function firstMeetingPassed(rows: readonly ScheduleRow[], nowMs: number, fallbackZone: string): boolean {
  return rows.some((row) => {
    if (!row.starts) return false;
    const zone = row.timeZone || fallbackZone;
    const slot = parseDayAndTime(row.dayAndTime);
    if (!slot) return safeInstant(row.starts, 0, zone) <= nowMs;
    const date = addDays(row.starts, (slot.weekday - weekdayOf(row.starts) + 7) % 7);
    return safeInstant(date, Number(slot.time.slice(0, 2)) * 60 + Number(slot.time.slice(3, 5)), zone) <= nowMs;
  });
}

function safeInstant(date: string, minutes: number, zone: string): number {
  try {
    return localInstant(date, minutes, zone);
  } catch {
    return localInstant(date, minutes, 'UTC');
  }
}

/** One ended row's new cells. */
export interface EndedRowEdit {
  index: number;
  ends: string;
  notes: string;
}

/** One new row, by Rotations header. */
export interface NewRowValues {
  Cycle: number;
  Starts: string;
  Ends: string;
  Group: string;
  members: string[];
  'Day and time': string;
  'Time zone': string;
  Status: 'planned';
  Notes: string;
}

export interface ChangeRows {
  ended: EndedRowEdit[];
  created: NewRowValues[];
}

/** The time a new group without a kept slot meets at (newcomers): chosen by the caller. */
export type SlotChooser = (members: readonly string[], starts: string, meetings: number) => { weekday: number; time: string; timeZone: string };

/**
 * The rows `plan` writes. `running` holds the cycle's groups as read; `today` ('YYYY-MM-DD' in the
 * settings' zone) dates the notes; `chooseSlot` gives newcomers' groups their time.
 */
export function changeRows(plan: ChangePlan, running: readonly RunningRow[], cycle: number, fallbackZone: string, chooseSlot: SlotChooser): ChangeRows {
  const byId = new Map(running.map((r) => [r.group.groupId, r]));
  const cycleEnds = running.reduce((max, r) => (r.row.ends > max ? r.row.ends : max), '');
  const ended: EndedRowEdit[] = plan.ended.map((g) => {
    const r = byId.get(g.groupId)!;
    const zone = r.row.timeZone || fallbackZone;
    const firstGone = isoDateInZone(new Date(g.from), zone);
    const notes = r.row.notes ? `${r.row.notes} · ${g.note}` : g.note;
    return { index: r.row.index, ends: addDays(firstGone, -1), notes: `Changed: ${notes}`.slice(0, 2000) };
  });
  const created: NewRowValues[] = plan.created.map((g) => {
    const kept = g.slotOf ? byId.get(g.slotOf) : undefined;
    const ends = kept?.row.ends || cycleEnds;
    let dayAndTime: string;
    let zone: string;
    let starts: string;
    if (kept && parseDayAndTime(kept.row.dayAndTime)) {
      dayAndTime = kept.row.dayAndTime;
      zone = kept.row.timeZone || fallbackZone;
      starts = isoDateInZone(new Date(g.from), zone);
    } else {
      const provisional = isoDateInZone(new Date(g.from), fallbackZone);
      const slot = chooseSlot(g.members, provisional, g.occurrences);
      dayAndTime = formatDayAndTime(slot.weekday, slot.time);
      zone = slot.timeZone;
      starts = isoDateInZone(new Date(g.from), zone);
    }
    return {
      Cycle: cycle,
      Starts: starts,
      Ends: ends,
      Group: g.groupId,
      members: g.members.slice(),
      'Day and time': dayAndTime,
      'Time zone': zone,
      Status: 'planned',
      Notes: g.note.slice(0, 2000),
    };
  });
  return { ended, created };
}
