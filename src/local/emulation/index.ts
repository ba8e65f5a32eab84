// The in-memory Workspace: one active spreadsheet and the Apps Script services around it, wired to
// one ledger. Tests install its globals; the sandbox hands them to the bundle's node:vm realm.
import { createContext, type EmulationContext, type EmulationOptions } from './context';
import { Ledger } from './ledger';
import { FakeSpreadsheet, FakeSpreadsheetApp, type SpreadsheetSnapshot } from './spreadsheet';
import { FakeUi } from './ui';
import { FakePropertiesService, type PropertiesSnapshot } from './properties';
import { FakeLockService } from './lock';
import { FakeHtmlService } from './html';
import { FakeScriptApp, type TriggerSnapshot } from './script';
import { FakeSession } from './session';
import { FakeUtilities } from './utilities';
import { FakeLogger, FakeConsole } from './logger';
import { FakeFormApp, type FormsSnapshot } from './forms';
import { FakeCharts } from './charts';
import { FakeCalendar, type CalendarOptions, type CalendarSnapshot } from './calendar';
import { FakeMailApp, type MailOptions, type MailSnapshot } from './mail';
import { clockTriggerEvent, dueClockTriggers, type DueTrigger } from './clock-triggers';

export { Ledger, InjectedFault } from './ledger';
export type { EmulationContext, EmulationOptions } from './context';
export type { DueTrigger } from './clock-triggers';
export type { SentMail, MailOptions } from './mail';
export type { PersonOccurrence } from './calendar';

/** Everything a workspace holds that outlives one execution; what the sandbox saves to disk. */
export interface WorkspaceSnapshot {
  version: 1;
  spreadsheet: SpreadsheetSnapshot;
  documentProperties: PropertiesSnapshot;
  triggers: TriggerSnapshot[];
  /** The forms (forms.ts). Absent in snapshots saved before Forms were emulated. */
  forms?: FormsSnapshot;
  /** The calendars (calendar/). Absent in snapshots saved before Calendar was emulated. */
  calendar?: CalendarSnapshot;
  /** MailApp's sent log and quota (mail.ts). Absent in snapshots saved before MailApp was emulated. */
  mail?: MailSnapshot;
  /** User properties by user email. Absent in older snapshots. */
  userProperties?: Record<string, PropertiesSnapshot>;
}

/** The globals Apps Script gives a script, as emulated here. */
export interface AppsScriptGlobals {
  SpreadsheetApp: FakeSpreadsheetApp;
  PropertiesService: FakePropertiesService;
  LockService: FakeLockService;
  HtmlService: FakeHtmlService;
  ScriptApp: FakeScriptApp;
  Session: FakeSession;
  Utilities: FakeUtilities;
  Logger: FakeLogger;
  console: FakeConsole;
  FormApp: FakeFormApp;
  Charts: FakeCharts;
  /** The Calendar advanced service (API v3), enabled in the manifest. */
  Calendar: FakeCalendar;
  /** MailApp (scope script.send_mail). */
  MailApp: FakeMailApp;
}

export type AuthModeName = 'NONE' | 'LIMITED' | 'CUSTOM_FUNCTION' | 'FULL';

