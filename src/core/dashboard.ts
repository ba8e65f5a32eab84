// The dashboard's figures (PRODUCT.md "Dashboard"): per cycle, the groups, the sessions reported
// held, the response rate, the average per goal, and the groups of the running cycle that have
// gone quiet; the values written into the Dashboard sheet, the trend charts drawn over them, and
// the JSON-safe summary the sidebar shows. Pure: the Feedback rows as read back, the Rotations
// groups, the settings and today in.
//
// Decisions:
//   - A response counts for a group when its Group names a Rotations group (Status "replaced"
//     rows never happened and are ignored) and its Email is one of that group's members. Other
//     rows (unknown respondents, someone else's code, no group) stay in the sheet, flagged, and
//     count nowhere; the summary gives how many rows are flagged and how many count.
//   - A cycle's figures take the responses of its groups (by the group, not the Cycle cell).
//   - Groups: the cycle's groups not "cancelled" (a cancelled group's partner joined another).
//   - Sessions held: distinct (group, session 1…N) pairs for which at least one member answered
//     Met Yes or Rescheduled; cancelled groups' sessions count (they were held).
//   - Response rate: responses received over responses expected so far. Expected: one response
//     per member of each group not cancelled per session whose date (the group's start, then every
//     cadence) is on or before today. Received: the distinct (group, session, member) of those
//     that have at least one response, so a second answer for the same session does not count
//     twice and the rate is never above 1. Null when nothing is expected yet.
//   - Average per goal: the mean of the 1–5 ratings of the cycle's counted responses, whatever
//     Met says (the sheet is the record: a flagged "did not meet, but gave ratings" is kept until
//     the owner clears it); rounded to 2 decimals; null when there is no rating.
//   - Gone quiet (issue 13): a group of a running cycle whose last two sessions dated before today
//     have no "we met" (Met Yes or Rescheduled from any member for that session), with the day of
//     its latest response of any kind (coaching-feedback.ts `quietGroups`, shared with the nudge).
//     Dates are days in the settings' time zone.
import type { FeedbackCycleView, FeedbackSummaryView, GoalAverages, QuietGroupView } from '../shared/api';
import { daysBetween, isIsoDate, isoDateInZone } from './dates';
import { GOALS, type GoalKey } from './feedback-form';
import { groupsById, sessionDates, sheetText, unescapeSheetText, type FeedbackRecord, type RotationGroup } from './feedback';
import { normaliseEmail, type Person } from './people';
import { DASHBOARD, normaliseHeader } from './schema';
import { coverageChart, type CycleCoverage } from './coverage';
import { networkByCycle } from './dashboard-network';
import { quietGroups, readResponses } from './coaching-feedback';
import { meetingsPerCycle, type Settings } from './settings';

export interface DashboardInput {
  /** The Feedback rows as read back from the sheet (`readFeedbackRecords`), by canonical header. */
  feedback: readonly FeedbackRecord[];
  /** Every Rotations row, every cycle, with its status. */
  groups: readonly RotationGroup[];
  settings: Settings;
  /** 'YYYY-MM-DD' in the settings' time zone. */
  today: string;
  /** The settings' time zone: the day a Submitted date-time falls on. */
  timeZone: string;
  /** The roster, for the names of quiet groups' members (their email when absent). */
  people?: readonly Person[];
}

/** A group of the running cycle gone quiet (the sidebar's QuietGroupView). */
export type QuietGroup = QuietGroupView;

/** Average rating per goal, or null when nobody rated it. */
export type GoalFigures = GoalAverages;

/** One cycle's figures: what the sidebar shows of it (FeedbackCycleView), and the details below. */
export interface CycleFigures extends FeedbackCycleView {
  /** Ratings given, per goal. */
  ratings: Record<GoalKey, number>;
  /** Only the running cycle has any. */
  quietGroups: QuietGroup[];
  /** Average end-of-cycle pairing rating (last-session responses), null when none (dashboard-network.ts). */
  pairing: number | null;
  /** Relationship coverage among the cycle's participants, null before it met. */
  coverage: CycleCoverage | null;
}

export interface DashboardResult {
  today: string;
  /** Every cycle of Rotations, first to last. */
  cycles: CycleFigures[];
  /** Feedback rows read. */
  responses: number;
  /** Rows counted for a group (see the module comment). */
  counted: number;
  /** Rows with a Flag. */
  flagged: number;
}

const GOAL_KEYS = GOALS.map((g) => g.key);

interface Entry {
  group: RotationGroup | null;
  email: string;
  session: number | null;
  met: string;
  submitted: string | null;
  ratings: Record<GoalKey, number | null>;
  flagged: boolean;
}

function text(value: unknown): string {
  return unescapeSheetText(value instanceof Date ? '' : value).trim();
}

function wholeNumber(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) ? n : null;
}

function rating(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 1 && n <= 5 ? n : null;
}

