// The sandbox's clock as the host page sees it: the view it draws (the date in the spreadsheet's
// zone, where "Next cycle" goes, the latest move) and POST /api/clock, which validates where to go
// (a named step or an instant; never back, at most MAX_MOVE_WEEKS ahead) and moves the clock on
// one slice at a time (move.ts), the move under way kept here between slices.
import type { Workspace } from '../emulation';
import { errorText, type Outcome } from '../host';
import { clockText, moveProblem, nextCycleTarget, nextCycleView, parseInstant, stepTarget, type SandboxClock } from './clock';
import { CLOCK_STEPS, type ClockResponse, type ClockStep, type ClockView, type MoveReport } from './clock-types';
import { HttpError } from './http';
import { continueMove, startMove, type Move } from './move';
import { programSchedule } from './pages';

export interface ClockApiDeps {
  ws: Workspace;
  clock: SandboxClock;
  /** Runs a clock trigger's handler with the time-driven event, as one execution (not saved). */
  fire(handler: string, event: object): Outcome;
  /** Saves the state (once per slice). */
  save(): void;
  /** Wall time per slice (move.ts SLICE_MS by default). */
  sliceMs?: number;
}

export interface ClockApi {
  view(): ClockView;
  /** POST /api/clock; an HttpError(400) says why a request is refused. */
  request(body: unknown): ClockResponse;
  /** Another execution ran: the footer shows it instead of the latest move. */
  hideMove(): void;
}

export function createClockApi(deps: ClockApiDeps): ClockApi {
  const { ws, clock } = deps;
  /** The latest move, done or under way. */
  let move: { state: Move; report: MoveReport } | null = null;
  /** Shown in the footer until another execution runs. */
  let moveShown = false;

  const sheetZone = (): string => ws.ledger.untracked(() => ws.spreadsheet.getSpreadsheetTimeZone());

  const nextCycle = () => {
    const p = programSchedule(ws);
    const target = nextCycleTarget(p.settings, p.timeZone, p.rows, clock.ms());
    return { target, view: nextCycleView(target, clock.ms(), p.settings, p.timeZone, p.spreadsheetTimeZone) };
  };

  /** Where a request goes: a named step from now, or an instant. */
  const target = (body: unknown): number => {
    const { by, to, ...rest } = (body ?? {}) as Record<string, unknown>;
    const expected = `Expected {by: ${CLOCK_STEPS.map((s) => `"${s}"`).join(' | ')}} or {to: an ISO 8601 instant with Z or an offset, like "2027-01-12T09:00Z"}`;
    if (typeof body !== 'object' || body === null || Array.isArray(body) || Object.keys(rest).length > 0 || (by === undefined) === (to === undefined)) {
      throw new HttpError(400, expected);
    }
    if (by !== undefined) {
      if (typeof by !== 'string' || !CLOCK_STEPS.includes(by as ClockStep)) throw new HttpError(400, expected);
      if (by === 'cycle') return nextCycle().target.at;
      return stepTarget(by as Exclude<ClockStep, 'cycle'>, clock.ms(), sheetZone());
    }
    const ms = typeof to === 'string' ? parseInstant(to) : null;
    if (ms === null) throw new HttpError(400, expected);
    return ms;
  };

  return {
    view: () => ({
      now: clock.now().toISOString(),
      timeZone: sheetZone(),
      text: clockText(clock.ms(), sheetZone(), { year: true }),
      nextCycle: nextCycle().view,
      lastMove: moveShown ? (move?.report ?? null) : null,
    }),

    /** A new move, or the one under way when `to` is its target. */
    request(body) {
      const to = target(body);
      const continuing = move !== null && !move.report.done && move.state.target === to;
      if (!continuing) {
        const problem = moveProblem(clock.ms(), to, sheetZone());
        if (problem) throw new HttpError(400, problem);
      }
      const state = continuing ? move!.state : startMove(clock.ms(), to);
      const report = continueMove(state, {
        clock,
        zone: sheetZone(),
        sliceMs: deps.sliceMs,
        triggers: () => ws.globals.ScriptApp.triggersFor('CLOCK'),
        fire: (handler, event) => {
          const outcome = deps.fire(handler, event);
          return outcome.ok ? null : errorText(outcome.error);
        },
      });
      if (report.done) clock.moveTo(to);
      move = { state, report: { ...report, now: clock.now().toISOString() } };
      moveShown = true;
      deps.save();
      return { ok: true, move: move.report };
    },

    hideMove() {
      moveShown = false;
    },
  };
}
