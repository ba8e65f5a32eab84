// The planner's calendar options (--start, --time, --zone, --ics, --weeks, --every, --minutes,
// --organizer, --skip, --shrink): their checks, and the .ics files of the planned cycles — one per group, named by
// the group's id (C3-01.ics), and all.ics with every group — built with core/ics.ts and the
// add-on's own title and description (core/calendar-event.ts).
//
// UIDs. The command line has no program id, and a UID must be globally unique (RFC 5545 §3.8.4.7)
// and the same each time the same series is written, so that importing a file again updates the
// series instead of adding a second one. Each series' UID is
//     <group id>-<first meeting YYYYMMDD>-<8 hex digits>@peer-coaching.invalid
// e.g. C3-01-20270316-1a2b3c4d@peer-coaching.invalid, where the hex digits are the start of the
// SHA-256 of the group's emails (lower case, sorted, joined by ","). The same roster, history,
// seed and --start give the same UIDs on every run, whatever --time, --zone or --minutes say
// (a changed time is an update of the same series; its later DTSTAMP makes it the newer copy,
// RFC 5546 §2.1.5). Two programs that plan the same cycle number on the same date get different
// UIDs because their people differ; a re-plan that changes who meets is a different series.
// ".invalid" (RFC 2606) is a domain that can never be anyone's.
//
// Skipped dates (--skip, core/skip-dates.ts). A meeting on a skipped date is left out of its
// series with EXDATE;TZID (its local start). By default the cycle runs on past its last meeting to
// keep its number of meetings (COUNT counts the EXDATE'd dates, so six meetings with two skipped is
// COUNT=8) and the next cycle starts after the longer one ends; --shrink keeps the cycle's end and
// holds fewer meetings. A skipped first meeting moves the series' DTSTART to the first one held;
// the UID keeps the cycle's first date, so the series is the same one when re-written.
import { createHash } from 'node:crypto';
import { eventTitle, seriesDescription } from '../../core/calendar-event';
import { addDays, isIsoDate, weekdayOf } from '../../core/dates';
import { icsCalendar, type IcsEvent, type IcsPerson } from '../../core/ics';
import { isEmail, normaliseEmail, type PairingResult, type Person } from '../../core/people';
import { isKnownTimeZone } from '../../core/roster';
import { groupId } from '../../core/rotation';
import { DEFAULT_SETTINGS, LIMITS, meetingsPerCycle } from '../../core/settings';
import { describePlan, planMeetings, readSkipDates, skipDatesProblemLine, type DateRange, type MeetingPlan } from '../../core/skip-dates';
import { InputError } from './input-error';

/** The calendar flags as parseArgs gives them (strings, absent when not given). */
export interface CalendarFlagValues {
  start?: string;
  time?: string;
  zone?: string;
  ics?: string;
  weeks?: string;
  every?: string;
  minutes?: string;
  organizer?: string;
  skip?: string;
  /** --shrink, a switch: true when given. */
  shrink?: boolean;
}

/** The calendar flags that take a value. */
export const CALENDAR_FLAGS = ['start', 'time', 'zone', 'ics', 'weeks', 'every', 'minutes', 'organizer', 'skip'] as const;
/** The calendar flags that are switches. */
export const CALENDAR_SWITCHES = ['shrink'] as const;

export const CALENDAR_DEFAULTS = Object.freeze({ weeks: 6, every: 1, minutes: 30 });

export interface CalendarOptions {
  /** The folder the .ics files go into (made when missing). */
  dir: string;
  /** The first planned cycle's first meeting, 'YYYY-MM-DD'; later cycles start `weeks` weeks apart. */
  start: string;
  /** 'HH:MM', 24-hour. */
  time: string;
  zone: string;
  /** The cycle's length in weeks. */
  weeks: number;
  /** Weeks between meetings: 1 or 2. */
  every: 1 | 2;
  minutes: number;
  /** METHOD:REQUEST from this address when given; METHOD:PUBLISH otherwise. */
  organizer?: string;
  /** Dates left out of the series (--skip), sorted and merged; [] when none. */
  skip: DateRange[];
  /** True unless --shrink: a cycle with skipped dates runs on to keep its number of meetings. */
  keepCount: boolean;
}

/** The domain of every UID the planner writes. */
export const UID_DOMAIN = 'peer-coaching.invalid';
export const ALL_FILE = 'all.ics';

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * The calendar options, or null when no calendar flag was given. Throws an InputError listing
 * every problem, one per line, each naming its flag and the fix.
 */
