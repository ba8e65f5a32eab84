// The Log sheet as plain data: its columns, one row per automatic or mid-cycle action (When ·
// Action · Outcome · Detail), the cap that keeps the newest rows, and the latest entries read back
// for the sidebar. Text goes in as text (`sheetText`: never a formula, cut to what a cell holds).
// Pure: the instant of each entry is passed in.
import { sheetText, unescapeSheetText } from './feedback';
import { toInstant } from './recurrence';
import type { SheetSpec } from './schema';
import { DATE_TIME_FORMAT, normaliseHeader } from './schema';

/** The hidden, protected Log sheet; the first action that logs creates it (app/log.ts). */
export const LOG: SheetSpec = {
  name: 'Log',
  generated: true,
  hidden: true,
  protection: 'Log is written by the Peer Coaching add-on: one row per automatic or mid-cycle action. Edit it only if you know why.',
  columns: [
    { header: 'When', note: 'When it happened, in the settings’ time zone.', numberFormat: DATE_TIME_FORMAT, width: 140 },
    { header: 'Action', note: 'What the add-on did: plan-next, confirm-next, roster-change, digest, tick…', plainText: true, width: 140 },
    { header: 'Outcome', note: 'ok, failed, skipped or waiting.', plainText: true, width: 90 },
    { header: 'Detail', note: 'What happened, in words; for a failure, the error.', plainText: true, width: 260 },
  ],
};

export const LOG_HEADERS: readonly string[] = LOG.columns.map((c) => c.header);

/** Rows kept below the header; the oldest go first. */
export const LOG_CAP = 2000;

export type LogOutcome = 'ok' | 'failed' | 'skipped' | 'waiting';

export interface LogEntry {
  /** ISO 8601 instant. */
  when: string;
  action: string;
  outcome: LogOutcome;
  detail: string;
}

/** One Log row: When as a Date (shown with DATE_TIME_FORMAT in the spreadsheet's zone), the rest as text. */
export function logRow(entry: LogEntry): [Date, string, string, string] {
  return [new Date(toInstant(entry.when)), sheetText(entry.action), sheetText(entry.outcome), sheetText(oneLine(entry.detail))];
}

/**
 * How to add `adding` rows to a Log holding `existing` rows below its header and stay within `cap`:
 * delete the `deleteOldest` rows just below the header (rows 2…), then append `append` (the newest
 * of the new rows, when they alone exceed the cap).
 */
export function logAppendPlan<T>(existing: number, adding: readonly T[], cap: number = LOG_CAP): { deleteOldest: number; append: T[] } {
  if (!Number.isInteger(cap) || cap < 1) throw new RangeError(`The Log cap is a whole number from 1, not ${String(cap)}.`);
  const append = adding.length > cap ? adding.slice(adding.length - cap) : [...adding];
  const have = Math.max(0, Math.floor(existing));
  return { deleteOldest: Math.max(0, have + append.length - cap), append };
}

/** The latest `count` entries, newest first, from the Log's values (header first); rows by canonical header. */
export function latestEntries(table: ReadonlyArray<readonly unknown[]>, count: number): LogEntry[] {
  if (table.length === 0) return [];
  const header = table[0].map(normaliseHeader);
  const col = (h: string) => header.indexOf(normaliseHeader(h));
  const [w, a, o, d] = LOG_HEADERS.map(col);
  const out: LogEntry[] = [];
  for (let r = table.length - 1; r >= 1 && out.length < count; r--) {
    const row = table[r];
    const when = w >= 0 ? row[w] : '';
    const ms = Object.prototype.toString.call(when) === '[object Date]' ? (when as Date).getTime() : Date.parse(String(when ?? ''));
    if (!Number.isFinite(ms)) continue;
    const outcome = String(o >= 0 ? row[o] ?? '' : '') as LogOutcome;
    out.push({ when: new Date(ms).toISOString(), action: unescapeSheetText(a >= 0 ? row[a] : ''), outcome, detail: unescapeSheetText(d >= 0 ? row[d] : '') });
  }
  return out;
}

function oneLine(text: string): string {
  return String(text ?? '').replace(/\s*[\r\n]+\s*/g, ' · ');
}
