import fc from 'fast-check';
import { type Edge, MAX_EDGE_WEIGHT, maxWeightMatching, maxWeightMatchingDense } from '../../src/core/matching';
import { seededRandom } from '../../src/core/random';

// Test oracle only (dev dependency): Van Rantwijk's algorithm ported to plain JS in 2016.
const oracle: (edges: number[][], maxCardinality?: boolean) => number[] = require('edmonds-blossom-fixed');

/** Heaviest weight per unordered pair (duplicates keep the heavier, as the matcher does). */
function weightTable(edges: readonly Edge[]): Map<number, number> {
  const t = new Map<number, number>();
  for (const [u, v, w] of edges) {
    const key = Math.min(u, v) * 65536 + Math.max(u, v);
    t.set(key, Math.max(w, t.get(key) ?? -1));
  }
  return t;
}

/** Checks mate is a matching of the graph (symmetric, only existing edges); returns [weight, pairs]. */
function score(n: number, edges: readonly Edge[], mate: ArrayLike<number>): [number, number] {
  const table = weightTable(edges);
  expect(mate.length).toBe(n);
  let weight = 0;
  let pairs = 0;
  for (let v = 0; v < n; v++) {
    const u = mate[v];
    if (u === -1) continue;
    expect(u).toBeGreaterThanOrEqual(0);
    expect(u).toBeLessThan(n);
    expect(mate[u]).toBe(v);
    const w = table.get(Math.min(u, v) * 65536 + Math.max(u, v));
    expect(w).toBeDefined();
    if (u > v) {
      weight += w!;
      pairs++;
    }
  }
  return [weight, pairs];
}

/** Best [weight, pairs] by enumerating every matching; with maxCardinality, pairs first. */
function bruteForce(n: number, edges: readonly Edge[], maxCardinality: boolean): [number, number] {
  const table = weightTable(edges);
  const used = new Array<boolean>(n).fill(false);
  let best: [number, number] = [0, 0];
  const better = (a: [number, number], b: [number, number]) =>
    maxCardinality ? a[1] > b[1] || (a[1] === b[1] && a[0] > b[0]) : a[0] > b[0];
  const go = (v: number, weight: number, pairs: number): void => {
    while (v < n && used[v]) v++;
    if (v === n) {
      if (better([weight, pairs], best)) best = [weight, pairs];
      return;
    }
    used[v] = true;
    go(v + 1, weight, pairs); // v stays single
    for (let u = v + 1; u < n; u++) {
      const w = table.get(v * 65536 + u);
      if (used[u] || w === undefined) continue;
      used[u] = true;
      go(v + 1, weight + w, pairs + 1);
      used[u] = false;
    }
    used[v] = false;
  };
  go(0, 0, 0);
  return best;
}

/** Asserts mate is optimal: the brute-force weight, and with maxCardinality also its number of pairs. */
function expectOptimal(n: number, edges: readonly Edge[], mate: ArrayLike<number>, maxCardinality: boolean): void {
  const [weight, pairs] = score(n, edges, mate);
  const best = bruteForce(n, edges, maxCardinality);
  expect(weight).toBe(best[0]);
  if (maxCardinality) expect(pairs).toBe(best[1]);
}


/** Pairing-engine-like weights: "never met" far above a capped "cycles since met" level, plus jitter. */
function realisticWeight(r: () => number): number {
  const jitter = Math.floor(r() * 100);
  return r() < 0.2 ? (1 + Math.floor(r() * 50)) * 1000 + jitter : 1_000_000 + jitter;
}

/** A random graph on n vertices: each pair present with probability density, weights in 0..maxWeight. */
const graphArb = (minN: number, maxN: number) =>
  fc
    .record({
      n: fc.integer({ min: minN, max: maxN }),
      density: fc.double({ min: 0.1, max: 1, noNaN: true }),
      maxWeight: fc.constantFrom(1, 3, 10, 1000),
      seed: fc.integer(),
      maxCardinality: fc.boolean(),
    })
    .map(({ n, density, maxWeight, seed, maxCardinality }) => {
      const r = seededRandom(seed);
      const edges: Edge[] = [];
      for (let u = 0; u < n; u++) {
        for (let v = u + 1; v < n; v++) {
          if (r() < density) edges.push(r() < 0.5 ? [u, v, Math.floor(r() * (maxWeight + 1))] : [v, u, Math.floor(r() * (maxWeight + 1))]);
        }
      }
      return { n, edges, maxCardinality };
    });

