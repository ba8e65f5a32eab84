// The local sandbox: the real build/Code.js and build/Sidebar.html running against the in-memory
// Workspace emulation, served on 127.0.0.1 to a browser page that looks like a spreadsheet.
//
//   GET  /              the host page (grid, tabs, Extensions menu, sidebar panel, status line);
//                       serving it runs nothing (see POST /api/open)
//   GET  /host.js, /host.css   its script and styles (bundled by esbuild in memory at start)
//   GET  /sidebar       the HtmlOutput the add-on last showed, with the google.script bridge
//                       injected as the first thing in <head>
//   GET  /api/workbook  what the host page draws (WorkbookView)
//   POST /api/open      the host page's script, once per page load: {visit} → ActionResponse. A
//                       new visit opens the spreadsheet: Ui reset, onOpen in AuthMode.NONE; a visit
//                       already opened is a no-op
//   POST /api/run       google.script.run: {name, args} → RunResponse
//   POST /api/menu      a menu item was clicked: {functionName}
//   POST /api/edit      a person typed into a cell: {sheet, row, column, value}
//   POST /api/select    a sheet tab was clicked: {sheet}
//   POST /api/close-sidebar  the sidebar panel was closed (its X, or google.script.host.close())
//
// The people's side of the program, outside the spreadsheet (pages.ts):
//   GET  /calendar      every person's emulated calendar: the series on it, in their time zone,
//                       the Meet link (or pending), the guests, the invitations sent, .ics links
//   GET  /api/calendar  what that page draws (CalendarView)
//   GET  /ics/all.ics, /ics/<group>.ics   the latest confirmed cycle as iCalendar (attachment)
//   GET  /form          the program's feedback form (redirects to its page), when it exists
//   GET  /forms/d/e/<published id>/viewform   the form page, at the path of Google's own link, so
//                       a prefilled link (?usp=pp_url&entry.<item id>=…) opens it prefilled
//   GET  /api/forms/<published id>             what the form page draws (FormView)
//   POST /api/forms/<published id>/respond     a person submits: the response is stored (FakeFormApp
//                       .respond), then each installed form-submit trigger runs as its own execution
//                       with the Sheets form-submit event, as Google runs it
//
// Every add-on call is one Apps Script execution: a fresh node:vm realm over the same workspace,
// the ledger reset before it (so the status line shows what that call cost), the execution ended
// after it, and the workspace saved to the state file. The page's own reads and a person's edits
// are not the add-on's service calls: they run with the ledger switched off.
import * as http from 'node:http';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { bundleClient, injectIntoHead, inlineJson } from './assets';
import { FORM_PAGE, HttpError, NO_FORM_PAGE, decodeSegment, parseSubmission, readJson, send, sendJson } from './http';
import type { AddressInfo } from 'node:net';
import { createWorkspace, type Workspace, type WorkspaceSnapshot } from '../emulation';
import type { MenuEntry } from '../emulation/ui';
import type { SheetsFormSubmitEvent } from '../emulation/forms';
import type { Realm } from '../emulation/spreadsheet';
import { loadBundle, type BundleRealm } from '../runtime';
import { sampleCalendars } from '../sample/calendar';
import { calendarView, formByPublishedId, formPath, formView, icsFile, programForm } from './pages';
import {
  SAMPLE_ROSTER_SHEET,
  SAMPLE_SPREADSHEET_NAME,
  SAMPLE_TIME_ZONE,
  sampleRosterTable,
} from '../sample/roster';
import {
  isCallableName,
  isDate,
  parseRunRequest,
  toClientError,
  toClientValue,
  type ActionResponse,
  type CallReport,
  type FormSubmitResponse,
  type MenuItemView,
  type TriggerRun,
  type RunResponse,
  type WireValue,
  type WorkbookView,
} from './transport';

export { injectIntoHead };

