// Seeded hashing and the circle method (Berger tables) the pairing engine plans ahead with.
// Pure: no clock, no Math.random, no state between cycles.

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
