// The sandbox's host page: a spreadsheet window around the emulated spreadsheet. It draws the
// active sheet, lets a person edit cells (written through the emulation as a user edit), shows
// the add-on's menu under Extensions and its sidebar in a 300px panel, and refreshes after every
// server call. Every string from the sheet or the add-on is set as text, never as HTML. The menus
// are in menus.mts, the simulated clock and its buttons in clock.mts, shared helpers in kit.mts.
import {
  SANDBOX_CHANNEL,
  SANDBOX_MESSAGE_SOURCE,
  type ActionResponse,
  type CallReport,
  type HostMessage,
  type WorkbookView,
} from '../transport';
import { $, el, post, toast } from './kit.mjs';
import { drawMenubar, initMenus } from './menus.mjs';
import { drawClock, drawMoveStatus, initClock } from './clock.mjs';

const title = $('doc-title');
const cellRef = $('cell-ref');
const formula = $<HTMLInputElement>('formula');
const gridWrap = $('grid-wrap');
const grid = $<HTMLTableElement>('grid');
const sidebar = $('sidebar');
const sidebarTitle = $('sidebar-title');
const sidebarClose = $<HTMLButtonElement>('sidebar-close');
const frame = $<HTMLIFrameElement>('sidebar-frame');
const tabs = $('tabs');
const status = $('status');
const formLink = $<HTMLAnchorElement>('open-form');

let wb: WorkbookView | null = null;
let selected = { row: 1, col: 1 };
let editing: { row: number; col: number; input: HTMLInputElement; done: boolean } | null = null;
let refreshPending = false;
let refreshes = 0;
let shownSidebar = 0; // version of the sidebar the panel shows (or was closed on)
let seen: { alerts: number; toasts: number } | null = null; // notices shown so far

