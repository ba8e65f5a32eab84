// Who can meet whom (issue 14, item 1): whether two or three people's working hours — each in
// their own IANA zone, blank meaning Mon–Fri 09:00–17:00 — share a meeting-length weekly slot in
// every week of a cycle, daylight saving included, and the shared windows in one zone as a
// sentence ("share 14:00–17:00 Europe/London on Mon–Thu"). Plus an index for the pairing engine
// that answers canMeet(i, j) and canMeetAll(i, j, k) for a whole roster after O(signatures²)
// work, people being bucketed by (zone, working hours).
//
// What "can meet" means, exactly as the scheduler books (common-time.ts):
//   - A slot is a weekday and a start time on a grid (15 minutes by default, as findCommonSlot) in
//     a reference zone R: the zone of the group's first member by email for the index (the zone
//     findCommonSlot expresses the series in), the first member given or `zone` for weeklyOverlap.
//   - Week k of the cycle is R's days [d_k, d_k + 7), d_k = the cycle's start + k × interval weeks
//     (or the k-th of `dates`): the meeting of a series on weekday w falls on the day of week k with
//     weekday w, at the slot's time on R's clock (so its instant moves with R's daylight saving,
//     as Calendar's recurrence does).
//   - The slot works in week k when the meeting, [start, start + minutes), lies inside one working
//     window of every member: their working day (one of their days, start to end, on their own
//     clock), so a Monday 16:00 in Los Angeles counts as the Tuesday 09:00 it is in Tokyo.
//   - Reachable: some slot works in every week of the cycle. Otherwise the weeks in which no slot
//     works are reported (weeklyOverlap) and weeksShared says in how many weeks some slot works.
//
// Pure: zones from Intl through zones.ts (transitions found once per zone and cycle); no clock.
//
// Split by concern: reachability-masks.ts (zone clocks, working windows, slot masks) and
// reachability-words.ts (the sentences).
import { isoDate } from './dates';
import { normaliseEmail, type Person } from './people';
import {
  andInto,
  anyBit,
  checkHours,
  everyWeekMask,
  frame,
  maskWindows,
  weekMasks,
  windows,
  windowsGap,
  windowsOverlap,
  type ReachOptions,
  type ReachPerson,
  type SharedWindow,
} from './reachability-masks';
import { overlapSentence } from './reachability-words';
import { DEFAULT_WORKING_HOURS, parseWorkingHours } from './working-hours';

export type { ReachCycle, ReachOptions, ReachPerson, SharedWindow } from './reachability-masks';
export { describeWindows } from './reachability-words';

export interface OverlapOptions extends ReachOptions {
  /** The zone the windows are expressed in. Default: the first member's. */
  zone?: string;
}
export interface WeekOverlap {
  /** The week's first day, 'YYYY-MM-DD' in the reference zone. */
  date: string;
  windows: SharedWindow[];
}

export interface Overlap {
  /** The zone the windows are in. */
  zone: string;
  /** Some slot works in every week of the cycle. */
  everyWeek: boolean;
  /** The slots that work in every week. */
  windows: SharedWindow[];
  /** Week by week, the slots that work that week. */
  weeks: WeekOverlap[];
  /** Weeks (their first day) in which no slot works. */
  failingWeeks: string[];
  /** Whether their working times overlap at all in the cycle (a shorter meeting might fit). */
  anyOverlap: boolean;
  /** "share 14:00–17:00 Europe/London on Mon–Thu", "share no working hour", … */
  sentence: string;
}
// ---- weeklyOverlap ---------------------------------------------------------------------------------

/**
 * Whether the members (two or three, or any number) share a meeting-length weekly slot inside
 * everyone's working hours in every week of the cycle, and where, in `options.zone` (default the
 * first member's zone).
 *
 * @example
 *   weeklyOverlap([{ timeZone: 'Europe/London', hours }, { timeZone: 'America/New_York', hours }],
 *     { minutes: 30, cycle: { starts: '2027-03-02', meetings: 6, intervalWeeks: 1 } }).sentence
 *   // 'share 14:00–17:00 Europe/London on Mon–Fri'
 */
export function weeklyOverlap(members: readonly ReachPerson[], options: OverlapOptions): Overlap {
  if (members.length === 0) throw new RangeError('An overlap needs at least one person.');
  const f = frame(options);
  const zone = options.zone ?? members[0].timeZone;
  const group = weekMasks(members[0], zone, f);
  for (let i = 1; i < members.length; i++) andInto(group, weekMasks(members[i], zone, f));
  const all = everyWeekMask(group, f);
  const weeks: WeekOverlap[] = f.weeks.map((day, k) => ({ date: isoDate(day), windows: maskWindows(group.subarray(k * f.words, (k + 1) * f.words), f) }));
  const windowsEvery = maskWindows(all, f);
  const failingWeeks = weeks.filter((w) => w.windows.length === 0).map((w) => w.date);
  const anyOverlap = windowsOverlap(members.map((m) => windows(m, f)));
  const everyWeek = windowsEvery.length > 0;
  return { zone, everyWeek, windows: windowsEvery, weeks, failingWeeks, anyOverlap, sentence: overlapSentence(zone, f, everyWeek, windowsEvery, failingWeeks, weeks.length, anyOverlap) };
}
// ---- The index for the pairing engine ----------------------------------------------------------------

