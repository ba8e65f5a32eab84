// Wall clocks in IANA time zones, from Intl alone (available in Node and in Apps Script's V8): the
// wall time of an instant, the instant of a wall time, offsets and the daylight-saving transitions
// between two instants. Pure; the machine's own zone is never involved.

/** A wall-clock time: month 1–12, as on a calendar in some zone. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A cached formatter giving the wall-clock parts (era, y, m, d, h23, min, s) of an instant in
 * `zone`. Throws RangeError for a zone Intl does not know.
 */
export function wallClockFormatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall time in `zone` at instant `ms`, read from Intl (slow: a formatToParts call). */
function wallTimeFromIntl(ms: number, zone: string): WallTime {
  const parts = wallClockFormatter(zone).formatToParts(new Date(ms));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const era = parts.find((p) => p.type === 'era')?.value;
  let year = get('year');
  if (era === 'BC' || era === 'B') year = 1 - year;
  return {
    year,
    month: get('month'),
    day: get('day'),
    hour: get('hour') % 24,
    minute: get('minute'),
    second: get('second'),
    millisecond: ((ms % 1000) + 1000) % 1000,
  };
}

const OFFSET_BLOCK_MS = 15 * MS_PER_MINUTE;
const OFFSET_CACHE_CAP = 50_000;
/** zone → 15-minute block → the zone's offset throughout that block (only blocks without a transition). */
const blockOffsets = new Map<string, Map<number, number>>();

/**
 * The offset of `zone` throughout the 15-minute block holding `ms`, or undefined when the offset at
 * the block's first and last millisecond differ (a transition inside it: read that instant from Intl).
 * Offsets change at most twice a year, so equal ends mean one offset throughout.
 */
function blockOffset(ms: number, zone: string): number | undefined {
  let blocks = blockOffsets.get(zone);
  if (!blocks) blockOffsets.set(zone, (blocks = new Map()));
  const block = Math.floor(ms / OFFSET_BLOCK_MS);
  const known = blocks.get(block);
  if (known !== undefined) return Number.isNaN(known) ? undefined : known;
  const start = block * OFFSET_BLOCK_MS;
  const end = start + OFFSET_BLOCK_MS - 1;
  const a = wallAsUtc(wallTimeFromIntl(start, zone)) - start;
  const b = wallAsUtc(wallTimeFromIntl(end, zone)) - end;
  if (blocks.size >= OFFSET_CACHE_CAP) blocks.clear();
  blocks.set(block, a === b ? a : NaN);
  return a === b ? a : undefined;
}

/**
 * The wall time in `zone` at instant `ms`. Exactly what Intl says, but Intl is asked once per
 * 15-minute block of a zone (a year's simulation asks for millions of wall times).
 */
export function instantToWallTime(ms: number, zone: string): WallTime {
  const offset = blockOffset(ms, zone);
  if (offset === undefined) return wallTimeFromIntl(ms, zone);
  return utcWallTime(ms + offset);
}

/** The wall time in UTC at instant `ms` (any fixed offset: pass the instant moved by it). */
export function utcWallTime(ms: number): WallTime {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  };
}

/** The wall time read as if it were UTC: its milliseconds since the epoch. */
export function wallAsUtc(w: WallTime): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, w.millisecond);
  return d.getTime();
}

/** Milliseconds to add to UTC to get the wall time in `zone` at instant `ms`. */
export function zoneOffsetMs(ms: number, zone: string): number {
  return wallAsUtc(instantToWallTime(ms, zone)) - ms;
}

/**
 * The instant at which `zone`'s clocks show the given wall time. A time skipped by a DST jump is
 * read with the offset before the jump (01:30 in a 01:00→02:00 gap becomes 02:30), as RFC 5545
 * §3.3.5 asks of calendar times; a time that happens twice resolves to the earlier instant (also
 * RFC 5545 §3.3.5).
 */
export function zonedWallTimeToInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  zone: string,
  millisecond = 0,
): Date {
  const guess = wallAsUtc({ year, month, day, hour, minute, second, millisecond });
  const before = zoneOffsetMs(guess - MS_PER_DAY, zone);
  const after = zoneOffsetMs(guess + MS_PER_DAY, zone);
  const candidates = [guess - before, guess - after].filter((t) => guess - zoneOffsetMs(t, zone) === t);
  if (candidates.length === 0) return new Date(guess - before); // in a gap
  return new Date(Math.min(...candidates));
}

/** The instant of `minutes` after midnight on `date` ('YYYY-MM-DD') in `zone`, in milliseconds. */
export function localInstant(date: string, minutes: number, zone: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`Not a date written YYYY-MM-DD: ${JSON.stringify(String(date)).slice(0, 40)}`);
  const hour = Math.floor(minutes / 60);
  return zonedWallTimeToInstant(Number(m[1]), Number(m[2]), Number(m[3]), hour, minutes - hour * 60, 0, zone).getTime();
}

/** An instant as a day and a time of day in `zone`. */
export interface LocalTime {
  /** 'YYYY-MM-DD'. */
  date: string;
  /** Minutes after midnight, 0–1439. */
  minutes: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

/** Where the instant `ms` falls on `zone`'s calendar and clock. */
export function localTime(ms: number, zone: string): LocalTime {
  const w = instantToWallTime(ms, zone);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const utcDay = Math.floor(wallAsUtc({ ...w, hour: 0, minute: 0, second: 0, millisecond: 0 }) / MS_PER_DAY);
  return {
    date: `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`,
    minutes: w.hour * 60 + w.minute,
    weekday: (((utcDay + 4) % 7) + 7) % 7, // 1970-01-01 was a Thursday
  };
}

/** A change of a zone's offset from UTC. */
export interface ZoneTransition {
  /** The first instant of the new offset (ms since the epoch, on a whole minute). */
  at: number;
  /** Offsets in minutes (wall − UTC) before and from `at`. */
  offsetBefore: number;
  offsetAfter: number;
}

/**
 * Every change of `zone`'s offset in [fromMs, toMs), oldest first: the zone is sampled every six
 * hours (no zone changes its offset twice within six hours) and each change found is narrowed to
 * the minute.
 */
export function zoneTransitions(zone: string, fromMs: number, toMs: number): ZoneTransition[] {
  const step = 6 * 60 * MS_PER_MINUTE;
  const out: ZoneTransition[] = [];
  const offsetMinutes = (ms: number) => Math.round(zoneOffsetMs(ms, zone) / MS_PER_MINUTE);
  let t = Math.floor(fromMs / MS_PER_MINUTE) * MS_PER_MINUTE;
  let offset = offsetMinutes(t);
  while (t < toMs) {
    const next = Math.min(t + step, toMs);
    const offsetNext = offsetMinutes(next);
    if (offsetNext !== offset) {
      let lo = t; // has `offset`
      let hi = next; // has `offsetNext`
      while (hi - lo > MS_PER_MINUTE) {
        const mid = lo + Math.floor((hi - lo) / 2 / MS_PER_MINUTE) * MS_PER_MINUTE;
        if (offsetMinutes(mid) === offset) lo = mid;
        else hi = mid;
      }
      if (hi < toMs) out.push({ at: hi, offsetBefore: offset, offsetAfter: offsetNext });
    }
    t = next;
    offset = offsetNext;
  }
  return out;
}
