// Maximum-weight (optionally maximum-cardinality) matching of a general graph: the pairing engine's core.

/*
 * Algorithm: Edmonds' blossom algorithm in the O(n^3) primal-dual form described by Z. Galil,
 * "Efficient algorithms for finding maximum matching in graphs", ACM Computing Surveys 18 (1986),
 * ported from Joris van Rantwijk's mwmatching.py (public domain, http://jorisvr.nl/article/maximum-matching),
 * the same code NetworkX's max_weight_matching derives from. Differences from the original:
 * typed arrays instead of lists, adjacency in CSR form, "allowed edge" flags reset by stage stamps
 * instead of clearing, blossom leaves enumerated without generators, and integer weights only
 * (vertex duals are kept in doubled units as in the original, so every dual stays an integer and
 * Float64 arithmetic is exact; there is no floating-point tolerance anywhere).
 *
 * For maximum cardinality on an even vertex count, a greedy start (vertex duals at the heaviest
 * incident weight, then tight edges matched greedily, as in V. Kolmogorov's Blossom V) is tried first;
 * it is kept only when the result is perfect (see solve()). It cut n=1000 complete graphs with
 * uniformly random weights from ~8 s to ~0.6 s.
 *
 * Recursion: expandBlossom (end of stage) and augmentBlossom recurse once per level of blossom
 * nesting, which is at most n/2 deep; that is ~1000 small frames at n = 2000, far inside V8's stack.
 */

/** An edge: [u, v, weight] with 0 <= u, v < n, u !== v and an integer weight in [0, MAX_EDGE_WEIGHT]. */
export type Edge = readonly [number, number, number];

/** Largest accepted edge weight: keeps every dual and slack an exactly representable integer. */
export const MAX_EDGE_WEIGHT = 2 ** 48;

/**
 * Maximum-weight matching of a general graph (Edmonds' blossom algorithm, the O(n^3) primal-dual
 * form as in Van Rantwijk's mwmatching / NetworkX max_weight_matching). With maxCardinality, the
 * maximum weight among the matchings of maximum cardinality. Returns mate: mate[v] = partner or -1.
 * Missing edges are simply not allowed (that is how forbidden pairs are expressed).
 *
 * Weights must be integers in [0, MAX_EDGE_WEIGHT]; anything else, an endpoint out of range or a
 * self-loop throws a RangeError. Duplicate edges (u, v) / (v, u) are merged, keeping the heavier.
 * Which of several optimal matchings is returned is deterministic for the same input (same edges in
 * the same order). Time O(n^3) (at most n/2 stages, each scanning every edge a bounded number of
 * times plus O(n^2) bookkeeping); memory O(n + m), about 56 bytes per edge while solving (~110 MB
 * for a complete graph at n = 2000; the dense form avoids the JS edge tuples on top of that).
 *
 * @example
 * // a path 0-1-2-3: the middle edge is heaviest, but two outer edges weigh more together
 * maxWeightMatching(4, [[0, 1, 5], [1, 2, 8], [2, 3, 5]]);        // Int32Array [1, 0, 3, 2]
 * maxWeightMatching(4, [[0, 1, 3], [1, 2, 8], [2, 3, 3]]);        // Int32Array [-1, 2, 1, -1]
 * maxWeightMatching(4, [[0, 1, 3], [1, 2, 8], [2, 3, 3]], true);  // Int32Array [1, 0, 3, 2]
 */
export function maxWeightMatching(n: number, edges: readonly Edge[], maxCardinality = false): Int32Array {
  checkVertexCount(n);
  const { endpoint, weight } = mergeEdges(n, edges);
  return solve(n, endpoint, weight, maxCardinality);
}

