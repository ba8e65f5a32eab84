// "Cancel this cycle" (issue 11): the owner cancels the latest cycle in force. Its Rotations rows
// become `cancelled`; scheduling then takes its series off the calendars (removed when no meeting
// has happened yet, ended before the next meeting when some have: app/schedule-events.ts), at the
// next booking step or hourly run. The next cycle follows as usual (switch to manual to stop).
import { UserError } from '../core/errors';
import { inForce, latestCycle, readScheduleRows, rotationColumns } from '../core/schedule';
import { withDocumentLock } from '../gas/lock';
import { readRotationsTable, writeColumn } from '../gas/rotations-sheet';
import { activeSpreadsheet, sheetNamed, spreadsheetZoneOf } from '../gas/sheets';
import { writeLog } from './log';
import { releaseConfirmed } from './release';

export interface CancelResult {
  cycle: number;
  groups: number;
  message: string;
}

/** Cancels the latest cycle in force; `input` may name it ({cycle}) so a stale sidebar cancels nothing else. */
export function cancelRotation(input?: unknown): CancelResult {
  const wanted = input && typeof input === 'object' && !Array.isArray(input) ? (input as { cycle?: unknown }).cycle : undefined;
  if (wanted !== undefined && !(typeof wanted === 'number' && Number.isSafeInteger(wanted) && wanted > 0)) {
    throw new UserError('The cycle to cancel was not understood. Reload the sidebar and try again.');
  }
  return withDocumentLock(() => {
    const ss = activeSpreadsheet();
    const sheet = sheetNamed(ss, 'Rotations');
    const table = sheet ? readRotationsTable(sheet) : [];
    const columns = table.length > 0 ? rotationColumns(table[0]) : null;
    if (!sheet || !columns) throw new UserError('There is no Rotations sheet to cancel a cycle from. Set up the spreadsheet first.');
    const rows = readScheduleRows(table, columns, spreadsheetZoneOf(ss));
    const cycle = latestCycle(rows);
    if (cycle === 0) throw new UserError('There is no cycle to cancel.');
    if (wanted !== undefined && wanted !== cycle) throw new UserError(`Cycle ${String(wanted)} is not the latest cycle in force (cycle ${cycle} is). Reload the sidebar.`);
    const cancelled = rows.filter((r) => r.cycle === cycle && inForce(r));
    const first = Math.min(...cancelled.map((r) => r.index));
    const last = Math.max(...cancelled.map((r) => r.index));
    const status = columns.Status;
    const values: string[] = [];
    for (let i = first; i <= last; i++) values.push(cancelled.some((r) => r.index === i) ? 'cancelled' : String(table[i][status] ?? ''));
    writeColumn(sheet, status + 1, first + 1, values);
    releaseConfirmed(cycle); // scheduling may now take the series off (and the tick is told)
    const message = `Cycle ${cycle} is cancelled: ${cancelled.length} group${cancelled.length === 1 ? '' : 's'}. Their future meetings are taken off the calendars at the next booking step.`;
    writeLog([{ when: new Date().toISOString(), action: `cancel cycle ${cycle}`, outcome: 'ok', detail: message }]);
    return { cycle, groups: cancelled.length, message };
  });
}
