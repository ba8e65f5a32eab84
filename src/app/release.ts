// Which cycle may be booked (issue 11). A cycle the owner confirms in the sidebar is booked at once;
// a cycle the tick plans by itself waits, as `planned`, until notice days before it starts (the
// owner may swap, lock or re-plan it meanwhile), and the tick releases it then. Scheduling books
// only released cycles. One document property: the highest cycle released.
import { readDocumentProperty, writeDocumentProperties } from '../gas/properties';
import { TICK_KEYS } from './tick-state';

export const RELEASE_KEY = 'schedule.released';

/** The highest cycle released for booking, or null when none was ever recorded. */
export function releasedCycle(properties?: Readonly<Record<string, string>>): number | null {
  const raw = properties ? properties[RELEASE_KEY] : readDocumentProperty(RELEASE_KEY);
  const n = Number(raw);
  return raw !== undefined && raw !== null && raw !== '' && Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/** Releases `cycle` (and every earlier one) for booking. */
export function releaseCycle(cycle: number, properties?: Readonly<Record<string, string>>): void {
  const current = releasedCycle(properties);
  if (current === null || current < cycle) writeDocumentProperties({ [RELEASE_KEY]: String(cycle) });
}

/**
 * The owner confirmed `cycle` (the latest, or the one it replaces: never below what was released):
 * release it and mark the tick due, so booking goes on should the sidebar close. One write.
 */
export function releaseConfirmed(cycle: number): void {
  writeDocumentProperties({ [RELEASE_KEY]: String(cycle), [TICK_KEYS.due]: '1' });
}
