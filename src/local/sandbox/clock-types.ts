// What crosses the sandbox's loopback "network" about its simulated clock: the clock as the host
// page draws it, and what `POST /api/clock` accepts and answers. Types and constants only: the
// server (clock.ts, move.ts) and the host page's script (client/host.mts) share them.

/** The longest move the sandbox makes in one go: 16 weeks (about 2,700 hourly ticks). */
export const MAX_MOVE_WEEKS = 16;

/** The named steps of the host page's buttons. */
export type ClockStep = 'hour' | 'day' | 'week' | 'cycle';
export const CLOCK_STEPS: readonly ClockStep[] = ['hour', 'day', 'week', 'cycle'];

/** What `POST /api/clock` accepts: a named step, or an instant (ISO 8601 with Z or an offset). */
export type ClockRequest = { by: ClockStep } | { to: string };

/** One tick (or other clock-trigger run) that failed during a move. */
export interface TickFailure {
  /** ISO instant it ran at. */
  at: string;
  function: string;
  error: string;
}

/** Where a move stands: done, or still on its way (the host page posts `{to}` again to go on). */
export interface MoveReport {
  /** ISO instants: where the move started, where it goes, where the clock is now. */
  from: string;
  to: string;
  now: string;
  /** The target as the footer says it, in the spreadsheet's zone: "Tue 12 Jan 09:00". */
  toText: string;
  done: boolean;
  /** Clock-trigger executions run so far in this move, and how many of them failed. */
  ticks: number;
  failed: number;
  /** Firings still due before the target (as the triggers stand now). */
  remaining: number;
  /** Clock triggers installed now (0: nothing can tick; the add-on installs its tick when it needs it). */
  triggers: number;
  /** The first failures (at most 5), oldest first. */
  failures: TickFailure[];
}

export type ClockResponse = { ok: true; move: MoveReport } | { ok: false; error: { name: string; message: string } };

/** The "to the next cycle" button: where it goes, or why it cannot. */
export type NextCycleView =
  | { to: string; cycle: number; toText: string; title: string }
  | { to: null; title: string };

/** The simulated clock as the host page draws it (part of WorkbookView). */
export interface ClockView {
  /** ISO instant. */
  now: string;
  /** The spreadsheet's time zone, in which `text` is written. */
  timeZone: string;
  /** "Mon 7 Dec 2026, 03:40". */
  text: string;
  nextCycle: NextCycleView;
  /** The latest move, while nothing else has run since (the footer shows it). */
  lastMove: MoveReport | null;
}
