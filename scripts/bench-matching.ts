// Times the blossom matcher (src/core/matching.ts) on complete graphs with realistic pairing weights.
// Run: npx tsx scripts/bench-matching.ts [n ...]   (default n = 100 500 1000 2000; median of a few runs)
// A second table times a stress case (uniformly random weights, far from what the engine produces).
import { performance } from 'node:perf_hooks';
import { type Edge, maxWeightMatching, maxWeightMatchingDense } from '../src/core/matching';
import { seededRandom } from '../src/core/random';


/**
 * Weights as the pairing engine makes them: "never met" far above everything (1,000,000 plus a jitter
 * below 100), otherwise a coarse, capped "cycles since last met" level (1..50) times 1,000 plus jitter.
 * About a fifth of the pairs have met before.
 */
function realisticWeights(n: number, seed: number): Float64Array {
  const r = seededRandom(seed);
  const w = new Float64Array(n * n);
  for (let u = 0; u < n; u++) {
    for (let v = u + 1; v < n; v++) {
      const jitter = Math.floor(r() * 100);
      const x = r() < 0.2 ? (1 + Math.floor(r() * 50)) * 1000 + jitter : 1_000_000 + jitter;
      w[u * n + v] = w[v * n + u] = x;
    }
  }
  return w;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const sizes = process.argv.slice(2).map(Number);
const ns = sizes.length > 0 ? sizes : [100, 500, 1000, 2000];
console.log('n      dense ms (median)   edge-list ms (median)   runs');
for (const n of ns) {
  const runs = n <= 500 ? 5 : 3;
  const dense: number[] = [];
  const list: number[] = [];
  for (let run = 0; run < runs; run++) {
    const w = realisticWeights(n, 1000 * n + run);
    let t0 = performance.now();
    const mate = maxWeightMatchingDense(n, (u, v) => w[u * n + v], true);
    dense.push(performance.now() - t0);
    for (let v = 0; v < n; v++) if (mate[v] < 0 || mate[mate[v]] !== v) throw new Error(`n=${n}: not a perfect matching`);
    const edges: Edge[] = [];
    for (let u = 0; u < n; u++) for (let v = u + 1; v < n; v++) edges.push([u, v, w[u * n + v]]);
    t0 = performance.now();
    maxWeightMatching(n, edges, true);
    list.push(performance.now() - t0);
  }
  console.log(`${String(n).padEnd(7)}${median(dense).toFixed(0).padStart(8)}${median(list).toFixed(0).padStart(24)}${String(runs).padStart(20)}`);
}

console.log('\nstress: uniform random weights 0..10^6 (dense form, one run)');
for (const n of ns.filter((x) => x <= 1000)) {
  const r = seededRandom(n);
  const w = new Float64Array(n * n);
  for (let u = 0; u < n; u++) for (let v = u + 1; v < n; v++) w[u * n + v] = Math.floor(r() * 1_000_000);
  const t0 = performance.now();
  maxWeightMatchingDense(n, (u, v) => w[u * n + v], true);
  console.log(`${String(n).padEnd(7)}${(performance.now() - t0).toFixed(0).padStart(8)}`);
}
