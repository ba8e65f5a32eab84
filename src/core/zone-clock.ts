// A zone's clock as offsets over a stretch of days: wall minutes ⇄ UTC minutes without calling
// Intl for every instant (Intl is slow; this is not). Shared by the common-time chooser and
// reachability. Pure.
import { zoneOffsetMs, zoneTransitions } from './zones';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** A zone's offsets over a stretch of time: segment i starts at `from[i]` (UTC minutes). */
export interface ZoneClock {
  from: number[];
  offset: number[];
}

const clocks = new Map<string, ZoneClock>();
const MAX_CLOCKS = 512;

/** The clock of `zone` for UTC days [fromDay, toDay), cached (Intl is slow; this is not). */
export function zoneClock(zone: string, fromDay: number, toDay: number): ZoneClock {
  const key = `${zone}|${fromDay}|${toDay}`;
  let clock = clocks.get(key);
  if (!clock) {
    const fromMs = fromDay * DAY_MS;
    const first = Math.round(zoneOffsetMs(fromMs, zone) / MINUTE_MS);
    clock = { from: [-Infinity], offset: [first] };
    for (const t of zoneTransitions(zone, fromMs, toDay * DAY_MS)) {
      clock.from.push(t.at / MINUTE_MS);
      clock.offset.push(t.offsetAfter);
    }
    if (clocks.size >= MAX_CLOCKS) clocks.clear();
    clocks.set(key, clock);
  }
  return clock;
}

/**
 * The UTC minute at which the zone's clock shows `wall` (minutes since 1970-01-01 on the wall), as
 * `localInstant` reads it: a time that happens twice is the earlier instant; a time skipped by a
 * jump forward uses the offset before the jump (02:30 → 03:30, RFC 5545), or with `atJump` the
 * instant of the jump itself — the first moment the clock reads that time or later, which is where
 * working hours starting or ending in the gap begin or end.
 */
export function wallToUtc(clock: ZoneClock, wall: number, atJump = false): number {
  const { from, offset } = clock;
  const n = from.length;
  let best = Infinity;
  for (let i = 0; i < n; i++) {
    const u = wall - offset[i];
    if (u >= from[i] && (i + 1 === n || u < from[i + 1]) && u < best) best = u;
  }
  if (best !== Infinity) return best;
  for (let i = 1; i < n; i++) {
    if (wall - offset[i - 1] >= from[i] && wall - offset[i] < from[i]) return atJump ? from[i] : wall - offset[i - 1];
  }
  return wall - offset[n - 1]; // unreachable with real zone data
}

