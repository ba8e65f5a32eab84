// "Set up this spreadsheet": creates the program's sheets (Roster, Rotations, Feedback, Dashboard, and
// Prompts seeded with the coaching prompts) and its id, or repairs them. Safe to repeat: it never
// deletes, moves or overwrites anyone's data, and a second run changes nothing.
//
// Repair rules (each has a test in test/gas/setup.test.ts):
// - A program sheet is found by the sheet id remembered in document properties, then by name. A
//   deleted sheet is created again. A renamed one is renamed back when its name is free; when
//   another sheet has taken the name, neither is touched and the result says so.
// - Columns are found by header wherever they are; extra columns are kept. A missing header goes
//   back into the blank header cell where the canonical order puts it (see planHeaders), else it
//   is appended after the last header.
// - Header notes, bold canonical headers, frozen header row, body number formats, the Status dropdown (on
//   cells without a rule) and the warning protection of generated sheets are restored. Widths are
//   given to created columns only; an owner's own widths, frozen rows or protection stay.
// - A copy of the spreadsheet (the stored spreadsheet id differs) gets a new program id.
// - The Roster is the active sheet afterwards: it is what the owner fills next.
import type { SetupResult } from '../shared/api';
import { PROGRAM_KEYS, locateSheets, parseSheetIds, resolveIdentity } from '../core/program';
import { PROMPTS, seedRows } from '../core/prompts';
import { PROGRAM_SHEETS, ROSTER, columnFormat, columnRuns, planHeaders, type SheetSpec } from '../core/schema';
import { withDocumentLock } from '../gas/lock';
import { readDocumentProperties, writeDocumentProperties } from '../gas/properties';
import {
  activateSheet,
  activeSpreadsheet,
  boldHeaderCells,
  ensureColumns,
  ensureDropdown,
  ensureWarningProtection,
  formatBody,
  freezeHeader,
  hideSheet,
  insertSheetAt,
  lastRow,
  listSheets,
  maxRows,
  readHeaderNotes,
  readHeaderRow,
  renameSheet,
  setWidths,
  spreadsheetIdOf,
  writeBodyRows,
  writeHeaderCells,
  writeHeaderNotes,
} from '../gas/sheets';
import { newUuid } from '../gas/utilities';
import { organizerAtSetUp } from './organizer';
import { stateOf } from './state';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * The sheets set-up makes: the program's, then Prompts (issue 13), seeded once when it is new. The
 * sidebar does not need Prompts to count the program as set up (state.ts): the briefs use the
 * seeded prompts when it is missing, and set-up run again brings it back.
 */
const SET_UP_SHEETS: readonly SheetSpec[] = [...PROGRAM_SHEETS, PROMPTS];