function columnName(col: number): string {
  let name = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

// ---- Loading and drawing ------------------------------------------------------------------

async function refresh(): Promise<void> {
  if (editing) {
    refreshPending = true;
    return;
  }
  const ticket = ++refreshes;
  const response = await fetch('/api/workbook', { cache: 'no-store' });
  const next = (await response.json()) as WorkbookView;
  if (ticket !== refreshes) return; // a later refresh is on its way; draw that one
  const sheetChanged = wb !== null && wb.active !== next.active;
  const picked = JSON.stringify(next.selection);
  const selectionChanged = wb !== null && JSON.stringify(wb.selection) !== picked;
  wb = next;
  if (sheetChanged) selected = { row: 1, col: 1 };
  // The add-on moved the selection (e.g. the sidebar's roster check selects a row): follow it.
  if (selectionChanged) selected = { row: next.selection.row, col: next.selection.column };
  draw();
}

function draw(): void {
  if (!wb) return;
  document.title = `${wb.name} — Peer coaching sandbox`;
  title.textContent = wb.name;
  drawMenubar(wb.menus);
  drawGrid();
  drawTabs();
  drawClock(wb.clock);
  if (!drawMoveStatus(wb.clock.lastMove)) drawStatus(wb.lastCall);
  drawFormLink();
  syncSidebar();
  showNewAlerts();
  document.body.dataset.ready = 'true';
}

/** The feedback form's page, once the add-on has made the form. */
function drawFormLink(): void {
  const form = wb?.feedbackForm;
  formLink.hidden = !form;
  if (form) {
    formLink.href = form.url;
    formLink.title = form.title;
  }
}

function drawTabs(): void {
  if (!wb) return;
  tabs.replaceChildren(
    ...wb.sheets.map((sheet) => {
      const tab = el('button', 'tab', sheet.name);
      tab.type = 'button';
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-selected', String(sheet.name === wb!.active));
      tab.addEventListener('click', () => void selectSheet(sheet.name));
      return tab;
    }),
  );
}

function drawStatus(report: CallReport | null): void {
  if (!report) {
    status.textContent = 'no server call yet';
    status.removeAttribute('title');
    return;
  }
  const calls = `${report.serviceCalls} service call${report.serviceCalls === 1 ? '' : 's'}`;
  const outcome = report.ok ? '' : ' failed';
  status.replaceChildren(
    document.createTextNode('last call: '),
    el('span', report.ok ? '' : 'bad', `${report.name}${outcome}`),
    document.createTextNode(` · ${calls} · ${report.ms} ms`),
  );
  status.title = Object.entries(report.byKind)
    .map(([kind, n]) => `${kind} × ${n}`)
    .join('\n');
}

const measure = document.createElement('canvas').getContext('2d');

/**
 * The sheet's column widths, widened (up to 320px) so text shows whole: cells here never
 * overflow into their neighbours as they do in Sheets.
 */
function cellWidths(g: WorkbookView['grid']): number[] {
  const style = getComputedStyle(grid);
  const font = `${style.fontSize} ${style.fontFamily}`;
  return g.widths.map((width, c) => {
    let widest = 0;
    g.display.forEach((row, r) => {
      const text = row[c] ?? '';
      if (!text || !measure) return;
      measure.font = g.styles[r]?.[c]?.bold ? `bold ${font}` : font;
      widest = Math.max(widest, measure.measureText(text).width + (g.notes[r]?.[c] ? 18 : 12));
    });
    return Math.round(Math.max(width, Math.min(320, widest)));
  });
}

function drawGrid(): void {
  if (!wb) return;
  const g = wb.grid;
  const widths = cellWidths(g);
  const colgroup = el('colgroup');
  const corner = el('col');
  corner.style.width = '46px';
  colgroup.append(corner, ...widths.map((w) => {
    const col = el('col');
    col.style.width = `${w}px`;
    return col;
  }));
  const head = el('thead');
  const headRow = el('tr');
  headRow.append(el('th', 'corner'));
  for (let c = 1; c <= g.columns; c++) {
    const th = el('th', c === selected.col ? 'hl' : '', columnName(c));
    th.scope = 'col';
    headRow.append(th);
  }
  head.append(headRow);
  const body = el('tbody');
  for (let r = 1; r <= g.rows; r++) {
    const tr = el('tr');
    if (r <= g.frozenRows) tr.className = r === g.frozenRows ? 'frozen frozen-last' : 'frozen';
    const th = el('th', r === selected.row ? 'hl' : '', String(r));
    th.scope = 'row';
    tr.append(th);
    for (let c = 1; c <= g.columns; c++) {
      const text = g.display[r - 1]?.[c - 1] ?? '';
      const classes = [g.kinds[r - 1]?.[c - 1] ?? 's'];
      const style = g.styles[r - 1]?.[c - 1];
      if (style?.bold) classes.push('bold');
      if (style?.align === 'left' || style?.align === 'center' || style?.align === 'right') classes.push(`align-${style.align}`);
      const note = g.notes[r - 1]?.[c - 1] ?? '';
      if (note) classes.push('note');
      if (r === selected.row && c === selected.col) classes.push('selected');
      const sel = wb!.selection;
      if (r >= sel.row && r < sel.row + sel.rows && c >= sel.column && c < sel.column + sel.columns && sel.rows * sel.columns > 1) classes.push('in-range');
      const td = el('td', classes.join(' '), text);
      td.dataset.row = String(r);
      td.dataset.col = String(c);
      if (note) td.title = note;
      if (style?.background) td.style.background = style.background;
      tr.append(td);
    }
    body.append(tr);
  }
  grid.style.width = `${46 + widths.reduce((a, b) => a + b, 0)}px`;
  grid.replaceChildren(colgroup, head, body);
  // Frozen rows stick under the column letters, each at the height of the rows above it.
  let top = headRow.getBoundingClientRect().height;
  for (const tr of Array.from(body.querySelectorAll<HTMLTableRowElement>('tr.frozen'))) {
    for (const cell of Array.from(tr.children) as HTMLElement[]) cell.style.top = `${top}px`;
    top += tr.getBoundingClientRect().height;
  }
  showSelection();
}

function cellText(row: number, col: number): string {
  return wb?.grid.display[row - 1]?.[col - 1] ?? '';
}

function cellAt(row: number, col: number): HTMLTableCellElement | null {
  return grid.querySelector<HTMLTableCellElement>(`td[data-row="${row}"][data-col="${col}"]`);
}

function showSelection(): void {
  cellRef.textContent = `${columnName(selected.col)}${selected.row}`;
  if (document.activeElement !== formula) formula.value = cellText(selected.row, selected.col);
}

function select(row: number, col: number, scroll = true): void {
  if (!wb) return;
  const g = wb.grid;
  row = Math.min(Math.max(row, 1), g.rows);
  col = Math.min(Math.max(col, 1), g.columns);
  cellAt(selected.row, selected.col)?.classList.remove('selected');
  grid.querySelector(`thead th:nth-child(${selected.col + 1})`)?.classList.remove('hl');
  grid.querySelector(`tbody tr:nth-child(${selected.row}) th`)?.classList.remove('hl');
  selected = { row, col };
  const cell = cellAt(row, col);
  cell?.classList.add('selected');
  grid.querySelector(`thead th:nth-child(${col + 1})`)?.classList.add('hl');
  grid.querySelector(`tbody tr:nth-child(${row}) th`)?.classList.add('hl');
  if (scroll) cell?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  showSelection();
}

// ---- Editing: a person typing into a cell (Range.setValue, with Sheets' conversions) -------

function startEditing(initial?: string): void {
  const cell = cellAt(selected.row, selected.col);
  if (!cell || editing) return;
  const input = el('input');
  input.value = initial ?? cellText(selected.row, selected.col);
  input.setAttribute('aria-label', `Edit ${columnName(selected.col)}${selected.row}`);
  cell.classList.add('editing');
  cell.replaceChildren(input);
  editing = { row: selected.row, col: selected.col, input, done: false };
  input.focus();
  input.setSelectionRange(input.value.length, input.value.length);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void finishEditing(true, 1, 0);
    } else if (event.key === 'Tab') {
      event.preventDefault();
      void finishEditing(true, 0, event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      void finishEditing(false, 0, 0);
    }
  });
  input.addEventListener('input', () => (formula.value = input.value));
  input.addEventListener('blur', () => void finishEditing(true, 0, 0, false));
}

