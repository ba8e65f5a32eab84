// Whether the hourly tick has anything to do, from the document properties alone (one read): it
// sweeps once a day (the cycle decisions move on day boundaries, and a response whose trigger
// failed unseen is filed within a day), and at the next tick after any execution that left work
// behind marked it due (`markTickDue`: a confirm, a booking not finished, a response filed, a
// roster edit, a failed step), and at the first tick past the instant a sweep asked to be woken
// at (`tick.wakeAt`: the next brief or nudge due, which must not wait for tomorrow's sweep).
// Everything else is an idle tick: two service calls.
import { isoDateInZone } from '../core/dates';
import { readStoredSettings, settingsTimeZone } from '../core/settings';
import { readDocumentPropertiesIfAny, readUserProperty, writeDocumentProperties, writeDocumentPropertyIfAny, writeUserProperty } from '../gas/properties';
import { SETTINGS_KEY } from '../gas/settings-store';

export const TICK_KEYS = {
  /** '1' while work is marked for the next tick ('' once swept). */
  due: 'tick.due',
  /** The settings' local date of the last sweep. */
  sweptOn: 'tick.sweptOn',
  /** Epoch ms of the next timed work (a brief, a nudge), '' when none: the tick sweeps once past it. */
  wakeAt: 'tick.wakeAt',
} as const;

/** The document properties, or null when this execution has no document (a clock trigger may not). */
export function tickProperties(): Record<string, string> | null {
  return readDocumentPropertiesIfAny();
}

/** The zone the tick's day is counted in: the settings', else UTC (no extra call to read the spreadsheet's). */
function tickZone(properties: Readonly<Record<string, string>>): string {
  return settingsTimeZone(readStoredSettings(properties[SETTINGS_KEY] ?? null).settings, 'UTC');
}

/**
 * True when the tick should sweep now; it then records the sweep (one write), so work marked due
 * during the sweep is seen by the next tick.
 */
export function sweepStarted(properties: Readonly<Record<string, string>>, now: Date): boolean {
  const due = sweepDue(properties, now);
  if (due) writeDocumentProperties({ [TICK_KEYS.due]: '', [TICK_KEYS.sweptOn]: isoDateInZone(now, tickZone(properties)) });
  return due;
}

/** True when the tick would sweep now (no call: from the properties alone). */
export function sweepDue(properties: Readonly<Record<string, string>>, now: Date): boolean {
  return (
    (properties[TICK_KEYS.due] ?? '') !== '' ||
    properties[TICK_KEYS.sweptOn] !== isoDateInZone(now, tickZone(properties)) ||
    wakeDue(properties[TICK_KEYS.wakeAt], now)
  );
}

function wakeDue(raw: string | undefined, now: Date): boolean {
  const at = raw === undefined || raw === '' ? NaN : Number(raw);
  return Number.isFinite(at) && now.getTime() >= at;
}

/** The earliest of the instants the sweep's steps asked to be woken at (null: none), as the value of TICK_KEYS.wakeAt. */
export function wakeAtValue(instants: ReadonlyArray<number | null>): string {
  const finite = instants.filter((t): t is number => t !== null && Number.isFinite(t));
  return finite.length === 0 ? '' : String(Math.min(...finite));
}

/** Marks work for the next tick (one write, no lock: a single key). Never throws. */
export function markTickDue(): void {
  try {
    writeDocumentPropertyIfAny(TICK_KEYS.due, '1');
  } catch {
    // the daily sweep still comes
  }
}

/**
 * A per-user marker (user properties, which exist without a document): true, and recorded, when
 * `key` did not hold `value` yet; false when it did (the thing was done already today).
 */
export function userMarker(key: string, value: string): boolean {
  if (readUserProperty(key) === value) return false;
  writeUserProperty(key, value);
  return true;
}