export function setUp(): SetupResult {
  return withDocumentLock(() => {
    const ss = activeSpreadsheet();
    const stored = readDocumentProperties();
    const spreadsheetId = spreadsheetIdOf(ss);
    const identity = resolveIdentity(stored, spreadsheetId, newUuid);
    const found = listSheets(ss);
    const order = found.map((s) => s.id);
    const locations = locateSheets(SET_UP_SHEETS, found, parseSheetIds(stored[PROGRAM_KEYS.sheetIds]));

    const createdSheets: string[] = [];
    const addedColumns: string[] = [];
    const repairs: Array<{ sheet: string; fixes: string[] }> = [];
    const problems: string[] = [];
    const sheetIds: Record<string, number> = {};
    const headers = new Map<string, readonly string[]>();
    let roster: Sheet | null = null;

    // Existing sheets first (renames included), then the missing ones, so a name a rename frees is free.
    for (const spec of SET_UP_SHEETS) {
      const location = locations[spec.name];
      if (location.action === 'create') continue;
      if (location.action === 'conflict') {
        problems.push(
          `The program's ${spec.name} sheet is now called "${location.from}" and another sheet is called ${spec.name}: ` +
            'rename or delete one of them, then set up again.',
        );
        continue;
      }
      const sheet = found.find((s) => s.id === location.id)!.sheet;
      sheetIds[spec.name] = location.id;
      const fixes: string[] = [];
      if (location.action === 'rename') {
        renameSheet(sheet, spec.name);
        fixes.push(`renamed "${location.from}" back to ${spec.name}`);
      }
      const { row, added, fixes: more } = repair(sheet, spec);
      headers.set(spec.name, row);
      addedColumns.push(...added);
      fixes.push(...more);
      if (fixes.length) repairs.push({ sheet: spec.name, fixes });
      if (spec === ROSTER) roster = sheet;
      if (spec === PROMPTS) seedPrompts(sheet, stored, false);
    }
    SET_UP_SHEETS.forEach((spec, k) => {
      if (locations[spec.name].action !== 'create') return;
      // Right after the program sheets before it in tab order (the Roster: first), so they stay together.
      const before = SET_UP_SHEETS.slice(0, k).map((s) => order.indexOf(sheetIds[s.name] ?? NaN));
      const at = Math.max(-1, ...before) + 1;
      const made = insertSheetAt(ss, spec.name, at);
      order.splice(at, 0, made.id);
      sheetIds[spec.name] = made.id;
      headers.set(spec.name, layOut(made.sheet, spec));
      if (spec === PROMPTS) seedPrompts(made.sheet, stored, true);
      createdSheets.push(spec.name);
      if (spec === ROSTER) roster = made.sheet;
    });
    if (roster) activateSheet(ss, roster);

    const wanted: Record<string, string> = {
      [PROGRAM_KEYS.id]: identity.programId,
      [PROGRAM_KEYS.spreadsheetId]: spreadsheetId,
      [PROGRAM_KEYS.sheetIds]: JSON.stringify({ ...parseSheetIds(stored[PROGRAM_KEYS.sheetIds]), ...sheetIds }),
      ...organizerAtSetUp(stored, identity.change), // whose calendar owns the events (app/organizer.ts)
      ...(sheetIds[PROMPTS.name] !== undefined ? { [PROMPTS_SEEDED_KEY]: '1' } : {}),
    };
    const changed = Object.fromEntries(Object.entries(wanted).filter(([k, v]) => stored[k] !== v));
    writeDocumentProperties(changed);

    const repaired = repairs.map((r) => `${r.sheet}: ${r.fixes.join('; ')}.`);
    if (identity.change === 'copy') repaired.unshift('This spreadsheet is a copy of another program, so it now has its own program id.');
    if (identity.change === 'new' && createdSheets.length === 0) repaired.unshift('The program now has its id.');

    return {
      createdSheets,
      addedColumns,
      repaired,
      problems,
      programId: identity.programId,
      message: describe(createdSheets, repairs, problems, identity.change),
      state: stateOf(ss, identity.programId, headers),
    };
  });
}

/** Document property: '1' once the Prompts sheet has had its seeded prompts (never seeded again). */
export const PROMPTS_SEEDED_KEY = 'prompts.seeded';

/**
 * The dozen prompts go into a Prompts sheet once: when set-up creates it, or when an earlier run
 * created it and stopped before seeding it (not marked seeded, no row below the header). After
 * that the prompts are the owner's, even when they delete them all.
 */
function seedPrompts(sheet: Sheet, stored: Readonly<Record<string, string>>, fresh: boolean): void {
  if (stored[PROMPTS_SEEDED_KEY] === '1') return;
  if (!fresh && lastRow(sheet) > 1) return;
  writeBodyRows(sheet, seedRows());
}

/** Lays out a sheet set-up has just created: it is empty, so nothing needs reading. Returns its header row. */
export function layOut(sheet: Sheet, spec: SheetSpec): string[] {
  const row = spec.columns.map((c) => c.header);
  ensureColumns(sheet, row.length, 0);
  setWidths(sheet, widthRuns(spec, row));
  writeHeaderCells(sheet, row, row.map((_, i) => i));
  boldHeaderCells(sheet, [{ start: 0, count: row.length }]);
  writeHeaderNotes(sheet, spec.columns.map((c) => c.note));
  const rows = maxRows(sheet);
  freezeHeader(sheet, 0);
  formatColumns(sheet, spec, rows, Object.fromEntries(row.map((h, i) => [h, i])), row, true);
  if (spec.generated) ensureWarningProtection(sheet, spec.protection ?? `${spec.name} is written by the add-on.`, true);
  if (spec.hidden) hideSheet(sheet);
  return row;
}