function day(value: unknown, timeZone: string): string | null {
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? isoDateInZone(value, timeZone) : null;
  const t = text(value).slice(0, 10);
  return isIsoDate(t) ? t : null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const isCancelled = (g: RotationGroup) => normaliseHeader(g.status) === 'cancelled';

/** The dashboard's figures (see the module comment for every rule). */
export function computeDashboard(input: DashboardInput): DashboardResult {
  const { settings, today, timeZone } = input;
  const meetings = meetingsPerCycle(settings);
  const byId = groupsById(input.groups);
  const live = [...byId.values()].filter((g) => isIsoDate(g.starts) && isIsoDate(g.ends) && Number.isSafeInteger(g.cycle));
  const names = new Map<string, string>();
  for (const p of input.people ?? []) if (!names.has(normaliseEmail(p.email))) names.set(normaliseEmail(p.email), p.name);

  const entries: Entry[] = input.feedback.map((r) => {
    const email = normaliseEmail(text(r.Email));
    const g = byId.get(text(r.Group).toUpperCase()) ?? null;
    const ratings = Object.fromEntries(GOALS.map((goal) => [goal.key, rating(r[goal.header])])) as Record<GoalKey, number | null>;
    return {
      group: g && g.members.some((m) => normaliseEmail(m) === email) && email !== '' ? g : null,
      email,
      session: wholeNumber(r.Session),
      met: text(r.Met).toLowerCase(),
      submitted: day(r.Submitted, timeZone),
      ratings,
      flagged: text(r.Flag) !== '',
    };
  });
  const counted = entries.filter((e) => e.group !== null);

  const cycles = [...new Set(live.map((g) => g.cycle))].sort((a, b) => a - b);
  const network = networkByCycle({ groups: input.groups, feedback: input.feedback, settings, today, timeZone, people: input.people ?? [] });
  const quiet = quietGroups({ groups: input.groups.filter((g) => !isCancelled(g)), responses: readResponses(input.feedback, timeZone), settings, today, zone: timeZone });
  const figures = cycles.map((cycle): CycleFigures => {
    const groups = live.filter((g) => g.cycle === cycle);
    const inForce = groups.filter((g) => !isCancelled(g));
    const starts = groups.map((g) => g.starts).sort()[0];
    const ends = groups.map((g) => g.ends).sort()[groups.length - 1];
    const running = starts <= today && today <= ends;
    const mine = counted.filter((e) => e.group!.cycle === cycle);
    const passed = (g: RotationGroup) => sessionDates(g.starts, settings).filter((d) => d <= today).length;

    const held = new Set<string>();
    for (const e of mine) {
      if (e.session !== null && e.session >= 1 && e.session <= meetings && (e.met === 'yes' || e.met === 'rescheduled')) held.add(`${e.group!.groupId}\u0000${e.session}`);
    }

    const expected = new Set<string>();
    for (const g of inForce) {
      const n = passed(g);
      for (let s = 1; s <= n; s++) for (const m of g.members) expected.add(`${g.groupId}\u0000${s}\u0000${normaliseEmail(m)}`);
    }
    const received = new Set<string>();
    for (const e of mine) {
      const k = `${e.group!.groupId}\u0000${e.session}\u0000${e.email}`;
      if (expected.has(k)) received.add(k);
    }

    const averages = {} as GoalFigures;
    const ratings = {} as Record<GoalKey, number>;
    for (const key of GOAL_KEYS) {
      const values = mine.map((e) => e.ratings[key]).filter((v): v is number => v !== null);
      ratings[key] = values.length;
      averages[key] = values.length === 0 ? null : round2(values.reduce((a, b) => a + b, 0) / values.length);
    }

    const quietGroups: QuietGroup[] = quiet
      .filter((q) => running && q.cycle === cycle)
      .map((q) => {
        const g = inForce.find((x) => x.groupId.toUpperCase() === q.groupId);
        return {
          groupId: g ? g.groupId : q.groupId,
          members: q.members.map((e) => names.get(e) ?? e),
          emails: q.members,
          sessionsPassed: g ? passed(g) : q.sessionsWithoutMeeting,
          sessionsWithoutMeeting: q.sessionsWithoutMeeting,
          lastResponse: q.lastResponse,
        };
      });

    return {
      cycle,
      starts,
      ends,
      running,
      groups: inForce.length,
      sessionsHeld: held.size,
      received: received.size,
      expected: expected.size,
      responseRate: expected.size === 0 ? null : received.size / expected.size,
      averages,
      ratings,
      quietGroups,
      pairing: network.get(cycle)?.pairing ?? null,
      coverage: network.get(cycle)?.coverage ?? null,
    };
  });

  return { today, cycles: figures, responses: entries.length, counted: counted.length, flagged: entries.filter((e) => e.flagged).length };
}

/** The quiet groups as one Dashboard cell: "C3-01 (Ann Lee, Bob Stone; last response 2027-04-01); C3-04 (…; no response yet)". */
export function quietGroupsText(groups: readonly QuietGroup[]): string {
  return sheetText(groups.map((g) => `${g.groupId} (${g.members.join(', ')}; ${lastResponseText(g.lastResponse)})`).join('; '));
}

/** "last response 2027-04-01", or "no response yet". */
export function lastResponseText(lastResponse: string | null): string {
  return lastResponse === null ? 'no response yet' : `last response ${lastResponse}`;
}

/**
 * The Dashboard sheet's body: one row per cycle, in DASHBOARD column order (numbers as numbers,
 * dates as 'YYYY-MM-DD', blanks as ''); with `columns` (canonical header → 0-based column, from
 * `matchHeaders`), each value at its column and '' elsewhere.
 */
const share = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 10000) / 10000);

