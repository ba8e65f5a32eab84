// What the host page draws (GET /api/workbook): the active sheet as a grid (display values, kinds,
// styles, notes, frozen rows, widths), the tabs, the add-on's menus, the open sidebar, alerts and
// toasts, and whatever the server adds (the last call, the form link, the clock). Read untracked:
// the page looking at the spreadsheet is not the add-on's service calls.
import type { Workspace } from '../emulation';
import type { MenuEntry } from '../emulation/ui';
import { isDate, type MenuItemView, type WorkbookView } from './transport';

/** The emulation's menu entries as JSON-safe views (sub-menus nest). */
export function menuItems(items: readonly MenuEntry[]): MenuItemView[] {
  return items.map((item): MenuItemView => {
    if ('separator' in item) return { separator: true };
    if ('submenu' in item) return { caption: item.submenu.title, items: menuItems(item.submenu.items) };
    return { caption: item.caption, functionName: item.functionName };
  });
}

/** Every function a menu item runs, sub-menus included. */
export function menuFunctions(items: readonly MenuItemView[]): string[] {
  return items.flatMap((i) => ('functionName' in i ? [i.functionName] : 'items' in i ? menuFunctions(i.items) : []));
}

function cellKind(value: unknown): string {
  if (typeof value === 'number') return 'n';
  if (typeof value === 'boolean') return 'b';
  if (isDate(value)) return 'd';
  return 's';
}

/** The parts of the view the server keeps itself. */
export type ServerParts = Pick<WorkbookView, 'lastCall' | 'feedbackForm' | 'clock'> & { sidebarVersion: number };

export function workbookView(ws: Workspace, parts: ServerParts): WorkbookView {
  return ws.ledger.untracked(() => {
    const ss = ws.spreadsheet;
    const sheets = ss.getSheets().filter((s) => !s.isSheetHidden());
    const current = ss.getActiveSheet();
    const sheet = sheets.includes(current) ? current : sheets[0];
    const range = sheet.getDataRange();
    const display = range.getDisplayValues();
    const empty = display.length === 1 && display[0].length === 1 && display[0][0] === '';
    const dataRows = empty ? 0 : display.length;
    const dataColumns = empty ? 0 : display[0].length;
    // Like Sheets: the whole width of the sheet, and rows well past the data to type into.
    const rows = Math.min(sheet.getMaxRows(), Math.max(dataRows + 50, 100));
    const columns = Math.min(sheet.getMaxColumns(), Math.max(dataColumns + 2, 26));
    const styles = range.peekStyles();
    const picked = ss.getActiveRange();
    const selection =
      picked && picked.getSheet().getName() === sheet.getName()
        ? { row: picked.getRow(), column: picked.getColumn(), rows: picked.getNumRows(), columns: picked.getNumColumns() }
        : { row: 1, column: 1, rows: 1, columns: 1 };
    return {
      name: ss.getName(),
      timeZone: ss.getSpreadsheetTimeZone(),
      sheets: sheets.map((s) => ({ name: s.getName() })),
      active: sheet.getName(),
      selection,
      grid: {
        rows,
        columns,
        frozenRows: sheet.getFrozenRows(),
        frozenColumns: sheet.getFrozenColumns(),
        widths: Array.from({ length: columns }, (_, i) => sheet.getColumnWidth(i + 1)),
        display,
        kinds: range.getValues().map((row) => row.map(cellKind)),
        styles: styles.map((row) => row.map((st) => ({ bold: st.fontWeight === 'bold', align: st.align ?? '', background: st.background ?? '' }))),
        notes: range.getNotes(),
      },
      menus: ws.ui.menus.map((m) => ({ title: m.title, addon: m.addon, items: menuItems(m.items) })),
      sidebar: ws.ui.sidebar ? { title: ws.ui.sidebar.title, version: parts.sidebarVersion } : null,
      alerts: ws.ui.alerts.map((a) => (a.title ? `${a.title}: ${a.prompt}` : a.prompt)),
      toasts: ws.spreadsheet.toasts.map((t) => (t.title ? `${t.title}: ${t.message}` : t.message)),
      lastCall: parts.lastCall,
      feedbackForm: parts.feedbackForm,
      clock: parts.clock,
    };
  });
}
