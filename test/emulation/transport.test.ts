// The google.script.run rules as the local sandbox enforces them: the pure rules
// (src/local/sandbox/transport.ts, shared by the server and the browser bridge), then the sandbox
// server end to end over loopback HTTP, against a tiny purpose-built bundle that has a function
// for every rule the real bundle has no use for (returning a Date, a function, a hole…).
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as http from 'node:http';
import {
  checkArguments,
  containsDate,
  isCallableName,
  parseRunRequest,
  toClientError,
  toClientValue,
  TransportError,
  type CallReport,
  type WorkbookView,
} from '../../src/local/sandbox/transport';
import { injectIntoHead, startSandbox, type Sandbox } from '../../src/local/sandbox/server';
import { SAMPLE_ROSTER_HEADER, SAMPLE_ROSTER_ROWS, SAMPLE_SPREADSHEET_NAME } from '../../src/local/sample/roster';

describe('transport rules: arguments (client → server)', () => {
  it.each([
    ['a Date', [new Date()]],
    ['a nested Date', [{ when: { start: new Date() } }]],
    ['a Date in an array', [[1, new Date()]]],
    ['a function', [() => 1]],
    ['a nested function', [{ onDone() {} }]],
    ['a DOM node', [{ nodeType: 1, nodeName: 'DIV', ownerDocument: {} }]],
    ['a DOM node inside an object', [{ el: { nodeType: 3, nodeName: '#text', ownerDocument: null } }]],
    ['a Map', [new Map()]],
    ['a symbol', [Symbol('x')]],
  ])('refuses %s', (_what, args) => {
    expect(() => checkArguments(args)).toThrow(TransportError);
  });

  it('refuses circular references but accepts shared ones', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => checkArguments([loop])).toThrow(/circular/);
    const shared = { a: 1 };
    expect(checkArguments([{ x: shared, y: shared }])).toEqual([{ x: { a: 1 }, y: { a: 1 } }]);
  });

  it('names where the illegal value is', () => {
    expect(() => checkArguments(['ok', { rows: [['a', new Date()]] }])).toThrow('(at argument 2.rows[0][1])');
  });

  it('turns undefined inside arrays into null and drops undefined properties', () => {
    expect(checkArguments([[1, undefined, 'x'], { a: undefined, b: 2 }, undefined])).toEqual([[1, null, 'x'], { b: 2 }, null]);
  });

  it('copies: the server never sees the caller object', () => {
    const arg = { list: [1, 2] };
    const [copy] = checkArguments([arg]) as [{ list: number[] }];
    expect(copy).toEqual(arg);
    expect(copy).not.toBe(arg);
    expect(copy.list).not.toBe(arg.list);
  });

  it('keeps primitives, null and plain data', () => {
    const args = ['text', 3.5, true, null, { nested: { deep: ['a', 1, false, null] } }];
    expect(checkArguments(args)).toEqual(args);
  });

  it('validates the request body the bridge sends', () => {
    expect(parseRunRequest({ name: 'getState', args: [] })).toEqual({ name: 'getState', args: [] });
    expect(() => parseRunRequest({ name: 'hidden_', args: [] })).toThrow(TransportError);
    expect(() => parseRunRequest({ name: 'a.b', args: [] })).toThrow(TransportError);
    expect(() => parseRunRequest({ name: 'x', args: 'no' })).toThrow(TransportError);
  });

  it('lets clients call only names that do not end in "_"', () => {
    expect(isCallableName('getState')).toBe(true);
    expect(isCallableName('helper_')).toBe(false);
    expect(isCallableName('constructor.call')).toBe(false);
  });
});

describe('transport rules: return values (server → client)', () => {
  it('gives null for a Date, wherever it hides', () => {
    expect(toClientValue(new Date())).toEqual({ hasValue: true, value: null });
    expect(toClientValue({ rows: [['Ada', new Date()]] })).toEqual({ hasValue: true, value: null });
    expect(containsDate([[1], [2, [new Date()]]])).toBe(true);
  });

  it('recognises Dates from another realm (the bundle runs in node:vm)', () => {
    const foreign = vm.runInNewContext('({ when: new Date(0) })');
    expect(foreign.when instanceof Date).toBe(false);
    expect(toClientValue(foreign)).toEqual({ hasValue: true, value: null });
  });

  it('turns undefined and functions in arrays into null, and drops them from objects', () => {
    expect(toClientValue([1, undefined, () => 2, 'x'])).toEqual({ hasValue: true, value: [1, null, null, 'x'] });
    expect(toClientValue({ a: 1, b: undefined, f() {} })).toEqual({ hasValue: true, value: { a: 1 } });
  });

  it('says "no value" for a void function', () => {
    expect(toClientValue(undefined)).toEqual({ hasValue: false });
    expect(toClientValue(null)).toEqual({ hasValue: true, value: null });
  });

  it('fails on a circular value', () => {
    const loop: unknown[] = [];
    loop.push(loop);
    expect(() => toClientValue(loop)).toThrow(TransportError);
  });

  it('keeps the message of any thrown value', () => {
    expect(toClientError(new RangeError('Roster row 4: unknown time zone'))).toEqual({ name: 'RangeError', message: 'Roster row 4: unknown time zone' });
    expect(toClientError('plain string')).toEqual({ name: 'Error', message: 'plain string' });
  });
});

