// Which rows of the form's responses sheet the hourly catch-up files, as pure decisions over what
// document properties remember and what the sheet holds (app/feedback-responses.ts reads and writes;
// issue 12, defect 7: a Feedback row the owner deleted must not come back).
//
// Google writes each response into the first free row of the responses sheet, in the order they
// arrive, and never moves it; the owner may delete rows, and then the rows below move up and the
// next response lands in a row number used before (the key of a response is therefore the sheet's
// id, the row and the Timestamp: core/feedback.ts `responseKey`).
//
// Two records, both per responses sheet:
// - The mark (`FiledMark`): the last row the catch-up looked at, with that row's Timestamp (the
//   sentinel: while that row still holds it, no row above changed), the latest Timestamp looked at,
//   and when the form was linked (older rows are Google's copies of responses filed from the old
//   sheet). Every row up to the mark was filed, or deliberately left: its Feedback row may since
//   have been deleted, and stays deleted.
// - The rows the trigger filed since (`PendingFiled`): the trigger cannot move the mark (a row above
//   its own may be a response whose trigger failed), so it lists its own row and Timestamp; the
//   catch-up then files the rows after the mark that are neither listed nor in Feedback, and moves
//   the mark. A listed response whose Feedback row the owner deleted in between is not filed again.
//
// When the sentinel no longer holds (the owner deleted rows), the responses that arrived since are
// the rows at the end whose Timestamp is later than the latest one looked at (Google appends them in
// the order they arrive). Limits (documented, not guarded): a response stamped in the very same
// millisecond as the latest one looked at, arriving after a catch-up and after the owner deleted
// rows, whose trigger also failed, is not filed; a list of the trigger's rows over MAX_PENDING_BYTES
// (about 500 responses in one hour) drops its oldest entries, which the Feedback Key column then
// covers unless the owner deleted those very rows within that hour.

/** Rows of the responses sheet one catch-up files at most (the rest on the next tick). */
export const CATCH_UP_ROWS = 200;
/** The trigger's list stays under this size in a document property (limit 9 KB a value). */
export const MAX_PENDING_BYTES = 6000;

export interface FiledMark {
  /** The responses sheet's id. */
  sheetId: number;
  /** The last row looked at (1: none yet). */
  row: number;
  /**
   * That row's Timestamp (ISO, ms) when it was looked at; '' when it held none. null in a mark
   * written before the sentinel existed: its row is trusted as it is.
   */
  stamp: string | null;
  /** The latest Timestamp looked at (ISO, ms), or the time of the link. */
  latest: string;
  /** When the form was linked to this sheet (ISO): rows stamped earlier are Google's copies. */
  since: string;
}

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

/** A Timestamp cell as the mark keeps it: ISO with milliseconds, or '' when it is not a date. */
export function stampText(value: unknown): string {
  return isDate(value) && Number.isFinite(value.getTime()) ? value.toISOString() : '';
}