/** Validates the edges and merges duplicates (heavier wins); edge k joins endpoint[2k] < endpoint[2k+1]. */
function mergeEdges(n: number, edges: readonly Edge[]): { endpoint: Int32Array; weight: Float64Array } {
  const m0 = edges.length;
  // Group the edges by their lower endpoint (CSR), then merge duplicates in one pass.
  const low = new Int32Array(m0);
  const high = new Int32Array(m0);
  const wt = new Float64Array(m0);
  const count = new Int32Array(n + 1);
  for (let i = 0; i < m0; i++) {
    const e = edges[i];
    const u = e[0];
    const v = e[1];
    const w = e[2];
    if (!Number.isInteger(u) || !Number.isInteger(v) || u < 0 || v < 0 || u >= n || v >= n) {
      throw new RangeError(`maxWeightMatching: edge ${i} [${u}, ${v}] has an endpoint outside 0..${n - 1}`);
    }
    if (u === v) throw new RangeError(`maxWeightMatching: edge ${i} is a self-loop on ${u}`);
    checkWeight(w, i);
    low[i] = u < v ? u : v;
    high[i] = u < v ? v : u;
    wt[i] = w;
    count[low[i] + 1]++;
  }
  for (let u = 0; u < n; u++) count[u + 1] += count[u];
  const order = new Int32Array(m0);
  const fill = count.slice(0, n);
  for (let i = 0; i < m0; i++) order[fill[low[i]]++] = i;

  const endpoint = new Int32Array(2 * m0);
  const weight = new Float64Array(m0);
  const seenBy = new Int32Array(n).fill(-1);
  const seenAt = new Int32Array(n);
  let m = 0;
  for (let u = 0; u < n; u++) {
    for (let q = count[u]; q < count[u + 1]; q++) {
      const i = order[q];
      const v = high[i];
      if (seenBy[v] === u) {
        const k = seenAt[v];
        if (wt[i] > weight[k]) weight[k] = wt[i];
      } else {
        seenBy[v] = u;
        seenAt[v] = m;
        endpoint[2 * m] = u;
        endpoint[2 * m + 1] = v;
        weight[m] = wt[i];
        m++;
      }
    }
  }
  if (m === m0) return { endpoint, weight };
  return { endpoint: endpoint.slice(0, 2 * m), weight: weight.slice(0, m) };
}

/**
 * The same matching for a graph given by a weight function instead of an edge list: weight(u, v)
 * is called once for every u < v and returns the edge's weight, or null when there is no edge.
 * Avoids building n²/2 edge tuples for (nearly) complete graphs.
 *
 * @example
 * // everyone may meet everyone except 0 and 1
 * maxWeightMatchingDense(4, (u, v) => (u === 0 && v === 1 ? null : u * v + 1), true); // Int32Array [2, 3, 0, 1]
 */
export function maxWeightMatchingDense(
  n: number,
  weightOf: (u: number, v: number) => number | null,
  maxCardinality = false,
): Int32Array {
  checkVertexCount(n);
  const cap = (n * (n - 1)) / 2;
  const endpoint = new Int32Array(2 * cap);
  const weight = new Float64Array(cap);
  let m = 0;
  for (let u = 0; u < n; u++) {
    for (let v = u + 1; v < n; v++) {
      const w = weightOf(u, v);
      if (w === null) continue;
      checkWeight(w, m, u, v);
      endpoint[2 * m] = u;
      endpoint[2 * m + 1] = v;
      weight[m] = w;
      m++;
    }
  }
  return solve(n, endpoint.subarray(0, 2 * m), weight.subarray(0, m), maxCardinality);
}

function checkVertexCount(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > 0x3fffffff) {
    throw new RangeError(`maxWeightMatching: vertex count ${n} is not a non-negative integer`);
  }
}

function checkWeight(w: number, i: number, u?: number, v?: number): void {
  if (typeof w !== 'number' || !Number.isInteger(w) || w < 0 || w > MAX_EDGE_WEIGHT) {
    const which = u === undefined ? `edge ${i}` : `edge [${u}, ${v}]`;
    throw new RangeError(`maxWeightMatching: ${which} has weight ${w}; weights must be integers in 0..2^48`);
  }
}

