// Relationship coverage (issue 13, item 6): is the program building the network it exists for?
// From the Rotations history: per cycle, the share of all possible pairs among that cycle's
// participants that have met in any cycle up to then, the same for cross-team pairs, and the
// distinct peers each participant has met (min / median / max); the same figures for today's
// active roster; the Connections sheet (who has met whom, in which cycles; up to 300 people).
// Quiet groups and the pairing rating read Feedback: coaching-feedback.ts. Pure: plain data in and out.
//
// Decisions:
//   - A group met when its Rotations status is anything but `replaced` or `planned` (those never
//     met; a `changed` or `cancelled` row stood on calendars until the change), and, when `today`
//     is given, its cycle has started (Starts ≤ today).
//   - A pair is two people in one group; a trio is three pairs.
//   - The population of cycle c is the people in its groups that met: the share is "of everyone
//     taking part then, how many pairs have ever met". For a stable roster it never decreases.
//   - Cross-team: both people have a team (from the roster; case and spaces aside) and they differ.
//     Someone without a team, or no longer on the roster, is in no cross-team pair.
//   - Median of an even count: the mean of the two middle values.
import { isIsoDate } from './dates';
import { sheetText } from './feedback';
import { normaliseEmail } from './people';
import { normaliseHeader, type SheetSpec } from './schema';

// ---- History ------------------------------------------------------------------------------------

/** One Rotations row as coverage needs it. */
export interface HistoryGroup {
  cycle: number;
  /** Emails (normalised here). */
  members: readonly string[];
  status: string;
  /** 'YYYY-MM-DD', when known: the row's Starts. */
  starts?: string;
}

export interface TeamOf {
  email: string;
  team: string;
}

/** Statuses of groups that never met. */
const NEVER_MET = ['replaced', 'planned'];

/** Whether a row's group met (see the module comment). */
export function groupMet(g: HistoryGroup, today?: string): boolean {
  if (NEVER_MET.includes(normaliseHeader(g.status))) return false;
  if (today !== undefined && g.starts !== undefined && isIsoDate(g.starts) && g.starts > today) return false;
  return true;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

function membersOf(g: HistoryGroup): string[] {
  return [...new Set(g.members.map(normaliseEmail).filter((e) => e !== ''))];
}

/** Every pair that met, with the cycles it met in (ascending). */
export function metPairs(history: readonly HistoryGroup[], options: { today?: string; upToCycle?: number } = {}): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const g of history) {
    if (!groupMet(g, options.today)) continue;
    if (options.upToCycle !== undefined && g.cycle > options.upToCycle) continue;
    const m = membersOf(g);
    for (let i = 0; i < m.length; i++) {
      for (let j = i + 1; j < m.length; j++) {
        const k = pairKey(m[i], m[j]);
        const cycles = out.get(k) ?? [];
        if (!cycles.includes(g.cycle)) cycles.push(g.cycle);
        out.set(k, cycles);
      }
    }
  }
  for (const cycles of out.values()) cycles.sort((a, b) => a - b);
  return out;
}

export interface PeerSpread {
  min: number;
  median: number;
  max: number;
}

export interface Coverage {
  /** People counted. */
  people: number;
  /** Possible pairs among them: n(n−1)/2. */
  pairs: number;
  pairsMet: number;
  /** pairsMet / pairs; null with fewer than two people. */
  share: number | null;
  crossTeamPairs: number;
  crossTeamMet: number;
  crossTeamShare: number | null;
  /** Distinct peers each person has met (any peer, any cycle counted); null with nobody. */
  peers: PeerSpread | null;
}

export interface CycleCoverage extends Coverage {
  cycle: number;
}