export interface Workspace {
  readonly ctx: EmulationContext;
  readonly ledger: Ledger;
  readonly spreadsheet: FakeSpreadsheet;
  readonly ui: FakeUi;
  readonly globals: AppsScriptGlobals;
  /** The forms, also for `forms.respond(…)`: a person submitting a form in the browser. */
  readonly forms: FakeFormApp;
  /** The calendars, also for the people's side: `addPerson`, `eventsOn`, `sentInvitations`. */
  readonly calendar: FakeCalendar;
  /** MailApp, also for `mail.sent()`: every message sent, for tests and a simulator. */
  readonly mail: FakeMailApp;
  /**
   * The clock triggers that fire in (from, to] on the virtual clock, sorted by time: hourly ones at
   * a randomised but stable minute per trigger (clock-triggers.ts). Not a service call.
   */
  dueClockTriggers(window: { from: Date | string; to: Date | string }): DueTrigger[];
  /**
   * Starts an execution as the trigger `trigger` (from dueClockTriggers or ScriptApp) would: auth
   * mode FULL, no Ui, and, for a clock trigger when the workspace option `clockTriggerDocument` is
   * 'absent', no document (null active spreadsheet, document properties and document lock); it
   * runs as the trigger's creator (https://developers.google.com/apps-script/guides/triggers/installable).
   * Returns the event object to pass to the handler. End it with {@link endExecution}.
   */
  beginTriggerExecution(trigger: DueTrigger['trigger'], at?: Date | string): GoogleAppsScript.Events.TimeDriven;
  /**
   * Starts an execution of an installable change trigger after a person's edit (as its creator,
   * auth mode FULL, with the document). Returns the event object's plain fields
   * (https://developers.google.com/apps-script/guides/triggers/events#change: authMode,
   * changeType, triggerUid; `user` is left out). End it with {@link endExecution}.
   */
  beginChangeExecution(trigger: TriggerSnapshot, changeType: ChangeType): { authMode: string; changeType: ChangeType; triggerUid: string };
  /** Runs `handler` as one execution of a clock trigger (begin, call, end even when it throws). */
  runClockTrigger<T>(due: DueTrigger, handler: (e: GoogleAppsScript.Events.TimeDriven) => T): T;
  /** A simulated concurrent execution of the same add-on in the same document. */
  readonly otherExecution: { holdDocumentLock(): void; releaseDocumentLock(): void };
  /**
   * Emulates the authorization mode of the running execution. In NONE (an add-on's onOpen before
   * the user has used it in this document) only the menu may be built; every other call throws.
   */
  setAuthMode(mode: AuthModeName): void;
  /**
   * Ends the running execution as Apps Script does: locks it still holds are released, the auth
   * mode returns to FULL, and a trigger's context (no Ui, perhaps no document) ends. The next call
   * is a new execution.
   */
  endExecution(): void;
  /** A deep copy of the persistent state. */
  snapshot(): WorkspaceSnapshot;
}

/** The calls an add-on may make in AuthMode.NONE: building its menu, nothing else. */
const MENU_ONLY = (kind: string): boolean =>
  kind === 'SpreadsheetApp.getUi' || kind === 'Ui.createAddonMenu' || kind.startsWith('Menu.');

export interface WorkspaceOptions extends EmulationOptions {
  snapshot?: WorkspaceSnapshot;
  calendar?: CalendarOptions;
  mail?: MailOptions;
  /**
   * Whether a time-driven trigger's execution has the spreadsheet as its document: 'present' (the
   * default) or 'absent' (getActiveSpreadsheet, getDocumentProperties and getDocumentLock return
   * null). ⚠ Not documented for an editor add-on's clock trigger (fidelity audit B6/B10): test both.
   */
  clockTriggerDocument?: 'present' | 'absent';
}

/** What a change event says changed (https://developers.google.com/apps-script/guides/triggers/events#change). */
export type ChangeType = 'EDIT' | 'INSERT_ROW' | 'INSERT_COLUMN' | 'REMOVE_ROW' | 'REMOVE_COLUMN' | 'INSERT_GRID' | 'REMOVE_GRID' | 'FORMAT' | 'OTHER';

