// The hourly tick's decisions about cycles: when to plan the next cycle (heads-up days before it
// starts), when to confirm and book it (notice days before), when to tell the owner the roster is
// invalid (at most once a day), and when a cycle has ended (a digest item), and the markers that
// make the decisions idempotent (the lifecycle settings are validated in core/settings.ts). Pure:
// `now` is passed in as an ISO instant, dates are read in the settings' zone.
//
// Never two cycles for the same dates: the next cycle always follows the latest cycle on the
// Rotations sheet (its Starts plus the cycle length, never "today"), a cycle with rows is never
// planned again, and a marker recorded before acting holds off a second run for LEASE_MS.
import { addDays, dayNumber } from './dates';
import { toInstant } from './recurrence';
import type { Settings } from './settings';
import { lifecycleDays, meetingsPerCycle, nextCycleStart } from './settings';
import { localTime } from './zones';

// ---- Settings ------------------------------------------------------------------------------------

/** The settings the lifecycle reads (validated with the others in core/settings.ts). */
export type LifecycleSettings = Pick<Settings, 'nextCycle' | 'headsUpDays' | 'noticeDays' | 'newcomersJoinRunningCycle'>;
export type { NextCycleMode } from '../shared/settings';

// ---- State ---------------------------------------------------------------------------------------

/** One Rotations row, as the tick needs it. */
export interface RotationRowSummary {
  cycle: number;
  /** 'YYYY-MM-DD'. */
  starts: string;
  ends: string;
  /** planned | scheduled | changed | replaced | cancelled (other text counts as planned). */
  status: string;
}

/** A cycle as the Rotations rows say it stands. */
export interface CycleSummary {
  cycle: number;
  /** The earliest Starts of its rows (rows added mid-cycle start later). */
  starts: string;
  ends: string;
  /** booked: some rows are on calendars; planned: rows written, nothing booked; cancelled: no live row. */
  state: 'planned' | 'booked' | 'cancelled';
}

/**
 * Folds Rotations rows into one summary per cycle, oldest first. Rows without a real cycle or date
 * are skipped, and so is a cycle whose rows are all `replaced` (a replace cut short).
 */
export function summariseCycles(rows: readonly RotationRowSummary[]): CycleSummary[] {
  const by = new Map<number, { starts: string; ends: string; statuses: Set<string> }>();
  for (const r of rows) {
    if (!Number.isInteger(r.cycle) || r.cycle < 1 || dayNumber(r.starts) === null || dayNumber(r.ends) === null) continue;
    const c = by.get(r.cycle) ?? { starts: r.starts, ends: r.ends, statuses: new Set<string>() };
    if (r.starts < c.starts) c.starts = r.starts;
    if (r.ends > c.ends) c.ends = r.ends;
    c.statuses.add(String(r.status ?? '').trim().toLowerCase());
    by.set(r.cycle, c);
  }
  return [...by.entries()]
    .sort((a, b) => a[0] - b[0])
    // Every row replaced, none new: a replace cut short before its new rows. The cycle is not
    // there yet, and planning gives its number again (plan.ts), so the tick plans it anew.
    .filter(([, c]) => !(c.statuses.size === 1 && c.statuses.has('replaced')))
    .map(([cycle, c]) => {
      const s = c.statuses;
      const state = s.has('scheduled') || s.has('changed') ? 'booked' : [...s].some((x) => x !== 'cancelled' && x !== 'replaced') ? 'planned' : 'cancelled';
      return { cycle, starts: c.starts, ends: c.ends, state };
    });
}

/**
 * The booked cycle `today` ('YYYY-MM-DD', settings' zone) falls in, whose groups roster changes
 * apply to; null between cycles or before the first. The latest wins if two overlap.
 */
export function runningCycle(cycles: readonly CycleSummary[], today: string): CycleSummary | null {
  const running = cycles.filter((c) => c.state === 'booked' && c.starts <= today && today <= c.ends);
  return running[running.length - 1] ?? null;
}