describe('maxWeightMatching: examples', () => {
  it('matches nothing in an empty graph', () => {
    expect(Array.from(maxWeightMatching(0, []))).toEqual([]);
    expect(Array.from(maxWeightMatching(3, []))).toEqual([-1, -1, -1]);
    expect(Array.from(maxWeightMatching(3, [], true))).toEqual([-1, -1, -1]);
  });

  it('takes a single edge', () => {
    expect(Array.from(maxWeightMatching(2, [[0, 1, 1]]))).toEqual([1, 0]);
  });

  it('takes the heaviest edge of a triangle and leaves a vertex out', () => {
    expect(Array.from(maxWeightMatching(3, [[0, 1, 5], [1, 2, 7], [0, 2, 6]]))).toEqual([-1, 2, 1]);
  });

  it('leaves disconnected vertices single', () => {
    expect(Array.from(maxWeightMatching(6, [[1, 4, 3]], true))).toEqual([-1, 4, -1, -1, 1, -1]);
  });

  // From the self-tests of Van Rantwijk's mwmatching.py (also NetworkX's test_matching.py); vertex 0 is isolated.
  it('prefers the heavier of two adjacent edges', () => {
    expect(Array.from(maxWeightMatching(4, [[1, 2, 10], [2, 3, 11]]))).toEqual([-1, -1, 3, 2]);
  });

  it('changes its answer under maxCardinality', () => {
    const edges: Edge[] = [[1, 2, 5], [2, 3, 11], [3, 4, 5]];
    expect(Array.from(maxWeightMatching(5, edges))).toEqual([-1, -1, 3, 2, -1]);
    expect(Array.from(maxWeightMatching(5, edges, true))).toEqual([-1, 2, 1, 4, 3]);
  });

  it('finds the best maximum-cardinality matching when no perfect one exists (even and odd n)', () => {
    // A star with centre 0 plus the edge 2-3: one pair 0-2 or 0-3 weighs most (9), but two pairs
    // are possible only as 2-3 with one of 0-1, 0-4, 0-5 (weight 2).
    const star: Edge[] = [[0, 1, 1], [0, 2, 9], [0, 3, 9], [0, 4, 1], [0, 5, 1], [2, 3, 1]];
    expect(score(6, star, maxWeightMatching(6, star))).toEqual([9, 1]);
    expect(score(6, star, maxWeightMatching(6, star, true))).toEqual([2, 2]);
    expect(score(7, star, maxWeightMatching(7, star, true))).toEqual([2, 2]);
  });

  it('does not take a zero-weight edge it does not need, unless cardinality counts', () => {
    expect(score(2, [[0, 1, 0]], maxWeightMatching(2, [[0, 1, 0]]))[0]).toBe(0);
    expect(Array.from(maxWeightMatching(2, [[0, 1, 0]], true))).toEqual([1, 0]);
  });

  const cases: [string, number, Edge[], number[]][] = [
    ['S-blossom', 5, [[1, 2, 8], [1, 3, 9], [2, 3, 10], [3, 4, 7]], [-1, 2, 1, 4, 3]],
    ['S-blossom used for augmentation', 7, [[1, 2, 8], [1, 3, 9], [2, 3, 10], [3, 4, 7], [1, 6, 5], [4, 5, 6]], [-1, 6, 3, 2, 5, 4, 1]],
    ['S-blossom relabelled as T (1)', 7, [[1, 2, 9], [1, 3, 8], [2, 3, 10], [1, 4, 5], [4, 5, 4], [1, 6, 3]], [-1, 6, 3, 2, 5, 4, 1]],
    ['S-blossom relabelled as T (2)', 7, [[1, 2, 9], [1, 3, 8], [2, 3, 10], [1, 4, 5], [4, 5, 3], [1, 6, 4]], [-1, 6, 3, 2, 5, 4, 1]],
    ['S-blossom relabelled as T (3)', 7, [[1, 2, 9], [1, 3, 8], [2, 3, 10], [1, 4, 5], [4, 5, 3], [3, 6, 4]], [-1, 2, 1, 6, 5, 4, 3]],
    ['nested S-blossom', 7, [[1, 2, 9], [1, 3, 9], [2, 3, 10], [2, 4, 8], [3, 5, 8], [4, 5, 10], [5, 6, 6]], [-1, 3, 4, 1, 2, 6, 5]],
    [
      'nested S-blossom relabel',
      9,
      [[1, 2, 10], [1, 7, 10], [2, 3, 12], [3, 4, 20], [3, 5, 20], [4, 5, 25], [5, 6, 10], [6, 7, 10], [7, 8, 8]],
      [-1, 2, 1, 4, 3, 6, 5, 8, 7],
    ],
    [
      'nested S-blossom, augment, expand recursively',
      9,
      [[1, 2, 8], [1, 3, 8], [2, 3, 10], [2, 4, 12], [3, 5, 12], [4, 5, 14], [4, 6, 12], [5, 7, 12], [6, 7, 14], [7, 8, 12]],
      [-1, 2, 1, 5, 6, 3, 4, 8, 7],
    ],
    [
      'S-blossom relabelled as T, expanded',
      9,
      [[1, 2, 23], [1, 5, 22], [1, 6, 15], [2, 3, 25], [3, 4, 22], [4, 5, 25], [4, 8, 14], [5, 7, 13]],
      [-1, 6, 3, 2, 8, 7, 1, 5, 4],
    ],
    [
      'nested S-blossom relabelled as T, expanded',
      9,
      [[1, 2, 19], [1, 3, 20], [1, 8, 8], [2, 3, 25], [2, 4, 18], [3, 5, 18], [4, 5, 13], [4, 7, 7], [5, 6, 7]],
      [-1, 8, 3, 2, 7, 6, 5, 4, 1],
    ],
    [
      'nasty blossom: relabelled as T in more than one way, expanded, augmented',
      11,
      [[1, 2, 45], [1, 5, 45], [2, 3, 50], [3, 4, 45], [4, 5, 50], [1, 6, 30], [3, 9, 35], [4, 8, 35], [5, 7, 26], [9, 10, 5]],
      [-1, 6, 3, 2, 8, 7, 1, 5, 4, 10, 9],
    ],
    [
      'nasty blossom, second variant',
      11,
      [[1, 2, 45], [1, 5, 45], [2, 3, 50], [3, 4, 45], [4, 5, 50], [1, 6, 30], [3, 9, 35], [4, 8, 26], [5, 7, 40], [9, 10, 5]],
      [-1, 6, 3, 2, 8, 7, 1, 5, 4, 10, 9],
    ],
    [
      'T-blossom expanded so that a new least-slack S-to-free edge appears',
      11,
      [[1, 2, 45], [1, 5, 45], [2, 3, 50], [3, 4, 45], [4, 5, 50], [1, 6, 30], [3, 9, 35], [4, 8, 28], [5, 7, 26], [9, 10, 5]],
      [-1, 6, 3, 2, 8, 7, 1, 5, 4, 10, 9],
    ],
    [
      'nested nasty blossom: outer expanded so that the inner one ends up on the augmenting path',
      13,
      [
        [1, 2, 45], [1, 7, 45], [2, 3, 50], [3, 4, 45], [4, 5, 95], [4, 6, 94], [5, 6, 94], [6, 7, 50], [1, 8, 30],
        [3, 11, 35], [5, 9, 36], [7, 10, 26], [11, 12, 5],
      ],
      [-1, 8, 3, 2, 6, 9, 4, 10, 1, 5, 7, 12, 11],
    ],
    [
      'nested S-blossom relabelled as S, expanded recursively',
      11,
      [[1, 2, 40], [1, 3, 40], [2, 3, 60], [2, 4, 55], [3, 5, 55], [4, 5, 50], [1, 8, 15], [5, 7, 30], [7, 6, 10], [8, 10, 10], [4, 9, 30]],
      [-1, 2, 1, 5, 9, 3, 7, 6, 10, 4, 8],
    ],
  ];
  it.each(cases)('%s', (_name, n, edges, expected) => {
    const mate = maxWeightMatching(n, edges);
    expect(Array.from(mate)).toEqual(expected);
    expect(score(n, edges, mate)).toEqual(bruteForce(n, edges, false));
    // Every one of these optimal matchings is also of maximum cardinality.
    expect(score(n, edges, maxWeightMatching(n, edges, true))).toEqual(score(n, edges, mate));
  });
});

