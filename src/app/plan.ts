// "Plan the next rotation": a preview of the next cycle's groups (planRotation), and its
// confirmation (confirmRotation), which re-checks the preview on the server and writes the cycle to
// the Rotations sheet under the document lock. Both validate every argument: the sidebar may send
// anything (core/plan-input.ts).
//
// A confirm is resumable to the same dates: cycle 1's date (the anchor every later cycle counts
// from) is saved before any row is written, and when it was never saved the Rotations rows give it
// back. A confirm cut short at any call, confirmed again, leaves exactly one set of rows on the
// dates the preview showed.
//
// Cost: each sheet (Roster, Rotations) is read once, in one block; Rotations is written once (new
// rows appended in one setValues, after one setNumberFormats), plus one Status column write when a
// running cycle is replaced. Settings: one property read, one write the first time (cycle 1's date).
import type { ConfirmResult, PlanPreview, PlanRequest } from '../shared/api';
import { UserError } from '../core/errors';
import { addDays, isoDateInZone, isIsoDate, weekdayOf } from '../core/dates';
import { sheetText } from '../core/feedback';
import { formatHistoryProblem, readHistory } from '../core/history';
import { PairingError, planCycle } from '../core/pairing';
import { cycleReachability } from '../core/pairing-reach';
import { peopleForCycle } from '../core/away-cycle';
import { skippedSentence } from '../core/cycle-dates';
import { normaliseEmail, type Person } from '../core/people';
import { parsePlanPreview, parsePlanRequest } from '../core/plan-input';
import { firstMeetingPassed } from '../core/change-rows';
import { inForce, readScheduleRows } from '../core/schedule';
import { checkPlan, firstStartFromRows, planPreview, rosterFingerprint, rotationRows } from '../core/rotation';
import { checkRoster } from '../core/roster';
import { ROSTER, ROTATIONS, columnFormat, normaliseHeader } from '../core/schema';
import { cycleDates, cycleFrom, nextCycleStart, settingsTimeZone, WEEKDAYS, type CycleDates, type Settings } from '../core/settings';
import { withDocumentLock } from '../gas/lock';
import { releaseConfirmed } from './release';
import { readTable } from '../gas/roster-sheet';
import { appendRows, readRotationsTable, writeRows } from '../gas/rotations-sheet';
import { activeSpreadsheet, sheetNamed, spreadsheetZoneOf } from '../gas/sheets';
import { loadSettings, storeSettings } from '../gas/settings-store';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Problems listed in one refusal; the rest are counted. */
const MAX_LISTED = 20;

/** Everything a plan or a confirmation needs, read once. */
interface Program {
  sheet: Sheet;
  people: Person[];
  table: unknown[][];
  /** Canonical Rotations header → 0-based column. */
  columns: Record<string, number>;
  width: number;
  history: ReturnType<typeof readHistory>;
  /** The settings cycles are counted with: the stored ones, cycle 1's date from the rows when it was never saved. */
  settings: Settings;
  /** The settings as stored (firstMeetingDate '' until the first confirm saves it). */
  stored: Settings;
  timeZone: string;
  today: string;
}

function requiredSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, name: string): Sheet {
  const sheet = sheetNamed(ss, name);
  if (!sheet) throw new UserError(`There is no ${name} sheet yet. Click "Set up this spreadsheet" first.`);
  return sheet;
}

/** A date cell as 'YYYY-MM-DD' ('' when it holds no date). */
function isoCell(cell: unknown, timeZone: string): string {
  const iso = cell instanceof Date ? (Number.isFinite(cell.getTime()) ? isoDateInZone(cell, timeZone) : '') : String(cell ?? '').trim();
  return isIsoDate(iso) ? iso : '';
}

function cycleOf(p: Pick<Program, 'columns'>, row: readonly unknown[]): number {
  return Number(String(row[p.columns.Cycle] ?? '').trim());
}

function isReplaced(p: Pick<Program, 'columns'>, row: readonly unknown[]): boolean {
  return String(row[p.columns.Status] ?? '').trim().toLowerCase() === 'replaced';
}

/** A row a roster change ended (its successor rows carry the group on). */
function isChanged(p: Pick<Program, 'columns'>, row: readonly unknown[]): boolean {
  return String(row[p.columns.Status] ?? '').trim().toLowerCase() === 'changed';
}

