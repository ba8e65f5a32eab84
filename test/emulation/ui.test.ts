// The emulated Ui: menus as recorded data, the sidebar and dialogs read from an HtmlOutput without
// a recorded call, alerts with scripted answers, and the ledger kinds the AuthMode.NONE rule allows.
import { createContext, type EmulationContext } from '../../src/local/emulation/context';
import { ADDON_NAME, FakeUi } from '../../src/local/emulation/ui';

/** A stand-in HtmlOutput exposing only the unrecorded `peek()` that html.ts provides. */
function htmlOutput(title: string, content: string, size: { width?: number; height?: number } = {}): GoogleAppsScript.HTML.HtmlOutput {
  return { peek: () => ({ title, content, ...size }) } as unknown as GoogleAppsScript.HTML.HtmlOutput;
}

function setup(): { ctx: EmulationContext; ui: FakeUi } {
  const ctx = createContext({ now: () => new Date('2026-06-15T12:00:00Z'), uuid: () => 'id' });
  return { ctx, ui: new FakeUi(ctx) };
}

describe('menus', () => {
  it('records the add-on menu, titled with the add-on name, when added to the Ui', () => {
    const { ui } = setup();
    const menu = ui.createAddonMenu().addItem('Open', 'showSidebar').addSeparator().addItem('Set up', 'setUp');
    expect(ui.menus).toEqual([]);
    menu.addToUi();
    expect(ui.menus).toEqual([
      {
        title: ADDON_NAME,
        addon: true,
        items: [{ caption: 'Open', functionName: 'showSidebar' }, { separator: true }, { caption: 'Set up', functionName: 'setUp' }],
      },
    ]);
  });

  it('titles the add-on menu with the name it is given', () => {
    const { ctx } = setup();
    const ui = new FakeUi(ctx, 'Other add-on');
    ui.createAddonMenu().addToUi();
    expect(ui.menus[0].title).toBe('Other add-on');
  });

  it('replaces the add-on menu when it is added again (onOpen then onInstall)', () => {
    const { ui } = setup();
    ui.createAddonMenu().addItem('Old', 'old').addToUi();
    ui.createMenu('Tools').addItem('Tool', 'tool').addToUi();
    ui.createAddonMenu().addItem('Open', 'showSidebar').addToUi();
    expect(ui.menus.map((m) => [m.title, m.addon, m.items])).toEqual([
      [ADDON_NAME, true, [{ caption: 'Open', functionName: 'showSidebar' }]],
      ['Tools', false, [{ caption: 'Tool', functionName: 'tool' }]],
    ]);
  });

  it('shows a menu as it was at addToUi; later items need another addToUi', () => {
    const { ui } = setup();
    const menu = ui.createAddonMenu().addItem('Open', 'showSidebar');
    menu.addToUi();
    menu.addItem('Later', 'later');
    expect(ui.menus[0].items).toHaveLength(1);
    menu.addToUi();
    expect(ui.menus).toHaveLength(1);
    expect(ui.menus[0].items).toHaveLength(2);
  });

  it('nests sub-menus made with createMenu', () => {
    const { ui } = setup();
    const sub = ui.createMenu('Advanced').addItem('Reset', 'reset');
    ui.createAddonMenu().addSubMenu(sub).addToUi();
    expect(ui.menus[0].items).toEqual([{ submenu: { title: 'Advanced', items: [{ caption: 'Reset', functionName: 'reset' }] } }]);
    expect(() => ui.createAddonMenu().addSubMenu({} as never)).toThrow(TypeError);
  });

  it('records one ledger call per Ui and Menu method', () => {
    const { ctx, ui } = setup();
    ui.createAddonMenu().addItem('A', 'a').addItem('B', 'b').addSeparator().addToUi();
    expect(ctx.ledger.snapshot()).toEqual({
      'Menu.addItem': 2,
      'Menu.addSeparator': 1,
      'Menu.addToUi': 1,
      'Ui.createAddonMenu': 1,
    });
  });

  it('uses the kinds AuthMode.NONE allows, so the menu can be built in onOpen', () => {
    const { ctx, ui } = setup();
    // The rule index.ts applies in AuthMode.NONE.
    ctx.ledger.restrict((kind) => kind === 'SpreadsheetApp.getUi' || kind === 'Ui.createAddonMenu' || kind.startsWith('Menu.'));
    ui.createAddonMenu().addItem('Open', 'showSidebar').addToUi();
    expect(ui.menus).toHaveLength(1);
    expect(() => ui.showSidebar(htmlOutput('t', 'c'))).toThrow('You do not have permission to call Ui.showSidebar');
    expect(ui.sidebar).toBeNull();
  });
});

