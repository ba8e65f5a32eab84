// ScriptApp emulated: installable triggers (spreadsheet and clock) with Apps Script's and add-ons' limits.
//
// Sources:
//   [Q]       https://developers.google.com/apps-script/guides/services/quotas — 20 triggers / user / script.
//   [EDTRIG]  https://developers.google.com/workspace/add-ons/concepts/editor-triggers "Restrictions":
//             add-ons create triggers only for the file they are used in; each add-on can have one
//             trigger of each type, per user, per document; time-driven triggers run at most hourly.
//   [INST]    https://developers.google.com/apps-script/guides/triggers/installable — "an add-on can
//             use a time-driven trigger once per hour at most".
//   [CTB]     https://developers.google.com/apps-script/reference/script/clock-trigger-builder —
//             everyMinutes(n): n must be 1, 5, 10, 15 or 30; "Frequency is required if you are
//             using atHour() or nearMinute()"; nearMinute is ±15 min.
//   [TRIG]    https://developers.google.com/apps-script/reference/script/trigger — getTriggerSourceId
//             is the source's id (a spreadsheet id), and null for clock triggers.
// Error texts, confirmed verbatim in public logs:
//   TOO_MANY_TRIGGERS: many repositories quote it in full, e.g. "This script has too many triggers.
//     Triggers must be deleted from the script before more can be added."
//   addOnTypeLimit('time-based'): "This add-on has created too many time-based triggers in this
//     document for this Google user account." (several add-on READMEs and code comments, 2018–2024;
//     ljay79/jira-tools#53). ⚠ For other types the word is assumed ("edit", "open", …); one
//     add-on's docs report the same "time-based" text for a duplicate on-edit trigger.
//   ADD_ON_MIN_INTERVAL: "The recurrence interval for an Add-on trigger must be at least one hour."
//     (ttsukagoshi/mail-merge-for-gmail#165; thrown by create()).
import type { EmulationContext } from './context';
import { appsScriptError, makeEnum } from './common';



export type EventTypeName = 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_FORM_SUBMIT' | 'ON_CHANGE' | 'ON_EVENT_UPDATED';
export type TriggerSourceName = 'SPREADSHEETS' | 'CLOCK' | 'FORMS' | 'DOCUMENTS' | 'CALENDAR';

