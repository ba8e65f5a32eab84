// "Plan the next rotation": a preview of the next cycle's groups (planRotation), and its
// confirmation (confirmRotation), which re-checks the preview on the server and writes the cycle to
// the Rotations sheet under the document lock. Both validate every argument: the sidebar may send
// anything.
//
// Cost: each sheet (Roster, Rotations) is read once, in one block; Rotations is written once (new
// rows appended in one setValues, after one setNumberFormats), plus one Status column write when a
// running cycle is replaced. Settings: one property read, one write the first time (cycle 1's date).
import type { ConfirmResult, PlanGroupView, PlanPreview, PlanRequest } from '../shared/api';
import { UserError } from '../core/errors';
import { isoDateInZone, isIsoDate } from '../core/dates';
import { formatHistoryProblem, readHistory } from '../core/history';
import { MAX_ACTIVE_PEOPLE, PairingError, planCycle } from '../core/pairing';
import { normaliseEmail, type Person } from '../core/people';
import { checkRoster } from '../core/roster';
import { checkPlan, rosterFingerprint, rotationRows } from '../core/rotation';
import { ROSTER, ROTATIONS, columnFormat, normaliseHeader } from '../core/schema';
import { cycleDates, settingsTimeZone, type CycleDates, type Settings } from '../core/settings';
import { withDocumentLock } from '../gas/lock';
import { readTable } from '../gas/roster-sheet';
import { appendRows, readRotationsTable, writeColumn } from '../gas/rotations-sheet';
import { activeSpreadsheet } from '../gas/sheets';
import { loadSettings, storeSettings } from '../gas/settings-store';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** A plan has at most one group per two people the engine accepts. */
const MAX_GROUPS = Math.floor(MAX_ACTIVE_PEOPLE / 2);
const MAX_TEXT = 1000;

/** Everything a plan or a confirmation needs, read once. */
interface Program {
  sheet: Sheet;
  people: Person[];
  table: unknown[][];
  /** Canonical Rotations header → 0-based column. */
  columns: Record<string, number>;
  width: number;
  history: ReturnType<typeof readHistory>;
  settings: Settings;
  timeZone: string;
  today: string;
}

function sheetNamed(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, name: string): Sheet {
  const sheet = ss.getSheetByName(name);
  if (!sheet) throw new UserError(`There is no ${name} sheet yet. Click "Set up this spreadsheet" first.`);
  return sheet;
}

function load(): Program {
  const ss = activeSpreadsheet();
  const roster = checkRoster(readTable(sheetNamed(ss, ROSTER.name)));
  if (roster.problems.length > 0) {
    const n = roster.problems.length;
    throw new UserError(`Fix the ${n} roster problem${n === 1 ? '' : 's'} first (Check roster).`);
  }
  const sheet = sheetNamed(ss, ROTATIONS.name);
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
      `Fix the Rotations sheet first:\n${history.problems.slice(0, 20).map((p) => formatHistoryProblem('Rotations', p)).join('\n')}` +
        (history.problems.length > 20 ? `\n…and ${history.problems.length - 20} more.` : ''),
    );
  }
  const { settings } = loadSettings();
  const timeZone = settingsTimeZone(settings, ss.getSpreadsheetTimeZone());
  const today = isoDateInZone(new Date(), timeZone);
  return { sheet, people: roster.people, table, columns, width: header.length, history, settings, timeZone, today };
}

/** The last day of `cycle` as the Rotations rows give it ('' when none of them says). */
function storedEnds(p: Program, cycle: number): string {
  let ends = '';
  for (let r = 1; r < p.table.length; r++) {
    const row = p.table[r];
    if (Number(String(row[p.columns.Cycle] ?? '').trim()) !== cycle) continue;
    if (String(row[p.columns.Status] ?? '').trim().toLowerCase() === 'replaced') continue;
    const cell = row[p.columns.Ends];
    const iso = cell instanceof Date ? isoDateInZone(cell, p.timeZone) : String(cell ?? '').trim();
    if (isIsoDate(iso) && iso > ends) ends = iso;
  }
  return ends;
}

