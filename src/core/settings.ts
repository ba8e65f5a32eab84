// The program's settings: their defaults, the validation of what the sidebar sends (which may be
// tampered with: google.script.run accepts any JSON from the browser), the tolerant reading of
// what is stored, and the cycle dates they give (PRODUCT.md "Cycles and identity").
//
// Validation rules (each problem is { field, message }; `settingsProblemLines` words them
// "Label: message"):
//   - The input must be a plain object of data. Unknown fields are REJECTED (named, at most five),
//     including "__proto__" and "constructor"; accessor properties are rejected unread.
//   - A field that is absent (undefined) keeps its `base` value (default: DEFAULT_SETTINGS), so a
//     partial update is valid. Every other value must have the field's exact type: numbers are
//     numbers (never "6"), switches are booleans (never "true"), text is a string.
//   - Strings are trimmed; blank is allowed only for firstMeetingDate and timeZone (and null means
//     blank there), where it means "the next preferred weekday after today" and "the spreadsheet's
//     time zone".
//   - cycleWeeks: integer 1–12. meetingMinutes: integer 15–120, a multiple of 5.
//   - cadence: weekly | fortnightly. preferredWeekday: Mon…Sun or the full name, any case.
//   - preferredTime: H:MM or HH:MM, 24-hour, minutes a multiple of 5; stored as HH:MM. The
//     meeting must end by midnight.
//   - firstMeetingDate: a real YYYY-MM-DD date in 2000–2099 falling on the preferred weekday
//     (meetings fall on the start's weekday, so a mismatch is a mistake to point out).
//   - timeZone: an IANA name (context.isTimeZone, default isKnownTimeZone).
//   - titleTemplate: 1–100 characters, no line breaks or control characters, placeholders
//     {names} and {cycle} only, no stray braces.
//   - skipDates: dates and ranges (skip-dates.ts: 2026-12-21..2027-01-03, 2027-04-05), blank for
//     none; stored canonically; every bad entry named with where it is and what to write.
//     keepMeetingCount: a switch (default on: a cycle with skipped dates runs on to keep its
//     number of meetings; off: it keeps its end with fewer meetings).
//   - feedbackNudges: a switch (default on, core/nudge.ts NUDGE_SETTING): one reminder email per
//     session to whoever has not given feedback a day after it (app/nudges.ts).
import type { Cadence, CycleDatesView, Settings, Weekday } from '../shared/settings';
import { dayNumber, weekdayOf } from './dates';
import { isKnownTimeZone } from './roster';
import { checkSkipDatesSetting } from './skip-dates';

export type { Cadence, Settings, Weekday } from '../shared/settings';
export type CycleDates = CycleDatesView;

export const WEEKDAYS: readonly Weekday[] = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const CADENCES: readonly Cadence[] = ['weekly', 'fortnightly'];

/** Settings that work without touching anything. Frozen. */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  cycleWeeks: 6,
  cadence: 'weekly',
  meetingMinutes: 30,
  firstMeetingDate: '',
  preferredWeekday: 'Tue',
  preferredTime: '10:00',
  timeZone: '',
  findCommonTime: true,
  keepTeammatesApart: true,
  titleTemplate: 'Peer coaching: {names}',
  googleMeet: true,
  sendInvitations: true,
  nextCycle: 'automatic',
  headsUpDays: 7,
  noticeDays: 3,
  newcomersJoinRunningCycle: true,
  skipDates: '',
  keepMeetingCount: true,
  feedbackNudges: true,
});

export type SettingsField = keyof Settings;

/** The fields in the order the sidebar shows them, with the words a person reads. */
export const SETTINGS_LABELS: Readonly<Record<SettingsField, string>> = Object.freeze({
  cycleWeeks: 'Cycle length',
  cadence: 'Cadence',
  meetingMinutes: 'Meeting length',
  firstMeetingDate: 'First meeting date',
  preferredWeekday: 'Weekday',
  preferredTime: 'Time',
  timeZone: 'Time zone',
  findCommonTime: 'Find a common time',
  keepTeammatesApart: 'Keep teammates apart',
  titleTemplate: 'Meeting title',
  googleMeet: 'Google Meet',
  sendInvitations: 'Send invitations',
  nextCycle: 'Next cycle',
  headsUpDays: 'Plan the next cycle (days before)',
  noticeDays: 'Book the next cycle (days before)',
  newcomersJoinRunningCycle: 'Newcomers join the running cycle',
  skipDates: 'Skip these dates',
  keepMeetingCount: 'Keep the number of meetings',
  feedbackNudges: 'Feedback reminders',
});

