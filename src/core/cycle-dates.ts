// The program's cycles as dates (PRODUCT.md "Cycles and identity"): cycle 1 from the first
// meeting date, each next cycle back to back with the last one as its Rotations rows state it,
// the meetings in a cycle, the meeting title, and when the hourly run plans and books. Pure.
//
// Skipped dates (setting "Skip these dates", issue 14): a cycle's meetings on skipped dates are
// not held; with "Keep the number of meetings" (the default) the cycle runs on past its end until
// it holds its number of meetings, and the next cycle starts the day after it ends; without, the
// cycle keeps its end with fewer meetings (skip-dates.ts planMeetings). No skipped dates: the
// plain arithmetic of cycleWeeks.
import type { CycleDatesView as CycleDates } from '../shared/settings';
import { addDays, dayNumber, nextWeekdayAfter, weekdayOf } from './dates';
import { WEEKDAYS, type Cadence, type Settings } from './settings';
import { describePlan, planMeetings, readSkipDates, type DateRange, type MeetingPlan } from './skip-dates';

/** What a cycle's meetings depend on. */
export type CycleShape = Pick<Settings, 'cycleWeeks' | 'cadence'> & Partial<Pick<Settings, 'skipDates' | 'keepMeetingCount'>>;

/** The settings' skipped ranges (none when blank; stored text is validated, unreadable entries count as none). */
export function skipRanges(settings: Partial<Pick<Settings, 'skipDates'>>): DateRange[] {
  const text = settings.skipDates ?? '';
  return text.trim() === '' ? [] : readSkipDates(text).ranges;
}

/**
 * The meetings of the cycle that starts on `starts`: its regular dates, the skipped ones left
 * out, running on or shrunk (planMeetings: dates, skipped dates and why, ends, the series).
 *
 * @example
 *   cycleMeetingPlan({ cycleWeeks: 6, cadence: 'weekly', skipDates: '2026-12-21..2027-01-03' }, '2026-12-08')
 *   // dates 12-08, 12-15, 01-05, 01-12, 01-19, 01-26; skipped 12-22, 12-29; ends 2027-02-01
 */
export function cycleMeetingPlan(settings: CycleShape, starts: string, ranges: readonly DateRange[] = skipRanges(settings)): MeetingPlan {
  return planMeetings({
    firstDate: starts,
    intervalWeeks: cadenceWeeks(settings.cadence),
    meetings: meetingsPerCycle(settings),
    skip: ranges,
    keepCount: settings.keepMeetingCount ?? true,
    ends: addDays(starts, settings.cycleWeeks * 7 - 1),
  });
}

/** Days between the starts of two meetings (and of occurrences of the recurring event). */
export function cadenceWeeks(cadence: Cadence): number {
  return cadence === 'fortnightly' ? 2 : 1;
}

/** Meetings in one cycle: one per cadence interval, the first on the cycle's first day. */
export function meetingsPerCycle(settings: Pick<Settings, 'cycleWeeks' | 'cadence'>): number {
  return Math.ceil(settings.cycleWeeks / cadenceWeeks(settings.cadence));
}

/**
 * The first day of cycle 1: the first meeting date, or when blank the next preferred weekday
 * strictly after `today` ('YYYY-MM-DD' in the settings' time zone).
 */
export function firstCycleStart(settings: Pick<Settings, 'firstMeetingDate' | 'preferredWeekday'>, today: string): string {
  if (settings.firstMeetingDate !== '') return settings.firstMeetingDate;
  return nextWeekdayAfter(today, WEEKDAYS.indexOf(settings.preferredWeekday));
}

/**
 * Cycle `cycle` (1, 2, …)'s dates: it starts `cycleWeeks` weeks after the previous one started,
 * ends the day before the next starts, and holds `meetingsPerCycle` meetings on its start's
 * weekday. Pure calendar arithmetic: no time zone, no daylight saving.
 *
 * @example
 *   cycleDates({ ...DEFAULT_SETTINGS, firstMeetingDate: '2027-01-05' }, 2, '2026-11-23')
 *   // { cycle: 2, starts: '2027-02-16', ends: '2027-03-29', meetings: 6 }
 */
export function cycleDates(settings: Settings, cycle: number, today: string): CycleDates {
  if (!Number.isInteger(cycle) || cycle < 1) throw new RangeError(`A cycle is a whole number from 1, not ${String(cycle)}.`);
  const length = settings.cycleWeeks * 7;
  const ranges = skipRanges(settings);
  if (ranges.length > 0) {
    // Each cycle starts the day after the one before ends (later when it ran on).
    let starts = firstCycleStart(settings, today);
    for (let c = 1; c < cycle; c++) starts = addDays(cycleFromRanges(settings, c, starts, ranges).ends, 1);
    return cycleFromRanges(settings, cycle, starts, ranges);
  }
  const starts = addDays(firstCycleStart(settings, today), (cycle - 1) * length);
  return { cycle, starts, ends: addDays(starts, length - 1), meetings: meetingsPerCycle(settings) };
}

/**
 * The cycle `date` falls in (1, 2, …), or 0 before cycle 1. `today` matters only when the first
 * meeting date is blank (cycle 1 then starts after today); it defaults to `date`.
 */
export function cycleForDate(settings: Settings, date: string, today: string = date): number {
  const day = dayNumber(date);
  const first = dayNumber(firstCycleStart(settings, today));
  if (day === null || first === null) throw new RangeError(`Not a date written YYYY-MM-DD: ${String(date).slice(0, 40)}`);
  if (day < first) return 0;
  const ranges = skipRanges(settings);
  if (ranges.length > 0) {
    let starts = firstCycleStart(settings, today);
    for (let c = 1; ; c++) {
      const ends = cycleFromRanges(settings, c, starts, ranges).ends;
      if (date <= ends) return c;
      starts = addDays(ends, 1);
    }
  }
  return Math.floor((day - first) / (settings.cycleWeeks * 7)) + 1;
}

