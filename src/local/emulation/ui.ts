// The emulated spreadsheet Ui (`SpreadsheetApp.getUi()`): menus, the sidebar, alerts and dialogs,
// recorded as plain data a test or the local sandbox can read back.
//
// Sources:
//   [UI]    https://developers.google.com/apps-script/reference/base/ui
//   [MENU]  https://developers.google.com/apps-script/reference/base/menu
//   [ADDON] https://developers.google.com/workspace/add-ons/concepts/menus (an add-on's menu sits
//           under Extensions, titled with the add-on's name)
import type { EmulationContext } from './context';
import type { Faked } from './spreadsheet';

type Button = GoogleAppsScript.Base.Button;
type ButtonSet = GoogleAppsScript.Base.ButtonSet;

/** The add-on's name, which titles its menu [ADDON]. */
export const ADDON_NAME = 'Peer Coaching Rotations';

export type MenuEntry =
  | { caption: string; functionName: string }
  | { separator: true }
  | { submenu: { title: string; items: MenuEntry[] } };

/** A menu as it was when `addToUi()` was called. */
export interface MenuRecord {
  title: string;
  addon: boolean;
  items: MenuEntry[];
}

/** What `showSidebar` / `showModalDialog` displayed, read from the HtmlOutput. */
export interface ShownHtml {
  title: string;
  content: string;
  width?: number;
  height?: number;
}

export interface AlertRecord {
  title?: string;
  prompt: string;
  buttons: string;
  /** The button the emulated user pressed. */
  response: string;
}