export const FIELDS = Object.keys(SETTINGS_LABELS) as SettingsField[];
/** Fields added after version 1 was first stored: absent from older documents, which is no fault. */
export const ADDED_LATER = new Set<SettingsField>(['findCommonTime', 'nextCycle', 'headsUpDays', 'noticeDays', 'newcomersJoinRunningCycle', 'skipDates', 'keepMeetingCount', 'feedbackNudges']);
const FIELD_SET = new Set<string>(FIELDS);

export const LIMITS = Object.freeze({
  minCycleWeeks: 1,
  maxCycleWeeks: 12,
  minMeetingMinutes: 15,
  maxMeetingMinutes: 120,
  meetingMinutesStep: 5,
  timeStep: 5,
  minYear: 2000,
  maxYear: 2099,
  maxTitleLength: 100,
  maxTimeZoneLength: 64,
  minHeadsUpDays: 1,
  maxHeadsUpDays: 28,
  minNoticeDays: 1,
  maxNoticeDays: 14,
});
export const TITLE_PLACEHOLDERS = ['{names}', '{cycle}'] as const;

export interface SettingsProblem {
  field: SettingsField | 'settings' | string;
  message: string;
}

export type SettingsValidation = { ok: true; settings: Settings } | { ok: false; problems: SettingsProblem[] };

export interface SettingsContext {
  /** Whether a (trimmed, non-blank) zone is an IANA zone. Default: isKnownTimeZone (Intl). */
  isTimeZone?: (zone: string) => boolean;
  /** What absent fields keep. Default: DEFAULT_SETTINGS. */
  base?: Settings;
}

type FieldCheck<T> = { ok: true; value: T } | { ok: false; message: string };
type Checker = (value: unknown, isTimeZone: (zone: string) => boolean) => FieldCheck<unknown>;

const ok = <T>(value: T): FieldCheck<T> => ({ ok: true, value });
const bad = (message: string): FieldCheck<never> => ({ ok: false, message });

/** Longer strings are refused before any trimming or pattern is applied to them. */
const MAX_RAW_LENGTH = 1000;

function text(value: unknown, blankAllowed: boolean, limit: number): FieldCheck<string> {
  if (value === null && blankAllowed) return ok('');
  if (typeof value !== 'string') return bad(`must be text, not ${kind(value)}.`);
  if (value.length > MAX_RAW_LENGTH) return bad(`is too long (at most ${limit} characters).`);
  const trimmed = value.trim();
  if (trimmed.length > limit) return bad(`is too long (at most ${limit} characters).`);
  return ok(trimmed);
}

function integer(value: unknown, min: number, max: number, step: number, unit: string): FieldCheck<number> {
  const range = `a whole number of ${unit} from ${min} to ${max}${step > 1 ? ` in steps of ${step}` : ''}`;
  if (typeof value !== 'number') return bad(`must be ${range}, not ${kind(value)}.`);
  if (!Number.isInteger(value) || value < min || value > max || value % step !== 0) return bad(`must be ${range}.`);
  return ok(value);
}

function bool(value: unknown): FieldCheck<boolean> {
  return typeof value === 'boolean' ? ok(value) : bad(`must be on or off (true or false), not ${kind(value)}.`);
}

