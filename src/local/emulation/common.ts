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

const wallFormatters = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter giving the wall-clock parts (era, y, m, d, h23, min, s) of an instant in `zone`. */
export function wallClockFormatter(zone: string): Intl.DateTimeFormat {
  let f = wallFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallFormatters.set(zone, f);
  }
  return f;
}
