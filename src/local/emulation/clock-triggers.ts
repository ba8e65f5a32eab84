// When the registered time-driven triggers fire, on the emulation's virtual clock: for a simulator
// that advances the clock and runs each due trigger as its own execution. Also the event object a
// time-driven trigger receives. Never recorded in the ledger: this is Google's scheduler, not a call.
//
// Sources:
//   [INST]  https://developers.google.com/apps-script/guides/triggers/installable — "The time that
//           the trigger runs is randomized slightly … for example, if you create a recurring 9 AM
//           trigger, Apps Script chooses a time between 9 AM and 10 AM, then keeps that timing
//           consistent from day to day"; an add-on's time-driven trigger runs at most once per hour.
//   [CTB]   https://developers.google.com/apps-script/reference/script/clock-trigger-builder —
//           atHour/nearMinute ("±15 minutes"), everyHours, everyDays, everyWeeks/onWeekDay,
//           onMonthDay, at, after, atDate, inTimezone (default: the script's time zone).
//   [EVT]   https://developers.google.com/apps-script/guides/triggers/events — the time-driven event:
//           authMode, day-of-month, day-of-week, hour, minute, month, second, timezone ("UTC"),
//           triggerUid, week-of-year, year.
// ⚠ Chosen here, not documented: the randomised minute (and second) is derived from the trigger's
//   id, so it is stable per trigger and differs between triggers; everyHours(n) fires on whole UTC
//   hours n apart counted from the creation hour; a recurring trigger first fires after its
//   creation; a daily trigger without atHour gets a stable random hour; nearMinute(m) fires at m.
import { instantToWallTime, zonedWallTimeToInstant } from '../../core/zones';
import type { TriggerSnapshot } from './script';

/** One firing of a clock trigger. */
export interface DueTrigger {
  trigger: TriggerSnapshot;
  /** ISO instant it fires at. */
  at: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];

/** A stable pseudo-random number in [0, n) for a trigger (FNV-1a of its id, user and handler). */
export function stableRandom(trigger: Pick<TriggerSnapshot, 'id' | 'user' | 'handler'>, salt: string, n: number): number {
  let h = 0x811c9dc5;
  const s = `${trigger.id}|${trigger.user}|${trigger.handler}|${salt}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % n;
}

/**
 * Every firing of the given clock triggers in (from, to], sorted by time (then trigger id). One-off
 * triggers (at, after, atDate) fire once, at their time.
 */
export function dueClockTriggers(triggers: readonly TriggerSnapshot[], from: Date, to: Date, scriptTimeZone: string): DueTrigger[] {
  const lo = from.getTime();
  const hi = to.getTime();
  const out: Array<{ trigger: TriggerSnapshot; ms: number }> = [];
  for (const t of triggers) {
    if (t.eventType !== 'CLOCK' || !t.clock) continue;
    for (const ms of firings(t, lo, hi, scriptTimeZone)) if (ms > lo && ms <= hi) out.push({ trigger: t, ms });
  }
  out.sort((a, b) => a.ms - b.ms || a.trigger.id.localeCompare(b.trigger.id));
  return out.map((x) => ({ trigger: structuredClone(x.trigger), at: new Date(x.ms).toISOString() }));
}

function firings(t: TriggerSnapshot, lo: number, hi: number, scriptZone: string): number[] {
  const c = t.clock!;
  const created = Date.parse(t.createdAt);
  const zone = c.inTimezone ?? scriptZone;
  const minute = c.nearMinute ?? stableRandom(t, 'minute', 60);
  const second = stableRandom(t, 'second', 60);
  const offset = minute * MINUTE + second * 1000;
  const out: number[] = [];
  const start = Math.max(lo, created);
  if (c.at !== undefined) return [Date.parse(c.at)];
  if (c.after !== undefined) return [created + c.after];
  if (c.atDate) {
    const [y, m, d] = c.atDate;
    return [zonedWallTimeToInstant(y, m, d, c.atHour ?? 0, 0, 0, zone).getTime() + offset];
  }
  if (c.everyMinutes !== undefined) {
    const step = c.everyMinutes * MINUTE;
    const phase = (second * 1000) % step;
    for (let ms = Math.floor((start - phase) / step) * step + phase; ms <= hi; ms += step) if (ms > created) out.push(ms);
    return out;
  }
  if (c.everyHours !== undefined) {
    const step = c.everyHours * HOUR;
    const base = Math.floor(created / HOUR) * HOUR + offset; // the creation hour, at the stable minute
    const k0 = Math.max(0, Math.floor((start - base) / step));
    for (let ms = base + k0 * step; ms <= hi; ms += step) if (ms > created) out.push(ms);
    return out;
  }
  // Daily, weekly, monthly: walk the days of the window on the zone's calendar.
  const hour = c.atHour ?? stableRandom(t, 'hour', 24);
  const createdDay = dayNumber(instantToWallTime(created, zone));
  for (let ms = start - DAY; ms <= hi + DAY; ms += DAY) {
    const w = instantToWallTime(ms, zone);
    const day = dayNumber(w);
    if (c.everyDays !== undefined && (day - createdDay) % c.everyDays !== 0) continue;
    if (c.everyWeeks !== undefined) {
      const weekday = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
      const wanted = c.onWeekDay ? WEEKDAYS.indexOf(c.onWeekDay) : new Date(created).getUTCDay();
      if (weekday !== wanted || Math.floor((day - createdDay) / 7) % c.everyWeeks !== 0) continue;
    }
    if (c.onMonthDay !== undefined && w.day !== c.onMonthDay) continue;
    const fire = zonedWallTimeToInstant(w.year, w.month, w.day, hour, 0, 0, zone).getTime() + offset;
    if (fire > created && !out.includes(fire)) out.push(fire);
  }
  return out;
}

function dayNumber(w: { year: number; month: number; day: number }): number {
  return Math.round(Date.UTC(w.year, w.month - 1, w.day) / DAY);
}

/** The event object a time-driven trigger receives [EVT] (times in UTC). */
export function clockTriggerEvent(trigger: Pick<TriggerSnapshot, 'id'>, at: Date): GoogleAppsScript.Events.TimeDriven {
  const d = at;
  const jan1 = Date.UTC(d.getUTCFullYear(), 0, 1);
  return {
    authMode: 'FULL' as unknown as GoogleAppsScript.Script.AuthMode,
    triggerUid: trigger.id,
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    'day-of-month': d.getUTCDate(),
    'day-of-week': d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
    'week-of-year': Math.floor((d.getTime() - jan1) / (7 * DAY)) + 1,
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    timezone: 'UTC',
  } as GoogleAppsScript.Events.TimeDriven;
}