function teamKey(team: string): string {
  return String(team ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
}

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  return n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** Coverage among `population` (emails) given the pairs met. */
export function coverageOf(population: readonly string[], met: ReadonlyMap<string, readonly number[]>, teams: ReadonlyMap<string, string>): Coverage {
  const people = [...new Set(population.map(normaliseEmail).filter((e) => e !== ''))].sort();
  const n = people.length;
  let pairsMet = 0;
  let crossTeamPairs = 0;
  let crossTeamMet = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const has = met.has(pairKey(people[i], people[j]));
      if (has) pairsMet++;
      const ta = teams.get(people[i]) ?? '';
      const tb = teams.get(people[j]) ?? '';
      if (ta !== '' && tb !== '' && ta !== tb) {
        crossTeamPairs++;
        if (has) crossTeamMet++;
      }
    }
  }
  const peersMet = new Map<string, Set<string>>(people.map((p) => [p, new Set<string>()]));
  for (const k of met.keys()) {
    const [a, b] = k.split('\u0000');
    peersMet.get(a)?.add(b);
    peersMet.get(b)?.add(a);
  }
  const counts = people.map((p) => (peersMet.get(p) as Set<string>).size).sort((a, b) => a - b);
  const pairs = (n * (n - 1)) / 2;
  return {
    people: n,
    pairs,
    pairsMet,
    share: pairs === 0 ? null : pairsMet / pairs,
    crossTeamPairs,
    crossTeamMet,
    crossTeamShare: crossTeamPairs === 0 ? null : crossTeamMet / crossTeamPairs,
    peers: n === 0 ? null : { min: counts[0], median: median(counts), max: counts[n - 1] },
  };
}

function teamMap(people: readonly TeamOf[]): Map<string, string> {
  const teams = new Map<string, string>();
  for (const p of people) {
    const e = normaliseEmail(p.email);
    if (e !== '' && !teams.has(e)) teams.set(e, teamKey(p.team));
  }
  return teams;
}

/**
 * Coverage per cycle that met, oldest first: among the cycle's participants, the pairs met in any
 * cycle up to it. `people` gives teams (the roster, any status). Incremental: each cycle adds its
 * pairs to a matrix, so 500 people over 12 cycles take one pass over each cycle's pairs.
 */
export function coverageByCycle(history: readonly HistoryGroup[], people: readonly TeamOf[], options: { today?: string } = {}): CycleCoverage[] {
  const teams = teamMap(people);
  const held = history.filter((g) => groupMet(g, options.today) && Number.isSafeInteger(g.cycle));
  const index = new Map<string, number>();
  const groups = held.map((g) => ({ cycle: g.cycle, members: membersOf(g).map((e) => (index.has(e) ? (index.get(e) as number) : (index.set(e, index.size), index.size - 1))) }));
  const n = index.size;
  const teamIds = new Map<string, number>();
  const team = new Int32Array(n).fill(-1);
  for (const [email, i] of index) {
    const t = teams.get(email) ?? '';
    if (t !== '') team[i] = teamIds.has(t) ? (teamIds.get(t) as number) : (teamIds.set(t, teamIds.size), teamIds.size - 1);
  }
  const met = new Uint8Array(n * n);
  const degree = new Int32Array(n);
  const cycles = [...new Set(groups.map((g) => g.cycle))].sort((a, b) => a - b);
  return cycles.map((cycle) => {
    const mine = groups.filter((g) => g.cycle === cycle);
    for (const g of mine) {
      for (let x = 0; x < g.members.length; x++) {
        for (let y = x + 1; y < g.members.length; y++) {
          const a = g.members[x];
          const b = g.members[y];
          if (met[a * n + b]) continue;
          met[a * n + b] = 1;
          met[b * n + a] = 1;
          degree[a]++;
          degree[b]++;
        }
      }
    }
    const population = [...new Set(mine.flatMap((g) => g.members))];
    const p = population.length;
    let pairsMet = 0;
    let crossTeamPairs = 0;
    let crossTeamMet = 0;
    for (let x = 0; x < p; x++) {
      const a = population[x];
      for (let y = x + 1; y < p; y++) {
        const b = population[y];
        const has = met[a * n + b] === 1;
        if (has) pairsMet++;
        if (team[a] >= 0 && team[b] >= 0 && team[a] !== team[b]) {
          crossTeamPairs++;
          if (has) crossTeamMet++;
        }
      }
    }
    const counts = population.map((a) => degree[a]).sort((x, y) => x - y);
    const pairs = (p * (p - 1)) / 2;
    return {
      cycle,
      people: p,
      pairs,
      pairsMet,
      share: pairs === 0 ? null : pairsMet / pairs,
      crossTeamPairs,
      crossTeamMet,
      crossTeamShare: crossTeamPairs === 0 ? null : crossTeamMet / crossTeamPairs,
      peers: p === 0 ? null : { min: counts[0], median: median(counts), max: counts[p - 1] },
    };
  });
}

/** Today's coverage among the active people on the roster (every cycle that met counts). */
export function currentCoverage(history: readonly HistoryGroup[], active: readonly TeamOf[], options: { today?: string } = {}): Coverage {
  return coverageOf(active.map((p) => p.email), metPairs(history, options), teamMap(active));
}