const AuthMode = makeEnum<typeof GoogleAppsScript.Script.AuthMode>(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL']);
const EventType = makeEnum<typeof GoogleAppsScript.Script.EventType>([
  'CLOCK',
  'ON_OPEN',
  'ON_EDIT',
  'ON_FORM_SUBMIT',
  'ON_CHANGE',
  'ON_EVENT_UPDATED',
]);
const TriggerSource = makeEnum<typeof GoogleAppsScript.Script.TriggerSource>(['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR']);
const WeekDay = makeEnum<typeof GoogleAppsScript.Base.Weekday>([
  'SUNDAY',
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
]);

/** Triggers per user per script [Q]. */
export const MAX_TRIGGERS_PER_USER = 20;
/** everyMinutes accepts only these [CTB]. */
export const ALLOWED_MINUTES: readonly number[] = [1, 5, 10, 15, 30];

export const TOO_MANY_TRIGGERS = 'This script has too many triggers. Triggers must be deleted from the script before more can be added.';
export const ADD_ON_MIN_INTERVAL = 'The recurrence interval for an Add-on trigger must be at least one hour.';
const TYPE_WORDS: Record<EventTypeName, string> = {
  CLOCK: 'time-based',
  ON_OPEN: 'open', // ⚠ assumed
  ON_EDIT: 'edit', // ⚠ assumed
  ON_CHANGE: 'change', // ⚠ assumed
  ON_FORM_SUBMIT: 'form submit', // ⚠ assumed
  ON_EVENT_UPDATED: 'event updated', // ⚠ assumed
};
export const addOnTypeLimit = (type: EventTypeName): string =>
  `This add-on has created too many ${TYPE_WORDS[type]} triggers in this document for this Google user account.`;

/** A clock trigger's schedule, as the builder calls set it. */
export interface ClockSchedule {
  everyMinutes?: number;
  everyHours?: number;
  everyDays?: number;
  everyWeeks?: number;
  atHour?: number;
  nearMinute?: number;
  onWeekDay?: string;
  onMonthDay?: number;
  /** One-off: milliseconds after creation. */
  after?: number;
  /** One-off: ISO instant. */
  at?: string;
  /** atDate(year, month, day). */
  atDate?: [number, number, number];
  inTimezone?: string;
}

/** A registered trigger, JSON-safe (what the sandbox saves). */
export interface TriggerSnapshot {
  id: string;
  handler: string;
  eventType: EventTypeName;
  source: TriggerSourceName;
  /** The spreadsheet id for spreadsheet triggers; null for clock triggers [TRIG]. */
  sourceId: string | null;
  /** The document the add-on was used in when the trigger was created (add-on limits count per document). */
  documentId: string | null;
  /** Who created it; triggers run as, and are listed for, their creator. */
  user: string;
  /** ISO instant of creation (ctx.now). */
  createdAt: string;
  clock?: ClockSchedule;
}

export interface ScriptAppOptions {
  /**
   * Apply the editor add-on restrictions [EDTRIG]. Default true: this project ships as an add-on.
   * Set false to emulate a bound script (container-bound, no add-on limits).
   */
  addOn?: boolean;
  /**
   * The id of the document the add-on runs in, read without counting a call. When given, an
   * add-on may create spreadsheet triggers only for that id [EDTRIG]; without it, any id is
   * accepted and add-on limits count per source/creation document as recorded.
   */
  documentId?: () => string;
}

class FakeTrigger implements GoogleAppsScript.Script.Trigger {
  /** @internal */
  constructor(
    private readonly ctx: EmulationContext,
    readonly snapshot: TriggerSnapshot,
  ) {}

  getUniqueId(): string {
    this.ctx.ledger.record('Trigger.getUniqueId');
    return this.snapshot.id;
  }

  getHandlerFunction(): string {
    this.ctx.ledger.record('Trigger.getHandlerFunction');
    return this.snapshot.handler;
  }

  getEventType(): GoogleAppsScript.Script.EventType {
    this.ctx.ledger.record('Trigger.getEventType');
    return EventType[this.snapshot.eventType];
  }

  getTriggerSource(): GoogleAppsScript.Script.TriggerSource {
    this.ctx.ledger.record('Trigger.getTriggerSource');
    return TriggerSource[this.snapshot.source];
  }

  /** Null for clock triggers [TRIG], although the typings say string. */
  getTriggerSourceId(): string {
    this.ctx.ledger.record('Trigger.getTriggerSourceId');
    return this.snapshot.sourceId as string;
  }
}

/** The registry shared by ScriptApp and its builders. */
class Registry {
  triggers: TriggerSnapshot[];
  private seq: number;

  constructor(
    readonly ctx: EmulationContext,
    readonly options: Required<Pick<ScriptAppOptions, 'addOn'>> & Pick<ScriptAppOptions, 'documentId'>,
    saved: TriggerSnapshot[] = [],
  ) {
    this.triggers = saved.map((t) => structuredClone(t));
    const maxId = this.triggers.reduce((m, t) => Math.max(m, Number(t.id) || 0), 0);
    this.seq = Math.max(maxId, 1000000);
  }

  currentDocument(): string | null {
    return this.options.documentId ? this.options.documentId() : null;
  }

  add(t: Omit<TriggerSnapshot, 'id' | 'user' | 'createdAt' | 'documentId'>): FakeTrigger {
    const user = this.ctx.userEmail;
    const documentId = t.sourceId ?? this.currentDocument();
    const mine = this.triggers.filter((x) => x.user === user);
    if (this.options.addOn) {
      if (t.eventType === 'CLOCK' && t.clock && isSubHourly(t.clock)) throw appsScriptError(ADD_ON_MIN_INTERVAL);
      const sameType = mine.filter((x) => x.eventType === t.eventType && x.documentId === documentId);
      if (sameType.length >= 1) throw appsScriptError(addOnTypeLimit(t.eventType));
    }
    if (mine.length >= MAX_TRIGGERS_PER_USER) throw appsScriptError(TOO_MANY_TRIGGERS);
    this.seq += 1;
    const snapshot: TriggerSnapshot = {
      ...t,
      id: String(this.seq),
      user,
      documentId,
      createdAt: this.ctx.now().toISOString(),
    };
    this.triggers.push(snapshot);
    return new FakeTrigger(this.ctx, snapshot);
  }
}

function isSubHourly(c: ClockSchedule): boolean {
  return c.everyMinutes !== undefined;
}

function checkInteger(name: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    // ⚠ Apps Script's wording for out-of-range builder arguments is unconfirmed.
    throw appsScriptError(`Invalid argument: ${name} (${String(value)})`);
  }
  return value;
}