describe('maxWeightMatching: input checks', () => {
  it.each([
    ['a negative weight', 3, [[0, 1, -1]]],
    ['a fractional weight', 3, [[0, 1, 1.5]]],
    ['a NaN weight', 3, [[0, 1, NaN]]],
    ['a weight above MAX_EDGE_WEIGHT', 3, [[0, 1, MAX_EDGE_WEIGHT + 1]]],
    ['an endpoint out of range', 3, [[0, 3, 1]]],
    ['a negative endpoint', 3, [[-1, 2, 1]]],
    ['a fractional endpoint', 3, [[0.5, 2, 1]]],
    ['a self-loop', 3, [[1, 1, 1]]],
  ] as [string, number, Edge[]][])('rejects %s with a RangeError', (_name, n, edges) => {
    expect(() => maxWeightMatching(n, edges)).toThrow(RangeError);
  });

  it('rejects a bad vertex count', () => {
    expect(() => maxWeightMatching(-1, [])).toThrow(RangeError);
    expect(() => maxWeightMatching(2.5, [])).toThrow(RangeError);
  });

  it('accepts MAX_EDGE_WEIGHT and stays exact there', () => {
    const big = MAX_EDGE_WEIGHT;
    const edges: Edge[] = [[0, 1, big], [1, 2, big], [2, 3, big - 1], [0, 3, 1]];
    expect(Array.from(maxWeightMatching(4, edges))).toEqual([1, 0, 3, 2]);
  });

  it('merges duplicate edges, keeping the heavier (either direction)', () => {
    // 0-1 is listed light then heavy, so the heavy copy must win over 1-2.
    expect(Array.from(maxWeightMatching(3, [[0, 1, 1], [1, 2, 5], [1, 0, 9]]))).toEqual([1, 0, -1]);
    expect(Array.from(maxWeightMatching(3, [[1, 0, 9], [1, 2, 5], [0, 1, 1]]))).toEqual([1, 0, -1]);
  });

  it('rejects a bad weight from the dense form too', () => {
    expect(() => maxWeightMatchingDense(3, () => -2)).toThrow(RangeError);
    expect(() => maxWeightMatchingDense(3, () => 0.5)).toThrow(RangeError);
  });
});