export const CHECKS: Record<SettingsField, Checker> = {
  cycleWeeks: (v) => integer(v, LIMITS.minCycleWeeks, LIMITS.maxCycleWeeks, 1, 'weeks'),
  meetingMinutes: (v) => integer(v, LIMITS.minMeetingMinutes, LIMITS.maxMeetingMinutes, LIMITS.meetingMinutesStep, 'minutes'),
  cadence: (v) => {
    const t = text(v, false, 20);
    if (!t.ok) return t;
    const c = CADENCES.find((name) => name === t.value.toLowerCase());
    return c ? ok(c) : bad('must be weekly or fortnightly (every two weeks).');
  },
  preferredWeekday: (v) => {
    const t = text(v, false, 20);
    if (!t.ok) return t;
    const i = weekdayIndex(t.value);
    return i === null ? bad('must be a day of the week, like Tue or Tuesday.') : ok(WEEKDAYS[i]);
  },
  preferredTime: (v) => {
    const t = text(v, false, 5);
    if (!t.ok) return t.message.startsWith('is too long') ? bad('must be a 24-hour time like 10:00.') : t;
    const m = /^(\d{1,2}):(\d{2})$/.exec(t.value);
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return bad('must be a 24-hour time like 10:00 or 14:30.');
    if (Number(m[2]) % LIMITS.timeStep !== 0) return bad(`must be on a ${LIMITS.timeStep}-minute step, like 10:00 or 10:05.`);
    return ok(`${m[1].padStart(2, '0')}:${m[2]}`);
  },
  firstMeetingDate: (v) => {
    const t = text(v, true, 10);
    if (!t.ok) return t.message.startsWith('is too long') ? bad('must be a date written YYYY-MM-DD, like 2027-01-05.') : t;
    if (t.value === '') return ok('');
    const day = dayNumber(t.value);
    if (day === null) return bad(`must be a real date written YYYY-MM-DD, like 2027-01-05, or blank for the next preferred weekday.`);
    const year = Number(t.value.slice(0, 4));
    if (year < LIMITS.minYear || year > LIMITS.maxYear) return bad(`must be in the years ${LIMITS.minYear} to ${LIMITS.maxYear}.`);
    return ok(t.value);
  },
  timeZone: (v, isTimeZone) => {
    const t = text(v, true, LIMITS.maxTimeZoneLength);
    if (!t.ok) return t.message.startsWith('is too long') ? bad('is not a time zone; use an IANA name such as Europe/London.') : t;
    if (t.value === '') return ok('');
    return isTimeZone(t.value)
      ? ok(t.value)
      : bad(`"${t.value}" is not a time zone; use an IANA name such as Europe/London or America/New_York, or leave it blank for the spreadsheet's.`);
  },
  keepTeammatesApart: bool,
  findCommonTime: bool,
  newcomersJoinRunningCycle: bool,
  keepMeetingCount: bool,
  feedbackNudges: bool,
  skipDates: (v) => checkSkipDatesSetting(v),
  nextCycle: (v) => {
    const t = text(v, false, 20);
    if (!t.ok) return t;
    const mode = t.value.toLowerCase();
    return mode === 'automatic' || mode === 'manual' ? ok(mode) : bad('must be automatic (the hourly run plans and books each cycle) or manual.');
  },
  headsUpDays: (v) => integer(v, LIMITS.minHeadsUpDays, LIMITS.maxHeadsUpDays, 1, 'days'),
  noticeDays: (v) => integer(v, LIMITS.minNoticeDays, LIMITS.maxNoticeDays, 1, 'days'),
  googleMeet: bool,
  sendInvitations: bool,
  titleTemplate: (v) => {
    const t = text(v, false, LIMITS.maxTitleLength);
    if (!t.ok) return t;
    return titleProblem(t.value) ?? ok(t.value);
  },
};

function titleProblem(title: string): FieldCheck<never> | null {
  if (title === '') return bad('must not be blank; for example "Peer coaching: {names}".');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(title)) return bad('must be one line, without control characters.');
  const unknown = (title.match(/\{[^{}]*\}/g) ?? []).filter((p) => !(TITLE_PLACEHOLDERS as readonly string[]).includes(p));
  if (unknown.length > 0) {
    return bad(`has an unknown placeholder ${unknown[0].slice(0, 30)}; use {names} or {cycle}.`);
  }
  const rest = TITLE_PLACEHOLDERS.reduce((s, p) => s.split(p).join(''), title);
  if (/[{}]/.test(rest)) return bad('has a brace that is not part of {names} or {cycle}.');
  return null;
}

/**
 * Validates settings sent by the sidebar: absent fields keep `context.base` (default
 * DEFAULT_SETTINGS); every problem is listed, never only the first.
 */
export function validateSettings(input: unknown, context: SettingsContext = {}): SettingsValidation {
  const isTimeZone = context.isTimeZone ?? isKnownTimeZone;
  const base = context.base ?? DEFAULT_SETTINGS;
  if (!isPlainObject(input)) {
    return { ok: false, problems: [{ field: 'settings', message: `must be an object of settings, not ${kind(input)}.` }] };
  }
  const problems: SettingsProblem[] = [];
  const unknown: string[] = [];
  const given = new Map<SettingsField, unknown>();
  for (const key of Object.getOwnPropertyNames(input)) {
    const descriptor = Object.getOwnPropertyDescriptor(input, key)!;
    if (!FIELD_SET.has(key)) {
      unknown.push(key);
      continue;
    }
    if (!('value' in descriptor)) {
      problems.push({ field: key, message: 'must be a plain value.' });
      continue;
    }
    if (descriptor.value !== undefined) given.set(key as SettingsField, descriptor.value);
  }
  if (Object.getOwnPropertySymbols(input).length > 0) unknown.push('(symbol)');
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 5).map((k) => JSON.stringify(k.length > 40 ? `${k.slice(0, 40)}…` : k));
    const more = unknown.length > 5 ? ` and ${unknown.length - 5} more` : '';
    problems.push({ field: 'settings', message: `unknown setting${unknown.length > 1 ? 's' : ''} ${shown.join(', ')}${more}.` });
  }

  const out = { ...base } as Record<SettingsField, unknown>;
  const invalid = new Set<SettingsField>();
  for (const field of FIELDS) {
    if (!given.has(field)) continue;
    const check = CHECKS[field](given.get(field), isTimeZone);
    if (check.ok) out[field] = check.value;
    else {
      invalid.add(field);
      problems.push({ field, message: check.message });
    }
  }
  const settings = ordered(out as unknown as Settings);
  for (const problem of crossProblems(settings, invalid)) problems.push(problem);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, settings };
}