/** The Dashboard's coverage block: its header and one row per cycle (shares 0–1, blank as ''). */
export const COVERAGE_HEADERS = ['Cycle', 'Pairs met', 'Cross-team pairs met', 'Peers met (min)', 'Peers met (median)', 'Peers met (max)'] as const;

export function coverageValues(rows: readonly CycleCoverage[]): Array<Array<number | string>> {
  const blank = (v: number | null | undefined) => (v === null || v === undefined ? '' : Math.round(v * 10000) / 10000);
  return rows.map((r) => [r.cycle, blank(r.share), blank(r.crossTeamShare), blank(r.peers?.min), blank(r.peers?.median), blank(r.peers?.max)]);
}

/** The trend chart over the coverage block (a native line chart, shares as percentages). */
export function coverageChart(firstRow: number, rowCount: number, anchor: { row: number; column: number }) {
  return {
    id: 'trend-coverage',
    title: 'Relationship coverage across cycles',
    type: 'line' as const,
    columns: ['Cycle', 'Pairs met', 'Cross-team pairs met'],
    firstRow,
    lastRow: firstRow + Math.max(0, Math.floor(rowCount)),
    vAxis: { min: 0, max: 1, title: 'Share of possible pairs', format: '0%' },
    hAxisTitle: 'Cycle',
    anchor,
  };
}

// ---- The Connections sheet ----------------------------------------------------------------------

/** The most people the Connections table shows (a 300 × 300 grid); above, the figures only. */
export const CONNECTIONS_MAX_PEOPLE = 300;

/** The Connections sheet: generated; its columns are the people, so only its name and protection are fixed. */
export const CONNECTIONS: SheetSpec = {
  name: 'Connections',
  generated: true,
  protection: 'Connections is written by the Peer Coaching add-on from Rotations: who has met whom, and in which cycles. Edit it only if you know why.',
  columns: [{ header: 'Person', note: 'Each cell names the cycles two people met in.', plainText: true, width: 140 }],
};

export type ConnectionsTable = { rows: string[][]; people: number } | { rows: null; people: number; message: string };

/**
 * The Connections sheet's values: a header row ('Person', then each person's name), then one row
 * per person: their name, then for each other person the cycles they met in ("2, 5"), '' when
 * never, '—' on the diagonal. People: the active roster sorted by name (then email). Names are
 * written as text (never a formula). Above CONNECTIONS_MAX_PEOPLE, no table and a message.
 */
export function connectionsTable(history: readonly HistoryGroup[], active: ReadonlyArray<{ email: string; name: string }>, options: { today?: string } = {}): ConnectionsTable {
  const seen = new Set<string>();
  const people = active
    .map((p) => ({ email: normaliseEmail(p.email), name: String(p.name ?? '').trim() || normaliseEmail(p.email) }))
    .filter((p) => p.email !== '' && !seen.has(p.email) && (seen.add(p.email), true))
    .sort((a, b) => a.name.localeCompare(b.name) || (a.email < b.email ? -1 : 1));
  if (people.length > CONNECTIONS_MAX_PEOPLE) {
    return {
      rows: null,
      people: people.length,
      message: `${people.length} people take part: the Connections table shows up to ${CONNECTIONS_MAX_PEOPLE}. The Dashboard's coverage figures cover everyone.`,
    };
  }
  const met = metPairs(history, options);
  const names = people.map((p) => sheetText(p.name));
  const rows: string[][] = [['Person', ...names]];
  people.forEach((a, i) => {
    rows.push([names[i], ...people.map((b, j) => (i === j ? '—' : (met.get(pairKey(a.email, b.email)) ?? []).join(', ')))]);
  });
  return { rows, people: people.length };
}

// ---- Words for the digest ------------------------------------------------------------------------

/** Coverage in one sentence for the digest: "Coverage: 40% of possible pairs have met (cross-team 35%); peers met per person 1 to 5, median 3." */
export function coverageLine(c: Coverage): string {
  if (c.share === null) return 'Coverage: fewer than two people take part.';
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const cross = c.crossTeamShare === null ? '' : ` (cross-team ${pct(c.crossTeamShare)})`;
  const peers = c.peers ? `; peers met per person ${c.peers.min} to ${c.peers.max}, median ${c.peers.median}` : '';
  return `Coverage: ${pct(c.share)} of possible pairs have met${cross}${peers}.`;
}