/**
 * Runs the blossom algorithm. For maximum cardinality with an even vertex count it first tries a
 * greedy start (see blossom()), which pays off on large dense graphs; that start is only sound when
 * the result is a perfect matching, so otherwise it runs again from the plain start.
 */
function solve(n: number, endpoint: Int32Array, weight: Float64Array, maxCardinality: boolean): Int32Array {
  if (maxCardinality && n % 2 === 0 && n > 0) {
    const mate = blossom(n, endpoint, weight, true, true);
    if (mate.indexOf(-1) === -1) return mate;
  }
  return blossom(n, endpoint, weight, maxCardinality, false);
}

/**
 * The blossom algorithm proper. Edge k joins endpoint[2k] and endpoint[2k+1] with weight[k]; at most
 * one edge per pair, no self-loops (the callers guarantee both).
 */
function blossom(n: number, endpoint: Int32Array, weight: Float64Array, maxCardinality: boolean, greedyStart: boolean): Int32Array {
  const m = weight.length;
  const result = new Int32Array(n).fill(-1);
  if (n === 0 || m === 0) return result;

  let maxWeight = 0;
  for (let k = 0; k < m; k++) if (weight[k] > maxWeight) maxWeight = weight[k];

  // Adjacency in CSR form, laid out so that scanning a vertex reads memory sequentially: for the q-th
  // slot of v, nbP[q] is the remote endpoint index p (edge p >> 1), nbTo[q] the neighbour, nbW2[q]
  // twice the weight, allowQ[q] the "allowed" stamp; qOf[p] is the slot holding p (both slots of an
  // edge carry the same stamp).
  const nbStart = new Int32Array(n + 1);
  for (let p = 0; p < 2 * m; p++) nbStart[endpoint[p] + 1]++;
  for (let v = 0; v < n; v++) nbStart[v + 1] += nbStart[v];
  const nbP = new Int32Array(2 * m);
  const nbTo = new Int32Array(2 * m);
  const nbW2 = new Float64Array(2 * m);
  const allowQ = new Int32Array(2 * m);
  const qOf = new Int32Array(2 * m);
  const nbFill = nbStart.slice(0, n);
  for (let k = 0; k < m; k++) {
    const a = endpoint[2 * k];
    const b = endpoint[2 * k + 1];
    const qa = nbFill[a]++;
    const qb = nbFill[b]++;
    nbP[qa] = 2 * k + 1;
    nbTo[qa] = b;
    nbW2[qa] = 2 * weight[k];
    qOf[2 * k + 1] = qa;
    nbP[qb] = 2 * k;
    nbTo[qb] = a;
    nbW2[qb] = 2 * weight[k];
    qOf[2 * k] = qb;
  }

  const n2 = 2 * n;
  // mate[v]: the remote endpoint index p of v's matched edge, or -1 (converted to a vertex at the end).
  const mate = new Int32Array(n).fill(-1);
  // label[b]: 0 free, 1 S (outer), 2 T (inner); 5 marks S-blossoms during scanBlossom; -1 for unused.
  const label = new Int32Array(n2);
  // labelend[b]: the remote endpoint of the edge through which b got its label, or -1.
  const labelend = new Int32Array(n2).fill(-1);
  const inblossom = new Int32Array(n);
  for (let v = 0; v < n; v++) inblossom[v] = v;
  const blossomparent = new Int32Array(n2).fill(-1);
  const blossomchilds: (number[] | null)[] = new Array(n2).fill(null);
  const blossombase = new Int32Array(n2).fill(-1);
  for (let v = 0; v < n; v++) blossombase[v] = v;
  const blossomendps: (number[] | null)[] = new Array(n2).fill(null);
  const bestedge = new Int32Array(n2).fill(-1);
  // The slack of bestedge[b], cached while the vertex duals are unchanged (dual epoch bestEpoch[b]).
  const bestSlack = new Float64Array(n2);
  const bestEpoch = new Int32Array(n2).fill(-1);
  let epoch = 0;
  const blossombestedges: (number[] | null)[] = new Array(n2).fill(null);
  const unused = new Int32Array(n);
  let unusedTop = 0;
  for (let b = 2 * n - 1; b >= n; b--) unused[unusedTop++] = b;
  const dualvar = new Float64Array(n2);
  for (let v = 0; v < n; v++) dualvar[v] = maxWeight;
  // Edge k is allowed (known tight) in the current stage when its slots carry the stage's stamp.
  let stage = 0;
  const allow = (k: number): void => {
    allowQ[qOf[2 * k]] = stage;
    allowQ[qOf[2 * k + 1]] = stage;
  };
  let queue: number[] = [];

  // Scratch for blossom leaves: filled by leaves(b), consumed before the next call.
  const leafBuf = new Int32Array(n);
  const leafStack = new Int32Array(n2);
  // addBlossom scratch: per S-blossom, the least-slack edge to the new blossom and its slack.
  const bestedgeto = new Int32Array(n2).fill(-1);
  const bestToSlack = new Float64Array(n2);

  // slack(k) = dual[i] + dual[j] - 2 * weight[k]: vertex duals are in doubled units, as in the original.
  const slack = (k: number): number => dualvar[endpoint[2 * k]] + dualvar[endpoint[2 * k + 1]] - nbW2[qOf[2 * k]];
  const bestSlackOf = (b: number): number => {
    if (bestEpoch[b] !== epoch) {
      bestSlack[b] = slack(bestedge[b]);
      bestEpoch[b] = epoch;
    }
    return bestSlack[b];
  };
  const setBest = (b: number, k: number, s: number): void => {
    bestedge[b] = k;
    bestSlack[b] = s;
    bestEpoch[b] = epoch;
  };

  /** Puts the vertices of blossom b into leafBuf (in the original's depth-first order); returns their count. */
  function leaves(b: number): number {
    if (b < n) {
      leafBuf[0] = b;
      return 1;
    }
    let count = 0;
    let top = 0;
    leafStack[top++] = b;
    while (top > 0) {
      const x = leafStack[--top];
      if (x < n) {
        leafBuf[count++] = x;
      } else {
        const ch = blossomchilds[x]!;
        for (let i = ch.length - 1; i >= 0; i--) leafStack[top++] = ch[i];
      }
    }
    return count;
  }

  /** Labels the top-level blossom of w with t (1 = S, 2 = T), reached through endpoint p. */
  function assignLabel(w: number, t: number, p: number): void {
    for (;;) {
      const b = inblossom[w];
      label[w] = label[b] = t;
      labelend[w] = labelend[b] = p;
      bestedge[w] = bestedge[b] = -1;
      if (t === 1) {
        if (b < n) queue.push(b);
        else {
          const c = leaves(b);
          for (let i = 0; i < c; i++) queue.push(leafBuf[i]);
        }
        return;
      }
      // T: the mate of the base becomes S.
      const mb = mate[blossombase[b]];
      w = endpoint[mb];
      t = 1;
      p = mb ^ 1;
    }
  }

  /** Traces back from v and w; returns the base of a new blossom, or -1 when an augmenting path exists. */
  function scanBlossom(v: number, w: number): number {
    const path: number[] = [];
    let base = -1;
    while (v !== -1 || w !== -1) {
      let b = inblossom[v];
      if (label[b] & 4) {
        base = blossombase[b];
        break;
      }
      path.push(b);
      label[b] = 5;
      if (labelend[b] === -1) {
        v = -1;
      } else {
        v = endpoint[labelend[b]];
        b = inblossom[v];
        v = endpoint[labelend[b]];
      }
      if (w !== -1) {
        const x = v;
        v = w;
        w = x;
      }
    }
    for (let i = 0; i < path.length; i++) label[path[i]] = 1;
    return base;
  }

  /** Makes a new S-blossom with the given base through S-S edge k. */
  function addBlossom(base: number, k: number): void {
    let v = endpoint[2 * k];
    let w = endpoint[2 * k + 1];
    const bb = inblossom[base];
    let bv = inblossom[v];
    let bw = inblossom[w];
    const b = unused[--unusedTop];
    blossombase[b] = base;
    blossomparent[b] = -1;
    blossomparent[bb] = b;
    const path: number[] = [];
    const endps: number[] = [];
    while (bv !== bb) {
      blossomparent[bv] = b;
      path.push(bv);
      endps.push(labelend[bv]);
      v = endpoint[labelend[bv]];
      bv = inblossom[v];
    }
    path.push(bb);
    path.reverse();
    endps.reverse();
    endps.push(2 * k);
    while (bw !== bb) {
      blossomparent[bw] = b;
      path.push(bw);
      endps.push(labelend[bw] ^ 1);
      w = endpoint[labelend[bw]];
      bw = inblossom[w];
    }
    blossomchilds[b] = path;
    blossomendps[b] = endps;
    label[b] = 1;
    labelend[b] = labelend[bb];
    dualvar[b] = 0;
    let c = leaves(b);
    for (let i = 0; i < c; i++) {
      const x = leafBuf[i];
      if (label[inblossom[x]] === 2) queue.push(x); // former T-vertices become S
      inblossom[x] = b;
    }
    // Least-slack edges from the new blossom to every other S-blossom.
    const touched: number[] = [];
    for (let pi = 0; pi < path.length; pi++) {
      const sub = path[pi];
      const list = blossombestedges[sub];
      if (list === null) {
        // Every edge of every leaf, read in adjacency order (the far end is nbTo[q]).
        c = leaves(sub);
        for (let i = 0; i < c; i++) {
          const x = leafBuf[i];
          const dx = dualvar[x];
          for (let q = nbStart[x]; q < nbStart[x + 1]; q++) {
            const j = nbTo[q];
            const bj = inblossom[j];
            if (bj !== b && label[bj] === 1) {
              const s = dx + dualvar[j] - nbW2[q];
              if (bestedgeto[bj] === -1) {
                bestedgeto[bj] = nbP[q] >> 1;
                bestToSlack[bj] = s;
                touched.push(bj);
              } else if (s < bestToSlack[bj]) {
                bestedgeto[bj] = nbP[q] >> 1;
                bestToSlack[bj] = s;
              }
            }
          }
        }
      } else {
        for (let i = 0; i < list.length; i++) considerBestEdge(list[i], b, touched);
      }
      blossombestedges[sub] = null;
      bestedge[sub] = -1;
    }
    const best: number[] = [];
    let be = -1;
    let beSlack = 0;
    for (let i = 0; i < touched.length; i++) {
      const bj = touched[i];
      const kk = bestedgeto[bj];
      bestedgeto[bj] = -1;
      best.push(kk);
      const s = bestToSlack[bj];
      if (be === -1 || s < beSlack) {
        be = kk;
        beSlack = s;
      }
    }
    blossombestedges[b] = best;
    if (be === -1) bestedge[b] = -1;
    else setBest(b, be, beSlack);
  }

  function considerBestEdge(k: number, b: number, touched: number[]): void {
    let j = endpoint[2 * k + 1];
    if (inblossom[j] === b) j = endpoint[2 * k];
    const bj = inblossom[j];
    if (bj !== b && label[bj] === 1) {
      const s = slack(k);
      if (bestedgeto[bj] === -1) {
        bestedgeto[bj] = k;
        bestToSlack[bj] = s;
        touched.push(bj);
      } else if (s < bestToSlack[bj]) {
        bestedgeto[bj] = k;
        bestToSlack[bj] = s;
      }
    }
  }

  /** Expands blossom b: at the end of a stage (endstage) or because a T-blossom's dual reached zero. */
  function expandBlossom(b: number, endstage: boolean): void {
    const childs = blossomchilds[b]!;
    for (let i = 0; i < childs.length; i++) {
      const s = childs[i];
      blossomparent[s] = -1;
      if (s < n) inblossom[s] = s;
      else if (endstage && dualvar[s] === 0) expandBlossom(s, endstage);
      else {
        const c = leaves(s);
        for (let x = 0; x < c; x++) inblossom[leafBuf[x]] = s;
      }
    }
    if (!endstage && label[b] === 2) {
      // Relabel the sub-blossoms on the even-length path from the entry child to the base.
      const endps = blossomendps[b]!;
      const len = childs.length;
      const entrychild = inblossom[endpoint[labelend[b] ^ 1]];
      let j = childs.indexOf(entrychild);
      let jstep: number;
      let endptrick: number;
      if (j & 1) {
        j -= len;
        jstep = 1;
        endptrick = 0;
      } else {
        jstep = -1;
        endptrick = 1;
      }
      const at = (arr: number[], i: number): number => arr[i < 0 ? i + len : i];
      let p = labelend[b];
      while (j !== 0) {
        label[endpoint[p ^ 1]] = 0;
        label[endpoint[at(endps, j - endptrick) ^ endptrick ^ 1]] = 0;
        assignLabel(endpoint[p ^ 1], 2, p);
        allow(at(endps, j - endptrick) >> 1);
        j += jstep;
        p = at(endps, j - endptrick) ^ endptrick;
        allow(p >> 1);
        j += jstep;
      }
      let bv = at(childs, j);
      label[endpoint[p ^ 1]] = label[bv] = 2;
      labelend[endpoint[p ^ 1]] = labelend[bv] = p;
      bestedge[bv] = -1;
      j += jstep;
      while (at(childs, j) !== entrychild) {
        bv = at(childs, j);
        if (label[bv] === 1) {
          // Already labeled S through an edge from outside the blossom.
          j += jstep;
          continue;
        }
        const c = leaves(bv);
        let v = -1;
        for (let i = 0; i < c; i++) {
          v = leafBuf[i];
          if (label[v] !== 0) break;
        }
        if (label[v] !== 0) {
          // A vertex of bv was reached from an S-vertex outside: label bv T through that edge.
          label[v] = 0;
          label[endpoint[mate[blossombase[bv]]]] = 0;
          assignLabel(v, 2, labelend[v]);
        }
        j += jstep;
      }
    }
    label[b] = labelend[b] = -1;
    blossomchilds[b] = blossomendps[b] = null;
    blossombase[b] = -1;
    blossombestedges[b] = null;
    bestedge[b] = -1;
    unused[unusedTop++] = b;
  }

  /** Swaps matched and unmatched edges along the even path from v's sub-blossom to b's base. */
  function augmentBlossom(b: number, v: number): void {
    let t = v;
    while (blossomparent[t] !== b) t = blossomparent[t];
    if (t >= n) augmentBlossom(t, v);
    const childs = blossomchilds[b]!;
    const endps = blossomendps[b]!;
    const len = childs.length;
    const i = childs.indexOf(t);
    let j = i;
    let jstep: number;
    let endptrick: number;
    if (i & 1) {
      j -= len;
      jstep = 1;
      endptrick = 0;
    } else {
      jstep = -1;
      endptrick = 1;
    }
    while (j !== 0) {
      j += jstep;
      t = childs[j < 0 ? j + len : j];
      const q = j - endptrick;
      const p = endps[q < 0 ? q + len : q] ^ endptrick;
      if (t >= n) augmentBlossom(t, endpoint[p]);
      j += jstep;
      t = childs[j < 0 ? j + len : j];
      if (t >= n) augmentBlossom(t, endpoint[p ^ 1]);
      mate[endpoint[p]] = p ^ 1;
      mate[endpoint[p ^ 1]] = p;
    }
    // Rotate so that the new base comes first.
    blossomchilds[b] = childs.slice(i).concat(childs.slice(0, i));
    blossomendps[b] = endps.slice(i).concat(endps.slice(0, i));
    blossombase[b] = blossombase[blossomchilds[b]![0]];
  }

  /** Augments the matching along the path through S-S edge k. */
  function augmentMatching(k: number): void {
    for (let side = 0; side < 2; side++) {
      let s = endpoint[2 * k + side];
      let p = 2 * k + 1 - side;
      for (;;) {
        const bs = inblossom[s];
        if (bs >= n) augmentBlossom(bs, s);
        mate[s] = p;
        if (labelend[bs] === -1) break; // reached a free vertex (a root)
        const tv = endpoint[labelend[bs]];
        const bt = inblossom[tv];
        s = endpoint[labelend[bt]];
        const j = endpoint[labelend[bt] ^ 1];
        if (bt >= n) augmentBlossom(bt, j);
        mate[j] = labelend[bt];
        p = labelend[bt] ^ 1;
      }
    }
  }

  if (greedyStart) {
    // Greedy start (as in Kolmogorov's Blossom V): every vertex dual starts at its heaviest incident
    // weight, then each still-free vertex lowers its dual until an edge becomes tight and takes it
    // if the other end is free. Duals stay feasible and matched edges tight, which is all the
    // algorithm needs when the final matching is perfect (the perfect-matching LP has no sign
    // constraint on vertex duals and no condition on free vertices); otherwise solve() reruns
    // from the plain start, where free vertices share the lowest dual as the general case requires.
    for (let v = 0; v < n; v++) {
      let mx = 0;
      for (let q = nbStart[v]; q < nbStart[v + 1]; q++) if (nbW2[q] > mx) mx = nbW2[q];
      dualvar[v] = mx / 2;
    }
    for (let v = 0; v < n; v++) {
      if (mate[v] !== -1 || nbStart[v] === nbStart[v + 1]) continue;
      let least = Infinity;
      for (let q = nbStart[v]; q < nbStart[v + 1]; q++) {
        const s = dualvar[v] + dualvar[nbTo[q]] - nbW2[q];
        if (s < least) least = s;
      }
      dualvar[v] -= least;
      for (let q = nbStart[v]; q < nbStart[v + 1]; q++) {
        const w = nbTo[q];
        if (mate[w] === -1 && dualvar[v] + dualvar[w] - nbW2[q] === 0) {
          const p = nbP[q];
          mate[v] = p;
          mate[w] = p ^ 1;
          break;
        }
      }
    }
  }

  // Main loop: each stage grows alternating trees from all free vertices until one augmentation.
  for (let t = 0; t < n; t++) {
    stage++;
    label.fill(0);
    bestedge.fill(-1);
    for (let b = n; b < n2; b++) blossombestedges[b] = null;
    queue = [];
    for (let v = 0; v < n; v++) {
      if (mate[v] === -1 && label[inblossom[v]] === 0) assignLabel(v, 1, -1);
    }
    let augmented = false;
    for (;;) {
      // Substage: scan S-vertices for tight edges. (Local aliases: closure-captured variables are
      // context slots, noticeably slower to read in this hottest loop.)
      const cur = stage;
      const start = nbStart;
      const to = nbTo;
      const twice = nbW2;
      const allowed_ = allowQ;
      const inb = inblossom;
      const dual = dualvar;
      const lab = label;
      while (queue.length > 0 && !augmented) {
        const v = queue.pop()!;
        const dv = dual[v];
        const end = start[v + 1];
        for (let q = start[v]; q < end; q++) {
          const w = to[q];
          const bw = inb[w];
          if (inb[v] === bw) continue;
          let kslack = 0;
          let allowed = allowed_[q] === cur;
          if (!allowed) {
            kslack = dv + dual[w] - twice[q];
            if (kslack <= 0) {
              allow(nbP[q] >> 1);
              allowed = true;
            }
          }
          const lw = lab[bw];
          if (allowed) {
            const p = nbP[q];
            if (lw === 0) {
              assignLabel(w, 2, p ^ 1); // w's blossom becomes T, its mate's S
            } else if (lw === 1) {
              const base = scanBlossom(v, w);
              if (base >= 0) addBlossom(base, p >> 1);
              else {
                augmentMatching(p >> 1);
                augmented = true;
                break;
              }
            } else if (lab[w] === 0) {
              // w is inside a T-blossom and unlabeled: remember how it was reached.
              lab[w] = 2;
              labelend[w] = p ^ 1;
            }
          } else if (lw === 1) {
            const b = inb[v];
            if (bestedge[b] === -1 || kslack < bestSlackOf(b)) setBest(b, nbP[q] >> 1, kslack);
          } else if (lab[w] === 0) {
            if (bestedge[w] === -1 || kslack < bestSlackOf(w)) setBest(w, nbP[q] >> 1, kslack);
          }
        }
      }
      if (augmented) break;

      // No augmenting path on tight edges: change the duals.
      let deltatype = -1;
      let delta = 0;
      let deltaedge = -1;
      let deltablossom = -1;
      if (!maxCardinality) {
        deltatype = 1;
        delta = dualvar[0];
        for (let v = 1; v < n; v++) if (dualvar[v] < delta) delta = dualvar[v];
      }
      // Type 2: an S-vertex to a free vertex.
      for (let v = 0; v < n; v++) {
        if (label[inblossom[v]] === 0 && bestedge[v] !== -1) {
          const d = bestSlackOf(v);
          if (deltatype === -1 || d < delta) {
            delta = d;
            deltatype = 2;
            deltaedge = bestedge[v];
          }
        }
      }
      // Type 3: between two S-blossoms (slack is even: integer weights, doubled duals).
      for (let b = 0; b < n2; b++) {
        if (blossomparent[b] === -1 && label[b] === 1 && bestedge[b] !== -1) {
          const d = bestSlackOf(b) / 2;
          if (deltatype === -1 || d < delta) {
            delta = d;
            deltatype = 3;
            deltaedge = bestedge[b];
          }
        }
      }
      // Type 4: a T-blossom's dual reaches zero.
      for (let b = n; b < n2; b++) {
        if (blossombase[b] >= 0 && blossomparent[b] === -1 && label[b] === 2 && (deltatype === -1 || dualvar[b] < delta)) {
          delta = dualvar[b];
          deltatype = 4;
          deltablossom = b;
        }
      }
      if (deltatype === -1) {
        // Maximum cardinality reached: one last dual change to reach optimality, then stop.
        deltatype = 1;
        let mn = dualvar[0];
        for (let v = 1; v < n; v++) if (dualvar[v] < mn) mn = dualvar[v];
        delta = mn > 0 ? mn : 0;
      }
      for (let v = 0; v < n; v++) {
        const l = label[inblossom[v]];
        if (l === 1) dualvar[v] -= delta;
        else if (l === 2) dualvar[v] += delta;
      }
      for (let b = n; b < n2; b++) {
        if (blossombase[b] >= 0 && blossomparent[b] === -1) {
          if (label[b] === 1) dualvar[b] += delta;
          else if (label[b] === 2) dualvar[b] -= delta;
        }
      }
      epoch++;
      if (deltatype === 1) break; // optimum reached
      if (deltatype === 2) {
        allow(deltaedge);
        let i = endpoint[2 * deltaedge];
        if (label[inblossom[i]] === 0) i = endpoint[2 * deltaedge + 1];
        queue.push(i);
      } else if (deltatype === 3) {
        allow(deltaedge);
        queue.push(endpoint[2 * deltaedge]);
      } else {
        expandBlossom(deltablossom, false);
      }
    }
    if (!augmented) break;
    // End of stage: expand S-blossoms whose dual dropped to zero.
    for (let b = n; b < n2; b++) {
      if (blossomparent[b] === -1 && blossombase[b] >= 0 && label[b] === 1 && dualvar[b] === 0) expandBlossom(b, true);
    }
  }

  for (let v = 0; v < n; v++) if (mate[v] >= 0) result[v] = endpoint[mate[v]];
  return result;
}