export function readCalendarFlags(values: CalendarFlagValues): CalendarOptions | null {
  const given: string[] = CALENDAR_FLAGS.filter((f) => values[f] !== undefined);
  if (values.shrink === true) given.push('shrink');
  if (given.length === 0) return null;
  if (values.ics === undefined) {
    const flags = given.map((f) => `--${f}`);
    throw new InputError(`${list(flags)} ${flags.length === 1 ? 'shapes' : 'shape'} the calendar files: add --ics DIR (with --start, --time and --zone) to write them, or leave ${flags.length === 1 ? 'it' : 'them'} out.`);
  }
  const problems: string[] = [];
  const missing = (['start', 'time', 'zone'] as const).filter((f) => values[f] === undefined || values[f]!.trim() === '');
  if (missing.length > 0) {
    problems.push(`--ics needs --start YYYY-MM-DD, --time HH:MM and --zone Area/City (the first meeting's date, its time and time zone); missing: ${list(missing.map((f) => `--${f}`))}.`);
  }
  const dir = values.ics;
  if (dir.trim() === '') problems.push('--ics needs the folder to write the .ics files into, like --ics invitations.');

  const start = values.start?.trim() ?? '';
  if (start !== '') {
    if (!isIsoDate(start)) problems.push(`--start must be a real date written YYYY-MM-DD, like 2027-03-16, not "${clip(start)}".`);
    else if (Number(start.slice(0, 4)) < LIMITS.minYear || Number(start.slice(0, 4)) > LIMITS.maxYear) {
      problems.push(`--start must be in the years ${LIMITS.minYear} to ${LIMITS.maxYear}, not ${start}.`);
    }
  }
  const timeText = values.time?.trim() ?? '';
  let time = '';
  if (timeText !== '') {
    const m = /^(\d{1,2}):(\d{2})$/.exec(timeText);
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) problems.push(`--time must be a 24-hour time written HH:MM, like 10:00 or 14:30, not "${clip(timeText)}".`);
    else time = `${m[1].padStart(2, '0')}:${m[2]}`;
  }
  const zone = values.zone?.trim() ?? '';
  if (zone !== '' && !isKnownTimeZone(zone)) {
    problems.push(`--zone must be an IANA time zone written like Europe/London or America/New_York, not "${clip(zone)}".`);
  }
  const weeks = whole(values.weeks, CALENDAR_DEFAULTS.weeks);
  if (!(weeks >= LIMITS.minCycleWeeks && weeks <= LIMITS.maxCycleWeeks)) {
    problems.push(`--weeks (the cycle's length) must be a whole number of weeks from ${LIMITS.minCycleWeeks} to ${LIMITS.maxCycleWeeks}, not "${clip(values.weeks ?? '')}".`);
  }
  const every = whole(values.every, CALENDAR_DEFAULTS.every);
  if (every !== 1 && every !== 2) problems.push(`--every must be 1 (a meeting every week) or 2 (every two weeks), not "${clip(values.every ?? '')}".`);
  const minutes = whole(values.minutes, CALENDAR_DEFAULTS.minutes);
  const { minMeetingMinutes: lo, maxMeetingMinutes: hi, meetingMinutesStep: step } = LIMITS;
  if (!(minutes >= lo && minutes <= hi && minutes % step === 0)) {
    problems.push(`--minutes (each meeting's length) must be a whole number from ${lo} to ${hi} in steps of ${step}, like 30, not "${clip(values.minutes ?? '')}".`);
  } else if (time !== '') {
    const [h, m] = time.split(':').map(Number);
    if (h * 60 + m + minutes > 24 * 60) problems.push(`a ${minutes}-minute meeting at --time ${time} would end after midnight: choose an earlier --time or a smaller --minutes.`);
  }
  let organizer: string | undefined;
  if (values.organizer !== undefined) {
    organizer = normaliseEmail(values.organizer);
    if (!isEmail(organizer)) problems.push(`--organizer must be the organizer's email address, like owner@example.org, not "${clip(values.organizer)}".`);
  }
  let skip: DateRange[] = [];
  if (values.skip !== undefined) {
    const read = readSkipDates(values.skip);
    if (values.skip.trim() === '') problems.push('--skip needs dates or ranges, like --skip "2026-12-21..2027-01-03,2027-04-05".');
    for (const p of read.problems) problems.push(`--skip: ${skipDatesProblemLine(p, /[\r\n]/.test(values.skip))}`);
    skip = read.ranges;
  }
  if (values.shrink === true && values.skip === undefined) {
    problems.push('--shrink only matters with --skip: it keeps a cycle with skipped dates to its end instead of running on; add --skip DATES or leave it out.');
  }
  if (problems.length > 0) throw new InputError(problems.join('\n'));
  return { dir, start, time, zone, weeks, every: every as 1 | 2, minutes, organizer, skip, keepCount: values.shrink !== true };
}

/** An .ics file to write: its name in the folder, its text, and what it holds, for the report. */
export interface IcsFile {
  name: string;
  text: string;
  /** The group's title, or "every group" for all.ics. */
  holds: string;
}

/**
 * One file per group of every planned cycle (`<group id>.ics`) and all.ics with every series.
 * Cycle k of the run (k = 0 for the first) starts `weeks` weeks × k after --start.
 */
