// A virtual clock and the clock triggers it fires. Google runs an hourly trigger once an hour at a
// minute it picks at random once and then keeps ("a 9 AM trigger runs at a consistent moment
// between 9 and 10": https://developers.google.com/apps-script/guides/triggers/installable); here
// that minute is a hash of the trigger's id, so runs are reproducible. Shared by
// `peer-coaching simulate` and the sandbox's clock.
import type { TriggerSnapshot } from './emulation/script';

const HOUR = 3_600_000;
const MINUTE = 60_000;

export class VirtualClock {
  constructor(public ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
  /** Moves to `ms` unless the clock is already past it (time never runs backwards). */
  moveTo(ms: number): void {
    this.ms = Math.max(this.ms, ms);
  }
}

/** Stable minute of the hour at which a clock trigger fires. */
export function triggerMinute(triggerId: string): number {
  let h = 2166136261;
  for (let i = 0; i < triggerId.length; i++) h = Math.imul(h ^ triggerId.charCodeAt(i), 16777619);
  return (h >>> 0) % 60;
}

/**
 * The firings of hourly clock triggers in [fromMs, toMs), in time order. A trigger first fires in
 * the hour after it was created (never in its first minute).
 */
export function dueFirings(triggers: readonly TriggerSnapshot[], fromMs: number, toMs: number): Array<{ at: number; trigger: TriggerSnapshot }> {
  const out: Array<{ at: number; trigger: TriggerSnapshot }> = [];
  for (const t of triggers) {
    if (t.eventType !== 'CLOCK') continue;
    const every = (t.clock?.everyHours ?? 1) * HOUR;
    const created = Date.parse(t.createdAt);
    const offset = triggerMinute(t.id) * MINUTE;
    for (let at = Math.floor(fromMs / HOUR) * HOUR + offset; at < toMs; at += every) {
      if (at >= fromMs && at >= created + MINUTE) out.push({ at, trigger: t });
    }
  }
  return out.sort((a, b) => a.at - b.at || (a.trigger.id < b.trigger.id ? -1 : 1));
}

/** The event object of a time-driven trigger (https://developers.google.com/apps-script/guides/triggers/events#time-driven_events). */
export function timeDrivenEvent(at: number, triggerUid: string): object {
  const d = new Date(at);
  return {
    authMode: 'FULL',
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    'day-of-month': d.getUTCDate(),
    'day-of-week': d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
    'week-of-year': isoWeek(d),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    timezone: 'UTC',
    triggerUid,
  };
}

function isoWeek(d: Date): number {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  return Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
}
