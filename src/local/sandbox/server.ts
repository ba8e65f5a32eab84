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
//   POST /api/edit      a person typed into a cell: {sheet, row, column, value}; the change triggers run
//   POST /api/select    a sheet tab was clicked: {sheet}
//   POST /api/close-sidebar  the sidebar panel was closed (its X, or google.script.host.close())
//   POST /api/clock     move the simulated clock on: {by: hour|day|week|cycle} or {to: ISO instant}
//                       → ClockResponse; the clock triggers due on the way run (move.ts). A long
//                       move answers after about half a second, not done: {to} again goes on
//
// The people's side of the program, outside the spreadsheet (people-routes.ts, pages.ts):
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
// Every add-on call is one Apps Script execution (executions.ts): a fresh node:vm realm over the
// same workspace, the ledger reset before it (so the status line shows what that call cost), the
// execution ended after it, and the workspace and clock saved to the state file. The page's own
// reads and a person's edits are not the add-on's service calls: they run with the ledger switched
// off. Every realm and the workspace read the sandbox's simulated clock (clock.ts).
import * as http from 'node:http';
import * as path from 'node:path';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { bundleClient, injectIntoHead, inlineJson } from './assets';
import { HttpError, readJson, send, sendJson } from './http';
import type { AddressInfo } from 'node:net';
import { createWorkspace, type Workspace } from '../emulation';
import { eventInRealm as makeEventInRealm, type Outcome } from '../host';
import { formPath, programForm } from './pages';
import { SAMPLE_SPREADSHEET_NAME, SAMPLE_TIME_ZONE } from '../sample/roster';
import { readState, saveState, seedCalendars, seedSample } from './state';
import { createRunner } from './executions';
import { menuFunctions, menuItems, workbookView } from './workbook';
import { SandboxClock } from './clock';
import { createClockApi } from './clock-api';
import { createPeopleRoutes } from './people-routes';
import type { ClockResponse } from './clock-types';
import {
  isCallableName,
  parseRunRequest,
  toClientError,
  toClientValue,
  type ActionResponse,
  type CallReport,
  type RunResponse,
  type WireValue,
} from './transport';

export { injectIntoHead };

export interface SandboxOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one (tests). Default 8080. */
  port?: number;
  /** Where the workspace and clock are saved after every call and edit. Default `.sandbox/state.json`. */
  statePath?: string;
  /** Where build/Code.js and build/Sidebar.html are. Default `build`. */
  buildDir?: string;
  /** Start from the sample even when the state file exists. */
  reset?: boolean;
  /** Where the sandbox reports what happens (script logs, failures). Default: nowhere. */
  log?: (line: string) => void;
  /**
   * Where a new clock starts (a reset, or a state saved before the sandbox had a clock). Default:
   * the machine's now. Tests pass a fixed instant.
   */
  clockStart?: Date;
  /** Wall time one clock request spends firing ticks before it answers (move.ts SLICE_MS). Tests pass 0: one tick a request. */
  moveSliceMs?: number;
}

export interface Sandbox {
  /** `http://127.0.0.1:PORT/` */
  readonly url: string;
  close(): Promise<void>;
  /** The live workspace (tests inspect it). */
  workspace(): Workspace;
  /** Every Apps Script execution since start (the latest 1,000), oldest first: tests count them. */
  executions(): CallReport[];
  /** The simulated clock's time. */
  now(): Date;
}

/** How many visits the sandbox remembers (a retried /api/open of one of them is not a new opening). */
const VISITS_KEPT = 100;

