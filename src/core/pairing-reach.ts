// Reachability for the pairing engine (issue 14): the index of who can meet whom within working
// hours in a cycle, indexed like the engine's people; the regions of its reachable graph (for the
// plan-ahead circle); the cycle's meeting dates from the settings; and the words the preview says
// when someone cannot be grouped with anyone they can meet. Pure.
import { addDays } from './dates';
import type { PairingReachability, Person } from './people';
import { reachabilityIndex, reachPerson, type ReachIndex } from './reachability';
import type { CycleDatesView } from '../shared/settings';
import { cadenceWeeks, cycleMeetingPlan, skipRanges, type CycleShape } from './cycle-dates';

/** The index over `people` (the engine's order) for the cycle `options` describes. */
export function buildReach(people: readonly Person[], options: PairingReachability): ReachIndex {
  return reachabilityIndex(
    people.map((p) => reachPerson(p, options.settingsZone)),
    { minutes: options.minutes, dates: options.dates },
  );
}

/**
 * The connected parts of the reachable graph, computed over (zone, working hours) signatures, one
 * person standing for each: region[i] for every person, or null when everyone is in one region.
 * O(signatures²).
 */
export function reachRegions(reach: ReachIndex): Int32Array | null {
  const n = reach.size;
  const rep: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = reach.signatureOf(i);
    if (rep[s] === undefined) rep[s] = i;
  }
  const S = reach.signatures;
  const parent = Array.from({ length: S }, (_, s) => s);
  const find = (s: number): number => {
    while (parent[s] !== s) s = parent[s] = parent[parent[s]];
    return s;
  };
  for (let a = 0; a < S; a++) {
    for (let b = a + 1; b < S; b++) {
      if (find(a) !== find(b) && (reach.canMeet(rep[a], rep[b]) || reach.canMeet(rep[b], rep[a]))) parent[find(a)] = find(b);
    }
  }
  const region = new Int32Array(n);
  let first = -1;
  let one = true;
  for (let i = 0; i < n; i++) {
    region[i] = find(reach.signatureOf(i));
    if (first < 0) first = region[i];
    else if (region[i] !== first) one = false;
  }
  return one ? null : region;
}

/**
 * The reachability options of a cycle planned with these settings: its meeting dates (the ones
 * held, skipped dates left out), the meeting length, the zone.
 */
export function cycleReachability(
  settings: CycleShape & { meetingMinutes: number },
  dates: Pick<CycleDatesView, 'starts' | 'meetings'>,
  settingsZone: string,
): PairingReachability {
  const ranges = skipRanges(settings);
  if (ranges.length > 0) {
    const held = cycleMeetingPlan(settings, dates.starts, ranges).dates;
    return { settingsZone, minutes: settings.meetingMinutes, dates: held.length > 0 ? held : [dates.starts] };
  }
  const step = cadenceWeeks(settings.cadence) * 7;
  return {
    settingsZone,
    minutes: settings.meetingMinutes,
    dates: Array.from({ length: Math.max(1, dates.meetings) }, (_, k) => addDays(dates.starts, k * step)),
  };
}

/** 150 → "2 hours 30 minutes", 60 → "1 hour", 45 → "45 minutes". */
export function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  const parts: string[] = [];
  if (h > 0) parts.push(`${h} hour${h === 1 ? '' : 's'}`);
  if (m > 0 || h === 0) parts.push(`${m} minute${m === 1 ? '' : 's'}`);
  return parts.join(' ');
}
