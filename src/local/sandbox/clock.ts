// The sandbox's simulated clock. Every execution's realm (`new Date()`, `Date.now()`) and the
// workspace (timestamps, trigger creation, free/busy "now") read it. It stands still between
// executions and runs at the machine's pace while one runs, so the add-on's own deadlines (chunked
// booking, the tick's budget) behave as they do on Google; the owner moves it on from the host
// page (move.ts). It never runs backwards, as Google's clock never does. It is saved with the
// sandbox's state; a state saved before it existed, or `--reset`, starts at the machine's now.
import { addDays } from '../../core/dates';
import { nextCycle as nextCycleFromSettings } from '../../core/settings';
import { summariseCycles } from '../../core/lifecycle';
import { instantToWallTime, localInstant, zonedWallTimeToInstant } from '../../core/zones';
import { VirtualClock } from '../clock';
import { MAX_MOVE_WEEKS, type ClockStep, type NextCycleView } from './clock-types';
import type { ScheduleRow } from '../../core/schedule';
import type { Settings } from '../../core/settings';

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
export const MAX_MOVE_MS = MAX_MOVE_WEEKS * WEEK;

export class SandboxClock {
  /** Where the clock rests between executions. */
  private readonly resting: VirtualClock;
  /** performance.now() when the running execution started, or null. */
  private runningSince: number | null = null;

  constructor(ms: number) {
    this.resting = new VirtualClock(ms);
  }

  /** Epoch milliseconds now: the resting time, plus the running execution's elapsed time. */
  ms(): number {
    const base = this.resting.ms;
    return this.runningSince === null ? base : base + Math.max(0, performance.now() - this.runningSince);
  }

  now(): Date {
    return new Date(this.ms());
  }

  /** Runs one execution: the clock runs at the machine's pace while it does. */
  running<T>(fn: () => T): T {
    if (this.runningSince !== null) return fn();
    this.runningSince = performance.now();
    try {
      return fn();
    } finally {
      const at = this.ms();
      this.runningSince = null;
      this.resting.moveTo(at);
    }
  }

  /** Moves on to `ms`; never back (VirtualClock.moveTo). */
  moveTo(ms: number): void {
    this.resting.moveTo(ms);
  }
}

// ---- Targets ---------------------------------------------------------------------------------

/** The instant `days` calendar days after `ms` at the same wall time in `zone` (DST-safe). */
export function addLocalDays(ms: number, days: number, zone: string): number {
  const w = instantToWallTime(ms, zone);
  const date = addDays(`${w.year}-${pad(w.month)}-${pad(w.day)}`, days);
  const [y, m, d] = date.split('-').map(Number);
  return zonedWallTimeToInstant(y, m, d, w.hour, w.minute, w.second, zone, w.millisecond).getTime();
}

/** Where a named step goes from `ms` ('cycle' is resolved by `nextCycleTarget`). */
export function stepTarget(step: Exclude<ClockStep, 'cycle'>, ms: number, zone: string): number {
  if (step === 'hour') return ms + HOUR;
  return addLocalDays(ms, step === 'day' ? 1 : 7, zone);
}

export interface NextCycleTarget {
  cycle: number;
  /** 'YYYY-MM-DD' in the settings' zone. */
  starts: string;
  /** The instant the button moves to: the start day at the meetings' preferred time. */
  at: number;
  source: 'rotations' | 'settings';
}

/**
 * The next cycle's start after `nowMs`, as the hourly run will see it (core/lifecycle.ts
 * decideTick): a cycle on Rotations not started yet; else the latest cycle's start plus whole
 * cycle lengths, to the first start after today; with no cycle on Rotations, cycle 1 from the
 * settings (the first meeting date, or the next preferred weekday). The clock goes to that day at
 * the preferred time, when the first meetings are: the mornings' ticks have run by then.
 */