/** Repairs an existing sheet: headers, notes, frozen row, formats, dropdowns, protection. */
function repair(sheet: Sheet, spec: SheetSpec): { row: readonly string[]; added: string[]; fixes: string[] } {
  const fixes: string[] = [];
  const before = readHeaderRow(sheet);
  const plan = planHeaders(before, spec);
  const appendedCells = plan.appended.map((_, k) => plan.appendAt + k);
  const changedCells = [...plan.restored.map((r) => r.index), ...appendedCells];
  // Widths before headers: a run cut short after the headers would not know the columns were new.
  ensureColumns(sheet, plan.row.length, before.length);
  setWidths(sheet, widthRuns(spec, plan.row, new Set(appendedCells)));
  writeHeaderCells(sheet, plan.row, changedCells);
  // The canonical headers in bold (the owner's own columns keep their formatting).
  boldHeaderCells(sheet, columnRuns(spec.columns.map((c) => ({ index: plan.columns[c.header], key: 'bold' }))));
  if (plan.restored.length) fixes.push(`restored the ${list(plan.restored.map((r) => r.header))} header${plural(plan.restored.length)} above ${plan.restored.length > 1 ? 'their' : 'its'} data`);
  if (plan.appended.length) fixes.push(`added ${list(plan.appended)}`);

  const width = plan.row.length;
  const notes = readHeaderNotes(sheet, width);
  const wanted = notes.slice();
  for (const column of spec.columns) wanted[plan.columns[column.header]] = column.note;
  if (wanted.some((note, i) => note !== notes[i])) {
    writeHeaderNotes(sheet, wanted);
    if (changedCells.length === 0) fixes.push('filled in the header notes');
  }
  const rows = maxRows(sheet);
  if (rows > 1 && freezeHeader(sheet)) fixes.push('froze the header row'); // a 1-row sheet cannot freeze it
  const fresh = new Set(appendedCells); // restored columns hold data and may hold the owner's rules
  fixes.push(...formatColumns(sheet, spec, rows, plan.columns, plan.row, false, fresh));
  if (spec.generated && ensureWarningProtection(sheet, spec.protection ?? `${spec.name} is written by the add-on.`, false)) {
    fixes.push('protected it with a warning');
  }
  return { row: plan.row, added: [...plan.restored.map((r) => r.header), ...plan.appended], fixes };
}

/** Number formats on every canonical column's body and the dropdowns; the repairs it made. */
function formatColumns(
  sheet: Sheet,
  spec: SheetSpec,
  rows: number,
  columns: Readonly<Record<string, number>>,
  row: readonly string[],
  allFresh: boolean,
  fresh: ReadonlySet<number> = new Set(),
): string[] {
  const formats = spec.columns.flatMap((c) => {
    const key = columnFormat(c);
    return key ? [{ index: columns[c.header], key }] : [];
  });
  formatBody(sheet, rows, columnRuns(formats));
  const fixes: string[] = [];
  for (const column of spec.columns) {
    if (!column.choices) continue;
    const index = columns[column.header];
    const isFresh = allFresh || fresh.has(index);
    if (ensureDropdown(sheet, rows, index, column.choices.values, column.choices.help, isFresh) && !isFresh) {
      fixes.push(`added the ${row[index] || column.header} dropdown where it was missing`);
    }
  }
  return fixes;
}

/** Width runs for the canonical columns at `only` (all when omitted). */
function widthRuns(spec: SheetSpec, row: readonly string[], only?: ReadonlySet<number>) {
  const { columns } = planHeaders(row, spec);
  const entries = spec.columns.flatMap((c) => {
    const index = columns[c.header];
    return c.width && (!only || only.has(index)) ? [{ index, key: c.width }] : [];
  });
  return columnRuns(entries);
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

/** The sidebar's one sentence, e.g. "Set up: created Rotations; repaired Roster (added Notes)." */
function describe(
  created: readonly string[],
  repairs: ReadonlyArray<{ sheet: string; fixes: string[] }>,
  problems: readonly string[],
  identity: 'kept' | 'new' | 'copy',
): string {
  const parts: string[] = [];
  if (identity === 'copy') parts.push('this copy is a new program with its own id');
  else if (identity === 'new' && created.length === 0) parts.push('gave the program its id');
  if (created.length) parts.push(`created ${list(created)}`);
  for (const r of repairs) parts.push(`repaired ${r.sheet} (${list(r.fixes)})`);
  if (problems.length) parts.push(`left alone: ${problems.map((p) => p[0].toLowerCase() + p.slice(1).replace(/\.$/, '')).join('; ')}`);
  return parts.length ? `Set up: ${parts.join('; ')}.` : 'Already set up; nothing to change.';
}