export function createWorkspace(options: WorkspaceOptions = {}): Workspace {
  const ctx = createContext(options, new Ledger());
  const saved = options.snapshot;
  const spreadsheet = saved
    ? FakeSpreadsheet.fromJSON(ctx, saved.spreadsheet)
    : FakeSpreadsheet.create(ctx, options.spreadsheetName ?? 'Peer coaching program');
  const ui = new FakeUi(ctx);
  const properties = new FakePropertiesService(ctx, saved?.documentProperties, saved?.userProperties);
  const scriptApp = new FakeScriptApp(ctx, saved?.triggers, { documentId: () => spreadsheet.peekId() });
  const logger = new FakeLogger(ctx);
  const calendar = new FakeCalendar(ctx, saved?.calendar, options.calendar);
  const mail = new FakeMailApp(ctx, saved?.mail, options.mail);
  const forms = new FakeFormApp(ctx, spreadsheet, () => scriptApp.triggersFor('ON_FORM_SUBMIT'), saved?.forms);
  const globals: AppsScriptGlobals = {
    SpreadsheetApp: new FakeSpreadsheetApp(ctx, spreadsheet, ui),
    PropertiesService: properties,
    LockService: new FakeLockService(ctx),
    HtmlService: new FakeHtmlService(ctx),
    ScriptApp: scriptApp,
    Session: new FakeSession(ctx),
    Utilities: new FakeUtilities(ctx),
    Logger: logger,
    console: new FakeConsole(ctx),
    FormApp: forms,
    Charts: new FakeCharts(),
    Calendar: calendar,
    MailApp: mail,
  };
  const workspaceUser = ctx.userEmail;
  const endExecution = () => {
    if (ctx.documentLockHolder === 'this') ctx.documentLockHolder = null;
    ctx.userEmail = workspaceUser;
    ctx.ledger.restrict(null);
    ctx.trigger = null;
    ctx.documentAvailable = true;
  };
  const beginTriggerExecution = (trigger: DueTrigger['trigger'], at?: Date | string): GoogleAppsScript.Events.TimeDriven => {
    ctx.ledger.restrict(null);
    ctx.trigger = { id: trigger.id, eventType: trigger.eventType };
    // "Installable triggers always run under the account of the person who created them" [INST]:
    // Session, Calendar ('primary'), MailApp's quota and user properties are the creator's.
    ctx.userEmail = trigger.user;
    ctx.documentAvailable = !(trigger.eventType === 'CLOCK' && options.clockTriggerDocument === 'absent');
    return clockTriggerEvent(trigger, at === undefined ? ctx.now() : new Date(at));
  };
  const beginChangeExecution = (trigger: TriggerSnapshot, changeType: ChangeType) => {
    ctx.ledger.restrict(null);
    ctx.trigger = { id: trigger.id, eventType: trigger.eventType };
    ctx.userEmail = trigger.user; // "Installable triggers always run under the account of the person who created them" [INST]
    ctx.documentAvailable = true;
    return { authMode: 'FULL', changeType, triggerUid: trigger.id };
  };
  return {
    ctx,
    ledger: ctx.ledger,
    beginChangeExecution,
    spreadsheet,
    ui,
    globals,
    forms,
    calendar,
    mail,
    dueClockTriggers: ({ from, to }) => dueClockTriggers(scriptApp.triggersFor('CLOCK'), new Date(from), new Date(to), ctx.scriptTimeZone),
    beginTriggerExecution,
    runClockTrigger(due, handler) {
      const event = beginTriggerExecution(due.trigger, due.at);
      try {
        return handler(event);
      } finally {
        endExecution();
      }
    },
    otherExecution: {
      holdDocumentLock() {
        if (ctx.documentLockHolder === 'this') throw new Error('The running execution holds the lock');
        ctx.documentLockHolder = 'other';
      },
      releaseDocumentLock() {
        if (ctx.documentLockHolder === 'other') ctx.documentLockHolder = null;
      },
    },
    setAuthMode(mode) {
      if (mode === 'NONE') {
        ctx.ledger.restrict(
          MENU_ONLY,
          'In AuthMode.NONE an add-on may only build its menu (onOpen before authorization).',
        );
      } else {
        ctx.ledger.restrict(null);
      }
    },
    endExecution,
    snapshot: () =>
      JSON.parse(
        JSON.stringify({
          version: 1,
          spreadsheet: spreadsheet.toJSON(),
          documentProperties: properties.toJSON(),
          triggers: scriptApp.toJSON(),
          forms: forms.toJSON(),
          calendar: calendar.toJSON(),
          mail: mail.toJSON(),
          userProperties: properties.usersToJSON(),
        }),
      ) as WorkspaceSnapshot,
  };
}

/**
 * Puts the workspace's globals on `target` (default: globalThis), as Apps Script would, for
 * adapter tests. Returns a function that restores what was there before.
 */
export function installGlobals(ws: Workspace, target: Record<string, unknown> = globalThis as never): () => void {
  const before = new Map<string, PropertyDescriptor | undefined>();
  for (const [name, value] of Object.entries(ws.globals)) {
    if (name === 'console' && target === globalThis) continue; // keep jest's console in tests
    before.set(name, Object.getOwnPropertyDescriptor(target, name));
    Object.defineProperty(target, name, { value, configurable: true, writable: true, enumerable: false });
  }
  return () => {
    for (const [name, descriptor] of before) {
      if (descriptor) Object.defineProperty(target, name, descriptor);
      else delete target[name];
    }
  };
}