/** Runs `fn` without recording service calls: the page's reads and a person's edits are not the add-on's. */
function untracked<T>(ws: Workspace, fn: () => T): T {
  return ws.ledger.untracked(fn);
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
  const snapshot = fromState ? readState(statePath) : null;
  const clock = new SandboxClock(snapshot?.clock !== undefined ? Date.parse(snapshot.clock) : (options.clockStart ?? new Date()).getTime());
  const now = (): Date => clock.now();
  const ws = snapshot
    ? createWorkspace({ snapshot, htmlDir: buildDir, timeZone: SAMPLE_TIME_ZONE, now })
    : createWorkspace({ spreadsheetName: SAMPLE_SPREADSHEET_NAME, timeZone: SAMPLE_TIME_ZONE, htmlDir: buildDir, now });
  if (!snapshot) seedSample(ws);
  // A state saved before calendars were emulated: the sample people get theirs now.
  else if ((snapshot.calendar?.people.length ?? 0) === 0) seedCalendars(ws);
  ws.ledger.reset();

  const runner = createRunner(ws, { code: bundleCode, filename: codePath, clock, log });
  let sidebarVersion = 0;
  let sidebarSeen: unknown = ws.ui.sidebar;

  const save = (): void => saveState(ws, clock.now(), statePath);

  /** One Apps Script execution (executions.ts), then the sidebar it may have shown, then saved. */
  const execute = (
    name: string,
    args: WireValue[],
    via: CallReport['via'],
    prepare?: Parameters<typeof runner.run>[3],
    opts: { inMove?: boolean } = {},
  ): Outcome => {
    const outcome = runner.run(name, args, via, prepare);
    if (ws.ui.sidebar !== sidebarSeen) {
      sidebarSeen = ws.ui.sidebar;
      if (ws.ui.sidebar) sidebarVersion += 1;
    }
    // A move's ticks are saved once per slice; any other execution is saved at once and takes the footer.
    if (!opts.inMove) {
      clockApi.hideMove();
      save();
    }
    return outcome;
  };
  const lastCall = (): CallReport | null => runner.lastCall();

  /**
   * Opening the spreadsheet in a browser window: no sidebar is open and no menu exists until the
   * add-on's onOpen builds one, in AuthMode.NONE (the add-on may not have been used in this
   * document yet). Sheets runs onOpen when a person opens the spreadsheet, and again when they
   * reload it (https://developers.google.com/apps-script/guides/triggers#onopene): here that is
   * once per visit, a load of the host page whose script asks for it (POST /api/open), never a
   * GET of the page, its assets, the sidebar or the page's polling. Nothing runs at start: nobody
   * has the spreadsheet open yet.
   */
  const openSpreadsheet = (): Outcome | null => {
    ws.ui.menus.length = 0;
    ws.ui.sidebar = null;
    sidebarSeen = null;
    const realm = untracked(ws, runner.realm);
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
    return outcome.ok ? { ok: true, report: lastCall() } : { ok: false, error: toClientError(outcome.error), report: lastCall() };
  };

  // What google.script.run may call: the bundle's top-level functions not ending in "_".
  let callable: { stamp: number; names: string[] } | null = null;
  const callableFunctions = (): string[] => {
    bundleCode();
    if (callable?.stamp !== codeStamp) {
      callable = { stamp: codeStamp, names: untracked(ws, () => runner.realm().topLevelFunctions().filter(isCallableName)) };
    }
    return callable.names;
  };

  // The simulated clock: its view, and moving it on (clock-api.ts). Each firing is an execution
  // of its own, saved with the slice.
  const clockApi = createClockApi({
    ws,
    clock,
    sliceMs: options.moveSliceMs,
    save,
    fire: (handler, event) => execute(handler, [], 'trigger', (realm) => [makeEventInRealm(realm, event)], { inMove: true }),
  });

  const workbook = () =>
    workbookView(ws, { sidebarVersion, lastCall: lastCall(), feedbackForm: feedbackFormLink(), clock: clockApi.view() });

  const feedbackFormLink = () => {
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
    if (!outcome.ok) return { ok: false, error: toClientError(outcome.error), report: lastCall() };
    try {
      return { ok: true, ...toClientValue(outcome.value), report: lastCall()! };
    } catch (error) {
      return { ok: false, error: toClientError(error), report: lastCall() };
    }
  };

  const menuRequest = (body: unknown): ActionResponse => {
    const functionName = (body as { functionName?: unknown })?.functionName;
    const offered = ws.ui.menus.flatMap((m) => menuFunctions(menuItems(m.items)));
    if (typeof functionName !== 'string' || !offered.includes(functionName)) {
      throw new HttpError(400, `No menu item runs ${JSON.stringify(functionName)}`);
    }
    const outcome = execute(functionName, [], 'menu');
    return outcome.ok ? { ok: true, report: lastCall() } : { ok: false, error: toClientError(outcome.error), report: lastCall() };
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
      save();
      return { ok: false, error: toClientError(error), report: null };
    }
    // A person's edit fires the spreadsheet's installable change triggers, as their creators
    // (the add-on's marks the hourly run due: a roster change reaches the booked cycle).
    let report: CallReport | null = null;
    for (const trigger of ws.globals.ScriptApp.triggersFor('ON_CHANGE')) {
      execute(trigger.handler, [], 'trigger', (realm) => [makeEventInRealm(realm, ws.beginChangeExecution(trigger, 'EDIT'))]);
      report = lastCall();
    }
    save();
    return { ok: true, report };
  };

  const selectRequest = (body: unknown): ActionResponse => {
    const name = (body as { sheet?: unknown })?.sheet;
    const sheet = typeof name === 'string' ? untracked(ws, () => ws.spreadsheet.getSheetByName(name)) : null;
    if (!sheet) throw new HttpError(400, `No sheet named ${JSON.stringify(name)}`);
    untracked(ws, () => ws.spreadsheet.setActiveSheet(sheet));
    save(); // the active sheet is part of the spreadsheet's state
    return { ok: true, report: null };
  };

  const people = createPeopleRoutes({ ws, assets, save, execute: (handler, prepare) => execute(handler, [], 'trigger', prepare), lastCall });

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
        default:
          if (people.get(url, res)) return;
          throw new HttpError(404, `Not found: ${url.pathname}`);
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
      case '/api/clock':
        try {
          return sendJson(res, clockApi.request(body));
        } catch (error) {
          // Refusals answer in JSON too, so the page can say why.
          if (!(error instanceof HttpError)) throw error;
          return sendJson(res, { ok: false, error: { name: 'Error', message: error.message } } satisfies ClockResponse, error.status);
        }
      case '/api/close-sidebar':
        // The person closed the panel, or the sidebar called google.script.host.close().
        ws.ui.sidebar = null;
        sidebarSeen = null;
        return sendJson(res, { ok: true, report: null } satisfies ActionResponse);
      default: {
        const respond = /^\/api\/forms\/([A-Za-z0-9_-]+)\/respond$/.exec(url.pathname);
        if (respond) return sendJson(res, people.respond(respond[1], body));
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
    executions: () => runner.history(),
    now: () => clock.now(),
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