export interface ReachIndex {
  /** People indexed, in the order given. */
  readonly size: number;
  /** Distinct (zone, working hours) among them. */
  readonly signatures: number;
  /** Overlap computations made while building: at most signatures² (one per ordered pair). */
  readonly pairComputations: number;
  /** The signature (0 … signatures − 1) of person i: equal for people with the same zone and hours. */
  signatureOf(i: number): number;
  /** Whether i and j share a meeting-length slot in every week of the cycle (symmetric; i = j: true when they have one at all). */
  canMeet(i: number, j: number): boolean;
  /** Whether i, j and k all share one, for a trio. */
  canMeetAll(i: number, j: number, k: number): boolean;
  /** Weeks of the cycle (0 … weeks) in which i and j share some slot: how near a pair that cannot meet comes. */
  weeksShared(i: number, j: number): number;
  /**
   * How near i and j come when they cannot meet: 0 when their working times overlap or touch at
   * some moment of the cycle (a slot may still be too short or move with daylight saving), else
   * the shortest gap in minutes between one's working day and the other's.
   */
  gapMinutes(i: number, j: number): number;
  /**
   * Of `candidates`, the one i comes nearest to meeting: the most weeks with a shared slot, then
   * the smallest gap, then the first given. Null when there are none. For the report "Ann has
   * nobody reachable; nearest: Ben, 2 hours apart".
   */
  nearest(i: number, candidates: readonly number[]): { person: number; weeksShared: number; gapMinutes: number } | null;
  /** The zone the scheduler expresses a group's series in: its first member's by email. */
  zoneFor(members: readonly number[]): string;
  /** The full overlap of a group, in zoneFor(members) (for the preview's reasons). */
  overlap(members: readonly number[]): Overlap;
  /** Weeks in the cycle. */
  readonly weeks: number;
}

/**
 * Buckets people by (zone, working hours) and computes, once per ordered pair of buckets, whether
 * they can meet with the first one's zone as the reference: O(signatures²) overlap computations
 * (each a bit-mask AND), then O(1) per canMeet. A trio is computed on first use and cached by its
 * buckets.
 *
 * @example
 *   const reach = reachabilityIndex(people.map((p) => reachPerson(p, 'Europe/London')),
 *     { minutes: 30, cycle: { starts: '2027-03-02', meetings: 6, intervalWeeks: 1 } });
 *   reach.canMeet(0, 1) // false for New York and Kolkata at 09:00–17:00
 */
