// Seeded hashing and the circle method (Berger tables) the pairing engine plans ahead with.
// Pure: no clock, no Math.random, no state between cycles.
import { DUMMY, type Model, NOBODY, sameTeam } from './pairing-model';

/** A 32-bit hash of a string (xmur3's mixing): the engine's only source of "randomness". */
export function hashString(s: string): number {
  let h = 1779033703 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The seeded rank of an email: people sorted by it form the circle, newcomers slot in between. */
export function seededRank(seed: string, email: string): number {
  return hashString(`${seed}\u0000${email}`);
}

/**
 * Round r (0 <= r < size - 1) of the circle method over positions 0..size-1 (size even): position
 * size-1 stays put, the others rotate. Over the size-1 rounds every two positions meet exactly once.
 */
export function circleRound(size: number, r: number): Array<[number, number]> {
  const k = size - 1;
  const pairs: Array<[number, number]> = [[k, r % k]];
  for (let d = 1; d < size / 2; d++) pairs.push([(r + d) % k, (((r - d) % k) + k) % k]);
  return pairs;
}

/**
 * This cycle's circle-method partner of each pooled person (DUMMY for the one the round leaves
 * for the trio, NOBODY outside the pool). The circle is the pool in the given order (plus a dummy
 * when odd); the round is the one with the most never-met allowed pairs, ties going to the round
 * the cycle number points at, then the ones after it. With regions (model.region: the parts of
 * the reachable graph), each region has its own circle (the pool's order within it) and round, so
 * that a roster whose reachable graph is a union of regions follows each region's round robin.
 *
 * Each round's score is counted without listing the rounds: positions x and y (below the fixed
 * position k = size - 1) meet in the round r with x + y = 2r (mod k), and x meets k in round x; so
 * every pair that is not usable (met, avoided, teammates kept apart) is charged to its one round.
 * Time O(size + past pairs + avoid-list pairs + teammate pairs), memory O(n).
 */
export function circlePartners(model: Model, pool: readonly number[], cycle: number, firstCycle: number): Int32Array {
  const partner = new Int32Array(model.n).fill(NOBODY);
  // The circles: one per region (in order of first appearance), or the whole pool.
  const circles: number[][] = [];
  if (model.region === null) circles.push([...pool]);
  else {
    const byRegion = new Map<number, number[]>();
    for (const i of pool) {
      const r = model.region[i];
      const members = byRegion.get(r);
      if (members) members.push(i);
      else {
        const list = [i];
        byRegion.set(r, list);
        circles.push(list);
      }
    }
  }
  // Position of each person in their circle, the circle they are in, each circle's size and rounds.
  const pos = new Int32Array(model.n).fill(-1);
  const circleOf = new Int32Array(model.n).fill(-1);
  const ks: number[] = [];
  const offsets: number[] = [];
  let total = 0;
  circles.forEach((members, c) => {
    const size = members.length + (members.length % 2);
    ks.push(size - 1);
    offsets.push(total);
    if (size < 4) return;
    total += size - 1;
    members.forEach((i, x) => {
      pos[i] = x;
      circleOf[i] = c;
    });
  });
  if (total === 0) return partner;
  // odd k: 2 has the inverse (k + 1) / 2 modulo k
  const roundOf = (k: number, x: number, y: number) => (x === k ? y : y === k ? x : ((x + y) * ((k + 1) / 2)) % k);
  const unusable = new Int32Array(total);
  /** Charges the pair to its round when both are in the same circle. */
  const charge = (i: number, j: number) => {
    const c = circleOf[i];
    if (c >= 0 && c === circleOf[j]) unusable[offsets[c] + roundOf(ks[c], pos[i], pos[j])]++;
  };
  const teammates = (i: number, j: number) => model.keepApart && sameTeam(model, i, j);
  if (model.keepApart) {
    const byTeam = new Map<string, number[]>();
    for (const i of pool) {
      if (model.team[i] === '' || circleOf[i] < 0) continue;
      const key = `${circleOf[i]}\u0000${model.team[i]}`;
      const members = byTeam.get(key);
      if (members) members.push(i);
      else byTeam.set(key, [i]);
    }
    byTeam.forEach((members) => {
      for (let a = 0; a < members.length; a++) for (let b = a + 1; b < members.length; b++) charge(members[a], members[b]);
    });
  }
  model.last.forEach((i, j) => {
    if (!teammates(i, j)) charge(i, j);
  });
  model.forbidden.forEach((i, j) => {
    if (!teammates(i, j) && !model.last.has(i, j)) charge(i, j);
  });
  circles.forEach((members, c) => {
    const p = members.length;
    const size = p + (p % 2);
    if (size < 4) return;
    const k = ks[c];
    const realPairs = size / 2 - (p % 2);
    const nominal = (((cycle - firstCycle) % k) + k) % k;
    let best = nominal;
    let bestScore = -1;
    for (let s = 0; s < k; s++) {
      const r = (nominal + s) % k;
      const score = realPairs - unusable[offsets[c] + r];
      if (score > bestScore) {
        bestScore = score;
        best = r;
      }
    }
    const at = (x: number) => (x < p ? members[x] : DUMMY);
    for (const [x, y] of circleRound(size, best)) {
      const i = at(x);
      const j = at(y);
      if (i >= 0) partner[i] = j;
      if (j >= 0) partner[j] = i;
    }
  });
  return partner;
}