function load(): Program {
  const ss = activeSpreadsheet();
  const sheetZone = spreadsheetZoneOf(ss); // an Away cell Sheets made a date is read in it
  const roster = checkRoster(readTable(requiredSheet(ss, ROSTER.name)), { timeZone: sheetZone });
  if (roster.problems.length > 0) {
    const n = roster.problems.length;
    throw new UserError(`Fix the ${n} roster problem${n === 1 ? '' : 's'} first (Check roster).`);
  }
  const sheet = requiredSheet(ss, ROTATIONS.name);
  const table = readRotationsTable(sheet);
  const header = table[0] ?? [];
  const columns: Record<string, number> = {};
  header.forEach((cell, i) => {
    const k = normaliseHeader(cell);
    const spec = ROTATIONS.columns.find((c) => normaliseHeader(c.header) === k);
    if (spec && columns[spec.header] === undefined) columns[spec.header] = i;
  });
  const missing = ROTATIONS.columns.filter((c) => columns[c.header] === undefined).map((c) => c.header);
  if (missing.length > 0) {
    throw new UserError(`The Rotations sheet has no ${missing.join(', ')} column${missing.length === 1 ? '' : 's'}. Click "Set up this spreadsheet" to repair it.`);
  }
  const history = readHistory(table);
  if (history.problems.length > 0) {
    throw new UserError(
      `Fix the Rotations sheet first:\n${history.problems.slice(0, MAX_LISTED).map((p) => formatHistoryProblem('Rotations', p)).join('\n')}` +
        (history.problems.length > MAX_LISTED ? `\n…and ${history.problems.length - MAX_LISTED} more.` : ''),
    );
  }
  const { settings: stored } = loadSettings();
  const timeZone = settingsTimeZone(stored, sheetZone);
  const today = isoDateInZone(new Date(), timeZone);
  let settings = stored;
  if (stored.firstMeetingDate === '') {
    // Confirmed rows whose cycle 1 date was never saved (a confirm cut short before this version
    // saved it first): count from the rows, never from today, so later cycles do not drift.
    const starts = table.slice(1).map((row) => ({ cycle: cycleOf({ columns }, row), starts: isoCell(row[columns.Starts], timeZone) }));
    const first = firstStartFromRows(starts, stored.cycleWeeks);
    if (first !== '') settings = { ...stored, firstMeetingDate: first };
  }
  return { sheet, people: roster.people, table, columns, width: header.length, history, settings, stored, timeZone, today };
}

/** The first day of `cycle` as the Rotations rows give it ('' when none of them says). */
function storedStarts(p: Program, cycle: number): string {
  let starts = '';
  for (let r = 1; r < p.table.length; r++) {
    const row = p.table[r];
    if (cycleOf(p, row) !== cycle || isReplaced(p, row)) continue;
    const iso = isoCell(row[p.columns.Starts], p.timeZone);
    if (iso !== '' && (starts === '' || iso < starts)) starts = iso;
  }
  return starts;
}

/** The last day of `cycle` as the Rotations rows give it ('' when none of them says). */
function storedEnds(p: Program, cycle: number): string {
  let ends = '';
  for (let r = 1; r < p.table.length; r++) {
    const row = p.table[r];
    if (cycleOf(p, row) !== cycle || isReplaced(p, row)) continue;
    const iso = isoCell(row[p.columns.Ends], p.timeZone);
    if (iso > ends) ends = iso;
  }
  return ends;
}

/** The cycle to plan and its dates, or a refusal when it would overlap the running one. */
function target(p: Program, replace: boolean): { cycle: number; dates: CycleDates; replaces: boolean } {
  const last = p.history.lastCycle;
  if (replace) {
    if (last === 0) throw new UserError('There is no cycle to replace yet: plan the first one.');
    // The running cycle keeps the dates its rows state (the settings may have changed since).
    const ends = storedEnds(p, last);
    const starts = storedStarts(p, last);
    return { cycle: last, dates: starts && ends ? { ...cycleFrom(p.settings, last, starts), ends } : cycleDates(p.settings, last, p.today), replaces: true };
  }
  const cycle = last + 1;
  if (last === 0) return { cycle, dates: cycleDates(p.settings, 1, p.today), replaces: false };
  // Back to back with the last cycle as its rows state it, whatever its length was.
  const ends = storedEnds(p, last) || cycleDates(p.settings, last, p.today).ends;
  return { cycle, dates: cycleFrom(p.settings, cycle, nextCycleStart(ends, p.settings, p.today)), replaces: false };
}