/** The cycle to plan and its dates, or a refusal when it would overlap the running one. */
function target(p: Program, replace: boolean): { cycle: number; dates: CycleDates; replaces: boolean } {
  const last = p.history.lastCycle;
  if (replace) {
    if (last === 0) throw new UserError('There is no cycle to replace yet: plan the first one.');
    return { cycle: last, dates: cycleDates(p.settings, last, p.today), replaces: true };
  }
  const cycle = last + 1;
  const dates = cycleDates(p.settings, cycle, p.today);
  if (last > 0) {
    const ends = storedEnds(p, last) || cycleDates(p.settings, last, p.today).ends;
    if (dates.starts <= ends) {
      throw new UserError(
        `Cycle ${cycle} would start on ${dates.starts}, before cycle ${last} ends on ${ends}. ` +
          `Choose "Replace cycle ${last}" to plan cycle ${last} again (its groups are marked replaced), or change the settings.`,
      );
    }
  }
  return { cycle, dates, replaces: false };
}

function preview(p: Program, request: Required<PlanRequest>): PlanPreview {
  const { cycle, dates, replaces } = target(p, request.replace);
  const plan = planCycle(p.people, p.history.groups, {
    keepTeamsApart: p.settings.keepTeammatesApart,
    seed: request.seed,
    cycle,
    locked: request.locked,
  });
  const byEmail = new Map(p.people.map((x) => [normaliseEmail(x.email), x]));
  return {
    cycle,
    starts: dates.starts,
    ends: dates.ends,
    meetings: dates.meetings,
    fingerprint: rosterFingerprint(p.people),
    replaces,
    groups: plan.groups.map(
      (g): PlanGroupView => ({
        members: g.members.map((email) => ({ email, name: byEmail.get(email)?.name ?? email })),
        reason: g.reason,
        locked: g.locked,
        teammates: g.teammates,
        repeats: g.repeats.length,
      }),
    ),
    warnings: plan.warnings.slice(),
  };
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isText(x: unknown, max = MAX_TEXT): x is string {
  return typeof x === 'string' && x.length <= max;
}

function parseRequest(input: unknown): Required<PlanRequest> {
  const bad = (why: string) => new UserError(`The plan request was not understood: ${why}. Reload the sidebar and try again.`);
  if (input === undefined || input === null) return { locked: [], seed: '', replace: false };
  if (!isPlainObject(input)) throw bad('it is not an object');
  for (const k of Object.keys(input)) if (!['locked', 'seed', 'replace'].includes(k)) throw bad(`unknown field "${k.slice(0, 40)}"`);
  const locked = input.locked ?? [];
  if (!Array.isArray(locked) || locked.length > MAX_GROUPS) throw bad('locked is not a list of groups');
  for (const g of locked) {
    if (!Array.isArray(g) || g.length < 2 || g.length > 3 || !g.every((e) => isText(e, 320))) throw bad('a locked group is not 2 or 3 emails');
  }
  const seed = input.seed ?? '';
  if (!isText(seed, 100)) throw bad('seed is not a short text');
  const replace = input.replace ?? false;
  if (typeof replace !== 'boolean') throw bad('replace is not true or false');
  return { locked: (locked as string[][]).map((g) => g.map(normaliseEmail)), seed, replace };
}

function parsePreview(input: unknown): PlanPreview {
  const bad = (why: string) => new UserError(`The plan sent back is not a plan (${why}). Plan the rotation again.`);
  if (!isPlainObject(input)) throw bad('not an object');
  const { cycle, starts, ends, meetings, fingerprint, replaces, groups, warnings } = input;
  if (typeof cycle !== 'number' || !Number.isSafeInteger(cycle) || cycle < 1) throw bad('cycle');
  if (!isText(starts, 10) || !isIsoDate(starts) || !isText(ends, 10) || !isIsoDate(ends)) throw bad('dates');
  if (typeof meetings !== 'number' || !Number.isSafeInteger(meetings) || meetings < 0) throw bad('meetings');
  if (!isText(fingerprint, 64)) throw bad('fingerprint');
  if (typeof replaces !== 'boolean') throw bad('replaces');
  if (!Array.isArray(warnings) || !warnings.every((w) => isText(w))) throw bad('warnings');
  if (!Array.isArray(groups) || groups.length === 0 || groups.length > MAX_GROUPS) throw bad('groups');
  const out: PlanGroupView[] = groups.map((g: unknown) => {
    if (!isPlainObject(g)) throw bad('a group');
    const { members, reason, locked, teammates, repeats } = g;
    if (!Array.isArray(members) || members.length > 3) throw bad('a group\'s members');
    const ms = members.map((m: unknown) => {
      if (!isPlainObject(m) || !isText(m.email, 320) || !isText(m.name, MAX_TEXT)) throw bad('a member');
      return { email: normaliseEmail(m.email), name: m.name };
    });
    if (!isText(reason) || typeof locked !== 'boolean' || typeof teammates !== 'boolean') throw bad('a group');
    if (typeof repeats !== 'number' || !Number.isSafeInteger(repeats) || repeats < 0) throw bad('a group\'s repeats');
    return { members: ms, reason, locked, teammates, repeats };
  });
  return { cycle, starts, ends, meetings, fingerprint, replaces, groups: out, warnings: warnings as string[] };
}

/** The next cycle's proposed groups, with reasons and warnings. Writes nothing. */
export function planRotation(request: unknown): PlanPreview {
  const parsed = parseRequest(request);
  return preview(load(), parsed);
}

/** The sets of members of cycle `cycle`'s rows still in force, as sorted keys. */
function confirmedGroups(p: Program, cycle: number): string[] {
  return p.history.groups.filter((g) => g.cycle === cycle).map((g) => g.members.slice().sort().join(' ')).sort();
}

/**
 * Re-checks `input` (a preview sent back by the sidebar) and writes its cycle to Rotations. When
 * the roster changed since the preview, writes nothing and returns a new plan; when the cycle is
 * already confirmed, writes nothing.
 */
export function confirmRotation(input: unknown): ConfirmResult {
  const plan = parsePreview(input);
  return withDocumentLock((): ConfirmResult => {
    const p = load();
    if (rosterFingerprint(p.people) !== plan.fingerprint) {
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
    const groups = plan.groups.map((g) => g.members.map((m) => m.email));
    const keys = groups.map((g) => g.slice().sort().join(' ')).sort();
    const existing = confirmedGroups(p, plan.cycle);
    const same = existing.length === keys.length && existing.every((k, i) => k === keys[i]);
    if (same || (!plan.replaces && existing.length > 0)) {
      return { status: 'unchanged', message: `Cycle ${plan.cycle} is already confirmed.` };
    }
    const { cycle, dates, replaces } = target(p, plan.replaces);
    if (cycle !== plan.cycle) {
      throw new UserError(`This plan is for cycle ${plan.cycle}, but the cycle to plan now is ${cycle}. Plan the rotation again.`);
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
    if (problems.length > 0) throw new UserError(`This plan cannot be confirmed:\n${problems.join('\n')}`);

    // Old rows first: a run cut short after this leaves the old cycle replaced and the new one to confirm again.
    if (replaces) {
      const status = p.columns.Status;
      const rows: number[] = [];
      for (let r = 1; r < p.table.length; r++) {
        const row = p.table[r];
        if (Number(String(row[p.columns.Cycle] ?? '').trim()) === cycle && String(row[status] ?? '').trim().toLowerCase() !== 'replaced') rows.push(r);
      }
      if (rows.length > 0) {
        const from = rows[0];
        const to = rows[rows.length - 1];
        const values: string[] = [];
        for (let r = from; r <= to; r++) values.push(rows.includes(r) ? 'replaced' : String(p.table[r][status] ?? ''));
        writeColumn(p.sheet, status + 1, from + 1, values);
      }
    }

    const canonical = rotationRows(cycle, dates, plan.groups.map((g, i) => ({ members: groups[i], reason: g.reason })), p.people, {
      preferredWeekday: p.settings.preferredWeekday,
      preferredTime: p.settings.preferredTime,
      timeZone: p.timeZone,
    });
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

    if (p.settings.firstMeetingDate === '') {
      storeSettings({ ...p.settings, firstMeetingDate: cycleDates(p.settings, 1, p.today).starts });
    }
    const k = rows.length;
    return { status: 'confirmed', message: `Cycle ${cycle} confirmed: ${k} group${k === 1 ? '' : 's'} written to Rotations.`, rows: k };
  });
}
