// Seeded pseudo-random numbers for simulations and tests: the same seed gives the same sequence.

/**
 * mulberry32: a small, fast 32-bit generator. Returns numbers in [0, 1).
 *
 * @example
 *   const next = seededRandom(42);
 *   next(); // always the same first value for seed 42
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
