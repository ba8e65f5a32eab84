// The Roster's optional "Away" column (issue 14, item 3): the dates a person is away, written like
// "Skip these dates" (2026-12-25, 2026-12-21..2027-01-03, separated by commas, semicolons, line
// breaks or spaces; skip-dates.ts reads them). Per cycle: who is away for more than half of its
// meetings (they sit the cycle out), and for everyone else, which of their group's meetings are
// skipped (EXDATE on the group's series), with the reason in words.
//
// Pure. The roster check (roster.ts) calls readAwayCell for the column; this file does not read
// the sheet. Decisions:
//   - A person is away for a meeting when the meeting's date (in the series' zone, as the series
//     lists it) falls in one of their ranges. Before the groups exist, the cycle's own meeting dates
//     (the preferred weekday) decide who sits out.
//   - "More than half": away for 4 of 6 meetings sits out, 3 of 6 does not; 2 of 3 sits out.
//   - A meeting any member is away for is skipped for the whole group (a trio included), and not
//     made up: the group's series keeps its end, unlike a date skipped for everyone.
//   - A cell holding a date (Sheets turns a typed 2026-12-25 into one) is read as that date in the
//     spreadsheet's zone when the zone is given; otherwise it is a problem with the roster's fix
//     (format the column as plain text).
import { isoDateInZone } from './dates';
import type { RosterProblem } from './roster';
import { isSkipped, readSkipDates, seriesShape, type DateRange, type SeriesShape, type SkippedMeeting } from './skip-dates';

/** The column's header on the Roster. */
export const AWAY_COLUMN = 'Away';

export type AwayCellReading = { ok: true; away: DateRange[]; canonical: string } | { ok: false; problems: RosterProblem[] };

export interface AwayCellOptions {
  /** The spreadsheet's zone: a Date in the cell is read as its date there. Without it a Date is a problem. */
  timeZone?: string;
}

/**
 * Reads one Away cell of the Roster row `row` (as getValues gives it, or CSV text). Blank: not
 * away. Every bad entry is one problem naming the row, the entry, where it is in the cell and the
 * fix, like the roster's own problems (formatProblem prints them).
 *
 * @example
 *   readAwayCell('2026-12-21..2027-01-03, 2027-02-29', 7)
 *   // { ok: false, problems: [{ row: 7, column: 'Away', message: 'away date "2027-02-29" (character 24) is not a date that exists', fix: 'Check the month and the day, like 2027-02-28.' }] }
 */
export function readAwayCell(value: unknown, row: number, options: AwayCellOptions = {}): AwayCellReading {
  if (value === null || value === undefined) return { ok: true, away: [], canonical: '' };
  if (value instanceof Date) {
    if (options.timeZone !== undefined && !Number.isNaN(value.getTime())) {
      const date = isoDateInZone(value, options.timeZone);
      const read = readSkipDates(date);
      if (read.problems.length === 0) return { ok: true, away: read.ranges, canonical: read.canonical };
    }
    return {
      ok: false,
      problems: [
        {
          row,
          column: AWAY_COLUMN,
          message: 'Away is a date, not text',
          fix: 'Format the Away column as plain text (Format > Number > Plain text) and type the dates again, like 2026-12-21..2027-01-03.',
        },
      ],
    };
  }
  const text = typeof value === 'string' ? value : String(value);
  const read = readSkipDates(text);
  if (read.problems.length === 0) return { ok: true, away: read.ranges, canonical: read.canonical };
  const multiline = /[\r\n]/.test(text);
  return {
    ok: false,
    problems: read.problems.map((p) => {
      const where = multiline ? `line ${p.line}, character ${p.column}` : `character ${p.position}`;
      return { row, column: AWAY_COLUMN, message: `away date "${p.text}" (${where}) ${p.message}`, fix: p.fix };
    }),
  };
}

/** A person with their Away ranges (sorted and merged, as readAwayCell gives them). */
export interface AwayPerson {
  email: string;
  /** For the reasons; the email when blank. */
  name?: string;
  away: readonly DateRange[];
}