export function calendarFiles(results: readonly PairingResult[], people: readonly Person[], options: CalendarOptions, stamp: Date): IcsFile[] {
  const byEmail = new Map(people.map((p) => [p.email, p]));
  const plans = cyclePlans(options, results.length);
  const organizerPerson = options.organizer === undefined ? undefined : byEmail.get(options.organizer);
  const organizer: IcsPerson | undefined = options.organizer === undefined ? undefined : { email: options.organizer, name: organizerPerson?.name };
  const method = organizer ? 'REQUEST' : 'PUBLISH';
  const files: IcsFile[] = [];
  const all: IcsEvent[] = [];
  results.forEach((result, k) => {
    const { startDate, plan } = plans[k];
    const series = plan.series;
    if (series === null || plan.dates.length === 0) {
      throw new InputError(`--skip leaves no meeting in cycle ${result.cycle} (from ${startDate}): shorten the skipped ranges.`, false);
    }
    result.groups.forEach((group, i) => {
      const id = groupId(result.cycle, i);
      const attendees = group.members.map((email) => ({ email, name: byEmail.get(email)?.name ?? '' }));
      const names = attendees.map((a) => (a.name.trim() !== '' ? a.name : a.email));
      const event: IcsEvent = {
        uid: seriesUid(id, startDate, group.members),
        title: eventTitle(DEFAULT_SETTINGS.titleTemplate, names, result.cycle),
        description: seriesDescription({ meetings: plan.dates.length, groupCode: id }),
        startDate: series.startDate,
        startTime: options.time,
        minutes: options.minutes,
        timeZone: options.zone,
        count: series.count,
        intervalWeeks: options.every,
        attendees,
        exdates: series.exdates,
      };
      all.push(event);
      files.push({ name: `${id}.ics`, text: icsCalendar({ method, organizer, events: [event], stamp }), holds: event.title });
    });
  });
  const groups = all.length;
  files.push({ name: ALL_FILE, text: icsCalendar({ method, organizer, events: all, stamp }), holds: `every group (${groups} series)` });
  return files;
}

/** Each planned cycle's first date and meetings: cycle k+1 starts the day after cycle k ends. */
export function cyclePlans(options: CalendarOptions, cycles: number): Array<{ startDate: string; plan: MeetingPlan }> {
  const meetings = meetingsPerCycle({ cycleWeeks: options.weeks, cadence: options.every === 2 ? 'fortnightly' : 'weekly' });
  const out: Array<{ startDate: string; plan: MeetingPlan }> = [];
  let startDate = options.start;
  for (let k = 0; k < cycles; k++) {
    const plan = planMeetings({
      firstDate: startDate,
      intervalWeeks: options.every,
      meetings,
      skip: options.skip,
      keepCount: options.keepCount,
      ends: addDays(startDate, options.weeks * 7 - 1),
      reason: '--skip',
    });
    out.push({ startDate, plan });
    startDate = addDays(plan.ends, 1);
  }
  return out;
}

/** One line per cycle with skipped dates: "Cycle 3: skipped 2026-12-22 … to keep 6 meetings." */
export function describeSkips(options: CalendarOptions, cycleNumbers: readonly number[]): string[] {
  return cyclePlans(options, cycleNumbers.length).flatMap(({ plan }, k) => {
    const text = describePlan(plan);
    return text === '' ? [] : [`Cycle ${cycleNumbers[k]}: s${text.slice(1)}`];
  });
}

/** The UID of a group's series (see the top of this file). */
export function seriesUid(group: string, startDate: string, members: readonly string[]): string {
  const emails = members.map(normaliseEmail).sort().join(',');
  const digest = createHash('sha256').update(emails, 'utf8').digest('hex').slice(0, 8);
  return `${group}-${startDate.replace(/-/g, '')}-${digest}@${UID_DOMAIN}`;
}

/** One sentence: "6 meetings per group, weekly on Tuesdays at 10:00 (Europe/London), 30 minutes each, from 2027-03-16." */
export function describeSchedule(options: CalendarOptions, cycles: number): string {
  const count = meetingsPerCycle({ cycleWeeks: options.weeks, cadence: options.every === 2 ? 'fortnightly' : 'weekly' });
  const day = WEEKDAY_NAMES[weekdayOf(options.start)];
  const cadence = options.every === 2 ? `every two weeks on ${day}s` : `weekly on ${day}s`;
  const after = options.skip.length > 0 && options.keepCount ? 'the day after the one before ends' : `${options.weeks} weeks after the one before`;
  const starts = cycles === 1 ? `from ${options.start}` : `from ${options.start}, each cycle ${after}`;
  return `${count} ${count === 1 ? 'meeting' : 'meetings'} per group, ${cadence} at ${options.time} (${options.zone}), ${options.minutes} minutes each, ${starts}.`;
}

function whole(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  return /^\d{1,4}$/.test(text.trim()) ? Number(text.trim()) : NaN;
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
