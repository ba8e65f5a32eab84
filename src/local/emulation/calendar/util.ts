// Calendar emulation: small pure helpers (JSON clone, patch merge, RFC 3339 parsing and formatting, dates).
import { instantToWallTime, zoneOffsetMs } from '../../../core/zones';

export const MS_PER_DAY = 86_400_000;
export const ID_PATTERN = /^[a-v0-9]{5,1024}$/; // [EVREF] Event.id

export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** [PATCHSEM]: objects merge, arrays and scalars replace, null deletes. Mutates and returns `target`. */
export function mergePatch(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete target[key];
    else if (isPlainObject(value)) {
      const base = isPlainObject(target[key]) ? (target[key] as Record<string, unknown>) : {};
      target[key] = mergePatch(base, value);
    } else if (value !== undefined) target[key] = clone(value);
  }
  return target;
}

const zoneValidity = new Map<string, boolean>();

/** Whether Intl knows the IANA zone (remembered: constructing a formatter is slow). */
export function isValidZone(zone: string): boolean {
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      valid = true;
    } catch {
      valid = false;
    }
    zoneValidity.set(zone, valid);
  }
  return valid;
}

export const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?([Zz]|[+-]\d{2}:\d{2})?$/;
export const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An RFC 3339 instant (offset required), or NaN. */
export function parseInstant(value: unknown): number {
  if (typeof value !== 'string') return NaN;
  const m = DATE_TIME.exec(value);
  if (!m || !m[8]) return NaN;
  return Date.parse(value);
}

export function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The instant as Google writes free/busy times: UTC with Z, or the zone's offset. */
export function formatInstant(ms: number, zone?: string): string {
  if (!zone || zone === 'UTC' || zone === 'Etc/UTC') {
    return new Date(ms).toISOString().replace('.000Z', 'Z');
  }
  const w = instantToWallTime(ms, zone);
  const offsetMin = Math.round(zoneOffsetMs(ms, zone) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const ms3 = w.millisecond ? `.${pad(w.millisecond, 3)}` : '';
  return (
    `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${ms3}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** y/m/d plus `days`, on the proleptic Gregorian calendar. */
export function addDays(year: number, month: number, day: number, days: number): [number, number, number] {
  const d = new Date(Date.UTC(2000, 0, 1));
  d.setUTCFullYear(year, month - 1, day + days);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

