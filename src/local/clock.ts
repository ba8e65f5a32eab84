// A virtual clock and the clock triggers it fires, for `peer-coaching simulate` and the sandbox's
// clock. When triggers fire is the emulation's scheduler (emulation/clock-triggers.ts, with its
// sources): an hourly trigger once an hour at a minute chosen once and kept.
import { clockTriggerEvent, dueClockTriggers, stableRandom } from './emulation/clock-triggers';
import type { TriggerSnapshot } from './emulation/script';

export class VirtualClock {
  constructor(public ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
  /** Moves to `ms` unless the clock is already past it (time never runs backwards). */
  moveTo(ms: number): void {
    this.ms = Math.max(this.ms, ms);
  }
}

/** The minute of the hour at which an hourly clock trigger fires (the emulation's stable choice). */
export function triggerMinute(trigger: TriggerSnapshot): number {
  return trigger.clock?.nearMinute ?? stableRandom(trigger, 'minute', 60);
}

/**
 * The firings of clock triggers in [fromMs, toMs), in time order, as the emulation's scheduler
 * gives them (emulation/clock-triggers.ts: a stable minute per trigger, first after creation).
 */
export function dueFirings(triggers: readonly TriggerSnapshot[], fromMs: number, toMs: number, scriptTimeZone = 'Etc/UTC'): Array<{ at: number; trigger: TriggerSnapshot }> {
  return dueClockTriggers(triggers, new Date(fromMs - 1), new Date(toMs - 1), scriptTimeZone).map((d) => ({ at: Date.parse(d.at), trigger: d.trigger }));
}

/** The event object of a time-driven trigger firing at `at`. */
export function timeDrivenEvent(at: number, triggerUid: string): object {
  return clockTriggerEvent({ id: triggerUid }, new Date(at));
}
