// "Set up this spreadsheet": creates the Roster sheet, or repairs it without moving anyone's data.
import type { SetupResult } from '../shared/api';
import { ROSTER, appendPosition, matchHeaders } from '../core/schema';
import { withDocumentLock } from '../gas/lock';
import { activeSpreadsheet, formatSheet, readHeaderRow, writeHeaders } from '../gas/sheets';
import { getState } from './state';

export function setUp(): SetupResult {
  const { createdSheets, addedColumns } = withDocumentLock(() => {
    const ss = activeSpreadsheet();
    const created: string[] = [];
    let sheet = ss.getSheetByName(ROSTER.name);
    if (!sheet) {
      sheet = ss.insertSheet(ROSTER.name, 0);
      created.push(ROSTER.name);
    }
    const header = readHeaderRow(sheet);
    const { missing } = matchHeaders(header, ROSTER);
    const at = appendPosition(header);
    writeHeaders(sheet, at, missing);
    const columns = { ...matchHeaders(header, ROSTER).columns };
    missing.forEach((h, i) => (columns[h] = at + i));
    formatSheet(sheet, ROSTER, columns);
    return { createdSheets: created, addedColumns: created.length ? [] : missing.slice() };
  });
  return { createdSheets, addedColumns, message: describe(createdSheets, addedColumns), state: getState() };
}

function describe(created: string[], added: string[]): string {
  if (created.length) return `${created.join(', ')} sheet created with its headers.`;
  if (added.length) return `Roster repaired: added ${added.join(', ')}.`;
  return 'Roster already set up; nothing to change.';
}
