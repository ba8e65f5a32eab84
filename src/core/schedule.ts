// Scheduling a confirmed cycle, as pure decisions: which Rotations rows still need a time, an
// event or a Meet link, when each group's weekly series starts and how many meetings it holds (from
// the row's own Starts and Ends: the row is the record, settings changed after the confirm do not
// stretch it), and the small job record kept in document properties between chunks. The sheet is
// the source of truth for what is done (Event ID, Meet link, Status); the job only remembers what
// the sheet cannot say, for the running job only: that the common times were chosen, the errors
// and version bumps of groups still to book, the lowest version a new event may take.
import { addDays, daysBetween, isIsoDate, isoDateInZone, weekdayOf } from './dates';
import { hashString } from './pairing-circle';
import { normaliseEmail } from './people';
import { utf8Length } from './utf8';
import { ROTATIONS, normaliseHeader } from './schema';
import { cadenceWeeks, WEEKDAYS, type Settings } from './settings';
import { groupMeetings, type AwayPerson } from './away';
import { isSkipped, readSkipDates, seriesShape } from './skip-dates';

/** One Rotations row, as scheduling sees it. */
export interface ScheduleRow {
  /** 0-based index in the table read from the sheet (header = 0). */
  index: number;
  cycle: number;
  /** 'YYYY-MM-DD' ('' when the cell is not a date). */
  starts: string;
  ends: string;
  group: string;
  /** Normalised emails, in column order. */
  members: string[];
  dayAndTime: string;
  timeZone: string;
  status: string;
  eventId: string;
  meetLink: string;
  notes: string;
}

/** Canonical Rotations header → 0-based column. */
export type Columns = Readonly<Record<string, number>>;

/** Finds the canonical Rotations columns in a header row; null when one is missing. */
export function rotationColumns(header: readonly unknown[]): Columns | null {
  const columns: Record<string, number> = {};
  header.forEach((cell, i) => {
    const spec = ROTATIONS.columns.find((c) => normaliseHeader(c.header) === normaliseHeader(cell));
    if (spec && columns[spec.header] === undefined) columns[spec.header] = i;
  });
  return ROTATIONS.columns.every((c) => columns[c.header] !== undefined) ? columns : null;
}

const text = (v: unknown) => String(v ?? '').trim();

function dateCell(v: unknown, timeZone: string): string {
  if (v instanceof Date) return isoDateInZone(v, timeZone);
  const t = text(v);
  return isIsoDate(t) ? t : '';
}

/** The table's rows (header skipped) as ScheduleRows; rows without a whole cycle number are left out. */
export function readScheduleRows(table: ReadonlyArray<readonly unknown[]>, columns: Columns, timeZone: string): ScheduleRow[] {
  const out: ScheduleRow[] = [];
  for (let r = 1; r < table.length; r++) {
    const row = table[r];
    const cell = (h: string) => row[columns[h]];
    const cycle = Number(text(cell('Cycle')));
    if (!Number.isSafeInteger(cycle) || cycle < 1) continue;
    out.push({
      index: r,
      cycle,
      starts: dateCell(cell('Starts'), timeZone),
      ends: dateCell(cell('Ends'), timeZone),
      group: text(cell('Group')),
      members: ['Member 1', 'Member 2', 'Member 3'].map((h) => normaliseEmail(cell(h))).filter((e) => e !== ''),
      dayAndTime: text(cell('Day and time')),
      timeZone: text(cell('Time zone')),
      status: text(cell('Status')).toLowerCase(),
      eventId: text(cell('Event ID')),
      meetLink: text(cell('Meet link')),
      notes: text(cell('Notes')),
    });
  }
  return out;
}

/** Rows that are (or are to be) meeting: every status but replaced, cancelled and changed (a roster change ended them). */
export function inForce(row: ScheduleRow): boolean {
  return row.status !== 'replaced' && row.status !== 'cancelled' && row.status !== 'changed';
}