class FakeSpreadsheetTriggerBuilder
  implements Pick<GoogleAppsScript.Script.SpreadsheetTriggerBuilder, 'onOpen' | 'onEdit' | 'onChange' | 'onFormSubmit' | 'create'>
{
  private eventType: EventTypeName | null = null;

  /** @internal */
  constructor(
    private readonly registry: Registry,
    private readonly handler: string,
    private readonly sourceId: string,
  ) {}

  onOpen(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    return this.set('onOpen', 'ON_OPEN');
  }

  onEdit(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    return this.set('onEdit', 'ON_EDIT');
  }

  onChange(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    return this.set('onChange', 'ON_CHANGE');
  }

  onFormSubmit(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    return this.set('onFormSubmit', 'ON_FORM_SUBMIT');
  }

  create(): GoogleAppsScript.Script.Trigger {
    this.registry.ctx.ledger.record('SpreadsheetTriggerBuilder.create');
    if (!this.eventType) {
      // ⚠ wording unconfirmed: a spreadsheet trigger needs an event.
      throw appsScriptError('Missing event type: call onOpen(), onEdit(), onChange() or onFormSubmit() before create().');
    }
    return this.registry.add({ handler: this.handler, eventType: this.eventType, source: 'SPREADSHEETS', sourceId: this.sourceId });
  }

  /** The last event chosen wins (⚠ unconfirmed). */
  private set(method: string, type: EventTypeName): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    this.registry.ctx.ledger.record(`SpreadsheetTriggerBuilder.${method}`);
    this.eventType = type;
    return this as unknown as GoogleAppsScript.Script.SpreadsheetTriggerBuilder;
  }
}

