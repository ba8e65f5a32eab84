// The pairing engine's model of one cycle (the active people as vertices, their history and avoid
// lists as sparse pair tables, who can meet whom within working hours) and its tiered costs.
// Shared by the engine's files; pure.
import { UserError } from './errors';
import type { Person } from './people';
import { NEVER, type PairTable } from './pair-table';
import type { ReachIndex } from './reachability';

export { NEVER };

/** Repeats cost (REPEAT_BASE + level) units, level = RECENCY_LEVELS - min(cycles since, RECENCY_LEVELS). */
export const REPEAT_BASE = 4;
export const RECENCY_LEVELS = 50;
/** Trio-rotation cost per member: excess over the pool's fewest trios, capped. */
export const TRIO_EXCESS_CAP = 2;
/** circlePartners: outside the pool. */
export const NOBODY = -1;
/** circlePartners: the person the circle's round leaves for the trio (odd pools). */
export const DUMMY = -2;

export interface Model {
  n: number;
  /** Active people in seeded order (index = vertex). */
  people: Person[];
  /** Their normalised emails. */
  emails: string[];
  team: string[];
  /** Pairs an avoid list forbids (value 1). */
  forbidden: PairTable;
  /** The last cycle each pair met in; NEVER when they did not. */
  last: PairTable;
  trios: Int32Array;
  cycle: number;
  keepApart: boolean;
  seed: string;
  /** Pools up to this size are matched over the complete graph (exact), larger ones over candidates. */
  denseUpTo: number;
  /** Who can meet whom within working hours this cycle (indexed like `people`); null: everyone can. */
  reach: ReachIndex | null;
  /** The meeting length reachability was computed for (0 without reachability). */
  meetingMinutes: number;
  /**
   * The region of each person: the connected part of the reachable graph they are in (null with no
   * reachability, or when everyone is in one). The plan-ahead circle runs within each region.
   */
  region: Int32Array | null;
}

export interface Scale {
  /** Unreachable (a pair, or a trio with no slot for all three): above every tier below. 0 without reachability. */
  R: number;
  S: number;
  U: number;
  T: number;
  W0: number;
}

export interface Group {
  members: number[];
  locked: boolean;
  /** The person who joined a pair to make a trio, or -1. */
  joiner: number;
}

/**
 * Tier units for a pool of p people: each unit exceeds every total of the tiers below it. With
 * reachability, R (one unit per unreachable pair, and per trio without a slot for all three)
 * exceeds every total of teammates, repeats, trio rotation and plan-ahead; at 10,000 people W0 is
 * about 5.4e13, under the matcher's 2^48.
 */
export function makeScale(p: number, keepApart: boolean, reachability = false): Scale {
  const m = Math.floor(p / 2) + 2; // pairs in a grouping, counting the trio's extra two
  const S = m + 1; // > total plan-ahead costs
  const U = (3 * TRIO_EXCESS_CAP + 2) * S; // > trio rotation + plan-ahead
  const maxRepeat = U * (REPEAT_BASE + RECENCY_LEVELS);
  const T = keepApart ? (m + 1) * maxRepeat : 0; // > every repeat a grouping can hold
  const below = T + maxRepeat + 2 * S + 1; // > the cost of any one pair without reachability
  const R = reachability ? (m + 1) * below : 0; // > every total of the tiers below
  return { R, S, U, T, W0: R + below };
}

/** Whether i and j can meet within working hours (true without reachability). */
export function reachable(model: Model, i: number, j: number): boolean {
  return model.reach === null || model.reach.canMeet(i, j);
}

/** Whether the three share a slot within everyone's working hours (true without reachability). */
export function reachableAll(model: Model, i: number, j: number, k: number): boolean {
  return model.reach === null || model.reach.canMeetAll(i, j, k);
}

/** The reachability cost of a trio beyond its three pairs': R when all three share no slot. */
export function trioReachCost(model: Model, scale: Scale, i: number, j: number, k: number): number {
  return reachableAll(model, i, j, k) ? 0 : scale.R;
}

export function sameTeam(model: Model, i: number, j: number): boolean {
  return model.team[i] !== '' && model.team[i] === model.team[j];
}

/** Allowed, reachable, not teammates kept apart, never met. */
export function usable(model: Model, i: number, j: number): boolean {
  return !(model.keepApart && sameTeam(model, i, j)) && !model.forbidden.has(i, j) && !model.last.has(i, j) && reachable(model, i, j);
}

/** The cost of grouping i with j (lower is better), excluding trio rotation. */
export function pairCost(model: Model, scale: Scale, partner: Int32Array, i: number, j: number): number {
  let c = partner[i] === j ? 0 : 1;
  if (!reachable(model, i, j)) c += scale.R;
  if (model.keepApart && sameTeam(model, i, j)) c += scale.T;
  const met = model.last.get(i, j);
  if (met !== NEVER) {
    const since = Math.max(1, model.cycle - met);
    c += scale.U * (REPEAT_BASE + RECENCY_LEVELS - Math.min(since, RECENCY_LEVELS));
  }
  return c;
}

export function trioCost(scale: Scale, trios: Int32Array, minTrio: number, i: number): number {
  return scale.S * Math.max(0, Math.min(trios[i] - minTrio, TRIO_EXCESS_CAP));
}

export function list(items: string[], word: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A roster that cannot be grouped; the message says why and what to do. */
export class PairingError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'PairingError';
  }
}