/** The highest cycle with a row in force, or 0. */
export function latestCycle(rows: readonly ScheduleRow[]): number {
  return rows.filter(inForce).reduce((max, r) => Math.max(max, r.cycle), 0);
}

/** "Tue 10:00" → weekday 0–6 (Sunday = 0) and 'HH:MM'; null when it is not that. */
export function parseDayAndTime(value: string): { weekday: number; time: string } | null {
  const m = /^([A-Za-z]{3})[A-Za-z]*\s+(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const weekday = WEEKDAYS.findIndex((d) => d.toLowerCase() === m[1].toLowerCase());
  const hour = Number(m[2]);
  const minute = Number(m[3]);
  if (weekday < 0 || hour > 23 || minute > 59) return null;
  return { weekday, time: `${String(hour).padStart(2, '0')}:${m[3]}` };
}

/** "Tue 10:00": how a slot is written in the Day and time column. */
export function formatDayAndTime(weekday: number, time: string): string {
  return `${WEEKDAYS[weekday]} ${time}`;
}

/** When a group's weekly series runs. */
export interface SeriesTiming {
  /** The first meeting: the first day on or after the cycle's start with the slot's weekday. */
  startDate: string;
  startTime: string;
  timeZone: string;
  /** Meetings in the cycle. */
  count: number;
  /** 1 weekly, 2 fortnightly. */
  intervalWeeks: number;
  /** Dates of the series' grid left out ("Skip these dates", a member's Away dates): EXDATE lines. */
  exdates: string[];
}

/**
 * The series of a row, or the reason it cannot be scheduled (a sentence naming the row's cell to
 * fix). `fallbackZone` is the settings' zone, for a blank Time zone cell. The meetings are every
 * `cadence` from the first one up to the row's Ends: the row states the cycle's dates, so a cycle
 * length changed in the settings after the confirm does not change them (`cycleWeeks` is unused).
 * Meetings on the settings' skipped dates are left out with EXDATE (the cycle's Ends already runs
 * on past them when the settings keep the number of meetings). So are the meetings on a date one
 * of `members` is away (the Roster's Away column, core/away.ts groupMeetings): those are not made
 * up, the series keeps its end.
 */
export function seriesTiming(
  row: ScheduleRow,
  settings: Pick<Settings, 'cadence'> & Partial<Pick<Settings, 'cycleWeeks' | 'skipDates'>>,
  fallbackZone: string,
  isTimeZone: (zone: string) => boolean,
  members: readonly AwayPerson[] = [],
): { ok: true; timing: SeriesTiming } | { ok: false; reason: string } {
  const slot = parseDayAndTime(row.dayAndTime);
  if (!slot) return { ok: false, reason: `Day and time "${row.dayAndTime.slice(0, 40)}" is not like Tue 10:00.` };
  if (!row.starts) return { ok: false, reason: 'Starts is not a date.' };
  if (!row.ends) return { ok: false, reason: 'Ends is not a date.' };
  const timeZone = row.timeZone || fallbackZone;
  if (!isTimeZone(timeZone)) return { ok: false, reason: `Time zone "${timeZone.slice(0, 40)}" is not an IANA time zone like Europe/London.` };
  const startDate = addDays(row.starts, (slot.weekday - weekdayOf(row.starts) + 7) % 7);
  if (startDate > row.ends) return { ok: false, reason: `No ${WEEKDAYS[slot.weekday]} falls between Starts ${row.starts} and Ends ${row.ends}.` };
  const intervalWeeks = cadenceWeeks(settings.cadence);
  const ranges = settings.skipDates ? readSkipDates(settings.skipDates).ranges : [];
  const away = members.filter((m) => m.away.length > 0);
  if (ranges.length === 0 && away.length === 0) {
    return { ok: true, timing: { startDate, startTime: slot.time, timeZone, count: meetingsBetween(startDate, row.ends, intervalWeeks), intervalWeeks, exdates: [] } };
  }
  // "Skip these dates": the meetings on skipped dates are left out of the series (EXDATE).
  const held: string[] = [];
  for (let d = startDate; d <= row.ends; d = addDays(d, 7 * intervalWeeks)) if (!isSkipped(ranges, d)) held.push(d);
  // A member's Away dates: those meetings are left out for the whole group.
  const group = away.length === 0 ? null : groupMeetings(held, intervalWeeks, away);
  const shape = group ? group.series : seriesShape(held, intervalWeeks);
  if (!shape && held.length > 0 && group) {
    return { ok: false, reason: `Every meeting between Starts ${row.starts} and Ends ${row.ends} falls on a date a member is away (${[...new Set(group.skipped.map((m) => m.why))].join('; ')}): check the Roster's Away dates, or regroup them.` };
  }
  if (!shape) return { ok: false, reason: `Every meeting between Starts ${row.starts} and Ends ${row.ends} falls on a skipped date (Skip these dates).` };
  return { ok: true, timing: { startDate: shape.startDate, startTime: slot.time, timeZone, count: shape.count, intervalWeeks, exdates: shape.exdates } };
}

/** Meetings every `intervalWeeks` weeks from `first` up to `last` inclusive (1 when they are the same day). */
export function meetingsBetween(first: string, last: string, intervalWeeks: number): number {
  if (last < first) return 0;
  return Math.floor(daysBetween(first, last) / (7 * intervalWeeks)) + 1;
}

// ---- The job kept between chunks ----------------------------------------------------------------

/** Document property holding the scheduling job (JSON). */
export const SCHEDULE_JOB_KEY = 'schedule.job';

export interface GroupError {
  message: string;
  /** Failed attempts since the last retry; the tick stops retrying at MAX_ATTEMPTS. */
  attempts: number;
}

export interface ScheduleJob {
  cycle: number;
  /**
   * The groups in force (`groupsKey`) when the common times were chosen; '' before. Replacing the
   * cycle changes the groups, so their times are chosen again.
   */
  slotsFor: string;
  /**
   * The groups in force when the cycle's events were last listed and compared with Rotations
   * ('' before): a different key (a row deleted, replaced, cancelled) lists them again.
   */
  listedFor: string;
  /** Passes that looked for pending Meet links; after MAX_MEET_PASSES the links are given up. */
  meetPasses: number;
  /** Group id → its last error; groups still to book only. */
  errors: Record<string, GroupError>;
  /**
   * Group id → event version, for groups still to book whose version is above `base`: a
   * deliberate re-creation bumps it for a fresh id. Booked groups' ids are in the sheet.
   */
  versions: Record<string, number>;
  /**
   * The lowest version a new event of this cycle takes: above every event removed from the cycle
   * (their ids are never freed), so no new group's id is one of theirs.
   */
  base: number;
  /** Events of the cycle no row in force tracks, still to remove (from the last listing). */
  orphans: number;
  /** What was removed from calendars this cycle and why, for the owner (the sidebar's notes). */
  removed: Removals;
  /** Sentences about the run as a whole (daily limit reached, …). */
  notice: string;
  /** ISO instant of the last change. */
  updatedAt: string;
}

/** Events taken off the calendars, by why; the groups of deleted rows named (the first few). */
export interface Removals {
  replaced: number;
  cancelled: number;
  duplicate: number;
  deleted: number;
  /** "C1-02 (Ann Lee, Bob Roy)", at most MAX_NAMED. */
  named: string[];
}

const MAX_NAMED = 5;
const noRemovals = (): Removals => ({ replaced: 0, cancelled: 0, duplicate: 0, deleted: 0, named: [] });

/** Adds removals of one reason; `named` only for deleted rows, kept to the first few, each cut to 160 characters. */
export function addRemovals(r: Removals, reason: 'replaced' | 'cancelled' | 'duplicate' | 'deleted', count: number, named: readonly string[] = []): void {
  r[reason] += count;
  for (const n of named) if (r.named.length < MAX_NAMED) r.named.push(n.slice(0, 160));
}

/** The owner's note about what was removed (empty when nothing was). */
export function removalsNote(r: Removals): string {
  const parts: string[] = [];
  if (r.deleted > 0) {
    const more = r.deleted - r.named.length;
    parts.push(`Rows deleted from Rotations: the invitations of ${r.named.join('; ')}${more > 0 ? ` and ${more} more group${more === 1 ? '' : 's'}` : ''} were removed from calendars.`);
  }
  for (const reason of ['replaced', 'cancelled', 'duplicate'] as const) {
    const n = r[reason];
    if (n > 0) parts.push(`${n} ${reason} invitation${n === 1 ? ' was' : 's were'} removed from calendars.`);
  }
  return parts.join(' ');
}

/** Automatic retries of a failing group before only the owner's Retry tries again. */
export const MAX_ATTEMPTS = 3;
const MAX_MESSAGE = 200;
const MAX_ERRORS = 30;
const MAX_NOTE = 500;

export function newJob(cycle: number, now: Date): ScheduleJob {
  return { cycle, slotsFor: '', listedFor: '', meetPasses: 0, errors: {}, versions: {}, base: 0, orphans: 0, removed: noRemovals(), notice: '', updatedAt: now.toISOString() };
}

/** The version a group's next event takes: its own bump or the cycle's base, whichever is higher. */
export function versionOf(job: ScheduleJob, group: string): number {
  return Math.max(job.base, job.versions[group] ?? 0);
}

/**
 * Drops what the running job no longer needs: errors and version bumps of groups that are booked,
 * replaced, cancelled or deleted (only `toBook`, the group ids still without an event, keep theirs).
 */
export function pruneJob(job: ScheduleJob, toBook: readonly string[]): void {
  const keep = new Set(toBook);
  for (const g of Object.keys(job.errors)) if (!keep.has(g)) delete job.errors[g];
  for (const g of Object.keys(job.versions)) if (!keep.has(g) || job.versions[g] <= job.base) delete job.versions[g];
}

/** Passes (chunks or hourly runs) that wait for Google to make a Meet link before giving up. */
export const MAX_MEET_PASSES = 24;

/** A short, stable key of a cycle's groups in force: which members are in which group. */
export function groupsKey(rows: readonly ScheduleRow[]): string {
  const text = rows
    .map((r) => `${r.group}:${r.members.slice().sort().join(',')}`)
    .sort()
    .join(';');
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  return hex(hashString(text)) + hex(hashString(`groups\u0000${text}`));
}

/** True when the event's guests are exactly the row's members (the organizer aside). */
export function sameMembers(attendees: ReadonlyArray<{ email?: string | null }> | null | undefined, members: readonly string[]): boolean {
  const guests = (attendees ?? []).map((a) => normaliseEmail(a.email)).filter((e) => e !== '').sort();
  const want = members.map(normaliseEmail).sort();
  return guests.length === want.length && guests.every((e, i) => e === want[i]);
}

const count = (v: unknown) => (Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : 0);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

function parseRemovals(v: unknown): Removals {
  const r = noRemovals();
  if (typeof v !== 'object' || v === null) return r;
  const x = v as Record<string, unknown>;
  for (const k of ['replaced', 'cancelled', 'duplicate', 'deleted'] as const) r[k] = count(x[k]);
  if (Array.isArray(x.named)) addRemovals(r, 'deleted', 0, x.named.filter((n): n is string => typeof n === 'string'));
  return r;
}

/** Reads the stored job tolerantly: anything unreadable is no job. */
export function parseJob(raw: string | null): ScheduleJob | null {
  if (!raw) return null;
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof doc !== 'object' || doc === null) return null;
  const d = doc as Record<string, unknown>;
  if (!Number.isSafeInteger(d.cycle) || (d.cycle as number) < 1) return null;
  const errors: Record<string, GroupError> = {};
  if (typeof d.errors === 'object' && d.errors !== null) {
    for (const [group, e] of Object.entries(d.errors as Record<string, unknown>)) {
      const x = e as Record<string, unknown> | null;
      if (x && typeof x.message === 'string' && Number.isSafeInteger(x.attempts)) errors[group] = { message: x.message, attempts: x.attempts as number };
    }
  }
  const versions: Record<string, number> = {};
  if (typeof d.versions === 'object' && d.versions !== null) {
    for (const [group, v] of Object.entries(d.versions as Record<string, unknown>)) {
      if (Number.isSafeInteger(v) && (v as number) >= 0) versions[group] = v as number;
    }
  }
  return {
    cycle: d.cycle as number,
    slotsFor: str(d.slotsFor),
    listedFor: str(d.listedFor),
    meetPasses: count(d.meetPasses),
    errors,
    versions,
    base: count(d.base),
    orphans: count(d.orphans),
    removed: parseRemovals(d.removed),
    notice: str(d.notice),
    updatedAt: str(d.updatedAt),
  };
}

