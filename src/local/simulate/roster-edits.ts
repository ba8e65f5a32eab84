// The owner's sheet edits in a simulation: writing the roster on day one, a status or an Away
// cell changed (the optional Away column added first when the Roster lacks it), a person added or
// deleted. They always land (a person typing, not the add-on): the ledger does
// not count them and faults do not reach them.
import { normaliseEmail } from '../../core/people';
import { normaliseHeader } from '../../core/schema';
import type { Workspace } from '../emulation';

export function rosterSheet(ws: Workspace) {
  return ws.ledger.untracked(() => ws.spreadsheet.getSheetByName('Roster'));
}

export function rosterEmails(table: string[][]): Array<{ email: string }> {
  const header = (table[0] ?? []).map(normaliseHeader);
  const col = header.indexOf(normaliseHeader('Email'));
  if (col < 0) return [];
  return table.slice(1).map((r) => ({ email: normaliseEmail(r[col] ?? '') })).filter((p) => p.email !== '');
}

/** The roster's rows under the sheet's own header, matched by header name; other columns dropped. */
export function writeRoster(ws: Workspace, table: string[][]): void {
  const sheet = rosterSheet(ws);
  if (!sheet || table.length < 2) return;
  ws.ledger.untracked(() => {
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(normaliseHeader);
    const from = (table[0] ?? []).map(normaliseHeader);
    const rows = table.slice(1).filter((r) => r.some((c) => String(c).trim() !== ''));
    const values = rows.map((r) => header.map((h) => {
      const i = from.indexOf(h);
      return i >= 0 ? r[i] ?? '' : '';
    }));
    if (values.length > 0) sheet.getRange(sheet.getLastRow() + 1, 1, values.length, header.length).setValues(values);
  });
}

export function rosterRowOf(ws: Workspace, email: string): { row: number; header: string[] } | null {
  const sheet = rosterSheet(ws);
  if (!sheet) return null;
  return ws.ledger.untracked(() => {
    const table = sheet.getDataRange().getValues();
    const header = table[0].map(normaliseHeader);
    const col = header.indexOf(normaliseHeader('Email'));
    const want = normaliseEmail(email);
    for (let r = 1; r < table.length; r++) if (normaliseEmail(table[r][col]) === want) return { row: r + 1, header };
    return null;
  });
}

export function setRosterCell(ws: Workspace, email: string, column: string, value: string): void {
  const found = rosterRowOf(ws, email);
  const sheet = rosterSheet(ws);
  if (!found || !sheet) return;
  const col = found.header.indexOf(normaliseHeader(column));
  if (col < 0) return;
  ws.ledger.untracked(() => sheet.getRange(found.row, col + 1).setValue(value));
}

/**
 * Types `away` into the person's Away cell, adding the column (header "Away", plain text, as the
 * owner would add it) when the Roster lacks one. False when the email is not on the Roster.
 */
export function setAwayCell(ws: Workspace, email: string, away: string): boolean {
  const sheet = rosterSheet(ws);
  const found = rosterRowOf(ws, email);
  if (!sheet || !found) return false;
  if (!found.header.includes(normaliseHeader('Away'))) {
    ws.ledger.untracked(() => {
      const col = sheet.getLastColumn() + 1;
      if (col > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), 1);
      sheet.getRange(1, col, sheet.getMaxRows(), 1).setNumberFormat('@');
      sheet.getRange(1, col).setValue('Away');
    });
  }
  setRosterCell(ws, email, 'Away', away);
  return true;
}

export function addRosterRow(ws: Workspace, e: { name: string; email: string; team?: string; zone?: string; avoid?: string; hours?: string }): void {
  const sheet = rosterSheet(ws);
  if (!sheet) return;
  const byHeader: Record<string, string> = {
    [normaliseHeader('Name')]: e.name,
    [normaliseHeader('Email')]: e.email,
    [normaliseHeader('Team')]: e.team ?? '',
    [normaliseHeader('Time zone')]: e.zone ?? '',
    [normaliseHeader('Status')]: 'Active',
    [normaliseHeader('Avoid pairing with')]: e.avoid ?? '',
    [normaliseHeader('Working hours')]: e.hours ?? '',
  };
  ws.ledger.untracked(() => {
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(normaliseHeader);
    sheet.appendRow(header.map((h) => byHeader[h] ?? ''));
  });
}

export function deleteRosterRow(ws: Workspace, email: string): void {
  const found = rosterRowOf(ws, email);
  const sheet = rosterSheet(ws);
  if (found && sheet) ws.ledger.untracked(() => sheet.deleteRow(found.row));
}