/** Ui.Button and Ui.ButtonSet as strings (real values are enum objects named the same). */
const BUTTON = Object.freeze({ CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' }) as unknown as typeof GoogleAppsScript.Base.Button;
const BUTTON_SET = Object.freeze({ OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' }) as unknown as typeof GoogleAppsScript.Base.ButtonSet;

/** What the emulated user answers by default: the set's first button ⚠ (a choice, not Google's). */
const DEFAULT_ANSWER: Record<string, string> = { OK: 'OK', OK_CANCEL: 'OK', YES_NO: 'YES', YES_NO_CANCEL: 'YES' };

/** Reads an HtmlOutput without recording a call (html.ts exposes `peek()`). */
function peekHtml(output: GoogleAppsScript.HTML.HtmlOutput): ShownHtml {
  const peekable = output as unknown as { peek?: () => ShownHtml };
  if (!peekable || typeof peekable.peek !== 'function') {
    throw new TypeError('Expected an HtmlOutput from the emulated HtmlService');
  }
  const { title, content, width, height } = peekable.peek();
  const shown: ShownHtml = { title, content };
  if (width !== undefined) shown.width = width;
  if (height !== undefined) shown.height = height;
  return shown;
}

type UiMethods =
  | 'Button' | 'ButtonSet' | 'alert' | 'createAddonMenu' | 'createMenu' | 'showSidebar' | 'showModalDialog'
  | 'showModelessDialog';

/** `SpreadsheetApp.getUi()` for one open spreadsheet [UI]. */
export class FakeUi implements Faked<Pick<GoogleAppsScript.Base.Ui, UiMethods>> {
  readonly Button = BUTTON;
  readonly ButtonSet = BUTTON_SET;
  /** Menus added with addToUi, in order; the add-on menu at most once. */
  readonly menus: MenuRecord[] = [];
  /** The open sidebar, or null. */
  sidebar: ShownHtml | null = null;
  readonly alerts: AlertRecord[] = [];
  readonly dialogs: Array<ShownHtml & { modal: boolean }> = [];
  private readonly answers: string[] = [];

  constructor(
    private readonly ctx: EmulationContext,
    private readonly addonName = ADDON_NAME,
  ) {}

  /** Queues the buttons the emulated user presses at the next alerts (not Apps Script API). */
  answerAlerts(...buttons: Button[]): void {
    this.answers.push(...buttons.map(String));
  }

  /** The add-on's menu, titled with the add-on's name [ADDON]. */
  createAddonMenu(): FakeMenu {
    this.ctx.ledger.record('Ui.createAddonMenu');
    return new FakeMenu(this.ctx, this, this.addonName, true);
  }

  /** A custom menu in the menu bar [UI createMenu]. */
  createMenu(caption: string): FakeMenu {
    this.ctx.ledger.record('Ui.createMenu');
    return new FakeMenu(this.ctx, this, caption, false);
  }

  /** @internal Called by Menu.addToUi. Adding the add-on menu again replaces it. */
  addMenuInternal(record: MenuRecord): void {
    const at = record.addon ? this.menus.findIndex((m) => m.addon) : -1;
    if (at >= 0) this.menus.splice(at, 1, record);
    else this.menus.push(record);
  }

  /** Opens the sidebar (replacing any open one) with the output's title and content [UI]. */
  showSidebar(userInterface: GoogleAppsScript.HTML.HtmlOutput): void {
    this.ctx.ledger.record('Ui.showSidebar');
    this.sidebar = peekHtml(userInterface);
  }

  showModalDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.ctx.ledger.record('Ui.showModalDialog');
    this.dialogs.push({ ...peekHtml(userInterface), title, modal: true });
  }

  showModelessDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.ctx.ledger.record('Ui.showModelessDialog');
    this.dialogs.push({ ...peekHtml(userInterface), title, modal: false });
  }

  /**
   * alert(prompt), alert(prompt, buttons), alert(title, prompt, buttons) [UI alert]. Recorded in
   * {@link alerts}; returns the queued answer ({@link answerAlerts}) or the set's first button.
   */
  alert(titleOrPrompt: string, promptOrButtons?: string | ButtonSet, maybeButtons?: ButtonSet): Button {
    this.ctx.ledger.record('Ui.alert');
    const withTitle = typeof promptOrButtons === 'string' && maybeButtons !== undefined;
    const buttons = String(withTitle ? maybeButtons : (promptOrButtons ?? 'OK'));
    if (!(buttons in DEFAULT_ANSWER)) throw new TypeError(`Unknown ButtonSet ${buttons}`);
    const response = this.answers.shift() ?? DEFAULT_ANSWER[buttons];
    const record: AlertRecord = withTitle
      ? { title: titleOrPrompt, prompt: String(promptOrButtons), buttons, response }
      : { prompt: String(titleOrPrompt), buttons, response };
    this.alerts.push(record);
    return response as unknown as Button;
  }
}

/** A menu being built; nothing shows until `addToUi()` [MENU]. */
export class FakeMenu implements Faked<Pick<GoogleAppsScript.Base.Menu, 'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi'>> {
  private readonly items: MenuEntry[] = [];

  constructor(
    private readonly ctx: EmulationContext,
    private readonly ui: FakeUi,
    private readonly title: string,
    private readonly addon: boolean,
  ) {}

  /** @internal A deep copy of the entries so far. */
  entriesInternal(): MenuEntry[] {
    return structuredClone(this.items);
  }

  /** @internal */ titleInternal(): string {
    return this.title;
  }

  addItem(caption: string, functionName: string): FakeMenu {
    this.ctx.ledger.record('Menu.addItem');
    this.items.push({ caption, functionName });
    return this;
  }

  addSeparator(): FakeMenu {
    this.ctx.ledger.record('Menu.addSeparator');
    this.items.push({ separator: true });
    return this;
  }

  /** Nests a menu made with `ui.createMenu` (its items as they are now). */
  addSubMenu(menu: FakeMenu): FakeMenu {
    this.ctx.ledger.record('Menu.addSubMenu');
    if (!(menu instanceof FakeMenu)) throw new TypeError('addSubMenu expects a Menu from createMenu');
    this.items.push({ submenu: { title: menu.titleInternal(), items: menu.entriesInternal() } });
    return this;
  }

  /** Shows the menu as it is now; later changes need another addToUi [MENU]. */
  addToUi(): void {
    this.ctx.ledger.record('Menu.addToUi');
    this.ui.addMenuInternal({ title: this.title, addon: this.addon, items: this.entriesInternal() });
  }
}