function preview(p: Program, request: Required<PlanRequest>): PlanPreview {
  // More than the engine supports is refused by planCycle itself, with the count and what to do.
  const { dates, replaces } = target(p, request.replace);
  // Away for more than half of the cycle's meetings: sits it out (core/away-cycle.ts).
  const away = peopleForCycle(p.people, p.settings, dates.starts);
  const plan = planCycle(away.people, p.history.groups, {
    keepTeamsApart: p.settings.keepTeammatesApart,
    seed: request.seed,
    cycle: dates.cycle,
    locked: request.locked,
    reachability: cycleReachability(p.settings, dates, p.timeZone),
  });
  const skipped = skippedSentence(p.settings, dates.starts);
  const warnings = [...(skipped ? [skipped] : []), ...away.warnings, ...plan.warnings];
  return planPreview({ ...plan, warnings }, away.people, dates, replaces);
}

/** The next cycle's proposed groups, with reasons and warnings. Writes nothing. */
export function planRotation(request: unknown): PlanPreview {
  const parsed = parsePlanRequest(request);
  return preview(load(), parsed);
}

/**
 * Whether cycle `cycle`, planned and not booked yet (every row in force `planned`), still fits the
 * roster: its members are exactly the people taking part in it (Active, not away for most of it).
 * Null when it fits (or is booked, or has no rows); else who is in it no more and who is new, or
 * `cutShort` when a re-plan stopped after replacing its rows (it is then planned as a new cycle).
 */
export function plannedCycleDrift(cycle: number): { gone: string[]; joined: string[]; cutShort: boolean } | null {
  const p = load();
  // Every row replaced and none new: a re-plan cut short after it marked the old rows. Plan it anew.
  if (replacementCutShort(p, cycle)) return { gone: [], joined: [], cutShort: true };
  const rows = p.table.slice(1).filter((row) => cycleOf(p, row) === cycle && !isReplaced(p, row));
  if (rows.length === 0 || rows.some((row) => String(row[p.columns.Status] ?? '').trim().toLowerCase() !== 'planned')) return null;
  const starts = storedStarts(p, cycle);
  if (starts === '') return null;
  const taking = new Set(peopleForCycle(p.people, p.settings, starts).people.filter((x) => x.status === 'Active').map((x) => normaliseEmail(x.email)));
  const members = ['Member 1', 'Member 2', 'Member 3'].map((h) => p.columns[h]);
  const planned = new Set(rows.flatMap((row) => members.map((c) => normaliseEmail(String(row[c] ?? '')))).filter((e) => e !== ''));
  const gone = [...planned].filter((e) => !taking.has(e)).sort();
  const joined = [...taking].filter((e) => !planned.has(e)).sort();
  return gone.length > 0 || joined.length > 0 ? { gone, joined, cutShort: false } : null;
}

/** The sets of members of cycle `cycle`'s rows still in force, as sorted keys. */
function confirmedGroups(p: Program, cycle: number): string[] {
  return p.history.groups.filter((g) => g.cycle === cycle).map((g) => g.members.slice().sort().join(' ')).sort();
}

/**
 * Cycle 1's dates for a confirm when no date is saved or recorded yet: the preview's, while they
 * still follow the settings (its first day on the meeting weekday, not yet past, not after the
 * date planning would give now), so a confirm repeated the next day keeps the dates the owner saw.
 */
function firstCycleDates(p: Program, plan: PlanPreview): CycleDates {
  const fresh = cycleDates(p.settings, 1, p.today);
  const s = plan.starts;
  if (p.settings.firstMeetingDate !== '' || s === fresh.starts) return fresh;
  if (WEEKDAYS[weekdayOf(s)] !== p.settings.preferredWeekday || s < p.today || s > fresh.starts) return fresh;
  return cycleDates({ ...p.settings, firstMeetingDate: s }, 1, p.today);
}

/** True when `cycle` has rows, every one of them replaced: a replacement cut short before its new rows. */
function replacementCutShort(p: Program, cycle: number): boolean {
  const rows = p.table.slice(1).filter((row) => cycleOf(p, row) === cycle);
  return rows.length > 0 && rows.every((row) => isReplaced(p, row));
}