describe('injectIntoHead', () => {
  it('puts the script first in <head>, before <base> and <meta>', () => {
    const html = '<!DOCTYPE html><html><head lang="en"><base target="_top"><meta charset="utf-8"></head><body></body></html>';
    expect(injectIntoHead(html, '<script>x</script>')).toBe(
      '<!DOCTYPE html><html><head lang="en"><script>x</script><base target="_top"><meta charset="utf-8"></head><body></body></html>',
    );
  });
  it('adds a <head> when the page has none', () => {
    expect(injectIntoHead('<html><body>hi</body></html>', '<script>x</script>')).toBe('<html><head><script>x</script></head><body>hi</body></html>');
    expect(injectIntoHead('<p>hi</p>', '<s>')).toBe('<s><p>hi</p>');
  });
});

// ---- The sandbox server, over HTTP, with a purpose-built bundle ------------------------------

/** A bundle shaped like build/Code.js (plain top-level functions), one function per rule. */
const TINY_BUNDLE = `
var executions = 0;
function onOpen(e) {
  SpreadsheetApp.getUi().createAddonMenu().addItem('Open', 'showSidebar').addToUi();
}
function showSidebar() {
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Tiny'));
}
function echo(value) { return value; }
function returnsDate() { return new Date(0); }
function nestedDate() { return { rows: [['Ada', new Date(0)]], ok: true }; }
function withHoles() { return [1, undefined, 'b']; }
function withFunctions() { return { a: 1, f: function () {}, list: [function () {}] }; }
function circular() { var o = {}; o.self = o; return o; }
function nothing() {}
function fails() { throw new Error('Roster row 3: blank email'); }
function failsInside() { var missing = null; return missing.name; }
function countExecutions() { executions += 1; return executions; }
function describeArgument(a) { return { isArray: Array.isArray(a), fromThisRealm: a instanceof Array, copy: a }; }
function rosterRows() { return SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Roster').getDataRange().getValues().length; }
function hidden_() { return 'never'; }
var changes = [];
function installChangeTrigger() { ScriptApp.newTrigger('onSheetChange').forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onChange().create(); }
function onSheetChange(e) { PropertiesService.getDocumentProperties().setProperty('lastChange', e.changeType + ' ' + (typeof e.triggerUid)); }
function dateCellIsThisRealmsDate() {
  var cell = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Roster').getRange(30, 1);
  cell.setValue(new Date(0));
  var ours = cell.getValue() instanceof Date;
  cell.clearContent();
  return ours;
}
`;

const TINY_SIDEBAR = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Tiny</title></head><body><h1>Tiny sidebar</h1></body></html>';

/** A build directory holding the tiny bundle and sidebar. */
function tinyBuild(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'peer-coaching-tiny-'));
  writeFileSync(path.join(dir, 'Code.js'), TINY_BUNDLE);
  writeFileSync(path.join(dir, 'Sidebar.html'), TINY_SIDEBAR);
  return dir;
}

