// The add-on's menu and sidebar (SpreadsheetApp.getUi + HtmlService).

export const SIDEBAR_TITLE = 'Peer coaching';

/** The add-on menu's items: caption → top-level function the item runs. */
export const MENU_ITEMS: ReadonlyArray<{ caption: string; functionName: string }> = [
  { caption: 'Open', functionName: 'showSidebar' },
];

/**
 * Builds the add-on menu. Safe in AuthMode.NONE: it touches the Ui and nothing else.
 * https://developers.google.com/workspace/add-ons/concepts/menus
 */
export function buildMenu(): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU_ITEMS) menu.addItem(item.caption, item.functionName);
  menu.addToUi();
}

/** Opens the sidebar: build/Sidebar.html, one self-contained file. */
export function openSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(SIDEBAR_TITLE);
  SpreadsheetApp.getUi().showSidebar(html);
}