describe('maxWeightMatching: properties', () => {
  it('is a valid matching of optimal weight (and cardinality) against brute force, n <= 10', () => {
    fc.assert(
      fc.property(graphArb(0, 10), ({ n, edges, maxCardinality }) => {
        expectOptimal(n, edges, maxWeightMatching(n, edges, maxCardinality), maxCardinality);
      }),
      { numRuns: 400 },
    );
  });

  it('merges duplicate edges like brute force does (heavier wins), n <= 8', () => {
    const arb = fc.integer({ min: 2, max: 8 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        edges: fc.array(
          fc
            .tuple(fc.nat(n - 1), fc.nat(n - 1), fc.nat(20))
            .filter(([u, v]) => u !== v)
            .map((e): Edge => e),
          { maxLength: 30 },
        ),
        maxCardinality: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(arb, ({ n, edges, maxCardinality }) => {
        expectOptimal(n, edges, maxWeightMatching(n, edges, maxCardinality), maxCardinality);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same matching from the dense form as from the edge list', () => {
    fc.assert(
      fc.property(graphArb(0, 30), ({ n, edges, maxCardinality }) => {
        const table = weightTable(edges);
        const dense = maxWeightMatchingDense(n, (u, v) => table.get(u * 65536 + v) ?? null, maxCardinality);
        const sorted = [...table].map(([key, w]): Edge => [Math.floor(key / 65536), key % 65536, w]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(Array.from(dense)).toEqual(Array.from(maxWeightMatching(n, sorted, maxCardinality)));
      }),
      { numRuns: 100 },
    );
  });

  it('agrees with edmonds-blossom-fixed on weight (and cardinality), n = 20..80', () => {
    fc.assert(
      fc.property(graphArb(20, 80), ({ n, edges, maxCardinality }) => {
        const mine = score(n, edges, maxWeightMatching(n, edges, maxCardinality));
        const theirs = edges.length === 0 ? [] : oracle(edges.map((e) => [e[0], e[1], e[2]]), maxCardinality);
        const expected = score(theirs.length, edges, theirs);
        expect(mine[0]).toBe(expected[0]);
        if (maxCardinality) expect(mine[1]).toBe(expected[1]);
      }),
      { numRuns: 40 },
    );
  });

  it('agrees with edmonds-blossom-fixed on a realistic complete graph, n = 150', () => {
    const n = 150;
    const r = seededRandom(150);
    const edges: Edge[] = [];
    for (let u = 0; u < n; u++) for (let v = u + 1; v < n; v++) edges.push([u, v, realisticWeight(r)]);
    const mine = score(n, edges, maxWeightMatching(n, edges, true));
    expect(mine[1]).toBe(n / 2);
    expect(mine[0]).toBe(score(n, edges, oracle(edges.map((e) => [...e]), true))[0]);
  });
});

describe('maxWeightMatching: large', () => {
  it('pairs everyone in a realistic complete graph, n = 1000, with forbidden pairs (correctness, not timed)', () => {
    const n = 1000;
    const r = seededRandom(1000);
    const w = new Float64Array(n * n).fill(-1);
    const edges: Edge[] = [];
    for (let u = 0; u < n; u++) {
      for (let v = u + 1; v < n; v++) {
        if (Math.floor(u / 8) === Math.floor(v / 8)) continue; // same team of 8: forbidden
        w[u * n + v] = realisticWeight(r);
        edges.push([u, v, w[u * n + v]]);
      }
    }
    const mate = maxWeightMatchingDense(n, (u, v) => (w[u * n + v] < 0 ? null : w[u * n + v]), true);
    for (let v = 0; v < n; v++) {
      expect(mate[mate[v]]).toBe(v);
      expect(Math.floor(mate[v] / 8)).not.toBe(Math.floor(v / 8));
    }
    expect(Array.from(maxWeightMatching(n, edges, true))).toEqual(Array.from(mate));
  });
});
