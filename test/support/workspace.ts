// Test harness: a fresh emulated Workspace whose globals are installed as Apps Script's would be.
import { createWorkspace, installGlobals, type Workspace } from '../../src/local/emulation';
import type { EmulationOptions, WorkspaceSnapshot } from '../../src/local/emulation';

let uninstall: (() => void) | null = null;

/** A new workspace (from `snapshot` when given) with its globals installed; the previous one's are removed. */
export function useWorkspace(options: Parameters<typeof createWorkspace>[0] = {}): Workspace {
  uninstall?.();
  const ws = createWorkspace({ now: () => new Date('2026-11-23T09:00:00Z'), ...options });
  uninstall = installGlobals(ws);
  return ws;
}

afterAll(() => {
  uninstall?.();
  uninstall = null;
});

/** Runs `fn` as one Apps Script execution: it ends (locks released) whether it throws or not. */
export function execution<T>(ws: Workspace, fn: () => T): T {
  try {
    return fn();
  } finally {
    ws.endExecution();
  }
}

/** A roster of `n` people as rows (header first), written as plain text like a pasted list. */
export function rosterRows(n: number, header = ['Name', 'Email', 'Team', 'Time zone', 'Status']): string[][] {
  const rows = [header];
  for (let i = 1; i <= n; i++) {
    const row: Record<string, string> = {
      Name: `Manager ${i}`,
      Email: `m${i}@example.com`,
      Team: `Team ${i % 5}`,
      'Time zone': 'Europe/London',
      Status: i % 7 === 0 ? 'Paused' : 'Active',
    };
    rows.push(header.map((h) => row[h] ?? `extra ${i}`));
  }
  return rows;
}

/** Writes rows into a new sheet `name` as text. */
export function writeSheet(ws: Workspace, name: string, rows: string[][]) {
  const ss = ws.globals.SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheetByName(name) ?? ss.insertSheet(name);
  const width = Math.max(...rows.map((r) => r.length));
  if (rows.length > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), rows.length - sheet.getMaxRows());
  const range = sheet.getRange(1, 1, rows.length, width);
  range.setNumberFormat('@');
  range.setValues(rows.map((r) => [...r, ...Array(width - r.length).fill('')]));
  ws.ledger.reset();
  return sheet;
}