export function nextCycleTarget(settings: Settings, zone: string, rows: readonly ScheduleRow[], nowMs: number): NextCycleTarget {
  const today = localDate(nowMs, zone);
  const [hh, mm] = settings.preferredTime.split(':').map(Number);
  const minutes = (hh || 0) * 60 + (mm || 0);
  const cycles = summariseCycles(rows);
  const latest = cycles[cycles.length - 1];
  let cycle: number;
  let starts: string;
  let source: NextCycleTarget['source'] = 'rotations';
  if (!latest) {
    const next = nextCycleFromSettings(settings, today);
    cycle = next.cycle;
    starts = next.starts;
    source = 'settings';
  } else if (latest.state !== 'cancelled' && latest.starts > today) {
    cycle = latest.cycle;
    starts = latest.starts;
  } else {
    cycle = latest.cycle + 1;
    starts = addDays(latest.starts, settings.cycleWeeks * 7);
    while (starts <= today) {
      starts = addDays(starts, settings.cycleWeeks * 7);
      cycle += 1;
    }
  }
  return { cycle, starts, at: localInstant(starts, minutes, zone), source };
}

/** The "to the next cycle" button: its target and a title saying what it will do. */
export function nextCycleView(target: NextCycleTarget, nowMs: number, settings: Settings, zone: string, sheetZone: string): NextCycleView {
  const when = clockText(target.at, sheetZone, { year: true });
  const from =
    target.source === 'rotations'
      ? `from Rotations and ${settings.cycleWeeks}-week cycles`
      : settings.firstMeetingDate !== ''
        ? `no cycle on Rotations yet: from the settings' first meeting date`
        : `no cycle on Rotations yet: the next ${settings.preferredWeekday} after today, as the settings say`;
  const what = `Cycle ${target.cycle} starts ${target.starts} (${from}). Moves the clock to ${when}, its first meetings' time (${settings.preferredTime} ${zone}), running the hourly tick at every hour on the way.`;
  if (target.at - nowMs > MAX_MOVE_MS) {
    return { to: null, title: `${what} That is more than ${MAX_MOVE_WEEKS} weeks ahead: move by weeks instead.` };
  }
  return { to: new Date(target.at).toISOString(), cycle: target.cycle, toText: clockText(target.at, sheetZone), title: what };
}

// ---- Requests ----------------------------------------------------------------------------------

/** An instant written ISO 8601 with a zone: 2027-01-12T09:00Z, 2027-01-12T09:00:00.000+01:00. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseInstant(text: string): number | null {
  if (!INSTANT.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Why the clock cannot go from `fromMs` to `toMs`, or null when it can: time never runs
 * backwards, and one move goes at most MAX_MOVE_WEEKS weeks.
 */
export function moveProblem(fromMs: number, toMs: number, zone: string): string | null {
  if (toMs < fromMs) {
    return `Time never runs backwards: the sandbox's clock is at ${clockText(fromMs, zone, { year: true })}, after ${clockText(toMs, zone, { year: true })}. To start again from today, restart with npm start -- --reset.`;
  }
  if (toMs - fromMs > MAX_MOVE_MS) {
    const weeks = Math.ceil((toMs - fromMs) / WEEK);
    return `${clockText(toMs, zone, { year: true })} is about ${weeks} weeks ahead: the sandbox moves at most ${MAX_MOVE_WEEKS} weeks at a time. Move in shorter steps.`;
  }
  return null;
}

// ---- Words -------------------------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, '0');

function localDate(ms: number, zone: string): string {
  const w = instantToWallTime(ms, zone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

const WEEKDAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Tue 12 Jan 09:00", or with the year "Tue 12 Jan 2027, 09:00", in `zone`. */
export function clockText(ms: number, zone: string, options: { year?: boolean } = {}): string {
  const w = instantToWallTime(ms, zone);
  const weekday = WEEKDAY[new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay()];
  const day = `${weekday} ${w.day} ${MONTH[w.month - 1]}`;
  const time = `${pad(w.hour)}:${pad(w.minute)}`;
  return options.year ? `${day} ${w.year}, ${time}` : `${day} ${time}`;
}