describe('the sandbox server', () => {
  let buildDir: string;
  let stateDir: string;
  let statePath: string;
  let sandbox: Sandbox;

  const post = async (route: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(new URL(route, sandbox.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as unknown };
  };
  /** The answer of /api/run, loosely typed for assertions. */
  type Answer = { ok: boolean; hasValue?: boolean; value?: unknown; error?: { name: string; message: string }; report: CallReport | null };
  const run = async (name: string, ...args: unknown[]) => (await post('/api/run', { name, args })).body as Answer;

  beforeAll(async () => {
    buildDir = tinyBuild();
    stateDir = mkdtempSync(path.join(tmpdir(), 'peer-coaching-state-'));
    statePath = path.join(stateDir, 'state.json');
    sandbox = await startSandbox({ port: 0, statePath, buildDir, reset: true });
  });
  afterAll(async () => {
    await sandbox?.close();
    rmSync(buildDir, { recursive: true, force: true });
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only', () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('starts from the sample: the Roster as plain text, nothing converted', () => {
    const ss = sandbox.workspace().spreadsheet;
    expect(ss.getName()).toBe(SAMPLE_SPREADSHEET_NAME);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Roster']);
    const values = ss.getSheetByName('Roster')!.getDataRange().getValues();
    expect(values).toEqual([SAMPLE_ROSTER_HEADER, ...SAMPLE_ROSTER_ROWS]);
    expect(values.flat().every((v) => typeof v === 'string')).toBe(true);
  });

  it('opens the spreadsheet once per visit: GETs of the page and its assets never run onOpen (issue 12, item 10)', async () => {
    const onOpens = () => sandbox.executions().filter((c) => c.name === 'onOpen').length;
    // Nobody has the spreadsheet open yet: no onOpen, no menu.
    expect(onOpens()).toBe(0);
    // GETs of the page (a prefetch, a reload by a tool, a link preview), its assets, the sidebar and
    // the page's polling are not a person opening the spreadsheet.
    for (const route of ['/', '/?x=1', '/', '/host.js', '/host.css', '/sidebar', '/api/workbook', '/calendar', '/api/calendar']) {
      expect((await fetch(new URL(route, sandbox.url))).status).toBeLessThan(500);
    }
    expect(onOpens()).toBe(0);
    // The host page's script opens its visit once: onOpen runs then, in AuthMode.NONE.
    expect((await post('/api/open', { visit: 'visit-1' })).body).toMatchObject({ ok: true, report: { name: 'onOpen', via: 'trigger', ok: true } });
    expect(onOpens()).toBe(1);
    // The same visit again (a retried request) is the same opening.
    expect((await post('/api/open', { visit: 'visit-1' })).body).toMatchObject({ ok: true, report: null });
    expect(onOpens()).toBe(1);
    // A reload of the page is a new visit, as reopening the spreadsheet is in Sheets.
    await post('/api/open', { visit: 'visit-2' });
    expect(onOpens()).toBe(2);
    expect((await post('/api/open', { visit: '' })).status).toBe(400);
    expect((await post('/api/open', {})).status).toBe(400);
    expect(onOpens()).toBe(2);
  });

  it('ran onOpen in AuthMode.NONE and the menu names the sidebar', async () => {
    const response = await fetch(new URL('/api/workbook', sandbox.url));
    const wb = (await response.json()) as WorkbookView;
    expect(wb.menus).toEqual([{ title: expect.any(String), addon: true, items: [{ caption: 'Open', functionName: 'showSidebar' }] }]);
    expect(wb.lastCall).toMatchObject({ name: 'onOpen', via: 'trigger', ok: true });
    expect(Object.keys(wb.lastCall!.byKind).sort()).toEqual(['Menu.addItem', 'Menu.addToUi', 'SpreadsheetApp.getUi', 'Ui.createAddonMenu']);
    expect(wb.sheets).toEqual([{ name: 'Roster' }]);
    expect(wb.grid.display[0]).toEqual(SAMPLE_ROSTER_HEADER);
  });

  it('a Date returned, anywhere, arrives as null', async () => {
    expect(await run('returnsDate')).toMatchObject({ ok: true, hasValue: true, value: null });
    expect(await run('nestedDate')).toMatchObject({ ok: true, hasValue: true, value: null });
  });

  it('undefined in arrays arrives as null; functions are dropped', async () => {
    expect((await run('withHoles')).value).toEqual([1, null, 'b']);
    expect((await run('withFunctions')).value).toEqual({ a: 1, list: [null] });
  });

  it('a void function has no value; a circular value fails', async () => {
    expect(await run('nothing')).toMatchObject({ ok: true, hasValue: false });
    expect(await run('circular')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/circular/) } });
  });

  it('a thrown error reaches the client with the server message', async () => {
    expect(await run('fails')).toMatchObject({ ok: false, error: { name: 'Error', message: 'Roster row 3: blank email' } });
    expect(await run('failsInside')).toMatchObject({ ok: false, error: { name: 'TypeError', message: expect.stringContaining('null') } });
  });

  it('runs every call in a fresh realm, with arguments made in that realm', async () => {
    expect((await run('countExecutions')).value).toBe(1);
    expect((await run('countExecutions')).value).toBe(1);
    expect((await run('describeArgument', [1, null])).value).toEqual({ isArray: true, fromThisRealm: true, copy: [1, null] });
    expect((await run('dateCellIsThisRealmsDate')).value).toBe(true);
  });

  it('refuses private and unknown functions', async () => {
    expect(await run('hidden_')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/callable/) } });
    expect(await run('nope')).toMatchObject({ ok: false, error: { message: 'Script function not found: nope' } });
  });

  it('reports what each call cost in service calls', async () => {
    const result = await run('rosterRows');
    expect(result.value).toBe(SAMPLE_ROSTER_ROWS.length + 1);
    expect(result.report).toMatchObject({ name: 'rosterRows', via: 'run', ok: true });
    expect(result.report!.serviceCalls).toBeGreaterThanOrEqual(3);
    expect(result.report!.serviceCalls).toBe(sandbox.workspace().ledger.count());
  });

  it('serves the sidebar with the bridge first in <head> and the callable functions inline', async () => {
    const menu = await post('/api/menu', { functionName: 'showSidebar' });
    expect(menu.body).toMatchObject({ ok: true });
    const html = await (await fetch(new URL('/sidebar', sandbox.url))).text();
    expect(html.startsWith('<!DOCTYPE html><html><head><script>window.__peerCoachingSandbox=')).toBe(true);
    const boot = JSON.parse(/__peerCoachingSandbox=(\{.*?\});/.exec(html)![1]);
    expect(boot.functions).toContain('echo');
    expect(boot.functions).toContain('returnsDate');
    expect(boot.functions).not.toContain('hidden_');
    expect(html).toContain('<h1>Tiny sidebar</h1>');
  });

  it('keeps the page\'s reads and a person\'s edits out of the ledger', async () => {
    await run('rosterRows');
    const before = sandbox.workspace().ledger.snapshot();
    await fetch(new URL('/api/workbook', sandbox.url));
    const edit = await post('/api/edit', { sheet: 'Roster', row: 2, column: 3, value: 'Payments & Risk' });
    expect(edit.body).toEqual({ ok: true, report: null });
    expect(sandbox.workspace().ledger.snapshot()).toEqual(before);
  });

  it('runs the spreadsheet\'s change triggers after a person\'s edit, as one execution each', async () => {
    expect((await run('installChangeTrigger')).ok).toBe(true);
    const edit = (await post('/api/edit', { sheet: 'Roster', row: 3, column: 3, value: 'Data' })).body as { ok: boolean; report: CallReport | null };
    expect(edit.ok).toBe(true);
    expect(edit.report).toMatchObject({ name: 'onSheetChange', via: 'trigger', ok: true });
    const props = sandbox.workspace().snapshot().documentProperties as unknown as Record<string, string>;
    expect(props.lastChange).toBe('EDIT string');
    for (const t of sandbox.workspace().globals.ScriptApp.triggersFor('ON_CHANGE')) sandbox.workspace().ledger.untracked(() => sandbox.workspace().globals.ScriptApp.deleteTrigger({ getUniqueId: () => t.id } as never));
  });

  it('writes a person\'s edit as Sheets would (with its conversions)', async () => {
    await post('/api/edit', { sheet: 'Roster', row: 20, column: 1, value: '42' });
    const cell = sandbox.workspace().spreadsheet.getSheetByName('Roster')!.getRange(20, 1).getValue();
    expect(cell).toBe(42);
  });

  it('sends a Content-Security-Policy that keeps everything on loopback, on every response', async () => {
    for (const route of ['/', '/host.js', '/host.css', '/sidebar', '/api/workbook', '/missing']) {
      const response = await fetch(new URL(route, sandbox.url));
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self' 'unsafe-inline'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).not.toMatch(/https?:|\*/);
    }
  });

  it('refuses cross-origin writes, other Host names and non-JSON posts', async () => {
    expect((await post('/api/run', { name: 'echo', args: [] }, { Origin: 'http://evil.example' })).status).toBe(403);
    const plain = await fetch(new URL('/api/run', sandbox.url), { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{"name":"echo","args":[]}' });
    expect(plain.status).toBe(415);
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(sandbox.url);
      http.get({ host: '127.0.0.1', port: url.port, path: '/api/workbook', headers: { Host: 'attacker.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject);
    });
    expect(status).toBe(421);
  });

  it('saves the workspace after every call and edit, and starts from it again', async () => {
    await post('/api/edit', { sheet: 'Roster', row: 2, column: 1, value: 'Amara O. (edited)' });
    expect(existsSync(statePath)).toBe(true);
    expect(JSON.parse(readFileSync(statePath, 'utf8')).version).toBe(1);
    await sandbox.close();
    sandbox = await startSandbox({ port: 0, statePath, buildDir });
    expect(sandbox.workspace().spreadsheet.getSheetByName('Roster')!.getRange(2, 1).getValue()).toBe('Amara O. (edited)');
    await sandbox.close();
    sandbox = await startSandbox({ port: 0, statePath, buildDir, reset: true });
    expect(sandbox.workspace().spreadsheet.getSheetByName('Roster')!.getRange(2, 1).getValue()).toBe('Amara Okafor');
  });
});
