// Small pieces every emulated service shares: Apps Script's error shape, enums, zoned clocks.

/** An error as Apps Script throws it: `Exception: <message>`. */
export function appsScriptError(message: string): Error {
  const e = new Error(message);
  e.name = 'Exception';
  return e;
}

/** A runtime stand-in for an Apps Script enum: each member is its own name. */
export function makeEnum<T>(names: readonly string[]): T {
  return Object.freeze(Object.fromEntries(names.map((n) => [n, n]))) as unknown as T;
}

/** A cached formatter giving the wall-clock parts of an instant in a zone (shared with src/core). */
export { wallClockFormatter } from '../../core/zones';
