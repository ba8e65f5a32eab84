// Simple triggers and menu actions.
import { buildMenu, openSidebar } from '../gas/ui';

/** Runs when the spreadsheet opens, possibly in AuthMode.NONE: builds the menu, nothing else. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu();
}

/** Runs once when the add-on is installed (AuthMode.FULL); the menu appears without a reload. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

/** The menu item "Open". */
export function showSidebar(): void {
  openSidebar();
}