export function reachabilityIndex(people: readonly ReachPerson[], options: ReachOptions): ReachIndex {
  const f = frame(options);
  const n = people.length;
  // Signatures.
  const bySignature = new Map<string, number>();
  const signature = new Int32Array(n);
  const sigPeople: ReachPerson[] = [];
  for (let i = 0; i < n; i++) {
    const p = people[i];
    checkHours(p.hours);
    const key = `${p.timeZone}|${[...p.hours.days].sort().join(',')}|${p.hours.start}|${p.hours.end}`;
    let s = bySignature.get(key);
    if (s === undefined) {
      s = sigPeople.length;
      bySignature.set(key, s);
      sigPeople.push(p);
    }
    signature[i] = s;
  }
  const S = sigPeople.length;
  // Rank by email (then position): the first member of a group gives its zone.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => {
    const ea = normaliseEmail(people[a].email ?? '');
    const eb = normaliseEmail(people[b].email ?? '');
    return ea < eb ? -1 : ea > eb ? 1 : a - b;
  });
  const rank = new Int32Array(n);
  order.forEach((person, r) => (rank[person] = r));

  // Masks by (signature, reference zone), made when first needed.
  const weekly = new Map<string, Uint32Array>();
  const every = new Map<string, Uint32Array>();
  const masksOf = (s: number, zone: string) => {
    const key = `${s}|${zone}`;
    let m = weekly.get(key);
    if (!m) {
      m = weekMasks(sigPeople[s], zone, f);
      weekly.set(key, m);
      every.set(key, everyWeekMask(m, f));
    }
    return { weeks: m, every: every.get(key) as Uint32Array };
  };

  // ok[a * S + b]: a and b meet every week with a's zone as reference; shared[…]: weeks with a slot.
  const ok = new Uint8Array(S * S);
  const shared = new Uint8Array(S * S);
  let pairComputations = 0;
  for (let a = 0; a < S; a++) {
    const zone = sigPeople[a].timeZone;
    const A = masksOf(a, zone);
    for (let b = 0; b < S; b++) {
      const B = masksOf(b, zone);
      pairComputations++;
      let all = false;
      for (let i = 0; i < f.words && !all; i++) all = (A.every[i] & B.every[i]) !== 0;
      let weeks = 0;
      for (let k = 0; k < f.weeks.length; k++) {
        for (let i = k * f.words; i < (k + 1) * f.words; i++) {
          if ((A.weeks[i] & B.weeks[i]) !== 0) {
            weeks++;
            break;
          }
        }
      }
      ok[a * S + b] = all ? 1 : 0;
      shared[a * S + b] = weeks;
    }
  }

  const trios = new Map<number, boolean>();
  const gaps = new Map<number, number>();
  const personWindows = new Map<number, { start: number[]; end: number[] }>();
  const windowsOf = (sig: number) => {
    let w = personWindows.get(sig);
    if (!w) personWindows.set(sig, (w = windows(sigPeople[sig], f)));
    return w;
  };
  const gapOf = (i: number, j: number): number => {
    check(i);
    check(j);
    const [a, b] = signature[i] <= signature[j] ? [signature[i], signature[j]] : [signature[j], signature[i]];
    const key = a * S + b;
    let gap = gaps.get(key);
    if (gap === undefined) {
      gap = windowsGap(windowsOf(a), windowsOf(b));
      gaps.set(key, gap);
    }
    return gap;
  };
  const check = (i: number) => {
    if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`No person ${String(i)} in the index (0 … ${n - 1}).`);
  };
  const first = (members: readonly number[]) => members.reduce((best, m) => (rank[m] < rank[best] ? m : best));
  const pairKey = (i: number, j: number) => {
    check(i);
    check(j);
    const [r, o] = rank[i] <= rank[j] ? [i, j] : [j, i];
    return signature[r] * S + signature[o];
  };

  return {
    size: n,
    signatures: S,
    pairComputations,
    weeks: f.weeks.length,
    signatureOf(i) {
      check(i);
      return signature[i];
    },
    canMeet(i, j) {
      return ok[pairKey(i, j)] === 1;
    },
    weeksShared(i, j) {
      return shared[pairKey(i, j)];
    },
    gapMinutes: gapOf,
    nearest(i, candidates) {
      let best: { person: number; weeksShared: number; gapMinutes: number } | null = null;
      for (const j of candidates) {
        if (j === i) continue;
        const option = { person: j, weeksShared: shared[pairKey(i, j)], gapMinutes: gapOf(i, j) };
        if (best === null || option.weeksShared > best.weeksShared || (option.weeksShared === best.weeksShared && option.gapMinutes < best.gapMinutes)) best = option;
      }
      return best;
    },
    canMeetAll(i, j, k) {
      check(i);
      check(j);
      check(k);
      const r = first([i, j, k]);
      const rest = [i, j, k];
      rest.splice(rest.indexOf(r), 1);
      const [x, y] = rest;
      const sr = signature[r];
      const [s1, s2] = signature[x] <= signature[y] ? [signature[x], signature[y]] : [signature[y], signature[x]];
      const key = (sr * S + s1) * S + s2;
      let answer = trios.get(key);
      if (answer === undefined) {
        const zone = sigPeople[sr].timeZone;
        const mask = masksOf(sr, zone).every.slice();
        andInto(mask, masksOf(s1, zone).every);
        andInto(mask, masksOf(s2, zone).every);
        answer = anyBit(mask);
        trios.set(key, answer);
      }
      return answer;
    },
    zoneFor(members) {
      members.forEach(check);
      return people[first(members)].timeZone;
    },
    overlap(members) {
      members.forEach(check);
      const r = first(members);
      const ordered = [r, ...members.filter((m) => m !== r)];
      return weeklyOverlap(
        ordered.map((m) => people[m]),
        { ...options, zone: people[r].timeZone },
      );
    },
  };
}

/** A roster person as the index needs them: their zone ('' = `settingsZone`) and working hours ('' or unreadable = Mon–Fri 09:00–17:00). */
export function reachPerson(person: Pick<Person, 'email' | 'timeZone' | 'workingHours'>, settingsZone: string): ReachPerson {
  return {
    email: normaliseEmail(person.email),
    timeZone: person.timeZone !== '' ? person.timeZone : settingsZone,
    hours: parseWorkingHours(person.workingHours) ?? { ...DEFAULT_WORKING_HOURS, days: [...DEFAULT_WORKING_HOURS.days] },
  };
}
