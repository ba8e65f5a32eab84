// The program's identity and where its sheets are, as pure decisions over what document
// properties remember and what the spreadsheet holds. PRODUCT.md "Cycles and identity": a program
// is one spreadsheet; a copy of the spreadsheet is a new program with a new id.
import { type SheetSpec } from './schema';

/** Document property keys owned by set-up (others, e.g. settings, use their own). */
export const PROGRAM_KEYS = {
  id: 'program.id',
  spreadsheetId: 'program.spreadsheetId',
  sheetIds: 'program.sheetIds',
} as const;

export interface ProgramIdentity {
  readonly programId: string;
  /** new: no id yet; copy: the id belonged to another spreadsheet, so this one got its own. */
  readonly change: 'kept' | 'new' | 'copy';
}

/**
 * Keeps the stored program id while it was made for this spreadsheet; a missing id, or one made
 * for another spreadsheet id (this is a copy), gives a new one from `newId`.
 */
export function resolveIdentity(
  stored: Readonly<Record<string, string>>,
  spreadsheetId: string,
  newId: () => string,
): ProgramIdentity {
  const id = stored[PROGRAM_KEYS.id];
  const madeFor = stored[PROGRAM_KEYS.spreadsheetId];
  if (!id) return { programId: newId(), change: 'new' };
  if (madeFor && madeFor !== spreadsheetId) return { programId: newId(), change: 'copy' };
  return { programId: id, change: 'kept' };
}

/** The program id valid for this spreadsheet, or null (not set up, or a copy not set up yet). */
export function currentProgramId(stored: Readonly<Record<string, string>>, spreadsheetId: string): string | null {
  const id = stored[PROGRAM_KEYS.id];
  const madeFor = stored[PROGRAM_KEYS.spreadsheetId];
  return id && (!madeFor || madeFor === spreadsheetId) ? id : null;
}

/** Sheet name → sheet id as stored; anything malformed is ignored (the sheets are then found by name). */
export function parseSheetIds(json: string | undefined): Record<string, number> {
  if (!json) return {};
  try {
    const parsed: unknown = JSON.parse(json);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    const out: Record<string, number> = {};
    for (const [name, id] of Object.entries(parsed)) if (Number.isInteger(id)) out[name] = id as number;
    return out;
  } catch {
    return {};
  }
}

export interface SheetInfo {
  readonly id: number;
  readonly name: string;
}

/** What set-up does to find a program sheet. */
export type SheetLocation =
  | { readonly action: 'use'; readonly id: number }
  | { readonly action: 'rename'; readonly id: number; readonly from: string }
  | { readonly action: 'create' }
  /** The remembered sheet is under another name and the canonical name is taken: touch neither. */
  | { readonly action: 'conflict'; readonly id: number; readonly from: string };

/** Sheets treats names differing only in case as the same name. */
const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Finds each program sheet: first by the sheet id remembered in document properties (so a renamed
 * sheet is still found, and renamed back when its canonical name is free), then by name (case and
 * surrounding spaces aside), else it is to be created. Ids are matched for every spec before any
 * name, so a sheet renamed to another program sheet's name still serves its own. A sheet serves
 * one spec at most. Set-up applies renames before it creates sheets.
 */
export function locateSheets(
  specs: readonly SheetSpec[],
  sheets: readonly SheetInfo[],
  storedIds: Readonly<Record<string, number>>,
): Record<string, SheetLocation> {
  const claimed = new Set<number>();
  const out: Record<string, SheetLocation> = {};
  for (const spec of specs) {
    const id = storedIds[spec.name];
    const byId = id === undefined || claimed.has(id) ? undefined : sheets.find((s) => s.id === id);
    if (!byId) continue;
    claimed.add(byId.id);
    if (byId.name === spec.name) out[spec.name] = { action: 'use', id: byId.id };
    else {
      const taken = sheets.some((s) => s !== byId && sameName(s.name, spec.name));
      out[spec.name] = taken ? { action: 'conflict', id: byId.id, from: byId.name } : { action: 'rename', id: byId.id, from: byId.name };
    }
  }
  for (const spec of specs) {
    if (out[spec.name]) continue;
    const free = sheets.filter((s) => !claimed.has(s.id));
    const byName = free.find((s) => s.name === spec.name) ?? free.find((s) => sameName(s.name, spec.name));
    if (byName) {
      claimed.add(byName.id);
      out[spec.name] = byName.name === spec.name ? { action: 'use', id: byName.id } : { action: 'rename', id: byName.id, from: byName.name };
    } else out[spec.name] = { action: 'create' };
  }
  return Object.fromEntries(specs.map((spec) => [spec.name, out[spec.name]]));
}