export interface SandboxOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one (tests). Default 8080. */
  port?: number;
  /** Where the workspace is saved after every call and edit. Default `.sandbox/state.json`. */
  statePath?: string;
  /** Where build/Code.js and build/Sidebar.html are. Default `build`. */
  buildDir?: string;
  /** Start from the sample even when the state file exists. */
  reset?: boolean;
  /** Where the sandbox reports what happens (script logs, failures). Default: nowhere. */
  log?: (line: string) => void;
}

export interface Sandbox {
  /** `http://127.0.0.1:PORT/` */
  readonly url: string;
  close(): Promise<void>;
  /** The live workspace (tests inspect it). */
  workspace(): Workspace;
  /** Every Apps Script execution since start (the latest 1,000), oldest first: tests count them. */
  executions(): CallReport[];
}

/** How many visits the sandbox remembers (a retried /api/open of one of them is not a new opening). */
const VISITS_KEPT = 100;
const EXECUTIONS_KEPT = 1000;

/** Runs `fn` without recording service calls: the page's reads and a person's edits are not the add-on's. */
function untracked<T>(ws: Workspace, fn: () => T): T {
  return ws.ledger.untracked(fn);
}

/** Writes the sample spreadsheet: the Roster sheet, every cell plain text ('@'), nothing converted. */
function seedSample(ws: Workspace): void {
  untracked(ws, () => {
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
function seedCalendars(ws: Workspace): void {
  for (const person of sampleCalendars(ws.ctx.now())) {
    ws.calendar.addPerson(person.email, { busy: person.busy, error: person.error });
  }
}

function readSnapshot(statePath: string): WorkspaceSnapshot {
  let snapshot: WorkspaceSnapshot;
  try {
    snapshot = JSON.parse(readFileSync(statePath, 'utf8')) as WorkspaceSnapshot;
  } catch (error) {
    throw new Error(`Cannot read the sandbox state ${statePath}: ${(error as Error).message}. Start with --reset to begin from the sample again.`);
  }
  if (snapshot?.version !== 1) {
    throw new Error(`${statePath} is not a sandbox state (version ${String(snapshot?.version)}). Start with --reset to begin from the sample again.`);
  }
  return snapshot;
}

function saveSnapshot(ws: Workspace, statePath: string): void {
  mkdirSync(path.dirname(statePath), { recursive: true });
  const temp = `${statePath}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(ws.snapshot(), null, 1)}\n`);
  renameSync(temp, statePath);
}

/** The emulation's menu entries as JSON-safe views (sub-menus nest). */
function menuItems(items: readonly MenuEntry[]): MenuItemView[] {
  return items.map((item): MenuItemView => {
    if ('separator' in item) return { separator: true };
    if ('submenu' in item) return { caption: item.submenu.title, items: menuItems(item.submenu.items) };
    return { caption: item.caption, functionName: item.functionName };
  });
}

function menuFunctions(items: readonly MenuItemView[]): string[] {
  return items.flatMap((i) => ('functionName' in i ? [i.functionName] : 'items' in i ? menuFunctions(i.items) : []));
}


function cellKind(value: unknown): string {
  if (typeof value === 'number') return 'n';
  if (typeof value === 'boolean') return 'b';
  if (isDate(value)) return 'd';
  return 's';
}


export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const port = options.port ?? 8080;
  const statePath = path.resolve(options.statePath ?? '.sandbox/state.json');
  const buildDir = path.resolve(options.buildDir ?? 'build');
  const log = options.log ?? (() => {});
  const codePath = path.join(buildDir, 'Code.js');
  if (!existsSync(codePath) || !existsSync(path.join(buildDir, 'Sidebar.html'))) {
    throw new Error(`${codePath} or Sidebar.html is missing: run "npm run build" first.`);
  }

  const assets = await bundleClient();

  // The bundle is re-read when it changes, so `npm run build` in another terminal takes effect
  // on the next call (a reload of the page picks up a new Sidebar.html through the menu).
  let code = '';
  let codeStamp = -1;
  const bundleCode = (): string => {
    const stamp = statSync(codePath).mtimeMs;
    if (stamp !== codeStamp) {
      code = readFileSync(codePath, 'utf8');
      codeStamp = stamp;
    }
    return code;
  };

  const fromState = !options.reset && existsSync(statePath);
  const snapshot = fromState ? readSnapshot(statePath) : null;
  const ws = snapshot
    ? createWorkspace({ snapshot, htmlDir: buildDir, timeZone: SAMPLE_TIME_ZONE })
    : createWorkspace({ spreadsheetName: SAMPLE_SPREADSHEET_NAME, timeZone: SAMPLE_TIME_ZONE, htmlDir: buildDir });
  if (!snapshot) seedSample(ws);
  // A state saved before calendars were emulated: the sample people get theirs now.
  else if ((snapshot.calendar?.people.length ?? 0) === 0) seedCalendars(ws);
  ws.ledger.reset();

  let lastCall: CallReport | null = null;
  const history: CallReport[] = [];
  let sidebarVersion = 0;
  let sidebarSeen: unknown = ws.ui.sidebar;
  let logsSeen = ws.ctx.logs.length;

  const save = (): void => saveSnapshot(ws, statePath);

  /** A fresh realm: each Apps Script execution starts from the bundle's top-level code. */
  const freshRealm = (): BundleRealm => loadBundle(bundleCode(), ws.globals, codePath);

  /**
   * One Apps Script execution of `name`. Its arguments are `args` made in the realm from JSON, or
   * what `prepare` makes (a trigger's event object, holding live objects such as a Range).
   */
  const execute = (
    name: string,
    args: WireValue[],
    via: CallReport['via'],
    prepare?: (realm: BundleRealm) => unknown[],
  ): { ok: true; value: unknown } | { ok: false; error: unknown } => {
    ws.ledger.reset();
    const started = performance.now();
    let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
    try {
      const realm = freshRealm();
      // Values and errors the emulation makes are the realm's own (instanceof Date works there).
      const realmGlobals = vm.runInContext('({ Date: Date, Array: Array, Error: Error })', realm.context) as Realm;
      ws.spreadsheet.useRealm(realmGlobals);
      ws.calendar.useRealm(realmGlobals);
      if (!realm.topLevelFunctions().includes(name)) throw new Error(`Script function not found: ${name}`);
      // Arguments are made inside the realm, as Apps Script's own objects would be.
      const realmArgs = prepare ? prepare(realm) : (vm.runInContext(`JSON.parse(${JSON.stringify(JSON.stringify(args))})`, realm.context) as unknown[]);
      outcome = { ok: true, value: realm.call(name, realmArgs) };
    } catch (error) {
      outcome = { ok: false, error };
    } finally {
      ws.endExecution();
      ws.setAuthMode('FULL');
      ws.spreadsheet.useRealm({});
      ws.calendar.useRealm({});
    }
    lastCall = {
      name,
      via,
      ok: outcome.ok,
      serviceCalls: ws.ledger.count(),
      byKind: ws.ledger.snapshot(),
      ms: Math.round(performance.now() - started),
    };
    history.push(lastCall);
    if (history.length > EXECUTIONS_KEPT) history.splice(0, history.length - EXECUTIONS_KEPT);
    if (ws.ui.sidebar !== sidebarSeen) {
      sidebarSeen = ws.ui.sidebar;
      if (ws.ui.sidebar) sidebarVersion += 1;
    }
    for (const line of ws.ctx.logs.slice(logsSeen)) log(`[${name}] ${line}`);
    logsSeen = ws.ctx.logs.length;
    if (!outcome.ok) {
      const e = toClientError(outcome.error);
      const stack = (outcome.error as { stack?: unknown })?.stack;
      log(`[${name}] failed: ${typeof stack === 'string' ? stack : `${e.name}: ${e.message}`}`);
    }
    save();
    return outcome;
  };

  /**
   * Opening the spreadsheet in a browser window: no sidebar is open and no menu exists until the
   * add-on's onOpen builds one, in AuthMode.NONE (the add-on may not have been used in this
   * document yet). Sheets runs onOpen when a person opens the spreadsheet, and again when they
   * reload it (https://developers.google.com/apps-script/guides/triggers#onopene): here that is
   * once per visit, a load of the host page whose script asks for it (POST /api/open), never a
   * GET of the page, its assets, the sidebar or the page's polling. Nothing runs at start: nobody
   * has the spreadsheet open yet.
   */
  const openSpreadsheet = (): ReturnType<typeof execute> | null => {
    ws.ui.menus.length = 0;
    ws.ui.sidebar = null;
    sidebarSeen = null;
    const realm = untracked(ws, freshRealm);
    if (realm.topLevelFunctions().includes('onOpen')) {
      ws.setAuthMode('NONE');
      return execute('onOpen', [], 'trigger', () => [{ authMode: ws.globals.ScriptApp.AuthMode.NONE }]);
    }
    save();
    return null;
  };
  const visits: string[] = [];
  const openRequest = (body: unknown): ActionResponse => {
    const visit = (body as { visit?: unknown })?.visit;
    if (typeof visit !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(visit)) {
      throw new HttpError(400, 'Expected {visit: an id of 1 to 64 letters, digits, "-" or "_"}');
    }
    if (visits.includes(visit)) return { ok: true, report: null };
    visits.push(visit);
    if (visits.length > VISITS_KEPT) visits.shift();
    const outcome = openSpreadsheet();
    if (!outcome) return { ok: true, report: null };
    return outcome.ok ? { ok: true, report: lastCall } : { ok: false, error: toClientError(outcome.error), report: lastCall };
  };

  // What google.script.run may call: the bundle's top-level functions not ending in "_".
  let callable: { stamp: number; names: string[] } | null = null;
  const callableFunctions = (): string[] => {
    bundleCode();
    if (callable?.stamp !== codeStamp) {
      callable = { stamp: codeStamp, names: untracked(ws, () => freshRealm().topLevelFunctions().filter(isCallableName)) };
    }
    return callable.names;
  };

  const workbook = (): WorkbookView =>
    untracked(ws, () => {
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
        sidebar: ws.ui.sidebar ? { title: ws.ui.sidebar.title, version: sidebarVersion } : null,
        alerts: ws.ui.alerts.map((a) => (a.title ? `${a.title}: ${a.prompt}` : a.prompt)),
        toasts: ws.spreadsheet.toasts.map((t) => (t.title ? `${t.title}: ${t.message}` : t.message)),
        lastCall,
        feedbackForm: feedbackFormLink(),
      };
    });

  const feedbackFormLink = (): WorkbookView['feedbackForm'] => {
    const form = programForm(ws);
    return form ? { title: form.title, url: formPath(form) } : null;
  };

  const sidebarPage = (): string => {
    const shown = ws.ui.sidebar;
    if (!shown) {
      return '<!DOCTYPE html><meta charset="utf-8"><title>No sidebar</title><p style="font:14px system-ui;color:#5f6368;padding:16px">No sidebar is open. Use Extensions in the sandbox page.</p>';
    }
    const boot = `<script>window.__peerCoachingSandbox=${inlineJson({ functions: callableFunctions() })};\n${assets.bridgeJs}</script>`;
    return injectIntoHead(shown.content, boot);
  };

  const runRequest = (body: unknown): RunResponse => {
    let request;
    try {
      request = parseRunRequest(body);
    } catch (error) {
      return { ok: false, error: toClientError(error), report: null };
    }
    if (!callableFunctions().includes(request.name)) {
      return { ok: false, error: { name: 'Error', message: `Script function not found: ${request.name}` }, report: null };
    }
    const outcome = execute(request.name, request.args, 'run');
    if (!outcome.ok) return { ok: false, error: toClientError(outcome.error), report: lastCall };
    try {
      return { ok: true, ...toClientValue(outcome.value), report: lastCall! };
    } catch (error) {
      return { ok: false, error: toClientError(error), report: lastCall };
    }
  };

  const menuRequest = (body: unknown): ActionResponse => {
    const functionName = (body as { functionName?: unknown })?.functionName;
    const offered = ws.ui.menus.flatMap((m) => menuFunctions(menuItems(m.items)));
    if (typeof functionName !== 'string' || !offered.includes(functionName)) {
      throw new HttpError(400, `No menu item runs ${JSON.stringify(functionName)}`);
    }
    const outcome = execute(functionName, [], 'menu');
    return outcome.ok ? { ok: true, report: lastCall } : { ok: false, error: toClientError(outcome.error), report: lastCall };
  };

  const editRequest = (body: unknown): ActionResponse => {
    const { sheet: name, row, column, value } = (body ?? {}) as Record<string, unknown>;
    if (typeof name !== 'string' || !Number.isInteger(row) || !Number.isInteger(column) || typeof value !== 'string') {
      throw new HttpError(400, 'Expected {sheet: string, row: integer, column: integer, value: string}');
    }
    try {
      untracked(ws, () => {
        const sheet = ws.spreadsheet.getSheetByName(name);
        if (!sheet) throw new Error(`No sheet named "${name}"`);
        // What typing into a cell does: Sheets converts the text unless the cell is plain text.
        sheet.getRange(row as number, column as number).setValue(value);
      });
    } catch (error) {
      return { ok: false, error: toClientError(error), report: null };
    } finally {
      save();
    }
    return { ok: true, report: null };
  };

  const selectRequest = (body: unknown): ActionResponse => {
    const name = (body as { sheet?: unknown })?.sheet;
    const sheet = typeof name === 'string' ? untracked(ws, () => ws.spreadsheet.getSheetByName(name)) : null;
    if (!sheet) throw new HttpError(400, `No sheet named ${JSON.stringify(name)}`);
    untracked(ws, () => ws.spreadsheet.setActiveSheet(sheet));
    save(); // the active sheet is part of the spreadsheet's state
    return { ok: true, report: null };
  };

  /**
   * A person submits the feedback form in the browser. As in Google: the response is stored and
   * written to the form's responses sheet, then every installable form-submit trigger of that
   * spreadsheet runs, each as an execution of its own (fresh realm, ledger, lock released after)
   * with the Sheets form-submit event as its argument. A response the add-on submits itself
   * (FormResponse.submit) fires nothing; only this path does.
   */
  const respondRequest = (publishedId: string, body: unknown): FormSubmitResponse => {
    const form = formByPublishedId(ws, publishedId);
    if (!form) throw new HttpError(404, 'No form has this address.');
    const submission = parseSubmission(body);
    let deliveries;
    try {
      deliveries = ws.forms.respond(form.id, submission);
    } catch (error) {
      return { ok: false, error: toClientError(error) };
    }
    const triggers: TriggerRun[] = [];
    for (const delivery of deliveries) {
      const outcome = execute(delivery.handler, [], 'trigger', (realm) => [eventInRealm(realm, delivery.event)]);
      triggers.push({ handler: delivery.handler, ok: outcome.ok, ...(outcome.ok ? {} : { error: toClientError(outcome.error) }), report: lastCall });
    }
    save();
    return { ok: true, confirmationMessage: form.confirmationMessage, triggers };
  };

  const icsRequest = (res: http.ServerResponse, which: string): void => {
    const file = untracked(ws, () => icsFile(ws, which));
    if (!file.ok) throw new HttpError(file.status, file.message);
    send(res, 200, 'text/calendar; charset=utf-8', file.text, {
      'Content-Disposition': `attachment; filename="${file.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    });
  };

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status === 500) log(`sandbox error: ${(error as Error)?.stack ?? String(error)}`);
      send(res, status, 'text/plain; charset=utf-8', (error as Error)?.message ?? String(error));
    });
  });

  let origin = '';
  let allowedHosts: string[] = [];

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // Refuse other host names (DNS rebinding) and cross-origin writes (another site posting here).
    if (!allowedHosts.includes(req.headers.host ?? '')) throw new HttpError(421, 'Unexpected Host header');
    const url = new URL(req.url ?? '/', origin);
    if (req.method === 'GET' || req.method === 'HEAD') {
      switch (url.pathname) {
        case '/':
          return send(res, 200, 'text/html; charset=utf-8', assets.hostHtml);
        case '/host.js':
          return send(res, 200, 'text/javascript; charset=utf-8', assets.hostJs);
        case '/host.css':
          return send(res, 200, 'text/css; charset=utf-8', assets.hostCss);
        case '/sidebar':
          return send(res, 200, 'text/html; charset=utf-8', sidebarPage());
        case '/api/workbook':
          return sendJson(res, workbook());
        case '/favicon.ico':
          return send(res, 204, 'text/plain', '');
        case '/pages.css':
          return send(res, 200, 'text/css; charset=utf-8', assets.pagesCss);
        case '/calendar':
          return send(res, 200, 'text/html; charset=utf-8', assets.calendarHtml);
        case '/calendar.js':
          return send(res, 200, 'text/javascript; charset=utf-8', assets.calendarJs);
        case '/form.js':
          return send(res, 200, 'text/javascript; charset=utf-8', assets.formJs);
        case '/api/calendar':
          return sendJson(res, untracked(ws, () => calendarView(ws)));
        case '/form': {
          const form = programForm(ws);
          if (!form) return send(res, 404, 'text/html; charset=utf-8', NO_FORM_PAGE);
          return send(res, 302, 'text/plain; charset=utf-8', '', { Location: `${formPath(form)}${url.search}` });
        }
        default: {
          const ics = /^\/ics\/([^/]+)\.ics$/.exec(url.pathname);
          if (ics) return icsRequest(res, decodeSegment(ics[1]));
          if (FORM_PAGE.test(url.pathname)) return send(res, 200, 'text/html; charset=utf-8', assets.formHtml);
          const formApi = /^\/api\/forms\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
          if (formApi) {
            const form = formByPublishedId(ws, formApi[1]);
            if (!form) throw new HttpError(404, 'No form has this address.');
            return sendJson(res, formView(form));
          }
          throw new HttpError(404, `Not found: ${url.pathname}`);
        }
      }
    }
    if (req.method !== 'POST') throw new HttpError(405, 'Method not allowed');
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin && !allowedHosts.some((h) => requestOrigin === `http://${h}`)) {
      throw new HttpError(403, 'Cross-origin request refused');
    }
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'Expected application/json');
    const body = await readJson(req);
    switch (url.pathname) {
      case '/api/open':
        return sendJson(res, openRequest(body));
      case '/api/run':
        return sendJson(res, runRequest(body));
      case '/api/menu':
        return sendJson(res, menuRequest(body));
      case '/api/edit':
        return sendJson(res, editRequest(body));
      case '/api/select':
        return sendJson(res, selectRequest(body));
      case '/api/close-sidebar':
        // The person closed the panel, or the sidebar called google.script.host.close().
        ws.ui.sidebar = null;
        sidebarSeen = null;
        return sendJson(res, { ok: true, report: null } satisfies ActionResponse);
      default: {
        const respond = /^\/api\/forms\/([A-Za-z0-9_-]+)\/respond$/.exec(url.pathname);
        if (respond) return sendJson(res, respondRequest(respond[1], body));
        throw new HttpError(404, `Not found: ${url.pathname}`);
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${actualPort}`;
  allowedHosts = [`127.0.0.1:${actualPort}`, `localhost:${actualPort}`];

  let closed: Promise<void> | null = null;
  return {
    url: `${origin}/`,
    workspace: () => ws,
    executions: () => history.slice(),
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

/**
 * The form-submit event as the trigger's handler receives it: an object of the bundle's realm,
 * its plain parts (namedValues, values, triggerUid) made there from JSON, and the live objects
 * (range, source, user, authMode) handed over as they are: `e.range` is the emulation's Range of
 * the new row, on which the handler may call getValues, getRow, offset…
 */
function eventInRealm(realm: BundleRealm, event: SheetsFormSubmitEvent): unknown {
  const { range, source, user, authMode, ...plain } = event;
  const make = vm.runInContext(
    '(function (json, live) { var e = JSON.parse(json); Object.keys(live).forEach(function (k) { e[k] = live[k]; }); return e; })',
    realm.context,
  ) as (json: string, live: object) => unknown;
  return make(JSON.stringify(plain), { authMode, range, source, user });
}