class FakeClockTriggerBuilder
  implements
    Pick<
      GoogleAppsScript.Script.ClockTriggerBuilder,
      | 'after'
      | 'at'
      | 'atDate'
      | 'atHour'
      | 'create'
      | 'everyDays'
      | 'everyHours'
      | 'everyMinutes'
      | 'everyWeeks'
      | 'inTimezone'
      | 'nearMinute'
      | 'onMonthDay'
      | 'onWeekDay'
    >
{
  private readonly schedule: ClockSchedule = {};

  /** @internal */
  constructor(
    private readonly registry: Registry,
    private readonly handler: string,
  ) {}

  after(durationMilliseconds: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    this.rec('after');
    this.schedule.after = checkInteger('durationMilliseconds', durationMilliseconds, 0);
    return this.self();
  }

  at(date: GoogleAppsScript.Base.Date): GoogleAppsScript.Script.ClockTriggerBuilder {
    this.rec('at');
    const d = date as unknown as Date;
    if (Object.prototype.toString.call(d) !== '[object Date]' || Number.isNaN(d.getTime())) throw appsScriptError('Invalid argument: date');
    this.schedule.at = d.toISOString();
    return this.self();
  }

  /** month 1–12 [CTB]. */
  atDate(year: number, month: number, day: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    this.rec('atDate');
    this.schedule.atDate = [checkInteger('year', year, 1), checkInteger('month', month, 1, 12), checkInteger('day', day, 1, 31)];
    return this.self();
  }

  atHour(hour: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    this.rec('atHour');
    this.schedule.atHour = checkInteger('hour', hour, 0, 23);
    return this.self();
  }

  /** 1, 5, 10, 15 or 30 [CTB]; an add-on's create() then fails anyway (hourly at most). */
  everyMinutes(n: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    this.rec('everyMinutes');
    if (!ALLOWED_MINUTES.includes(n)) {
      throw appsScriptError(`Invalid argument: n (${String(n)}); everyMinutes accepts 1, 5, 10, 15 or 30`); // ⚠ wording
    }
    this.schedule.everyMinutes = n;
    return this.self();
  }

  /** A whole number of hours, at least 1. ⚠ Whether Apps Script accepts every n (the editor offers 1, 2, 4, 6, 8, 12) is unconfirmed. */
  everyHours(n: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    this.rec('everyHours');
    this.schedule.everyHours = checkInteger('n', n, 1);
    return this.self();
  }

  everyDays(n: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    this.rec('everyDays');
    this.schedule.everyDays = checkInteger('n', n, 1);
    return this.self();
  }

  everyWeeks(n: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    this.rec('everyWeeks');
    this.schedule.everyWeeks = checkInteger('n', n, 1);
    return this.self();
  }

  inTimezone(timezone: string): GoogleAppsScript.Script.ClockTriggerBuilder {
    this.rec('inTimezone');
    this.schedule.inTimezone = String(timezone);
    return this.self();
  }

  nearMinute(minute: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    this.rec('nearMinute');
    this.schedule.nearMinute = checkInteger('minute', minute, 0, 59);
    return this.self();
  }

  onMonthDay(day: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    this.rec('onMonthDay');
    this.schedule.onMonthDay = checkInteger('day', day, 1, 31);
    return this.self();
  }

  onWeekDay(day: GoogleAppsScript.Base.Weekday): GoogleAppsScript.Script.ClockTriggerBuilder {
    this.rec('onWeekDay');
    const name = String(day);
    if (!Object.prototype.hasOwnProperty.call(WeekDay, name)) throw appsScriptError(`Invalid argument: day (${name})`);
    this.schedule.onWeekDay = name;
    return this.self();
  }

  /**
   * Checks the schedule, then registers it. ⚠ Which combinations Apps Script rejects, and with
   * which words, is unconfirmed beyond [CTB]'s "Frequency is required if you are using atHour()
   * or nearMinute()"; the emulation rejects: no schedule, two recurrences, a recurrence with a
   * one-off time, atHour/nearMinute without everyDays/everyWeeks, onWeekDay without everyWeeks,
   * onMonthDay with another recurrence.
   */
  create(): GoogleAppsScript.Script.Trigger {
    this.registry.ctx.ledger.record('ClockTriggerBuilder.create');
    const s = this.schedule;
    const recurrences = (['everyMinutes', 'everyHours', 'everyDays', 'everyWeeks', 'onMonthDay'] as const).filter((k) => s[k] !== undefined);
    const oneOffs = (['after', 'at', 'atDate'] as const).filter((k) => s[k] !== undefined);
    if ((s.atHour !== undefined || s.nearMinute !== undefined) && s.everyDays === undefined && s.everyWeeks === undefined && s.onMonthDay === undefined) {
      throw appsScriptError('atHour() and nearMinute() need a frequency: everyDays(), everyWeeks() or onMonthDay().');
    }
    if (recurrences.length + oneOffs.length === 0) throw appsScriptError('A time-based trigger needs a schedule (everyHours, everyDays, at, after, …).');
    if (recurrences.length > 1 || oneOffs.length > 1 || (recurrences.length && oneOffs.length)) {
      throw appsScriptError(`A time-based trigger takes one schedule; got ${[...recurrences, ...oneOffs].join(' and ')}.`);
    }
    if (s.onWeekDay !== undefined && s.everyWeeks === undefined) throw appsScriptError('onWeekDay() needs everyWeeks().');
    return this.registry.add({ handler: this.handler, eventType: 'CLOCK', source: 'CLOCK', sourceId: null, clock: { ...s } });
  }

  private rec(method: string): void {
    this.registry.ctx.ledger.record(`ClockTriggerBuilder.${method}`);
  }

  private self(): GoogleAppsScript.Script.ClockTriggerBuilder {
    return this as unknown as GoogleAppsScript.Script.ClockTriggerBuilder;
  }
}

class FakeTriggerBuilder implements Pick<GoogleAppsScript.Script.TriggerBuilder, 'forSpreadsheet' | 'timeBased'> {
  /** @internal */
  constructor(
    private readonly registry: Registry,
    private readonly handler: string,
  ) {}

  /**
   * For the spreadsheet (or its id). An add-on may only watch the file it is used in [EDTRIG]:
   * with `options.documentId`, another id throws (⚠ wording unconfirmed).
   */
  forSpreadsheet(sheet: GoogleAppsScript.Spreadsheet.Spreadsheet | string): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    this.registry.ctx.ledger.record('TriggerBuilder.forSpreadsheet');
    const id = sourceIdOf(sheet);
    const current = this.registry.currentDocument();
    if (this.registry.options.addOn && current !== null && id !== current) {
      throw appsScriptError('An add-on can only create triggers for the document in which it is used.');
    }
    return new FakeSpreadsheetTriggerBuilder(this.registry, this.handler, id) as unknown as GoogleAppsScript.Script.SpreadsheetTriggerBuilder;
  }

  timeBased(): GoogleAppsScript.Script.ClockTriggerBuilder {
    this.registry.ctx.ledger.record('TriggerBuilder.timeBased');
    return new FakeClockTriggerBuilder(this.registry, this.handler) as unknown as GoogleAppsScript.Script.ClockTriggerBuilder;
  }
}