/** What the tick already did (stored in document properties as JSON: `markersJson`). */
export interface LifecycleMarkers {
  /** Cycle key (`cycleKey`) → ISO instant the tick started planning it. */
  plannedAt: Record<string, string>;
  /** Cycle key → ISO instant the tick started booking it. */
  confirmedAt: Record<string, string>;
  /** ISO instant the owner was last told the roster is invalid, or null. */
  toldOwnerInvalidAt: string | null;
  /** The latest cycle whose end went into the digest (0: none). */
  cycleEndReported: number;
}

export const NO_MARKERS: Readonly<LifecycleMarkers> = Object.freeze({ plannedAt: {}, confirmedAt: {}, toldOwnerInvalidAt: null, cycleEndReported: 0 });

/** How long a recorded plan or booking holds off another run (an overlapping or repeated tick). */
export const LEASE_MS = 60 * 60 * 1000;
/** Markers kept per kind (the newest). */
const MARKERS_KEPT = 8;

/** A cycle's key: its number and its first day, so a cycle moved to other dates is another one. */
export function cycleKey(cycle: number, starts: string): string {
  return `${cycle}@${starts}`;
}

export interface TickState {
  /** ISO 8601 instant. */
  now: string;
  /** The settings' zone (IANA). */
  zone: string;
  settings: Pick<Settings, 'cycleWeeks' | 'cadence'> & Partial<Pick<Settings, 'preferredWeekday'>>;
  lifecycle: LifecycleSettings;
  rows: readonly RotationRowSummary[];
  /** The roster check passed. */
  rosterValid: boolean;
  markers: LifecycleMarkers;
}

export interface CycleRef {
  cycle: number;
  starts: string;
  ends: string;
  meetings: number;
  /** `cycleKey(cycle, starts)`. */
  key: string;
}

export type LifecycleAction =
  | ({ kind: 'plan-next' } & CycleRef)
  /** `late`: the start day has passed; the meetings before today cannot be booked. */
  | ({ kind: 'confirm-next'; late: boolean } & CycleRef)
  | { kind: 'report-invalid-roster'; blocked: 'plan-next' | 'confirm-next'; cycle: number; starts: string }
  | { kind: 'cycle-ended'; cycle: number; starts: string; ends: string }
  | { kind: 'none' };

/**
 * The actions due at `state.now`, in the order to carry them out; `[{ kind: 'none' }]` when nothing
 * is. Before cycle 1 exists nothing is due (the owner starts the program). The next cycle follows
 * the latest one: its Starts plus the cycle length (whole cycles further when the tick was down so
 * long that this date has passed, so nothing is planned in the past).
 */
export function decideTick(state: TickState): LifecycleAction[] {
  const nowMs = toInstant(state.now);
  const today = localTime(nowMs, state.zone).date;
  const cycles = summariseCycles(state.rows);
  if (cycles.length === 0) return [{ kind: 'none' }];
  const actions: LifecycleAction[] = [];
  const m = state.markers;

  const endedCycles = cycles.filter((c) => c.state === 'booked' && c.ends < today && c.cycle > m.cycleEndReported);
  const lastEnded = endedCycles[endedCycles.length - 1];
  if (lastEnded) actions.push({ kind: 'cycle-ended', cycle: lastEnded.cycle, starts: lastEnded.starts, ends: lastEnded.ends });

  const days = lifecycleDays({ ...state.lifecycle, cycleWeeks: state.settings.cycleWeeks });
  const blocked: Array<'plan-next' | 'confirm-next'> = [];
  let blockedRef: CycleRef | null = null;
  if (state.lifecycle.nextCycle === 'automatic') {
    const latest = cycles[cycles.length - 1];
    const leased = (at: string | undefined) => at !== undefined && nowMs - Date.parse(at) < LEASE_MS && nowMs >= Date.parse(at);
    if (latest.state === 'planned' && today <= latest.ends) {
      const ref = refOf(latest.cycle, latest.starts, state.settings);
      if (today >= addDays(latest.starts, -days.noticeDays) && !leased(m.confirmedAt[ref.key])) {
        if (state.rosterValid) actions.push({ kind: 'confirm-next', late: today > latest.starts, ...ref });
        else {
          blocked.push('confirm-next');
          blockedRef = ref;
        }
      }
    } else {
      const starts = nextCycleStart(latest.ends, state.settings, today);
      const ref = refOf(latest.cycle + 1, starts, state.settings);
      if (today >= addDays(starts, -days.headsUpDays) && !leased(m.plannedAt[ref.key])) {
        if (state.rosterValid) actions.push({ kind: 'plan-next', ...ref });
        else {
          blocked.push('plan-next');
          blockedRef = ref;
        }
      }
    }
  }
  if (blockedRef) {
    const told = m.toldOwnerInvalidAt;
    if (told === null || localTime(toInstant(told), state.zone).date !== today) {
      actions.push({ kind: 'report-invalid-roster', blocked: blocked[0], cycle: blockedRef.cycle, starts: blockedRef.starts });
    }
  }
  return actions.length ? actions : [{ kind: 'none' }];
}