/** The first cycle starting strictly after `today`. */
export function nextCycle(settings: Settings, today: string): CycleDates {
  return cycleDates(settings, cycleForDate(settings, today, today) + 1, today);
}

/** The meeting dates of a cycle, first to last ('YYYY-MM-DD'): the meetings held (skipped dates left out). */
export function meetingDates(settings: Settings, cycle: number, today: string): string[] {
  const ranges = skipRanges(settings);
  if (ranges.length > 0) return cycleMeetingPlan(settings, cycleDates(settings, cycle, today).starts, ranges).dates;
  const { starts, meetings } = cycleDates(settings, cycle, today);
  const step = cadenceWeeks(settings.cadence) * 7;
  return Array.from({ length: meetings }, (_, i) => addDays(starts, i * step));
}

/** The meeting title for a group: the template with {names} and {cycle} filled in. */
export function meetingTitle(template: string, values: { names: string; cycle: number }): string {
  return template.split('{names}').map((part) => part.split('{cycle}').join(String(values.cycle))).join(values.names);
}

/**
 * The first day of the cycle after one that ends on `latestEnds` (its Rotations rows say so): the
 * day after it, on the meeting weekday when the settings name one, moved on by whole cycles (of
 * the current length) while it is not after `today`, so nothing is planned in the past. Counting
 * from the last cycle's end, never from cycle 1's date, keeps cycles back to back when the cycle
 * length changes between them.
 */
export function nextCycleStart(latestEnds: string, settings: Pick<Settings, 'cycleWeeks'> & Partial<Pick<Settings, 'preferredWeekday'>>, today: string): string {
  let starts = addDays(latestEnds, 1);
  const weekday = settings.preferredWeekday ? WEEKDAYS.indexOf(settings.preferredWeekday) : -1;
  if (weekday >= 0 && weekdayOf(starts) !== weekday) starts = nextWeekdayAfter(starts, weekday);
  while (starts <= today) starts = addDays(starts, settings.cycleWeeks * 7);
  return starts;
}

/**
 * Which of the cycle's dates are skipped and why, for the preview: "Skipped 2026-12-22 and
 * 2026-12-29 (Skip these dates: 2026-12-21..2027-01-03); the cycle runs on to 2027-02-01 to keep 6
 * meetings." '' when none is.
 */
export function skippedSentence(settings: CycleShape, starts: string): string {
  const ranges = skipRanges(settings);
  return ranges.length === 0 ? '' : describePlan(cycleMeetingPlan(settings, starts, ranges));
}

/**
 * A cycle's dates from its first day, with the settings' length and cadence; with skipped dates,
 * its end runs on (or its meetings shrink) as cycleMeetingPlan says.
 */
export function cycleFrom(settings: CycleShape, cycle: number, starts: string): CycleDates {
  return cycleFromRanges(settings, cycle, starts, skipRanges(settings));
}

function cycleFromRanges(settings: CycleShape, cycle: number, starts: string, ranges: readonly DateRange[]): CycleDates {
  if (ranges.length === 0) return { cycle, starts, ends: addDays(starts, settings.cycleWeeks * 7 - 1), meetings: meetingsPerCycle(settings) };
  const plan = cycleMeetingPlan(settings, starts, ranges);
  return { cycle, starts, ends: plan.ends, meetings: plan.dates.length };
}

/**
 * When the hourly run plans and books the next cycle, in days before it starts, as it will act:
 * planning at most a day less than a cycle ahead (a 1-week cycle is planned 6 days ahead, whatever
 * the heads-up says), booking no earlier than planning.
 */
export function lifecycleDays(settings: Pick<Settings, 'headsUpDays' | 'noticeDays' | 'cycleWeeks'>): { headsUpDays: number; noticeDays: number } {
  const headsUpDays = Math.max(1, Math.min(settings.headsUpDays, settings.cycleWeeks * 7 - 1));
  return { headsUpDays, noticeDays: Math.min(settings.noticeDays, headsUpDays) };
}


/** A Rotations row as `cycleFirstDays` reads it. */
export interface CycleRowDates {
  cycle: number;
  /** 'YYYY-MM-DD' (anything else is left out). */
  starts: string;
  ends: string;
  status: string;
}

/**
 * Each cycle's first meeting day, from which its sessions are counted: the earliest Starts of its
 * rows, `replaced` rows included only when they held the cycle's first meetings (a replace of a
 * running cycle cut them to end before the new rows start: the cycle goes on counting, session 4
 * stays session 4); a replace before the cycle began leaves rows that count for nothing.
 */
export function cycleFirstDays(rows: readonly CycleRowDates[]): Map<number, string> {
  const iso = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d);
  const out = new Map<number, string>();
  const live = rows.filter((r) => String(r.status).trim().toLowerCase() !== 'replaced' && iso(r.starts));
  for (const r of live) {
    const s = out.get(r.cycle);
    if (s === undefined || r.starts < s) out.set(r.cycle, r.starts);
  }
  for (const r of rows) {
    if (String(r.status).trim().toLowerCase() !== 'replaced' || !iso(r.starts) || !iso(r.ends) || r.ends < r.starts) continue;
    const s = out.get(r.cycle);
    if (s !== undefined && r.ends < s && r.starts < s) out.set(r.cycle, r.starts);
  }
  return out;
}
