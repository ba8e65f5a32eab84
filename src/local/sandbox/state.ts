// The sandbox's state between runs: the workspace's snapshot and the simulated clock, in one JSON
// file (`.sandbox/state.json`), written whole through a temporary file; and the sample a fresh
// sandbox starts from (the Roster sheet, everyone's calendar). Node only.
import * as path from 'node:path';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Workspace, WorkspaceSnapshot } from '../emulation';
import { sampleCalendars } from '../sample/calendar';
import { SAMPLE_ROSTER_SHEET, sampleRosterTable } from '../sample/roster';

/** The state file: the workspace, and the clock (absent in states saved before the sandbox had one). */
export type SandboxState = WorkspaceSnapshot & { clock?: string };

export function readState(statePath: string): SandboxState {
  let state: SandboxState;
  try {
    state = JSON.parse(readFileSync(statePath, 'utf8')) as SandboxState;
  } catch (error) {
    throw new Error(`Cannot read the sandbox state ${statePath}: ${(error as Error).message}. Start with --reset to begin from the sample again.`);
  }
  if (state?.version !== 1) {
    throw new Error(`${statePath} is not a sandbox state (version ${String(state?.version)}). Start with --reset to begin from the sample again.`);
  }
  if (state.clock !== undefined && !Number.isFinite(Date.parse(state.clock))) {
    throw new Error(`${statePath}: its clock ${JSON.stringify(String(state.clock)).slice(0, 40)} is not a date. Start with --reset to begin from the sample again.`);
  }
  return state;
}

export function saveState(ws: Workspace, clock: Date, statePath: string): void {
  mkdirSync(path.dirname(statePath), { recursive: true });
  const temp = `${statePath}.${process.pid}.tmp`;
  const state: SandboxState = { ...ws.snapshot(), clock: clock.toISOString() };
  writeFileSync(temp, `${JSON.stringify(state, null, 1)}\n`);
  renameSync(temp, statePath);
}

/** Writes the sample spreadsheet: the Roster sheet, every cell plain text ('@'), nothing converted. */
export function seedSample(ws: Workspace): void {
  ws.ledger.untracked(() => {
    const ss = ws.spreadsheet;
    const table = sampleRosterTable();
    const [first] = ss.getSheets();
    const sheet = first ? first.setName(SAMPLE_ROSTER_SHEET) : ss.insertSheet(SAMPLE_ROSTER_SHEET);
    if (table.length > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), table.length - sheet.getMaxRows());
    const range = sheet.getRange(1, 1, table.length, table[0].length);
    range.setNumberFormat('@');
    range.setValues(table);
  });
  seedCalendars(ws);
}

/**
 * Gives every sample person a calendar with their other meetings (busy blocks around the next
 * cycles, from the sandbox's clock), one of them answering notFound to free/busy (sample/calendar.ts).
 */
export function seedCalendars(ws: Workspace): void {
  for (const person of sampleCalendars(ws.ctx.now())) {
    ws.calendar.addPerson(person.email, { busy: person.busy, error: person.error });
  }
}