function refOf(cycle: number, starts: string, settings: Pick<Settings, 'cycleWeeks' | 'cadence'>): CycleRef {
  return { cycle, starts, ends: addDays(starts, settings.cycleWeeks * 7 - 1), meetings: meetingsPerCycle(settings), key: cycleKey(cycle, starts) };
}

/**
 * The markers once `action` is under way at `now`: record them (under the document lock) before
 * acting, so a second or overlapping run decides nothing for the same cycle.
 */
export function recordAction(markers: LifecycleMarkers, action: LifecycleAction, now: string): LifecycleMarkers {
  const at = new Date(toInstant(now)).toISOString();
  const next: LifecycleMarkers = { ...markers, plannedAt: { ...markers.plannedAt }, confirmedAt: { ...markers.confirmedAt } };
  if (action.kind === 'plan-next') next.plannedAt = newest({ ...next.plannedAt, [action.key]: at });
  else if (action.kind === 'confirm-next') next.confirmedAt = newest({ ...next.confirmedAt, [action.key]: at });
  else if (action.kind === 'report-invalid-roster') next.toldOwnerInvalidAt = at;
  else if (action.kind === 'cycle-ended') next.cycleEndReported = Math.max(next.cycleEndReported, action.cycle);
  return next;
}

function newest(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).sort((a, b) => (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0)).slice(0, MARKERS_KEPT));
}

/** The markers as stored (JSON). */
export function markersJson(markers: LifecycleMarkers): string {
  return JSON.stringify(markers);
}

/** Stored markers, read leniently: anything unreadable counts as not done. */
export function readMarkers(raw: string | null | undefined): LifecycleMarkers {
  let v: unknown;
  try {
    v = JSON.parse(String(raw ?? ''));
  } catch {
    return { ...NO_MARKERS, plannedAt: {}, confirmedAt: {} };
  }
  const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  const instants = (x: unknown): Record<string, string> => {
    const out: Record<string, string> = {};
    if (typeof x === 'object' && x !== null) {
      for (const [k, val] of Object.entries(x)) if (typeof val === 'string' && Number.isFinite(Date.parse(val))) out[k] = val;
    }
    return out;
  };
  return {
    plannedAt: instants(o.plannedAt),
    confirmedAt: instants(o.confirmedAt),
    toldOwnerInvalidAt: typeof o.toldOwnerInvalidAt === 'string' && Number.isFinite(Date.parse(o.toldOwnerInvalidAt)) ? o.toldOwnerInvalidAt : null,
    cycleEndReported: typeof o.cycleEndReported === 'number' && Number.isInteger(o.cycleEndReported) && o.cycleEndReported >= 0 ? o.cycleEndReported : 0,
  };
}