describe('sidebar and dialogs', () => {
  it('shows the sidebar with the output\'s title and content, recording only Ui.showSidebar', () => {
    const { ctx, ui } = setup();
    let peeks = 0;
    const output = {
      peek: () => {
        peeks += 1;
        return { title: 'Peer coaching', content: '<p>Hello</p>', width: 300 };
      },
    } as unknown as GoogleAppsScript.HTML.HtmlOutput;
    ui.showSidebar(output);
    expect(ui.sidebar).toEqual({ title: 'Peer coaching', content: '<p>Hello</p>', width: 300 });
    expect(peeks).toBe(1);
    expect(ctx.ledger.snapshot()).toEqual({ 'Ui.showSidebar': 1 });
  });

  it('replaces an open sidebar', () => {
    const { ui } = setup();
    ui.showSidebar(htmlOutput('One', 'a'));
    ui.showSidebar(htmlOutput('Two', 'b'));
    expect(ui.sidebar).toEqual({ title: 'Two', content: 'b' });
  });

  it('refuses something that is not an emulated HtmlOutput', () => {
    const { ui } = setup();
    expect(() => ui.showSidebar('<p>html</p>' as unknown as GoogleAppsScript.HTML.HtmlOutput)).toThrow(TypeError);
  });

  it('records modal and modeless dialogs with their titles', () => {
    const { ui } = setup();
    ui.showModalDialog(htmlOutput('ignored', '<p>Confirm</p>', { width: 400, height: 200 }), 'Confirm pairing');
    ui.showModelessDialog(htmlOutput('ignored', '<p>Info</p>'), 'Info');
    expect(ui.dialogs).toEqual([
      { title: 'Confirm pairing', content: '<p>Confirm</p>', width: 400, height: 200, modal: true },
      { title: 'Info', content: '<p>Info</p>', modal: false },
    ]);
  });
});

describe('alerts', () => {
  it('records an alert and returns Button.OK', () => {
    const { ctx, ui } = setup();
    expect(ui.alert('Roster created.')).toBe(ui.Button.OK);
    expect(ui.alerts).toEqual([{ prompt: 'Roster created.', buttons: 'OK', response: 'OK' }]);
    expect(ctx.ledger.count('Ui.alert')).toBe(1);
  });

  it('takes a title and a button set, answering with the set\'s first button by default', () => {
    const { ui } = setup();
    expect(ui.alert('Pair now?', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    expect(ui.alert('Rotation', 'Start round 2?', ui.ButtonSet.OK_CANCEL)).toBe(ui.Button.OK);
    expect(ui.alerts[1]).toEqual({ title: 'Rotation', prompt: 'Start round 2?', buttons: 'OK_CANCEL', response: 'OK' });
  });

  it('answers with the buttons a test queued, in order', () => {
    const { ui } = setup();
    ui.answerAlerts(ui.Button.NO, ui.Button.CANCEL);
    expect(ui.alert('Pair now?', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    expect(ui.alert('Sure?', ui.ButtonSet.YES_NO_CANCEL)).toBe(ui.Button.CANCEL);
    expect(ui.alert('Again?', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
  });

  it('prints Button and ButtonSet values as their names', () => {
    const { ui } = setup();
    expect([String(ui.Button.CLOSE), String(ui.ButtonSet.YES_NO_CANCEL)]).toEqual(['CLOSE', 'YES_NO_CANCEL']);
    expect(() => ui.alert('x', 'y', 'MAYBE' as never)).toThrow(TypeError);
  });
});
