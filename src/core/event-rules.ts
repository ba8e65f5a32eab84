// The rules Google enforces on an event resource that a JSON schema of it cannot state
// (`checkEventRules`): id alphabet, zoned times for recurring events, RFC 5545 recurrence lines
// (FREQ required, not COUNT with UNTIL, no part twice), reminder limits. Sources in
// calendar-event.ts's header. Pure.
import { dayNumber } from './dates';
import { EVENT_ID_PATTERN } from './event-id';
import { isWhole } from './event-id';

/** ⚠ Google documents no limit; about 8,192 characters per Nylas (see the header). */
export const DESCRIPTION_LIMIT = 8192;
export const MAX_REMINDER_MINUTES = 40320;
export const MAX_REMINDER_OVERRIDES = 5;

const RECURRENCE_NAMES = ['RRULE', 'EXRULE', 'RDATE', 'EXDATE'];
const FREQS = ['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Every reason Calendar would refuse (or misread) `resource` that its JSON schema cannot express:
 * the id's pattern; start and end both dates or both date-times, a date-time's offset or zone,
 * start before end; a recurrence needs start.timeZone and end.timeZone, has only RRULE, EXRULE,
 * RDATE and EXDATE lines, and each rule has one FREQ, not COUNT with UNTIL, no part twice; at most
 * 5 reminder overrides of 0–40320 minutes by email or popup, not beside useDefault true; every
 * attendee has an email; a Meet request has a requestId and a solution type; the description
 * fits ⚠ 8,192 characters. Empty when none. Tolerates nulls and wrong types (never throws).
 */
export function checkEventRules(resource: unknown): string[] {
  const problems: string[] = [];
  const r = (resource ?? {}) as Record<string, unknown>;

  if (r.id !== undefined && r.id !== null && (typeof r.id !== 'string' || !EVENT_ID_PATTERN.test(r.id))) {
    problems.push('id must be 5–1024 characters of lower-case a–v and 0–9 (base32hex).');
  }

  const start = asObject(r.start);
  const end = asObject(r.end);
  if (!start) problems.push('start is missing.');
  if (!end) problems.push('end is missing.');
  for (const [name, when] of [['start', start], ['end', end]] as const) {
    if (!when) continue;
    const hasDate = typeof when.date === 'string';
    const hasDateTime = typeof when.dateTime === 'string';
    if (hasDate === hasDateTime) problems.push(`${name} must have either date or dateTime.`);
    if (hasDateTime) {
      const m = DATE_TIME.exec(when.dateTime as string);
      if (!m || dayNumber(m[1]) === null) problems.push(`${name}.dateTime must be an RFC 3339 date-time.`);
      else if (!m[6] && !nonBlank(when.timeZone)) problems.push(`${name}.dateTime has no offset, so ${name}.timeZone is required.`);
    }
    if (hasDate && dayNumber(when.date as string) === null) problems.push(`${name}.date must be a date written YYYY-MM-DD.`);
  }
  if (start && end) {
    const order = compareTimes(start, end);
    if (order === 'mixed') problems.push('start and end must both be dates or both date-times.');
    else if (order === 'not-after') problems.push('end must be after start.');
  }

  if (Array.isArray(r.recurrence) && r.recurrence.length > 0) {
    if (!start || !nonBlank(start.timeZone)) problems.push('A recurring event needs start.timeZone ("Missing time zone definition for start time.").');
    if (!end || !nonBlank(end.timeZone)) problems.push('A recurring event needs end.timeZone.');
    r.recurrence.forEach((line, i) => {
      for (const p of recurrenceLineProblems(line)) problems.push(`recurrence[${i}]: ${p}`);
    });
  }

  const reminders = asObject(r.reminders);
  if (reminders && Array.isArray(reminders.overrides)) {
    const overrides = reminders.overrides as unknown[];
    if (overrides.length > MAX_REMINDER_OVERRIDES) problems.push(`reminders.overrides has ${overrides.length} reminders; at most ${MAX_REMINDER_OVERRIDES}.`);
    if (reminders.useDefault === true && overrides.length > 0) problems.push('reminders cannot use the default reminders and overrides at once. ⚠');
    overrides.forEach((o, i) => {
      const rem = asObject(o) ?? {};
      if (!isWhole(rem.minutes) || rem.minutes < 0 || rem.minutes > MAX_REMINDER_MINUTES) {
        problems.push(`reminders.overrides[${i}].minutes must be a whole number from 0 to ${MAX_REMINDER_MINUTES}.`);
      }
      if (rem.method !== 'email' && rem.method !== 'popup') problems.push(`reminders.overrides[${i}].method must be email or popup.`);
    });
  }

  if (Array.isArray(r.attendees)) {
    r.attendees.forEach((a, i) => {
      const email = asObject(a)?.email;
      if (!nonBlank(email)) problems.push(`attendees[${i}] has no email.`);
    });
  }

  const create = asObject(asObject(r.conferenceData)?.createRequest);
  if (create) {
    if (!nonBlank(create.requestId)) problems.push('conferenceData.createRequest needs a requestId.');
    if (!nonBlank(asObject(create.conferenceSolutionKey)?.type)) problems.push('conferenceData.createRequest needs conferenceSolutionKey.type.');
  }

  if (typeof r.description === 'string' && r.description.length > DESCRIPTION_LIMIT) {
    problems.push(`description has ${r.description.length} characters; keep it within ${DESCRIPTION_LIMIT}. ⚠`);
  }
  return problems;
}

function recurrenceLineProblems(line: unknown): string[] {
  if (typeof line !== 'string') return ['must be text.'];
  if (/[\r\n]/.test(line)) return ['must be one line.'];
  const m = /^([A-Za-z-]+)([;:])/.exec(line);
  const name = m ? m[1].toUpperCase() : '';
  if (!RECURRENCE_NAMES.includes(name)) return [`"${line.slice(0, 20)}" is not an RRULE, EXRULE, RDATE or EXDATE line.`];
  if (name !== 'RRULE' && name !== 'EXRULE') return [];
  if (m![2] !== ':') return [`${name} takes no parameters.`];
  const problems: string[] = [];
  const parts = line.slice(name.length + 1).split(';');
  const seen = new Map<string, string>();
  for (const part of parts) {
    const kv = /^([A-Za-z]+)=(.+)$/.exec(part);
    if (!kv) {
      problems.push(`${name} has a malformed part "${part.slice(0, 20)}".`);
      continue;
    }
    const key = kv[1].toUpperCase();
    if (seen.has(key)) problems.push(`${name} has ${key} twice.`);
    seen.set(key, kv[2]);
  }
  const freq = seen.get('FREQ');
  if (freq === undefined) problems.push(`${name} needs FREQ.`);
  else if (!FREQS.includes(freq.toUpperCase())) problems.push(`${name} has an unknown FREQ ${freq.slice(0, 12)}.`);
  if (seen.has('COUNT') && seen.has('UNTIL')) problems.push(`${name} cannot have both COUNT and UNTIL.`);
  for (const key of ['COUNT', 'INTERVAL']) {
    const v = seen.get(key);
    if (v !== undefined && !/^[1-9][0-9]*$/.test(v)) problems.push(`${name} ${key} must be a whole number from 1.`);
  }
  return problems;
}

function compareTimes(start: Record<string, unknown>, end: Record<string, unknown>): 'before' | 'not-after' | 'mixed' | 'unknown' {
  if (typeof start.date === 'string' && typeof end.date === 'string') {
    const a = dayNumber(start.date);
    const b = dayNumber(end.date);
    if (a === null || b === null) return 'unknown';
    return a < b ? 'before' : 'not-after';
  }
  if (typeof start.dateTime !== 'string' || typeof end.dateTime !== 'string') {
    return (typeof start.date === 'string' && typeof end.dateTime === 'string') || (typeof start.dateTime === 'string' && typeof end.date === 'string')
      ? 'mixed'
      : 'unknown';
  }
  const a = DATE_TIME.exec(start.dateTime);
  const b = DATE_TIME.exec(end.dateTime);
  if (!a || !b) return 'unknown';
  if (a[6] && b[6]) return Date.parse(start.dateTime) < Date.parse(end.dateTime) ? 'before' : 'not-after';
  if (!a[6] && !b[6] && start.timeZone === end.timeZone) {
    const wall = (m: RegExpExecArray) => `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${(m[5] ?? '.').slice(1).padEnd(12, '0')}`;
    return wall(a) < wall(b) ? 'before' : 'not-after';
  }
  return 'unknown'; // different zones: comparing needs time-zone data
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function nonBlank(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

