// What every emulated service shares: the ledger, the clock, the current user, ids, logs, and the
// simulated "other execution" that can hold the document lock.
import { Ledger } from './ledger';

export interface EmulationOptions {
  /** The active spreadsheet's name. Default "Peer coaching program". */
  spreadsheetName?: string;
  /** The active spreadsheet's time zone (IANA). Default "Europe/London". */
  timeZone?: string;
  /** The script (manifest) time zone, `Session.getScriptTimeZone()`. Default "Etc/UTC". */
  scriptTimeZone?: string;
  /** The user running the script. Default "owner@example.com". */
  userEmail?: string;
  /** Where `HtmlService.createHtmlOutputFromFile(name)` reads `name.html`. Default "build". */
  htmlDir?: string;
  /** The clock. Default `() => new Date()`. */
  now?: () => Date;
  /** Id source for `Utilities.getUuid()` and spreadsheet ids. Default: crypto.randomUUID. */
  uuid?: () => string;
}

export interface EmulationContext {
  readonly ledger: Ledger;
  readonly timeZone: string;
  readonly scriptTimeZone: string;
  /** The running user: the workspace's user, or a trigger's creator while it runs (triggers run as their creator). */
  userEmail: string;
  readonly htmlDir: string;
  readonly now: () => Date;
  readonly uuid: () => string;
  /** Lines written by `Logger.log` and `console.*`. */
  readonly logs: string[];
  /** The document lock's owner: null when free, 'this' for the running execution, 'other' otherwise. */
  documentLockHolder: null | 'this' | 'other';
  /**
   * The trigger the running execution was started by (Workspace.beginTriggerExecution), null for a
   * user's call (menu, sidebar). Reset by endExecution.
   */
  trigger: null | { id: string; eventType: string };
  /**
   * False while a time-driven trigger runs without a document (the workspace option
   * `clockTriggerDocument: 'absent'`): the active spreadsheet, the document properties and the
   * document lock are then null, as outside a document.
   */
  documentAvailable: boolean;
}

export function createContext(options: EmulationOptions = {}, ledger = new Ledger()): EmulationContext {
  return {
    ledger,
    timeZone: options.timeZone ?? 'Europe/London',
    scriptTimeZone: options.scriptTimeZone ?? 'Etc/UTC',
    userEmail: options.userEmail ?? 'owner@example.com',
    htmlDir: options.htmlDir ?? 'build',
    now: options.now ?? (() => new Date()),
    uuid: options.uuid ?? (() => globalThis.crypto.randomUUID()),
    logs: [],
    documentLockHolder: null,
    trigger: null,
    documentAvailable: true,
  };
}
