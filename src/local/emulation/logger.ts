// Logger and console emulated: both append lines to ctx.logs (the execution transcript) and are counted.
//
// Sources:
//   [LOGGER] https://developers.google.com/apps-script/reference/base/logger — log(format, values…):
//            "The string can include multiple %s placeholders, which are replaced with corresponding
//            values from the list of arguments, converted to strings"; getLog() returns "the
//            complete list of messages in the current log"; clear() clears it.
//   [LOGGING] https://developers.google.com/apps-script/guides/logging — console.log/info/warn/error
//            go to Cloud Logging with a severity.
// Lines in ctx.logs: "[Logger] text" for Logger.log, "[log] text", "[info] text", "[warn] text",
// "[error] text" for console.*.
import { format } from 'node:util';
import type { EmulationContext } from './context';

function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/**
 * A value as Logger prints it. ⚠ Real Logger prints objects in its own Java-like notation
 * ({a=1.0}) and Dates in the script's zone; the emulation uses JSON and ISO-8601 (UTC) so the
 * output never depends on the machine's zone.
 */
function loggerText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isDate(value)) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value !== null && typeof value === 'object') {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

export class FakeLogger implements Pick<GoogleAppsScript.Base.Logger, 'log' | 'getLog' | 'clear'> {
  private lines: string[] = [];

  constructor(private readonly ctx: EmulationContext) {}

  /**
   * One argument: logs it. More: each %s in the first is replaced by the next value [LOGGER];
   * a %s without a value stays as it is (⚠ real behaviour unconfirmed).
   */
  log(formatOrData: unknown, ...values: unknown[]): GoogleAppsScript.Base.Logger {
    this.ctx.ledger.record('Logger.log');
    let text: string;
    if (values.length === 0) text = loggerText(formatOrData);
    else {
      let next = 0;
      text = String(formatOrData).replace(/%s/g, (m) => (next < values.length ? loggerText(values[next++]) : m));
    }
    this.lines.push(text);
    this.ctx.logs.push(`[Logger] ${text}`);
    return this;
  }

  /** This execution's Logger messages, one a line (no timestamps in the emulation). */
  getLog(): string {
    this.ctx.ledger.record('Logger.getLog');
    return this.lines.join('\n');
  }

  /** Clears what getLog returns; the transcript in ctx.logs keeps its lines. */
  clear(): void {
    this.ctx.ledger.record('Logger.clear');
    this.lines = [];
  }
}

/** `console` as Apps Script gives it: cheap calls, still recorded for a consistent ledger. */
export class FakeConsole implements Pick<Console, 'log' | 'info' | 'warn' | 'error'> {
  constructor(private readonly ctx: EmulationContext) {}

  log(...args: unknown[]): void {
    this.write('log', args);
  }

  info(...args: unknown[]): void {
    this.write('info', args);
  }

  warn(...args: unknown[]): void {
    this.write('warn', args);
  }

  error(...args: unknown[]): void {
    this.write('error', args);
  }

  private write(level: 'log' | 'info' | 'warn' | 'error', args: unknown[]): void {
    this.ctx.ledger.record(`console.${level}`);
    // printf-style substitution (%s %d %i %f %o %O %j) like Node's and Chrome's console.
    const text = format(...args.map((a) => (isDate(a) ? loggerText(a) : a)));
    this.ctx.logs.push(`[${level}] ${text}`);
  }
}