/** The day after the replaced rows of `cycle` end, when a replace cut short cut them inside the cycle ('' otherwise). */
function resumedStarts(p: Program, cycle: number, dates: CycleDates): string {
  let ends = '';
  for (const row of p.table.slice(1)) if (cycleOf(p, row) === cycle && isReplaced(p, row)) ends = isoCell(row[p.columns.Ends], p.timeZone) > ends ? isoCell(row[p.columns.Ends], p.timeZone) : ends;
  const next = ends === '' ? '' : addDays(ends, 1);
  return next > dates.starts && next <= dates.ends ? next : '';
}

/** Saves cycle 1's date the first time: every later cycle counts from it. */
function saveFirstDate(p: Program, first: string): void {
  if (p.stored.firstMeetingDate === '' && first !== '') storeSettings({ ...p.stored, firstMeetingDate: first });
}

function replanned(p: Program, plan: PlanPreview): ConfirmResult {
  const locked = plan.groups.filter((g) => g.locked).map((g) => g.members.map((m) => m.email));
  let next: PlanPreview;
  try {
    next = preview(p, { locked, seed: '', replace: plan.replaces });
  } catch (e) {
    if (!(e instanceof PairingError)) throw e;
    next = preview(p, { locked: [], seed: '', replace: plan.replaces }); // a locked group no longer fits
  }
  return { status: 'replanned', message: 'The roster changed since the preview; here is a new plan.', preview: next };
}

/**
 * Re-checks `input` (a preview sent back by the sidebar) and writes its cycle to Rotations. When
 * the roster changed since the preview, writes nothing and returns a new plan; when the dates
 * changed, writes nothing and returns the plan on its new dates; when the cycle is already
 * confirmed, writes nothing (but cycle 1's date, when it was never saved).
 */
export function confirmRotation(input: unknown): ConfirmResult {
  const plan = parsePlanPreview(input);
  const result = withDocumentLock(() => {
    const r = confirm(plan);
    // The owner confirmed: its invitations go out now (a cycle the tick planned waits for its day).
    if (r.status !== 'replanned') releaseConfirmed(plan.cycle);
    return r;
  });
  return result;
}

/**
 * The tick's confirm of a plan it made itself: the rows are written as `planned` and the cycle is
 * not released for booking (app/release.ts), so the owner can still adjust it in the sidebar.
 */
export function confirmPlanned(plan: PlanPreview): ConfirmResult {
  return withDocumentLock(() => confirm(parsePlanPreview(plan)));
}