/** Problems between valid fields: the date's weekday, a meeting running past midnight. */
function crossProblems(s: Settings, invalid: Set<SettingsField>): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  if (s.firstMeetingDate !== '' && !invalid.has('firstMeetingDate') && !invalid.has('preferredWeekday')) {
    const day = weekdayOf(s.firstMeetingDate);
    if (WEEKDAYS[day] !== s.preferredWeekday) {
      problems.push({
        field: 'firstMeetingDate',
        message: `${s.firstMeetingDate} is a ${WEEKDAY_NAMES[day]}, but meetings are on ${WEEKDAY_NAMES[WEEKDAYS.indexOf(s.preferredWeekday)]}s; pick a ${WEEKDAY_NAMES[WEEKDAYS.indexOf(s.preferredWeekday)]} or change the weekday.`,
      });
    }
  }
  if (!invalid.has('preferredTime') && !invalid.has('meetingMinutes') && endsAfterMidnight(s)) {
    problems.push({
      field: 'preferredTime',
      message: `a ${s.meetingMinutes}-minute meeting at ${s.preferredTime} would end after midnight; choose an earlier time.`,
    });
  }
  return problems;
}

export function endsAfterMidnight(s: Settings): boolean {
  const [h, m] = s.preferredTime.split(':').map(Number);
  return h * 60 + m + s.meetingMinutes > 24 * 60;
}

/** Each problem as "Label: message", as the sidebar shows them. */
export function settingsProblemLines(problems: readonly SettingsProblem[]): string[] {
  return problems.map((p) => {
    const label = (SETTINGS_LABELS as Record<string, string>)[p.field] ?? 'Settings';
    return `${label}: ${p.message}`;
  });
}

// The stored document (readStoredSettings, storedSettingsJson) lives in settings-stored.ts.
export { readStoredSettings, SETTINGS_VERSION, storedSettingsJson, type StoredSettingsReading } from './settings-stored';

// The cycle dates these settings give live in cycle-dates.ts (re-exported here).
export { cadenceWeeks, cycleDates, cycleForDate, cycleFrom, firstCycleStart, lifecycleDays, meetingDates, meetingsPerCycle, meetingTitle, nextCycle, nextCycleStart } from './cycle-dates';

/** The zone meetings are in: the settings' own, or the spreadsheet's when blank. */
export function settingsTimeZone(settings: Pick<Settings, 'timeZone'>, spreadsheetTimeZone: string): string {
  return settings.timeZone !== '' ? settings.timeZone : spreadsheetTimeZone;
}

// ---- Helpers ------------------------------------------------------------------------------------

export function ordered(s: Settings): Settings {
  return {
    cycleWeeks: s.cycleWeeks,
    cadence: s.cadence,
    meetingMinutes: s.meetingMinutes,
    firstMeetingDate: s.firstMeetingDate,
    preferredWeekday: s.preferredWeekday,
    preferredTime: s.preferredTime,
    timeZone: s.timeZone,
    findCommonTime: s.findCommonTime,
    keepTeammatesApart: s.keepTeammatesApart,
    titleTemplate: s.titleTemplate,
    googleMeet: s.googleMeet,
    sendInvitations: s.sendInvitations,
    nextCycle: s.nextCycle,
    headsUpDays: s.headsUpDays,
    noticeDays: s.noticeDays,
    newcomersJoinRunningCycle: s.newcomersJoinRunningCycle,
    skipDates: s.skipDates,
    keepMeetingCount: s.keepMeetingCount,
    feedbackNudges: s.feedbackNudges,
  };
}

function weekdayIndex(text: string): number | null {
  const t = text.toLowerCase();
  const i = WEEKDAY_NAMES.findIndex((name) => name.toLowerCase() === t || name.slice(0, 3).toLowerCase() === t);
  return i < 0 ? null : i;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The kind of a value in words, for messages (never the value itself, which may be huge). */
function kind(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date object';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

export function describeDefault(field: SettingsField): string {
  if (field === 'timeZone') return "the spreadsheet's time zone";
  if (field === 'skipDates') return 'none';
  if (field === 'firstMeetingDate') return 'the next preferred weekday';
  const value = DEFAULT_SETTINGS[field];
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  return String(value);
}