/** The stored job's size limit in UTF-8 bytes, well below the ~8 KB a property value holds. */
export const MAX_JOB_BYTES = 6000;

/**
 * The job as stored, within MAX_JOB_BYTES (UTF-8 bytes, not characters) whatever the number of
 * groups: when the version bumps do not fit they are folded into `base` (every group still to
 * book then takes a version above all of them: fresh ids all the same); then at most 30 groups'
 * errors with messages cut to 200 characters, fewer until the JSON fits; the groups left out are
 * counted in the notice, and their attempts start again. Notes are cut to 500 characters.
 */
export function serialiseJob(job: ScheduleJob): string {
  let versions = job.versions;
  let base = job.base;
  if (utf8Length(JSON.stringify(versions)) > MAX_JOB_BYTES / 3) {
    base = Math.max(base, ...Object.values(versions));
    versions = {};
  }
  const entries = Object.entries(job.errors).map(([g, e]) => [g, { message: e.message.slice(0, MAX_MESSAGE), attempts: e.attempts }] as const);
  let keep = Math.min(entries.length, MAX_ERRORS);
  for (;;) {
    const dropped = entries.length - keep;
    const notice = (dropped > 0 ? `${job.notice ? `${job.notice} ` : ''}${dropped} more groups failed; Retry tries them all.` : job.notice).slice(0, MAX_NOTE);
    const json = JSON.stringify({ ...job, versions, base, errors: Object.fromEntries(entries.slice(0, keep)), notice });
    if (utf8Length(json) <= MAX_JOB_BYTES || keep === 0) return json;
    keep--;
  }
}

/** What a scheduling pass has to do for one cycle. */
export interface ScheduleWork {
  /** Rows of the cycle in force. */
  rows: ScheduleRow[];
  /** Rows without an event yet, whose time may still be chosen. */
  unscheduled: ScheduleRow[];
  /** Of those, the ones to try now (not given up after MAX_ATTEMPTS, unless `retry`). */
  toInsert: ScheduleRow[];
  /** Rows with an event whose Meet link Google has not made yet. */
  meetPending: ScheduleRow[];
}

/** The marker written in the Meet link column until Google has made the link. */
export const MEET_PENDING = 'pending';

export function scheduleWork(all: readonly ScheduleRow[], job: ScheduleJob, retry: boolean): ScheduleWork {
  const rows = all.filter((r) => r.cycle === job.cycle && inForce(r));
  const unscheduled = rows.filter((r) => r.eventId === '');
  const toInsert = unscheduled.filter((r) => retry || (job.errors[r.group]?.attempts ?? 0) < MAX_ATTEMPTS);
  const meetPending = rows.filter((r) => r.eventId !== '' && r.meetLink.toLowerCase() === MEET_PENDING);
  return { rows, unscheduled, toInsert, meetPending };
}

