// L2b: the real build/Code.js in a bare node:vm realm whose only globals are the emulation, as in
// Apps Script: no Node or Web-only API, entry points as top-level functions, no call at load time.
import { readFileSync } from 'node:fs';
import * as acorn from 'acorn';
import { createWorkspace } from '../../src/local/emulation';
import { loadBundle } from '../../src/local/runtime';

const CODE = readFileSync('build/Code.js', 'utf8');
const SIDEBAR = readFileSync('build/Sidebar.html', 'utf8');
const ENTRY_POINTS = ['applyRosterChanges', 'cancelRotation', 'checkRoster', 'confirmRotation', 'createFeedbackForm', 'getFeedbackSummary', 'getSchedule', 'getSettings', 'getState', 'onFeedbackSubmit', 'onInstall', 'onOpen', 'onRosterChange', 'onTick', 'planRotation', 'refreshDashboard', 'saveSettings', 'scheduleStep', 'selectRosterRow', 'setUp', 'showSidebar'];

/** Every identifier the code refers to (not property names or object keys). */
function identifiers(code: string): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown, parent?: Record<string, unknown>, key?: string): void => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n, parent, key));
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    const isPropertyName =
      (parent?.type === 'MemberExpression' && key === 'property' && !parent.computed) ||
      (parent?.type === 'Property' && key === 'key' && !parent.computed);
    if (n.type === 'Identifier' && !isPropertyName) names.add(n.name as string);
    for (const [k, v] of Object.entries(n)) if (k !== 'type') visit(v, n, k);
  };
  visit(acorn.parse(code, { ecmaVersion: 2019, sourceType: 'script' }));
  return names;
}

function load() {
  const ws = createWorkspace({ spreadsheetName: 'Bundle test' });
  const realm = loadBundle(CODE, ws.globals);
  return { ws, realm };
}

describe('build/Code.js', () => {
  it('parses as an ES2019 script (no import/export, no newer syntax)', () => {
    expect(() => acorn.parse(CODE, { ecmaVersion: 2019, sourceType: 'script' })).not.toThrow();
  });

  it.each(['require', 'process', 'Buffer', 'setTimeout', 'setInterval', 'URLSearchParams', 'fetch', 'TextEncoder', 'TextDecoder', 'window', 'document', 'globalThis'])(
    'never refers to %s, which Apps Script does not have',
    (name) => {
      expect(identifiers(CODE).has(name)).toBe(false);
    },
  );

  it('loads with no service call', () => {
    const { ws } = load();
    expect(ws.ledger.count()).toBe(0);
  });

  it('declares exactly the entry points as top-level functions', () => {
    expect(load().realm.topLevelFunctions()).toEqual(ENTRY_POINTS);
  });

  it('onOpen in AuthMode.NONE builds the menu and touches nothing else', () => {
    const { ws, realm } = load();
    ws.setAuthMode('NONE');
    realm.call('onOpen', [{ authMode: ws.globals.ScriptApp.AuthMode.NONE }]);
    expect(ws.ledger.snapshot()).toEqual({
      'Menu.addItem': 1,
      'Menu.addToUi': 1,
      'SpreadsheetApp.getUi': 1,
      'Ui.createAddonMenu': 1,
    });
    const [menu] = ws.ui.menus;
    expect(menu.addon).toBe(true);
    expect(menu.items).toEqual([{ caption: 'Open', functionName: 'showSidebar' }]);
  });

  it('every function the menu names is a top-level function of the bundle', () => {
    const { ws, realm } = load();
    realm.call('onInstall', [{ authMode: ws.globals.ScriptApp.AuthMode.FULL }]);
    const names = ws.ui.menus.flatMap((m) => m.items).flatMap((i) => ('functionName' in i ? [i.functionName] : []));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(realm.topLevelFunctions()).toContain(name);
  });

  it('the menu opens build/Sidebar.html titled "Peer coaching"', () => {
    const { ws, realm } = load();
    realm.call('showSidebar');
    expect(ws.ui.sidebar).toEqual({ title: 'Peer coaching', content: SIDEBAR });
  });

  it('getState returns JSON-safe data about the spreadsheet', () => {
    const { realm } = load();
    const state = realm.call('getState') as { spreadsheetName: string; setUp: boolean };
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    expect(state).toMatchObject({ spreadsheetName: 'Bundle test', setUp: false, missingSheets: ['Roster', 'Rotations', 'Feedback', 'Dashboard'] });
  });

  it('setUp creates the Roster sheet through the bundle', () => {
    const { ws, realm } = load();
    realm.call('setUp');
    const roster = ws.spreadsheet.getSheetByName('Roster');
    expect(roster?.getRange(1, 1, 1, 8).getValues()[0]).toEqual([
      'Name', 'Email', 'Team', 'Time zone', 'Status', 'Avoid pairing with', 'Working hours', 'Notes',
    ]);
  });
});

describe('build/Sidebar.html', () => {
  it('is one self-contained file: inline script and styles, nothing external', () => {
    expect(SIDEBAR).toMatch(/<style>[^<]+<\/style>/);
    expect(SIDEBAR).toMatch(/<script>[\s\S]+<\/script>/);
    expect(SIDEBAR).not.toMatch(/<script[^>]+src=|<link\b|@import|url\(|https?:\/\//i);
  });
});

describe('build/appsscript.json', () => {
  const manifest = JSON.parse(readFileSync('build/appsscript.json', 'utf8'));
  it('is the top-level manifest', () => {
    expect(manifest).toEqual(JSON.parse(readFileSync('appsscript.json', 'utf8')));
  });
  it('runs on V8 in Etc/UTC with the Calendar advanced service v3', () => {
    expect(manifest).toMatchObject({ runtimeVersion: 'V8', timeZone: 'Etc/UTC', exceptionLogging: 'STACKDRIVER' });
    expect(manifest.dependencies.enabledAdvancedServices).toEqual([
      { userSymbol: 'Calendar', serviceId: 'calendar', version: 'v3' },
    ]);
  });
  it('asks for the narrowest scopes and never the broad ones', () => {
    const scopes = (manifest.oauthScopes as string[]).map((s) => s.replace('https://www.googleapis.com/auth/', ''));
    expect(scopes.sort()).toEqual(
      ['calendar.events', 'calendar.events.freebusy', 'forms', 'script.container.ui', 'script.scriptapp', 'script.send_mail', 'spreadsheets.currentonly', 'userinfo.email'].sort(),
    );
    for (const broad of ['calendar', 'spreadsheets', 'drive', 'calendar.readonly']) expect(scopes).not.toContain(broad);
  });
});