export interface AwayInCycle {
  email: string;
  /** The cycle's meeting dates they are away for. */
  dates: string[];
  /** Away for more than half of the cycle's meetings: not grouped this cycle. */
  sitsOut: boolean;
  /** "Ann Lee is away for 4 of 6 meetings (2027-01-05, …) and sits this cycle out." */
  reason: string;
}

/**
 * Who is away for which of the cycle's meetings (`meetingDates`: the cycle's dates, skipped dates
 * already left out). Only people away for at least one meeting are listed, in the order given.
 */
export function awayInCycle(people: readonly AwayPerson[], meetingDates: readonly string[]): AwayInCycle[] {
  const out: AwayInCycle[] = [];
  const n = meetingDates.length;
  for (const p of people) {
    const dates = meetingDates.filter((d) => isSkipped(p.away, d));
    if (dates.length === 0) continue;
    const sitsOut = dates.length * 2 > n;
    const who = label(p);
    const reason = sitsOut
      ? `${who} is away for ${dates.length} of ${n} meetings (${list(dates)}) and sits this cycle out.`
      : `${who} is away on ${list(dates)}: ${dates.length === 1 ? 'that meeting is' : 'those meetings are'} skipped for their group.`;
    out.push({ email: p.email, dates, sitsOut, reason });
  }
  return out;
}

/** The emails of those who sit the cycle out (leave them out of the pairing). */
export function sittingOut(people: readonly AwayPerson[], meetingDates: readonly string[]): string[] {
  return awayInCycle(people, meetingDates)
    .filter((a) => a.sitsOut)
    .map((a) => a.email);
}

export interface GroupMeetings {
  /** The meetings the group holds. */
  dates: string[];
  /** The series' dates the group skips, with who is away. */
  skipped: SkippedMeeting[];
  /** The series to book: first meeting held, COUNT, EXDATEs (null when none is held). */
  series: SeriesShape | null;
}

/**
 * The meetings of one group's series once its members' Away dates are left out: `dates` are the
 * series' meetings (already without the program's skipped dates, e.g. planMeetings(...).dates for
 * the group's first date), all on one weekly grid `intervalWeeks` apart. The series keeps its end.
 *
 * @example
 *   groupMeetings(['2027-01-05', …, '2027-02-09'], 1, [ann, ben])
 *   // { dates: [...without 2027-01-19], skipped: [{ date: '2027-01-19', why: 'Ann Lee is away' }], series: { count: 6, exdates: ['2027-01-19'], … } }
 */
export function groupMeetings(dates: readonly string[], intervalWeeks: number, members: readonly AwayPerson[]): GroupMeetings {
  const { held, skipped } = split(dates, members);
  // Every grid date between the first and last held that is not held is an EXDATE: the program's
  // skipped dates (absent from `dates`) as well as the members' away dates.
  return { dates: held, skipped, series: seriesShape(held, intervalWeeks) };
}

/**
 * After booking: the group's future meetings (on or after `today`) that a member is now away for,
 * to cancel as single occurrences (issue 7's changes to a booked cycle), with the reason.
 * `booked` are the meetings the series holds now.
 */
export function newlyAway(booked: readonly string[], members: readonly AwayPerson[], today: string): SkippedMeeting[] {
  return split(
    booked.filter((d) => d >= today),
    members,
  ).skipped;
}

function split(dates: readonly string[], members: readonly AwayPerson[]): { held: string[]; skipped: SkippedMeeting[] } {
  const held: string[] = [];
  const skipped: SkippedMeeting[] = [];
  for (const date of dates) {
    const away = members.filter((m) => isSkipped(m.away, date));
    if (away.length === 0) held.push(date);
    else skipped.push({ date, why: `${list(away.map(label))} ${away.length === 1 ? 'is' : 'are'} away` });
  }
  return { held, skipped };
}

function label(p: AwayPerson): string {
  return p.name && p.name.trim() !== '' ? p.name.trim() : p.email;
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
