// The pairing engine: who meets whom this cycle. Pure (no clock, no randomness but the seed, no
// Apps Script, no Node), deterministic for a seed and independent of the input order.
//
// How it decides (see ../shared/reference/pairing.md):
// - One maximum-weight matching of maximum cardinality (Edmonds' blossom) over the people to place.
//   A pair either side's avoid list names has no edge, so avoid lists always hold and as many
//   people as possible are paired. Edge weights are W0 - cost, the cost in strictly lexicographic
//   integer tiers: teammates (when kept apart) > repeats (coarse "cycles since last met", capped)
//   > trio rotation > the plan-ahead tie-break. With reachability (options.reachability, issue 14)
//   one tier comes first: a pair who share no meeting-length slot within both people's working
//   hours in every week of the cycle (core/reachability.ts), or a trio with none for all three,
//   costs more than any teammates and repeats together; so groups cannot meet only when the
//   people to place leave no other way (pairing-describe.ts names who and the nearest option).
//   Each tier's unit exceeds the largest total any grouping can reach in the tiers below it.
// - Plan ahead: a circle-method round (Berger table) over the people sorted by a seeded hash of
//   their email (one circle per region of the reachable graph); its pairs cost one unit less than
//   other pairs. On a stable roster of even n the rounds are followed one by one and every pair
//   meets exactly once in the first n-1 cycles. No state is stored: the round used is the one with the most pairs still allowed and never met
//   (ties: the round the cycle number points at, then the next ones).
// - Odd count: exactly one trio. Small pools try every trio (each with the best matching of the
//   others); larger ones try the likeliest third people (each joining the cheapest pair of the
//   best matching of the others) and every trio of those who were in the fewest trios; very large
//   pools let a dummy vertex pick the third person. People who were in fewer trios are preferred.
// - Even pools with avoid lists or teams kept apart (which break circle rounds) look ahead: a few
//   seeded circle variants are followed forward and the one that stays clean longest is taken.
// - When avoid lists leave no pairs-and-one-trio grouping, the people left over join pairs as
//   extra trios (warned); when even that fails, a PairingError names them and the avoid lists.
// - Scale: the history and the avoid lists are sparse pair tables (pair-table.ts), so memory grows
//   with past meetings, not with n². Pools up to DENSE_UP_TO people are matched over the complete
//   graph; larger ones over a sparse candidate graph (pairing-match.ts). Rosters of more than
//   MAX_ACTIVE_PEOPLE active people are refused with a RosterTooLargeError before anything is built.
//
// The model and costs are in pairing-model.ts, the circle in pairing-circle.ts, the matching of a
// set of people in pairing-match.ts, the reasons and warnings in pairing-describe.ts.
import { UserError } from './errors';
import type { PairingOptions, PairingResult, PastGroup, Person } from './people';
import { normaliseEmail } from './people';
import { NEVER, PairTable } from './pair-table';
import { circlePartners, seededRank } from './pairing-circle';
import { cannotPlace, describe } from './pairing-describe';
import { DENSE_UP_TO, match } from './pairing-match';
import { cmp, DUMMY, type Group, list, makeScale, type Model, PairingError, pairCost, reachable, sameTeam, type Scale, trioCost, trioReachCost, usable } from './pairing-model';
import { buildReach, reachRegions } from './pairing-reach';

export { PairingError };

/**
 * The most active people one plan may hold. Measured (scripts/bench-scale.ts, Node 20, 20 cycles of
 * history): 10,000 people plan in about 0.5 s of CPU with a peak of about 120 MB for the whole
 * process (the dense engine: 18 s and 3.1 GB); Apps Script is several times slower and stops a run
 * at 6 minutes. Checked before anything is built for the roster.
 */
export const MAX_ACTIVE_PEOPLE = 10_000;

/** More active people than the engine supports: said before any work, never an out-of-memory crash. */
export class RosterTooLargeError extends UserError {
  constructor(
    readonly active: number,
    readonly limit: number,
  ) {
    super(
      `The roster has ${thousands(active)} active people; the planner supports up to ${thousands(limit)} in one program. ` +
        `Set at least ${thousands(active - limit)} of them to Paused, or split the program into several (one roster each).`,
    );
    this.name = 'RosterTooLargeError';
  }
}

