// Sample calendars for the local sandbox (`npm start`): every sample manager's own meetings, the
// ones the add-on knows nothing about, as busy blocks for the emulated free/busy. Plain data, no
// emulation, no Node: the sandbox hands each entry to `ws.calendar.addPerson`.
//
// Deterministic: the same clock gives the same blocks. Each person's weekly pattern comes from a
// seeded random (core/random.ts) keyed by their row, and the weeks are counted from the Monday of
// the week the sandbox's clock is in, in the person's own time zone, so the blocks always cover the
// next cycles whatever day the sandbox starts (three six-week cycles fit in the default 20 weeks).
// Every block lies inside Monday–Friday 09:00–17:00 local time, on a 30-minute grid:
//   - a weekly team meeting (60 min) and a weekly 1:1 with their own manager (30 min);
//   - for about a third of the people, a weekly staff meeting on Tuesday 10:00–11:00, which is the
//     default preferred slot, so "Find a common time" has something to move away from;
//   - one to three one-off meetings a week (30, 60 or 90 min).
// One person's calendar answers `notFound` to free/busy (the owner cannot see it), so the sandbox
// shows the flag the add-on writes for that group.
import { addDays, isoDateInZone, weekdayOf } from '../../core/dates';
import { seededRandom } from '../../core/random';
import { localInstant } from '../../core/zones';
import { SAMPLE_ROSTER_ROWS, SAMPLE_TIME_ZONE } from './roster';

/** The seed of every sample calendar (each person's generator adds their row number). */
export const SAMPLE_CALENDAR_SEED = 20270105;
/** Weeks of busy blocks from the current week. */
export const SAMPLE_BUSY_WEEKS = 20;
/** The sample person whose calendar the owner cannot see: free/busy answers `notFound`. */
export const SAMPLE_NOT_FOUND_EMAIL = 'grace.liu@example.com';

export interface SampleBusy {
  /** RFC 3339 instants in UTC. */
  start: string;
  end: string;
}

export interface SampleCalendar {
  email: string;
  /** The zone the blocks were laid out in (the roster's, or the sample spreadsheet's). */
  timeZone: string;
  busy: SampleBusy[];
  /** Free/busy answers this error instead of the blocks. */
  error?: 'notFound';
}

const DAY_START = 9 * 60;
const DAY_END = 17 * 60;
const TUESDAY = 2;

/**
 * The busy blocks of every person in `rows` (the sample roster's columns: Name, Email, Team, Time
 * zone, …) for `weeks` weeks from the Monday of the week `now` falls in, in each person's zone.
 */
export function sampleCalendars(now: Date, rows: ReadonlyArray<readonly string[]> = SAMPLE_ROSTER_ROWS, weeks = SAMPLE_BUSY_WEEKS): SampleCalendar[] {
  return rows.map((row, index) => {
    const email = row[1].trim().toLowerCase();
    const timeZone = row[3]?.trim() || SAMPLE_TIME_ZONE;
    const next = seededRandom(SAMPLE_CALENDAR_SEED + index);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    /** A start on the 30-minute grid such that `minutes` ends by 17:00. */
    const startFor = (minutes: number) => DAY_START + 30 * Math.floor(next() * ((DAY_END - minutes - DAY_START) / 30 + 1));

    const weekdays = [1, 2, 3, 4, 5];
    const team = { weekday: pick(weekdays), start: startFor(60), minutes: 60 };
    const oneToOne = { weekday: pick(weekdays.filter((d) => d !== team.weekday)), start: startFor(30), minutes: 30 };
    const weekly = [team, oneToOne];
    if (next() < 0.35) weekly.push({ weekday: TUESDAY, start: 10 * 60, minutes: 60 });

    const today = isoDateInZone(now, timeZone);
    const monday = addDays(today, -((weekdayOf(today) + 6) % 7));
    const busy: SampleBusy[] = [];
    const block = (date: string, start: number, minutes: number) => {
      const from = localInstant(date, start, timeZone);
      busy.push({ start: new Date(from).toISOString(), end: new Date(from + minutes * 60_000).toISOString() });
    };
    for (let week = 0; week < weeks; week++) {
      const weekStart = addDays(monday, week * 7);
      for (const w of weekly) block(addDays(weekStart, w.weekday - 1), w.start, w.minutes);
      const oneOffs = 1 + Math.floor(next() * 3);
      for (let i = 0; i < oneOffs; i++) {
        const minutes = pick([30, 60, 90]);
        block(addDays(weekStart, pick(weekdays) - 1), startFor(minutes), minutes);
      }
    }
    busy.sort((a, b) => a.start.localeCompare(b.start));
    return email === SAMPLE_NOT_FOUND_EMAIL ? { email, timeZone, busy, error: 'notFound' as const } : { email, timeZone, busy };
  });
}
