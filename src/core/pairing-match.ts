// One maximum-cardinality, maximum-weight matching of a set of people under the engine's tiered
// weights (W0 - cost): over the complete graph for small sets (exact), over a sparse candidate
// graph for large ones, so that time and memory grow with n and the past meetings, not with n².
//
// The candidate graph (sparse path) of a set of p people:
// - the circle-method partners of this cycle (a perfect matching by construction, minus the pairs
//   an avoid list forbids): on a stable roster they are this cycle's optimum, as on the dense path;
// - for each person, CANDIDATES partners drawn at random (seeded) among those they may meet and
//   never met (teammates excluded when kept apart); someone with fewer than that left gets every
//   one they have, then their least costly repeats (with reachability, never-met partners are
//   ones they can meet within working hours: `usable`; an unreachable pair is repaired as a repeat);
// - with a dummy vertex (odd pools): an edge from the dummy to everyone.
// Then repairs, at most REPAIR_ROUNDS times: whoever is left unmatched gets every allowed partner,
// and whoever is in a repeat or with a teammate gets up to REPAIR_CANDIDATES more never-met ones
// (not for a team of more than half the set, whose teammate pairs are unavoidable: repairing them
// only slowed the blossom: 8 s of CPU instead of 0.9 s at 5,000 people with a team of 3,000), and
// the matching is solved again. A repeat thus stays only where the candidates of everyone
// involved offer no way around it. Measured in scripts/bench-scale.ts and scripts/bench-pairing.ts.
import { type Edge, maxWeightMatching, maxWeightMatchingDense } from './matching';
import { hashString } from './pairing-circle';
import { type Model, type Scale, pairCost, reachable, usable } from './pairing-model';
import { seededRandom } from './random';

/** Pools up to this size are matched exactly over the complete graph (about 30 ms of CPU at 400 people). */
export const DENSE_UP_TO = 400;
/** Never-met partners drawn for each person on the sparse path. */
const CANDIDATES = 8;
/** Draws per person before scanning everyone (most draws hit: people met a few dozen of thousands). */
const DRAWS = 4 * CANDIDATES;
const REPAIR_ROUNDS = 2;
const REPAIR_CANDIDATES = 64;

/** Max-cardinality, max-weight matching of the listed people (plus a dummy vertex when given). */
export function match(model: Model, scale: Scale, partner: Int32Array, vs: readonly number[], dummyCost?: (i: number) => number): Int32Array {
  const p = vs.length;
  const weight = (i: number, j: number) => scale.W0 - pairCost(model, scale, partner, i, j);
  if (p <= model.denseUpTo) {
    // Dense: no n^2/2 edge tuples to build (half the time at n = 1000).
    return maxWeightMatchingDense(
      p + (dummyCost ? 1 : 0),
      (a, b) => {
        if (b === p) return scale.W0 - dummyCost!(vs[a]);
        return model.forbidden.has(vs[a], vs[b]) ? null : weight(vs[a], vs[b]);
      },
      true,
    );
  }
  return sparseMatch(model, scale, partner, vs, weight, dummyCost);
}

function sparseMatch(
  model: Model,
  scale: Scale,
  partner: Int32Array,
  vs: readonly number[],
  weight: (i: number, j: number) => number,
  dummyCost?: (i: number) => number,
): Int32Array {
  const p = vs.length;
  const vertices = p + (dummyCost ? 1 : 0);
  const loc = new Int32Array(model.n).fill(-1);
  vs.forEach((i, a) => (loc[i] = a));
  const edges: Edge[] = [];
  const seen = new Set<number>();
  /** Adds the edge a-b (local indices) unless it is there already or forbidden. */
  const add = (a: number, b: number): boolean => {
    if (a === b) return false;
    const key = a < b ? a * p + b : b * p + a;
    if (seen.has(key) || model.forbidden.has(vs[a], vs[b])) return false;
    seen.add(key);
    edges.push([a, b, weight(vs[a], vs[b])]);
    return true;
  };
  /** Adds up to `want` never-met partners of a from a scan of everyone (from a random start). */
  const scan = (a: number, want: number, from: number): number => {
    let got = 0;
    for (let s = 0; s < p && got < want; s++) {
      const b = (from + s) % p;
      if (b !== a && usable(model, vs[a], vs[b]) && add(a, b)) got++;
    }
    return got;
  };

  for (let a = 0; a < p; a++) {
    const b = partner[vs[a]] >= 0 ? loc[partner[vs[a]]] : -1;
    if (b >= 0) add(a, b);
  }
  const random = seededRandom(hashString(`${model.seed}\u0000${model.cycle}\u0000${p}\u0000${model.emails[vs[0]]}`));
  for (let a = 0; a < p; a++) {
    let got = 0;
    for (let d = 0; d < DRAWS && got < CANDIDATES; d++) {
      const b = Math.floor(random() * p);
      if (b !== a && usable(model, vs[a], vs[b])) {
        add(a, b);
        got++;
      }
    }
    if (got >= CANDIDATES) continue;
    got += scan(a, CANDIDATES - got, Math.floor(random() * p));
    if (got >= CANDIDATES) continue;
    // Met (nearly) everyone allowed: their least costly repeats too.
    const others: Array<[number, number]> = [];
    for (let b = 0; b < p; b++) if (b !== a && !model.forbidden.has(vs[a], vs[b])) others.push([b, weight(vs[a], vs[b])]);
    others.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    for (let k = 0; k < others.length && got < CANDIDATES; k++) if (add(a, others[k][0])) got++;
  }
  if (dummyCost) for (let a = 0; a < p; a++) edges.push([a, p, scale.W0 - dummyCost(vs[a])]);

  // Teams of more than half the set cannot be kept apart: their teammate pairs are no reason to repair.
  const teamSize = new Map<string, number>();
  if (model.keepApart) for (const i of vs) if (model.team[i] !== '') teamSize.set(model.team[i], (teamSize.get(model.team[i]) ?? 0) + 1);
  const worthRepairing = (i: number, j: number) => model.last.has(i, j) || !reachable(model, i, j) || (teamSize.get(model.team[i]) ?? 0) * 2 <= p;

  let mate = maxWeightMatching(vertices, edges, true);
  for (let round = 0; round < REPAIR_ROUNDS; round++) {
    const before = edges.length;
    let single = 0;
    for (let a = 0; a < p; a++) if (mate[a] < 0) single++;
    for (let a = 0; a < p; a++) {
      const b = mate[a];
      if (b < 0) {
        if (single > vertices % 2) for (let c = 0; c < p; c++) add(a, c);
      } else if (b < p && !usable(model, vs[a], vs[b]) && worthRepairing(vs[a], vs[b])) {
        // A repeat, teammates or a pair who cannot meet: more never-met partners for both, if any.
        scan(a, REPAIR_CANDIDATES, Math.floor(random() * p));
      }
    }
    if (edges.length === before) break;
    mate = maxWeightMatching(vertices, edges, true);
  }
  return mate;
}