/**
 * A spreadsheet's id without counting a call when the fake offers `peekId()`; otherwise through
 * `getId()` (then recorded as a Spreadsheet.getId call).
 */
function sourceIdOf(sheet: { getId(): string } | string): string {
  if (typeof sheet === 'string') return sheet;
  const peek = (sheet as unknown as { peekId?: () => string }).peekId;
  return typeof peek === 'function' ? peek.call(sheet) : sheet.getId();
}

function idOfTrigger(trigger: GoogleAppsScript.Script.Trigger): string {
  if (trigger instanceof FakeTrigger) return trigger.snapshot.id;
  return trigger.getUniqueId();
}

/**
 * `ScriptApp`: the trigger registry. Add-on mode (the default) applies the editor add-on
 * restrictions [EDTRIG]: one trigger of each event type per user per document, and no
 * time-driven trigger more often than hourly (everyMinutes fails at create()).
 */
export class FakeScriptApp
  implements
    Pick<
      GoogleAppsScript.Script.ScriptApp,
      'AuthMode' | 'EventType' | 'TriggerSource' | 'WeekDay' | 'newTrigger' | 'getProjectTriggers' | 'getUserTriggers' | 'deleteTrigger'
    >
{
  readonly AuthMode = AuthMode;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly WeekDay = WeekDay;
  private readonly registry: Registry;

  constructor(
    private readonly ctx: EmulationContext,
    saved?: TriggerSnapshot[],
    options: ScriptAppOptions = {},
  ) {
    this.registry = new Registry(ctx, { addOn: options.addOn ?? true, documentId: options.documentId }, saved);
  }

  newTrigger(functionName: string): GoogleAppsScript.Script.TriggerBuilder {
    this.ctx.ledger.record('ScriptApp.newTrigger');
    if (typeof functionName !== 'string' || functionName === '') throw appsScriptError('Invalid argument: functionName');
    return new FakeTriggerBuilder(this.registry, functionName) as unknown as GoogleAppsScript.Script.TriggerBuilder;
  }

  /** The current user's triggers in this project. */
  getProjectTriggers(): GoogleAppsScript.Script.Trigger[] {
    this.ctx.ledger.record('ScriptApp.getProjectTriggers');
    return this.registry.triggers.filter((t) => t.user === this.ctx.userEmail).map((t) => new FakeTrigger(this.ctx, t));
  }

  /**
   * The current user's triggers for this script in the given spreadsheet: those whose source is
   * it, and (⚠ assumed) clock triggers the add-on created while running in it.
   */
  getUserTriggers(
    file: GoogleAppsScript.Spreadsheet.Spreadsheet | GoogleAppsScript.Document.Document | GoogleAppsScript.Forms.Form,
  ): GoogleAppsScript.Script.Trigger[] {
    this.ctx.ledger.record('ScriptApp.getUserTriggers');
    const id = sourceIdOf(file);
    // documentId null: created without ScriptAppOptions.documentId, i.e. in the workspace's only document.
    return this.registry.triggers
      .filter((t) => t.user === this.ctx.userEmail && (t.documentId === id || t.documentId === null))
      .map((t) => new FakeTrigger(this.ctx, t));
  }

  /** Removes the trigger; deleting one that is already gone does nothing (⚠ unconfirmed). */
  deleteTrigger(trigger: GoogleAppsScript.Script.Trigger): void {
    this.ctx.ledger.record('ScriptApp.deleteTrigger');
    const id = idOfTrigger(trigger);
    this.registry.triggers = this.registry.triggers.filter((t) => t.id !== id);
  }

  /** Registered triggers of one event type, every user's, for a harness to fire (not recorded). */
  triggersFor(eventType: EventTypeName | GoogleAppsScript.Script.EventType): TriggerSnapshot[] {
    const name = String(eventType);
    return this.registry.triggers.filter((t) => t.eventType === name).map((t) => structuredClone(t));
  }

  /** Every registered trigger, for the workspace snapshot (not recorded). */
  toJSON(): TriggerSnapshot[] {
    return this.registry.triggers.map((t) => structuredClone(t));
  }
}