/** 12000 -> "12,000" (no locale: the same text in Apps Script and Node). */
function thousands(x: number): string {
  return String(x).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** How the engine works, for tests and benchmarks only; the defaults are what the product uses. */
export interface EngineTuning {
  /** Pools up to this many people are matched over the complete graph (default DENSE_UP_TO). */
  denseUpTo?: number;
  /** The supported maximum of active people (default MAX_ACTIVE_PEOPLE). */
  maxActive?: number;
}

/**
 * Odd pools up to TRIO_EXACT try every trio; up to TRIO_SEARCH_ALL every choice of the trio's
 * third person; up to TRIO_SEARCH_LIMIT the TRIO_CANDIDATES likeliest (fewest trios so far, the
 * circle's choice first); larger pools let a dummy vertex choose. Measured (Node, stable roster,
 * clean cycles of the counting bound n(n-1)/(n+3)): n=13 9 of 9, n=21 16 of 17, n=31 26 of 27,
 * n=51 45 of 47 with 10 or more candidates (38 with one, 36 with the dummy vertex), n=101 95 of
 * 97 at about 50 ms a cycle; n=201 70-300 ms a cycle.
 */
const TRIO_SEARCH_ALL = 41;
/** Odd pools up to this size try every trio outright (exact: a matching of the others for each). */
const TRIO_EXACT = 13;
const TRIO_SEARCH_LIMIT = 201;
const TRIO_CANDIDATES = 12;
/** Beyond TRIO_EXACT, every trio of the people in the fewest trios is also tried within p^3 * count <= this. */
const TRIO_TRIPLE_BUDGET = 4e7;

/** Plans one cycle's groups. See the file comment and PRODUCT.md ("Pairing"). */
export function planCycle(
  people: readonly Person[],
  history: readonly PastGroup[],
  options: PairingOptions = {},
  tuning: EngineTuning = {},
): PairingResult {
  const seed = String(options.seed ?? '');
  const keepApart = options.keepTeamsApart !== false;
  checkSize(people, tuning.maxActive ?? MAX_ACTIVE_PEOPLE);

  // The roster: everyone by email (for messages), the active people in seeded order.
  const roster = new Map<string, Person>();
  for (const p of [...people].sort((a, b) => cmp(normaliseEmail(a.email), normaliseEmail(b.email)))) {
    const e = normaliseEmail(p.email);
    if (!roster.has(e)) roster.set(e, p);
  }
  const ranked = [...roster.entries()]
    .filter(([, p]) => p.status === 'Active')
    .map(([e, p]) => ({ e, p, r: seededRank(seed, e) }))
    .sort((a, b) => a.r - b.r || cmp(a.e, b.e));
  const n = ranked.length;
  if (n === 0) {
    throw new PairingError(
      'No active person on the roster: at least two active people are needed to form a pair. Add people, or set their Status to Active (or leave it blank).',
    );
  }
  if (n === 1) {
    throw new PairingError(
      `Only one active person (${ranked[0].p.name}): at least two are needed to form a pair. Add someone to the roster or set a paused person's Status to Active.`,
    );
  }
  const index = new Map<string, number>();
  ranked.forEach((x, i) => index.set(x.e, i));
  const act = ranked.map((x) => x.p);
  const emails = ranked.map((x) => x.e);

  // The cycle and what the history says about it.
  let maxCycle = -Infinity;
  for (const g of history) if (Number.isFinite(g.cycle)) maxCycle = Math.max(maxCycle, g.cycle);
  const cycle = options.cycle ?? (maxCycle === -Infinity ? 1 : maxCycle + 1);
  const last = new PairTable(n, NEVER);
  const trios = new Int32Array(n);
  let firstCycle = cycle;
  for (const g of history) {
    if (!(g.cycle < cycle)) continue; // a later (or this) cycle's plan is not history
    firstCycle = Math.min(firstCycle, g.cycle);
    const ix: number[] = [];
    for (const member of g.members) {
      const i = index.get(normaliseEmail(member));
      if (i !== undefined && !ix.includes(i)) ix.push(i);
    }
    if (g.members.length >= 3) for (const i of ix) trios[i]++;
    for (let a = 0; a < ix.length; a++) {
      for (let b = a + 1; b < ix.length; b++) {
        last.raise(ix[a], ix[b], g.cycle);
      }
    }
  }

  const team = act.map((p) => String(p.team ?? '').trim().toLowerCase());
  const forbidden = new PairTable(n, 0);
  for (let i = 0; i < n; i++) {
    for (const other of act[i].avoid ?? []) {
      const j = index.get(normaliseEmail(other));
      if (j !== undefined && j !== i) forbidden.set(i, j, 1);
    }
  }
  const denseUpTo = tuning.denseUpTo ?? DENSE_UP_TO;
  const reach = options.reachability ? buildReach(act, options.reachability) : null;
  const region = reach ? reachRegions(reach) : null;
  const model: Model = { n, people: act, emails, team, forbidden, last, trios, cycle, keepApart, seed, denseUpTo, reach, region, meetingMinutes: options.reachability?.minutes ?? 0 };

  // Locked groups.
  const inLocked = new Uint8Array(n);
  const groups: Group[] = [];
  for (const raw of options.locked ?? []) {
    const members = raw.map(normaliseEmail);
    const label = members.map((e) => roster.get(e)?.name ?? e).join(', ');
    if (members.length < 2 || members.length > 3) {
      throw new PairingError(`The locked group ${label} has ${members.length} people; a group has 2 or 3. Unlock it or change it.`);
    }
    const ix: number[] = [];
    for (const e of members) {
      const p = roster.get(e);
      if (!p) throw new PairingError(`The locked group ${label} names ${e}, who is not on the roster. Unlock the group or add them to the roster.`);
      const i = index.get(e);
      if (i === undefined) {
        throw new PairingError(`The locked group ${label} includes ${p.name}, whose status is ${p.status}. Unlock the group or set their Status to Active.`);
      }
      if (ix.includes(i)) throw new PairingError(`The locked group ${label} names ${p.name} twice. Unlock it or change it.`);
      if (inLocked[i]) throw new PairingError(`${p.name} is in more than one locked group. Unlock one of them.`);
      ix.push(i);
    }
    for (let a = 0; a < ix.length; a++) {
      for (let b = a + 1; b < ix.length; b++) {
        if (forbidden.has(ix[a], ix[b])) {
          throw new PairingError(`The locked group ${label} puts together ${act[ix[a]].name} and ${act[ix[b]].name}, and an avoid list forbids that. Unlock the group or change the avoid list.`);
        }
      }
    }
    for (const i of ix) inLocked[i] = 1;
    groups.push({ members: ix, locked: true, joiner: -1 });
  }
  const pool: number[] = [];
  for (let i = 0; i < n; i++) if (!inLocked[i]) pool.push(i);

  const scale = makeScale(pool.length, keepApart, reach !== null);
  const partner = circlePartners(model, pool, cycle, firstCycle);
  const planned = solve(model, scale, partner, pool, groups);
  groups.push(...(lookahead(model, scale, pool, planned, seed, firstCycle) ?? planned));
  const result = describe(model, groups, pool);
  const paused = people.filter((p) => p.status === 'Paused').map((p) => p.name).sort(cmp);
  if (paused.length) {
    result.warnings.push(`${list(paused, 'and')} ${paused.length === 1 ? 'is' : 'are'} paused and sit${paused.length === 1 ? 's' : ''} out this cycle.`);
  }
  return result;
}
/** Refuses more active people than supported, before anything is built for them. */
function checkSize(people: readonly Person[], limit: number): void {
  let active = 0;
  for (const p of people) if (p.status === 'Active') active++;
  if (active <= limit) return;
  const distinct = new Set<string>();
  for (const p of people) if (p.status === 'Active') distinct.add(normaliseEmail(p.email));
  if (distinct.size > limit) throw new RosterTooLargeError(distinct.size, limit);
}


/** Rollouts: variants of the circle tried on a constrained pool, at most this many... */
const LOOKAHEAD_VARIANTS = 8;
/** ...within this budget of p^3 steps (about 10-30 ms in Node). */
const LOOKAHEAD_BUDGET = 3e7;

/**
 * Plan ahead where the circle alone cannot: on an even pool with avoid lists or teams kept apart
 * (whose pairs break circle rounds), circles of several seeded orders are each followed forward,
 * cycle by cycle, as long as every cycle stays free of repeats and teammates. This cycle takes
 * the first step of the variant that lasts longest (the plain plan on a tie). Null: keep the plan.
 */
function lookahead(model: Model, scale: Scale, pool: number[], planned: Group[], seed: string, firstCycle: number): Group[] | null {
  const p = pool.length;
  if (p < 6 || p % 2 === 1 || planned.length * 2 !== p || planned.some((g) => g.members.length !== 2)) return null;
  // Fewer than two variants fit the budget even for the shortest horizon (2): skip the O(p^2) below.
  if (2 * p * p * p * 2 > LOOKAHEAD_BUDGET) return null;
  const { n } = model;
  let constrained = false;
  const degree = new Int32Array(n);
  for (const i of pool) {
    for (const j of pool) {
      if (i === j) continue;
      if (model.forbidden.has(i, j) || (model.keepApart && sameTeam(model, i, j)) || !reachable(model, i, j)) constrained = true;
      else if (!model.last.has(i, j)) degree[i]++;
    }
  }
  if (!constrained) return null;
  let horizon = p;
  for (const i of pool) horizon = Math.min(horizon, degree[i]); // no plan lasts longer
  const clean = (g: Group) => usable(model, g.members[0], g.members[1]);
  if (horizon < 2 || !planned.every(clean)) return null;
  const variants = Math.min(LOOKAHEAD_VARIANTS, Math.floor(LOOKAHEAD_BUDGET / (horizon * p * p * p)));
  if (variants < 2) return null;
  let best: { score: number; pairs: number[][] } | null = null;
  for (let v = 0; v < variants; v++) {
    const order = v === 0 ? pool : [...pool].sort((a, b) => seededRank(`${seed}#${v}`, model.emails[a]) - seededRank(`${seed}#${v}`, model.emails[b]) || a - b);
    const sim: Model = { ...model, last: model.last.clone() };
    let first: number[][] | null = null;
    let score = 0;
    for (let c = model.cycle; score < horizon; c++) {
      sim.cycle = c;
      const partner = circlePartners(sim, order, c, firstCycle);
      const mate = match(sim, scale, partner, pool);
      const pairs: number[][] = [];
      for (let a = 0; a < p; a++) if (mate[a] > a) pairs.push([pool[a], pool[mate[a]]]);
      if (pairs.length * 2 !== p || !pairs.every(([a, b]) => usable(sim, a, b))) break;
      for (const [a, b] of pairs) sim.last.set(a, b, c);
      first ??= pairs;
      score++;
    }
    if (first && (!best || score > best.score)) best = { score, pairs: first };
    if (best && best.score >= horizon) break;
  }
  return best ? best.pairs.map((m) => ({ members: m, locked: false, joiner: -1 })) : null;
}

/** Groups the pool: pairs, one trio when odd, extra trios only when avoid lists leave no other way. */
function solve(model: Model, scale: Scale, partner: Int32Array, pool: number[], locked: Group[]): Group[] {
  const p = pool.length;
  if (p === 0) return [];
  // Who may take the trio: with regions of the reachable graph, only people of a region with an
  // odd count in the pool (taking anyone else leaves two odd regions, hence a group that cannot
  // meet); trio rotation counts among them.
  const odd = oddRegions(model, pool);
  const trioPool = odd !== null && odd.size > 0 ? pool.filter((i) => odd.has(model.region![i])) : pool;
  let minTrio = Infinity;
  for (const i of trioPool) minTrio = Math.min(minTrio, model.trios[i]);
  const cost = (i: number, j: number) => pairCost(model, scale, partner, i, j);
  const tCost = (i: number) => trioCost(scale, model.trios, minTrio, i);
  const allowed = (i: number, j: number) => !model.forbidden.has(i, j);
  const pairsOf = (vs: number[], mate: Int32Array): number[][] => {
    const out: number[][] = [];
    for (let a = 0; a < vs.length; a++) if (mate[a] > a && mate[a] < vs.length) out.push([vs[a], vs[mate[a]]]);
    return out;
  };
  /** The cheapest pair for t to join (cost of the trio's extra edges and rotation), or null. */
  const bestJoin = (t: number, pairs: number[][]) => {
    let best: { k: number; c: number } | null = null;
    for (let k = 0; k < pairs.length; k++) {
      const [a, b] = pairs[k];
      if (!allowed(t, a) || !allowed(t, b)) continue;
      const c = cost(t, a) + cost(t, b) + tCost(a) + tCost(b) + trioReachCost(model, scale, t, a, b);
      if (!best || c < best.c) best = { k, c };
    }
    return best;
  };
  const dummyCost = (t: number) => tCost(t) + (partner[t] === DUMMY ? 0 : 1);

  if (p >= 2 && p % 2 === 0) {
    const mate = match(model, scale, partner, pool);
    const pairs = pairsOf(pool, mate);
    if (pairs.length * 2 === p) return pairs.map((m) => ({ members: m, locked: false, joiner: -1 }));
  } else if (p >= 3 && p <= TRIO_SEARCH_LIMIT) {
    let best: { total: number; pairs: number[][]; trio: number[]; t: number } | null = null;
    const consider = (trio: number[], pairs: number[][], t: number) => {
      let total = cost(trio[0], trio[1]) + cost(trio[0], trio[2]) + cost(trio[1], trio[2]);
      total += tCost(trio[0]) + tCost(trio[1]) + tCost(trio[2]) + trioReachCost(model, scale, trio[0], trio[1], trio[2]);
      for (const [a, b] of pairs) total += cost(a, b);
      if (!best || total < best.total) best = { total, pairs, trio, t };
    };
    /** Exact for one trio: the best matching of everyone else. */
    const tryTrio = (x: number, y: number, z: number) => {
      if (!allowed(x, y) || !allowed(x, z) || !allowed(y, z)) return;
      const rest = pool.filter((i) => i !== x && i !== y && i !== z);
      const pairs = pairsOf(rest, match(model, scale, partner, rest));
      if (pairs.length * 2 !== rest.length) return;
      // The joiner: the circle's choice, else the one with the most trios.
      const t = [z, y, x].reduce((u, v) => (partner[v] === DUMMY || (partner[u] !== DUMMY && model.trios[v] > model.trios[u]) ? v : u));
      consider([x, y, z], pairs, t);
    };
    const triples = (vs: number[]) => {
      for (let a = 0; a < vs.length; a++) for (let b = a + 1; b < vs.length; b++) for (let c = b + 1; c < vs.length; c++) tryTrio(vs[a], vs[b], vs[c]);
    };
    if (p <= TRIO_EXACT) {
      triples(pool);
    } else {
      // Each likely third person with the best matching of the others, joining its cheapest pair.
      const candidates =
        trioPool.length <= TRIO_SEARCH_ALL ? trioPool : [...trioPool].sort((x, y) => dummyCost(x) - dummyCost(y) || x - y).slice(0, TRIO_CANDIDATES);
      for (const t of candidates) {
        const rest = pool.filter((i) => i !== t);
        const pairs = pairsOf(rest, match(model, scale, partner, rest));
        if (pairs.length * 2 !== rest.length) continue;
        const join = bestJoin(t, pairs);
        if (join) consider([...pairs[join.k], t], pairs.filter((_, k) => k !== join.k), t);
      }
      // Every trio of those who were in the fewest trios, when affordable (trio rotation).
      // (With regions, trios within one region: a trio across regions cannot meet.)
      const fresh = new Map<number, number[]>();
      for (const i of trioPool) {
        if (model.trios[i] !== minTrio) continue;
        const r = model.region === null ? 0 : model.region[i];
        const members = fresh.get(r);
        if (members) members.push(i);
        else fresh.set(r, [i]);
      }
      let count = 0;
      for (const vs of fresh.values()) count += (vs.length * (vs.length - 1) * (vs.length - 2)) / 6;
      if (count > 0 && count * p * p * p <= TRIO_TRIPLE_BUDGET) for (const vs of fresh.values()) triples(vs);
    }
    const found = best as { pairs: number[][]; trio: number[]; t: number } | null;
    if (found) {
      const pair = found.trio.filter((i) => i !== found.t);
      return [...found.pairs.map((m) => ({ members: m, locked: false, joiner: -1 })), { members: [...pair, found.t], locked: false, joiner: found.t }];
    }
  } else if (p > TRIO_SEARCH_LIMIT) {
    const mate = match(model, scale, partner, pool, dummyCost);
    const pairs = pairsOf(pool, mate);
    const d = mate[p];
    if (pairs.length * 2 === p - 1 && d >= 0) {
      const t = pool[d];
      const join = bestJoin(t, pairs);
      if (join) return toGroups(pairs, [[t, join.k]]);
    }
  }
  const mate = p >= 2 ? match(model, scale, partner, pool) : new Int32Array(p).fill(-1);
  const joinCost = (t: number, a: number, b: number) => cost(t, a) + cost(t, b) + trioReachCost(model, scale, t, a, b);
  return fallback(model, locked, joinCost, allowed, pairsOf(pool, mate), pool.filter((_, a) => mate[a] < 0));
}

/** The regions with an odd number of people in the pool (null without regions). */
function oddRegions(model: Model, pool: number[]): Set<number> | null {
  if (model.region === null) return null;
  const count = new Map<number, number>();
  for (const i of pool) count.set(model.region[i], (count.get(model.region[i]) ?? 0) + 1);
  return new Set([...count].filter(([, c]) => c % 2 === 1).map(([r]) => r));
}

function toGroups(pairs: number[][], joins: Array<[number, number]>): Group[] {
  const groups: Group[] = pairs.map((m) => ({ members: [...m], locked: false, joiner: -1 }));
  for (const [t, k] of joins) {
    groups[k].members.push(t);
    groups[k].joiner = t;
  }
  return groups;
}

/**
 * The last resort: a maximum matching, then everyone left over joins a distinct pair (the pool's
 * or a locked one) whose both members their avoid lists allow; a PairingError when someone cannot.
 */
function fallback(
  model: Model,
  locked: Group[],
  joinCost: (t: number, a: number, b: number) => number,
  allowed: (i: number, j: number) => boolean,
  pairs: number[][],
  left: number[],
): Group[] {
  const targets: Array<{ members: number[]; locked: Group | null }> = pairs.map((m) => ({ members: m, locked: null }));
  for (const g of locked) if (g.members.length === 2) targets.push({ members: g.members, locked: g });
  const options = left.map((t) =>
    targets
      .map((g, k) => ({ k, c: joinCost(t, g.members[0], g.members[1]) + (g.locked ? 1e15 : 0) }))
      .filter(({ k }) => allowed(t, targets[k].members[0]) && allowed(t, targets[k].members[1]))
      .sort((x, y) => x.c - y.c || x.k - y.k)
      .map(({ k }) => k),
  );
  // Kuhn's augmenting paths: a distinct pair for each person left over.
  const owner = new Int32Array(targets.length).fill(-1);
  const assign = (u: number, seen: Uint8Array): boolean => {
    for (const k of options[u]) {
      if (seen[k]) continue;
      seen[k] = 1;
      if (owner[k] < 0 || assign(owner[k], seen)) {
        owner[k] = u;
        return true;
      }
    }
    return false;
  };
  const stuck: number[] = [];
  left.forEach((t, u) => {
    if (!assign(u, new Uint8Array(targets.length))) stuck.push(t);
  });
  if (stuck.length > 0) throw cannotPlace(model, stuck, locked.length > 0);
  const out: Group[] = [];
  targets.forEach((g, k) => {
    const t = owner[k] >= 0 ? left[owner[k]] : -1;
    if (g.locked) {
      if (t >= 0) {
        g.locked.members.push(t);
        g.locked.joiner = t;
      }
    } else {
      out.push({ members: t >= 0 ? [...g.members, t] : [...g.members], locked: false, joiner: t });
    }
  });
  return out;
}