async function finishEditing(save: boolean, down: number, right: number, focusGrid = true): Promise<void> {
  const current = editing;
  if (!current || current.done) return;
  current.done = true;
  const value = current.input.value;
  const changed = value !== cellText(current.row, current.col);
  editing = null;
  if (save && changed) await writeCell(current.row, current.col, value);
  else draw();
  if (down || right) select(current.row + down, current.col + right);
  if (focusGrid) gridWrap.focus({ preventScroll: true });
  if (refreshPending) {
    refreshPending = false;
    await refresh();
  }
}

async function writeCell(row: number, col: number, value: string): Promise<void> {
  if (!wb) return;
  const result = await post<ActionResponse>('/api/edit', { sheet: wb.active, row, column: col, value });
  if (!result.ok) toast(result.error.message, 'error');
  editing = null;
  await refresh();
}

gridWrap.addEventListener('mousedown', (event) => {
  const cell = (event.target as HTMLElement).closest<HTMLTableCellElement>('td[data-row]');
  if (!cell || cell.classList.contains('editing')) return;
  select(Number(cell.dataset.row), Number(cell.dataset.col), false);
});
gridWrap.addEventListener('dblclick', (event) => {
  const cell = (event.target as HTMLElement).closest<HTMLTableCellElement>('td[data-row]');
  if (!cell || cell.classList.contains('editing')) return;
  startEditing();
});
gridWrap.addEventListener('keydown', (event) => {
  if (editing || event.target !== gridWrap) return;
  const moves: Record<string, [number, number]> = {
    ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], Tab: [0, event.shiftKey ? -1 : 1],
  };
  const move = moves[event.key];
  if (move) {
    event.preventDefault();
    select(selected.row + move[0], selected.col + move[1]);
  } else if (event.key === 'Enter' || event.key === 'F2') {
    event.preventDefault();
    startEditing();
  } else if (event.key === 'Delete' || event.key === 'Backspace') {
    event.preventDefault();
    if (cellText(selected.row, selected.col) !== '') void writeCell(selected.row, selected.col, '');
  } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    startEditing(event.key);
  }
});
formula.addEventListener('keydown', (event) => {
  if (event.key === 'Enter') {
    event.preventDefault();
    const { row, col } = selected;
    if (formula.value !== cellText(row, col)) void writeCell(row, col, formula.value).then(() => select(row + 1, col));
    else select(row + 1, col);
    gridWrap.focus({ preventScroll: true });
  } else if (event.key === 'Escape') {
    formula.value = cellText(selected.row, selected.col);
    gridWrap.focus({ preventScroll: true });
  }
});

