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
 * the cycle number points at, then the ones after it.
 *
 * Each round's score is counted without listing the rounds: positions x and y (below the fixed
 * position k = size - 1) meet in the round r with x + y = 2r (mod k), and x meets k in round x; so
 * every pair that is not usable (met, avoided, teammates kept apart) is charged to its one round.
 * Time O(size + past pairs + avoid-list pairs + teammate pairs), memory O(n).
 */
export function circlePartners(model: Model, pool: readonly number[], cycle: number, firstCycle: number): Int32Array {
  const partner = new Int32Array(model.n).fill(NOBODY);
  const p = pool.length;
  const size = p + (p % 2);
  if (size < 4) return partner;
  const k = size - 1; // odd: 2 has the inverse (k + 1) / 2 modulo k
  const half = (k + 1) / 2;
  const pos = new Int32Array(model.n).fill(-1);
  pool.forEach((i, x) => (pos[i] = x));
  const roundOf = (x: number, y: number) => (x === k ? y : y === k ? x : ((x + y) * half) % k);
  const unusable = new Int32Array(k);
  const teammates = (i: number, j: number) => model.keepApart && sameTeam(model, i, j);
  if (model.keepApart) {
    const byTeam = new Map<string, number[]>();
    for (const i of pool) {
      if (model.team[i] === '') continue;
      const members = byTeam.get(model.team[i]);
      if (members) members.push(i);
      else byTeam.set(model.team[i], [i]);
    }
    byTeam.forEach((members) => {
      for (let a = 0; a < members.length; a++) for (let b = a + 1; b < members.length; b++) unusable[roundOf(pos[members[a]], pos[members[b]])]++;
    });
  }
  model.last.forEach((i, j) => {
    if (pos[i] >= 0 && pos[j] >= 0 && !teammates(i, j)) unusable[roundOf(pos[i], pos[j])]++;
  });
  model.forbidden.forEach((i, j) => {
    if (pos[i] >= 0 && pos[j] >= 0 && !teammates(i, j) && !model.last.has(i, j)) unusable[roundOf(pos[i], pos[j])]++;
  });
  const realPairs = size / 2 - (p % 2);
  const nominal = (((cycle - firstCycle) % k) + k) % k;
  let best = nominal;
  let bestScore = -1;
  for (let s = 0; s < k; s++) {
    const r = (nominal + s) % k;
    const score = realPairs - unusable[r];
    if (score > bestScore) {
      bestScore = score;
      best = r;
    }
  }
  const at = (x: number) => (x < p ? pool[x] : DUMMY);
  for (const [x, y] of circleRound(size, best)) {
    const i = at(x);
    const j = at(y);
    if (i >= 0) partner[i] = j;
    if (j >= 0) partner[j] = i;
  }
  return partner;
}