export function dashboardValues(result: DashboardResult, columns?: Readonly<Record<string, number>>): Array<Array<string | number>> {
  const blank = (v: number | null) => (v === null ? '' : v);
  return result.cycles.map((c) => {
    const byHeader: Record<string, string | number> = {
      Cycle: c.cycle,
      Starts: c.starts,
      Groups: c.groups,
      'Sessions held': c.sessionsHeld,
      'Response rate': blank(c.responseRate),
      Relationship: blank(c.averages.relationship),
      Coaching: blank(c.averages.coaching),
      Accountability: blank(c.averages.accountability),
      'Quiet groups': quietGroupsText(c.quietGroups),
      Pairing: blank(c.pairing),
      'Pairs met': blank(share(c.coverage?.share)),
      'Cross-team pairs met': blank(share(c.coverage?.crossTeamShare)),
      'Peers met (min)': blank(c.coverage?.peers?.min ?? null),
      'Peers met (median)': blank(c.coverage?.peers?.median ?? null),
      'Peers met (max)': blank(c.coverage?.peers?.max ?? null),
    };
    if (!columns) return DASHBOARD.columns.map((col) => byHeader[col.header]);
    const width = Math.max(0, ...Object.values(columns).map((i) => i + 1));
    const row: Array<string | number> = Array.from({ length: width }, () => '');
    for (const [header, i] of Object.entries(columns)) if (header in byHeader) row[i] = byHeader[header];
    return row;
  });
}

export interface ChartSpec {
  /** Stable, to find the chart again when repairing. */
  id: string;
  title: string;
  type: 'line';
  /** Dashboard headers of the chart's columns: the domain (Cycle) first, then the series. */
  columns: string[];
  /** 1-based sheet rows the ranges span; the first is the header row (setNumHeaders(1)). */
  firstRow: number;
  lastRow: number;
  /** The vertical axis: ratings run 1 to 5, shares 0 to 1 (format '0%'). */
  vAxis: { min: number; max: number; title: string; format?: string };
  hAxisTitle: string;
  /** Where the chart's top-left corner goes (1-based row and column). */
  anchor: { row: number; column: number };
}

/**
 * The trend charts over a Dashboard of `rowCount` cycle rows: one line chart per goal, across
 * cycles, then relationship coverage (pairs met and cross-team pairs met, 0–100%).
 */
export function dashboardCharts(rowCount: number): ChartSpec[] {
  const rows = Math.max(0, Math.floor(rowCount));
  const goals = GOALS.map((g, i): ChartSpec => ({
    id: `trend-${g.key}`,
    title: `${g.header} across cycles (average 1-5)`,
    type: 'line' as const,
    columns: ['Cycle', g.header],
    firstRow: 1,
    lastRow: 1 + rows,
    vAxis: { min: 1, max: 5, title: 'Average rating' },
    hAxisTitle: 'Cycle',
    anchor: { row: 1 + i * 20, column: DASHBOARD.columns.length + 2 },
  }));
  return [...goals, coverageChart(1, rows, { row: 1 + GOALS.length * 20, column: DASHBOARD.columns.length + 2 })];
}

/** What the sidebar shows: JSON-safe (numbers, strings, null, arrays, plain objects). */
export type FeedbackSummary = Omit<FeedbackSummaryView, 'form' | 'message'>;

/** The sidebar's view of a dashboard. */
export function feedbackSummary(result: DashboardResult): FeedbackSummary {
  const started = result.cycles.filter((c) => c.starts <= result.today);
  const latest = started.find((c) => c.running) ?? started[started.length - 1] ?? null;
  return {
    today: result.today,
    latest: latest && {
      cycle: latest.cycle,
      starts: latest.starts,
      ends: latest.ends,
      running: latest.running,
      groups: latest.groups,
      sessionsHeld: latest.sessionsHeld,
      received: latest.received,
      expected: latest.expected,
      responseRate: latest.responseRate,
      averages: { ...latest.averages },
    },
    trend: started.map((c) => ({ cycle: c.cycle, starts: c.starts, responseRate: c.responseRate, ...c.averages })),
    quietGroups: (latest?.quietGroups ?? []).map((q) => ({ ...q, members: [...q.members], emails: [...q.emails] })),
    responses: result.responses,
    flagged: result.flagged,
  };
}