async function selectSheet(name: string): Promise<void> {
  if (!wb || name === wb.active) return;
  await post<ActionResponse>('/api/select', { sheet: name });
  await refresh();
}

// ---- Sidebar panel -------------------------------------------------------------------------

function syncSidebar(): void {
  const open = wb?.sidebar;
  if (!open || open.version === shownSidebar) return;
  shownSidebar = open.version;
  sidebarTitle.textContent = open.title;
  frame.src = `/sidebar?v=${open.version}`;
  sidebar.hidden = false;
}

function closeSidebar(): void {
  sidebar.hidden = true;
  frame.src = 'about:blank';
  gridWrap.focus({ preventScroll: true });
  void post<ActionResponse>('/api/close-sidebar', {});
}

sidebarClose.addEventListener('click', closeSidebar);

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  if (event.origin !== location.origin || event.source !== frame.contentWindow) return;
  const message = event.data;
  if (!message || message.source !== SANDBOX_MESSAGE_SOURCE) return;
  if (message.type === 'close') closeSidebar();
  else if (message.type === 'focus') gridWrap.focus({ preventScroll: true });
  else if (message.type === 'called') void refresh();
  else if (message.type === 'open' && /^\/forms\/d\/e\/[A-Za-z0-9_-]+\/viewform(\?[^\s<>"]*)?$/.test(message.path)) window.open(message.path, '_blank', 'noopener');
});

/** Alerts and toasts the add-on showed since the last refresh (not those from before this page). */
function showNewAlerts(): void {
  if (!wb) return;
  if (seen) {
    for (const text of wb.alerts.slice(seen.alerts)) toast(text);
    for (const text of wb.toasts.slice(seen.toasts)) toast(text);
  }
  seen = { alerts: wb.alerts.length, toasts: wb.toasts.length };
}

// The sheet can change from another window: a form submitted in the sandbox's form page runs the
// add-on's trigger. That page says so on a BroadcastChannel; coming back to this tab also redraws.
if (typeof BroadcastChannel === 'function') {
  new BroadcastChannel(SANDBOX_CHANNEL).addEventListener('message', () => void refresh());
}
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void refresh();
});

/**
 * This page load is one visit: the spreadsheet is opened once for it (the server runs onOpen),
 * then drawn. A page shown inside a frame is not a person opening the spreadsheet.
 */
function visitId(): string {
  const random = globalThis.crypto?.randomUUID?.();
  return random ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

initMenus(() => wb?.menus ?? [], refresh);
initClock(refresh);

async function start(): Promise<void> {
  if (window.top === window) {
    const opened = await post<ActionResponse>('/api/open', { visit: visitId() });
    if (!opened.ok) toast(`${opened.error.name}: ${opened.error.message}`, 'error');
  }
  await refresh();
  gridWrap.focus({ preventScroll: true });
}

void start();