function jsonObject(raw: string | null | undefined): Record<string, unknown> {
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The stored mark, or null. A mark of the first version ({sheetId, row, since}) reads with a null stamp. */
export function readFiledMark(raw: string | null | undefined): FiledMark | null {
  const o = jsonObject(raw);
  if (!Number.isSafeInteger(o.sheetId) || !Number.isSafeInteger(o.row) || typeof o.since !== 'string') return null;
  return {
    sheetId: o.sheetId as number,
    row: Math.max(1, o.row as number),
    stamp: typeof o.stamp === 'string' ? o.stamp : null,
    latest: typeof o.latest === 'string' ? o.latest : o.since,
    since: o.since,
  };
}

/** The mark of a sheet just linked (`row` 1) or first met (its last row and that row's Timestamp): nothing before is filed. */
export function startMark(sheetId: number, since: string, row = 1, stamp: unknown = null): FiledMark {
  const text = stampText(stamp);
  return { sheetId, row, stamp: text, latest: text > since ? text : since, since };
}

const time = (iso: string | null): number => (iso ? Date.parse(iso) : NaN);

/**
 * True when nothing arrived since the mark, from the sheet's last row and (read only when needed)
 * that row's Timestamp: the last row is the mark's and still holds its Timestamp, or the owner
 * deleted rows at the end and the last one is older than the latest looked at. A mark of another
 * sheet, or none, is never idle (it is to be written).
 */
export function isIdle(mark: FiledMark | null, sheetId: number, last: number, stampAtLast: () => unknown): boolean {
  if (!mark || mark.sheetId !== sheetId) return false;
  if (last < 2) return true;
  if (last > mark.row) return false;
  if (last === mark.row && mark.stamp === null) return true;
  const stamp = stampAtLast();
  if (last === mark.row) return stampText(stamp) === mark.stamp;
  return isDate(stamp) && stamp.getTime() < time(mark.latest);
}

/**
 * The first block to read: from the mark's row (the sentinel, to check) or from row 2 when the mark
 * is at the header; null when the mark is past the last row (the owner deleted rows: look back).
 */
export function firstBlock(mark: FiledMark, last: number): { from: number; to: number; sentinel: boolean } | null {
  if (last < 2 || mark.row > last) return null;
  if (mark.row < 2) return { from: 2, to: Math.min(last, 1 + CATCH_UP_ROWS), sentinel: false };
  return { from: mark.row, to: Math.min(last, mark.row + CATCH_UP_ROWS), sentinel: true };
}

/** Whether the mark's row still holds the response it held (a first-version mark is trusted). */
export function sentinelHolds(mark: FiledMark, stamp: unknown): boolean {
  return mark.stamp === null || stampText(stamp) === mark.stamp;
}

/**
 * After deletions: the first row (of the Timestamps of rows 2, 3, …) stamped later than the latest
 * looked at, or null when there is none.
 */
export function firstNewRow(stamps: readonly unknown[], latest: string): number | null {
  const after = time(latest);
  const i = stamps.findIndex((s) => isDate(s) && (!Number.isFinite(after) || s.getTime() > after));
  return i < 0 ? null : i + 2;
}

/** The mark after looking at rows through `to`: `stampAtTo` is that row's Timestamp, `stamps` every Timestamp looked at. */
export function advanceMark(mark: FiledMark, to: number, stampAtTo: unknown, stamps: readonly unknown[]): FiledMark {
  let latest = mark.latest;
  for (const s of stamps) {
    const t = stampText(s);
    if (t !== '' && (latest === '' || Date.parse(t) > Date.parse(latest))) latest = t;
  }
  return { ...mark, row: to, stamp: stampText(stampAtTo), latest };
}

// ---- The rows the trigger filed ------------------------------------------------------------------------

/** One row the trigger filed: its row then, and its Timestamp in whole seconds (as the key has it), or null. */
export interface PendingEntry {
  row: number;
  second: number | null;
}

export interface PendingFiled {
  sheetId: number;
  entries: PendingEntry[];
}

const second = (stamp: unknown): number | null => (isDate(stamp) && Number.isFinite(stamp.getTime()) ? Math.round(stamp.getTime() / 1000) : null);

/** Stored as {"sheetId":…, "filed":["42@lq3k2h", …]}: the row, then the second in base 36. */
function entryText(e: PendingEntry): string {
  return `${e.row}@${e.second === null ? '' : e.second.toString(36)}`;
}

export function readPending(raw: string | null | undefined): PendingFiled | null {
  const o = jsonObject(raw);
  if (!Number.isSafeInteger(o.sheetId) || !Array.isArray(o.filed)) return null;
  const entries: PendingEntry[] = [];
  for (const text of o.filed) {
    const m = typeof text === 'string' ? /^(\d{1,9})@([0-9a-z]{0,12})$/.exec(text) : null;
    if (m) entries.push({ row: Number(m[1]), second: m[2] === '' ? null : parseInt(m[2], 36) });
  }
  return { sheetId: o.sheetId as number, entries };
}

export function writePending(pending: PendingFiled): string {
  return pending.entries.length === 0 ? '' : JSON.stringify({ sheetId: pending.sheetId, filed: pending.entries.map(entryText) });
}

/** The list with the trigger's row added (a list of another sheet is dropped; the oldest go past MAX_PENDING_BYTES). */
export function addPending(raw: string | null | undefined, sheetId: number, row: number, stamp: unknown): string {
  const before = readPending(raw);
  const entries = before && before.sheetId === sheetId ? before.entries.slice() : [];
  entries.push({ row, second: second(stamp) });
  let text = writePending({ sheetId, entries });
  while (text.length > MAX_PENDING_BYTES && entries.length > 1) {
    entries.splice(0, Math.max(1, Math.floor(entries.length / 10)));
    text = writePending({ sheetId, entries });
  }
  return text;
}

/** Whether the trigger listed exactly this row and Timestamp. */
export function pendingHas(pending: PendingFiled | null, sheetId: number, row: number, stamp: unknown): boolean {
  if (!pending || pending.sheetId !== sheetId) return false;
  const s = second(stamp);
  return pending.entries.some((e) => e.row === row && e.second === s);
}

/**
 * Which of `rows` the trigger filed: first the entries of exactly that row and second, then (rows
 * move up when the owner deletes rows above) an entry of that second and a row at or below. Each
 * entry counts once. Returns, per row, whether it was filed, and the entries left unused.
 */
export function claimPending(pending: PendingFiled | null, sheetId: number, rows: ReadonlyArray<{ row: number; stamp: unknown }>): { filed: boolean[]; unused: PendingEntry[] } {
  const entries = pending && pending.sheetId === sheetId ? pending.entries.slice() : [];
  const used = entries.map(() => false);
  const filed = rows.map(() => false);
  const seconds = rows.map((r) => second(r.stamp));
  rows.forEach((r, i) => {
    const k = entries.findIndex((e, j) => !used[j] && e.row === r.row && e.second === seconds[i]);
    if (k >= 0) [used[k], filed[i]] = [true, true];
  });
  rows.forEach((r, i) => {
    if (filed[i] || seconds[i] === null) return;
    const k = entries.findIndex((e, j) => !used[j] && e.second === seconds[i] && e.row >= r.row);
    if (k >= 0) [used[k], filed[i]] = [true, true];
  });
  return { filed, unused: entries.filter((_, j) => !used[j]) };
}

/**
 * Whether a delivery's response was looked at by a catch-up already (filed, or left as the owner
 * wanted): its row is at or above the mark and its Timestamp no later than the latest looked at.
 */
export function markCovers(mark: FiledMark | null, sheetId: number, row: number, stamp: unknown): boolean {
  return !!mark && mark.sheetId === sheetId && row <= mark.row && isDate(stamp) && stamp.getTime() <= time(mark.latest);
}
