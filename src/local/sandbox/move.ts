// Moving the sandbox's clock on, as time passing on Google would: every installed clock trigger
// fires at each of its due minutes on the way (src/local/clock.ts dueFirings, the simulator's
// rule), each firing its own execution with the time-driven event, in time order, the clock set to
// that minute first. Triggers are read again every hour of the way, so a trigger an execution
// creates or deletes counts from then on.
//
// A long move (a cycle is about 1,000 ticks) runs in slices of about half a second: each request does
// what fits, saves, and answers where the move stands, and the host page asks again to go on and
// shows the progress meanwhile. The move's cursor (the instant up to which firings are done) stays
// here between slices, so a firing is never run twice or skipped.
import { dueFirings, timeDrivenEvent } from '../clock';
import type { TriggerSnapshot } from '../emulation/script';
import { clockText } from './clock';
import type { SandboxClock } from './clock';
import type { MoveReport, TickFailure } from './clock-types';

const HOUR = 3_600_000;
/** Wall time one request spends firing ticks before it answers. */
export const SLICE_MS = 500;
const FAILURES_KEPT = 5;

export interface Move {
  readonly from: number;
  readonly target: number;
  /** Firings before this instant are done. */
  cursor: number;
  ticks: number;
  failed: number;
  failures: TickFailure[];
}

export interface MoveDeps {
  clock: SandboxClock;
  /** The installed clock triggers, as they stand. */
  triggers(): TriggerSnapshot[];
  /** Runs `handler` as one execution with the time-driven event; its error, or null when it succeeded. */
  fire(handler: string, event: object): string | null;
  /** The spreadsheet's zone, for the words. */
  zone: string;
  /** Wall time for this slice. Default SLICE_MS. */
  sliceMs?: number;
}

export function startMove(from: number, target: number): Move {
  return { from, target, cursor: from, ticks: 0, failed: 0, failures: [] };
}

/** Goes on with `move` for one slice; the report says whether it is done. */
export function continueMove(move: Move, deps: MoveDeps): MoveReport {
  const deadline = performance.now() + (deps.sliceMs ?? SLICE_MS);
  const { clock } = deps;
  while (move.cursor < move.target) {
    const windowEnd = Math.min(move.target, Math.floor(move.cursor / HOUR) * HOUR + HOUR);
    let sliceOver = false;
    for (const { at, trigger } of dueFirings(deps.triggers(), move.cursor, windowEnd)) {
      // An earlier execution of this hour may have deleted it.
      if (!deps.triggers().some((t) => t.id === trigger.id)) continue;
      clock.moveTo(at);
      const error = deps.fire(trigger.handler, timeDrivenEvent(at, trigger.id));
      move.ticks += 1;
      if (error !== null) {
        move.failed += 1;
        if (move.failures.length < FAILURES_KEPT) move.failures.push({ at: new Date(at).toISOString(), function: trigger.handler, error });
      }
      move.cursor = at + 1;
      sliceOver = performance.now() >= deadline;
      if (sliceOver) break; // the rest of this hour, if any, in the next slice
    }
    if (sliceOver) break;
    move.cursor = windowEnd;
    clock.moveTo(windowEnd);
    if (performance.now() >= deadline) break;
  }
  return report(move, deps);
}

function report(move: Move, deps: MoveDeps): MoveReport {
  const done = move.cursor >= move.target;
  return {
    from: new Date(move.from).toISOString(),
    to: new Date(move.target).toISOString(),
    now: deps.clock.now().toISOString(),
    toText: clockText(move.target, deps.zone),
    done,
    ticks: move.ticks,
    failed: move.failed,
    remaining: done ? 0 : dueFirings(deps.triggers(), move.cursor, move.target).length,
    triggers: deps.triggers().length,
    failures: move.failures.slice(),
  };
}