function confirm(plan: PlanPreview): ConfirmResult {
  const loaded = load();
  // The roster as the preview's cycle sees it (those away most of it sit out), as preview() does.
  const p = { ...loaded, people: peopleForCycle(loaded.people, loaded.settings, plan.starts).people };
  if (rosterFingerprint(p.people) !== plan.fingerprint) return replanned(loaded, plan);
  const groups = plan.groups.map((g) => g.members.map((m) => m.email));
  const keys = groups.map((g) => g.slice().sort().join(' ')).sort();
  const existing = confirmedGroups(p, plan.cycle);
  const same = existing.length === keys.length && existing.every((k, i) => k === keys[i]);
  if (same || (!plan.replaces && existing.length > 0)) {
    saveFirstDate(p, p.settings.firstMeetingDate);
    return { status: 'unchanged', message: `Cycle ${plan.cycle} is already confirmed.` };
  }
  const resumed = plan.replaces && existing.length === 0 && plan.cycle === p.history.lastCycle + 1 && replacementCutShort(p, plan.cycle);
  const { cycle, replaces, dates: planned } = resumed
    ? { cycle: plan.cycle, replaces: true, dates: cycleDates(p.settings, plan.cycle, p.today) }
    : target(p, plan.replaces);
  if (cycle !== plan.cycle) {
    throw new UserError(`This plan is for cycle ${plan.cycle}, but the cycle to plan now is ${cycle}. Plan the rotation again.`);
  }
  const dates = cycle === 1 && !replaces ? firstCycleDates(p, plan) : planned;
  if (dates.starts !== plan.starts || dates.ends !== plan.ends || dates.meetings !== plan.meetings) {
    return {
      status: 'replanned',
      message: `The dates changed since the preview: cycle ${cycle} now runs from ${dates.starts} to ${dates.ends}. Check the plan and confirm again.`,
      preview: { ...plan, starts: dates.starts, ends: dates.ends, meetings: dates.meetings },
    };
  }

  const active = p.people.filter((x) => x.status === 'Active').length;
  let maxTrios = active % 2;
  if (groups.filter((g) => g.length === 3).length > maxTrios) {
    // More trios only when the engine needs them (avoid lists leave no other grouping).
    try {
      const engine = planCycle(p.people, p.history.groups, { keepTeamsApart: p.settings.keepTeammatesApart, cycle });
      maxTrios = Math.max(maxTrios, engine.groups.filter((g) => g.members.length === 3).length);
    } catch (e) {
      if (!(e instanceof PairingError)) throw e;
    }
  }
  const problems = checkPlan(groups, p.people, { maxTrios });
  if (problems.length > 0) {
    const more = problems.length > MAX_LISTED ? `\n…and ${problems.length - MAX_LISTED} more.` : '';
    throw new UserError(`This plan cannot be confirmed:\n${problems.slice(0, MAX_LISTED).join('\n')}${more}`);
  }

  // Cycle 1's date first: a run cut short after it confirms again on the same dates.
  saveFirstDate(p, cycle === 1 ? dates.starts : p.settings.firstMeetingDate);
  // Old rows next: a run cut short after this leaves the old cycle replaced and the new one to
  // confirm again (`replacementCutShort`).
  // A cycle whose meetings have begun is replaced from tomorrow: the old rows keep the meetings up
  // to today (their Ends say so, and scheduling ends their series there), the new rows start tomorrow.
  const running = replaces && firstMeetingPassed(readScheduleRows(p.table, p.columns, p.timeZone).filter((r) => r.cycle === cycle && inForce(r)), Date.now(), p.timeZone);
  // A replace cut short after its old rows were written goes on from where they were cut.
  const cutAt = resumed ? resumedStarts(p, cycle, dates) : '';
  const starts = cutAt !== '' ? cutAt : running && dates.starts <= p.today ? addDays(p.today, 1) : dates.starts;
  if (replaces) {
    const rows: number[] = [];
    for (let r = 1; r < p.table.length; r++) if (cycleOf(p, p.table[r]) === cycle && !isReplaced(p, p.table[r]) && !isChanged(p, p.table[r])) rows.push(r);
    if (rows.length > 0) {
      const from = rows[0];
      const to = rows[rows.length - 1];
      const block: unknown[][] = [];
      for (let r = from; r <= to; r++) {
        const row = p.table[r].slice();
        if (rows.includes(r)) {
          row[p.columns.Status] = 'replaced';
          const rowStarts = isoCell(row[p.columns.Starts], p.timeZone);
          row[p.columns.Ends] = addDays(rowStarts !== '' && rowStarts > starts ? rowStarts : starts, -1);
        }
        block.push(row);
      }
      writeRows(p.sheet, from + 1, block);
    }
  }

  // The new rows last, in one write. Members and reasons came from the sidebar: written as text.
  const canonical = rotationRows(
    cycle,
    { starts, ends: dates.ends },
    plan.groups.map((g, i) => ({ members: groups[i].map((e) => sheetText(e)), reason: sheetText(g.reason) })),
    p.people,
    { preferredWeekday: p.settings.preferredWeekday, preferredTime: p.settings.preferredTime, timeZone: p.timeZone },
  );
  const width = Math.max(p.width, 1);
  const formats: string[] = Array(width).fill('@');
  for (const c of ROTATIONS.columns) formats[p.columns[c.header]] = columnFormat(c) ?? '@';
  const rows = canonical.map((values) => {
    const row: unknown[] = Array(width).fill('');
    ROTATIONS.columns.forEach((c, i) => (row[p.columns[c.header]] = values[i]));
    return row;
  });
  const lastRow = p.table.length === 1 && p.table[0].every((c) => String(c ?? '') === '') ? 0 : p.table.length;
  appendRows(p.sheet, lastRow, rows, formats);
  const k = rows.length;
  return { status: 'confirmed', message: `Cycle ${cycle} confirmed: ${k} group${k === 1 ? '' : 's'} written to Rotations.`, rows: k };
}
