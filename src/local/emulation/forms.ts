// FormApp emulated: forms with list, multiple-choice, checkbox, scale, text and paragraph items,
// responses (submitted by a script, or by a person through `respond`), prefilled links, and the
// spreadsheet destination with its "Form Responses N" sheet. Forms are not files of the
// spreadsheet: the FakeFormApp keeps them, and saves them as plain JSON (toJSON / the constructor).
//
// Sources, cited next to each rule:
//   [FORM]   https://developers.google.com/apps-script/reference/forms/form
//   [FAPP]   https://developers.google.com/apps-script/reference/forms/form-app
//   [FRESP]  https://developers.google.com/apps-script/reference/forms/form-response — a
//            FormResponse reads answers, submits a response (withItemResponse + submit), or
//            builds "a URL for the form which pre-fills fields using the provided answers".
//   [SCALE]  https://developers.google.com/apps-script/reference/forms/scale-item — setBounds:
//            lower 0 or 1, upper 3 to 10 (also /work/shared/reference/apps-script.md §3).
//   [EVT]    https://developers.google.com/apps-script/guides/triggers/events — Sheets "Form
//            submit (installable)": authMode FULL, namedValues ({'First Name': ['Jane'],
//            'Timestamp': ['6/7/2015 20:54:13'], …}), range, triggerUid, values "in the same order
//            as they appear in the spreadsheet".
//   [INST]   https://developers.google.com/apps-script/guides/triggers/installable — "Script
//            executions and API requests do not cause triggers to run … FormResponse.submit()
//            does not cause the form's submit trigger to run" (apps-script.md §3).
//   [CAST]   "Invalid conversion for item type: PAGE_BREAK" — Apps Script's error for asListItem()
//            on another item type, quoted verbatim in public Apps Script projects' notes.
//   [PP]     Prefilled links as Google's "Get pre-filled link" writes them, seen in many public
//            repositories: https://docs.google.com/forms/d/e/<published id>/viewform?usp=pp_url&entry.<item id>=<value>
//            (spaces as '+', e.g. "entry.12345=TEST+NAME").
//   [GF]     brucemcpherson/gas-fakes src/services/formapp/ (fakeform.js, fakeformresponse.js): a
//            fake built against live Apps Script — new scale items are 1–5; getPublishedUrl is
//            /forms/d/e/<id>/viewform, getEditUrl /forms/d/<id>/edit; getResponses in
//            chronological order.
// ⚠ marks behaviour from memory or reasoning, not found in those sources (to check on a real
// form, docs/ check-list):
//   - setDestination inserts the responses sheet as the FIRST tab, named "Form Responses <n>"
//     with the smallest free n, and copies the form's existing responses into it; linking again
//     makes a new sheet; removeDestination leaves the sheet in place;
//   - the header row is Timestamp, Email Address (when collecting), then item titles in item
//     order; an item added later gets a new column at the end, a renamed item a new column (its
//     old column stays, blank from then on); the emulation adds such columns when the next
//     response is written (Google may add them when the form is edited);
//   - a response row: the timestamp as a Date formatted M/d/yyyy H:mm:ss, scale answers as
//     numbers, checkbox answers joined with ", ", other answers converted as typed input
//     ("42" → 42), except that text starting with "=" or "'" stays text (no formula);
//   - namedValues and values are the new row's display values; optional questions left blank
//     give ''; the event also carries `source` (the spreadsheet, not in [EVT]'s table) and
//     `user` (typed by @types; here the trigger's owner);
//   - a deleted responses sheet: responses are kept by the form, no row, no trigger event;
//   - getDestinationId()/getDestinationType() without a destination throw; getItemById of an
//     unknown id returns null; FormApp.create(title) makes a published form;
//   - every error wording marked "(emulation wording ⚠)".
import type { EmulationContext } from './context';
import { appsScriptError, makeEnum } from './common';
import { DEFAULT_DATE_TIME_FORMAT } from './cells';
import type { FakeSheet, FakeSpreadsheet, IsAny, Overloads, Same, UnionToIntersection } from './spreadsheet';
import type { TriggerSnapshot } from './script';
import { FakeUser } from './session';

// ---------------------------------------------------------------------------------------------
// Typing the fakes against the official interfaces (as spreadsheet.ts's Faked, for Forms types)
// ---------------------------------------------------------------------------------------------

type Official = typeof GoogleAppsScript.Forms;
type OForm = GoogleAppsScript.Forms.Form;

/** The fake standing for an official Forms type. */
export type FormsFakeOf<T> =
  IsAny<T> extends true
    ? T
    : T extends unknown
      ? Same<T, OForm> extends true ? FakeForm
        : Same<T, GoogleAppsScript.Forms.Item> extends true ? FakeItem
        : Same<T, GoogleAppsScript.Forms.ListItem> extends true ? FakeListItem
        : Same<T, GoogleAppsScript.Forms.MultipleChoiceItem> extends true ? FakeMultipleChoiceItem
        : Same<T, GoogleAppsScript.Forms.CheckboxItem> extends true ? FakeCheckboxItem
        : Same<T, GoogleAppsScript.Forms.ScaleItem> extends true ? FakeScaleItem
        : Same<T, GoogleAppsScript.Forms.TextItem> extends true ? FakeTextItem
        : Same<T, GoogleAppsScript.Forms.ParagraphTextItem> extends true ? FakeParagraphTextItem
        : Same<T, GoogleAppsScript.Forms.ItemResponse> extends true ? FakeItemResponse
        : Same<T, GoogleAppsScript.Forms.FormResponse> extends true ? FakeFormResponse
        : Same<T, GoogleAppsScript.Forms.Choice> extends true ? FakeChoice
        : T extends readonly (infer U)[] ? FormsFakeOf<U>[]
        : T
      : never;

type FakeSignature<F> = F extends (...a: infer A) => infer R ? (...a: { [I in keyof A]: FormsFakeOf<A[I]> }) => FormsFakeOf<R> : never;

/** `Faked` for Forms: tsc checks each method against @types/google-apps-script, with fakes for official classes. */
export type FakedForms<T> = {
  [K in keyof T]: T[K] extends (...a: never[]) => unknown ? UnionToIntersection<FakeSignature<Overloads<T[K]>[number]>> : T[K];
};

// ---------------------------------------------------------------------------------------------
// Enums and records
// ---------------------------------------------------------------------------------------------

export const ITEM_TYPE = makeEnum<Official['ItemType']>([
  'CHECKBOX', 'CHECKBOX_GRID', 'DATE', 'DATETIME', 'DURATION', 'GRID', 'IMAGE', 'LIST', 'MULTIPLE_CHOICE',
  'PAGE_BREAK', 'PARAGRAPH_TEXT', 'SCALE', 'SECTION_HEADER', 'TEXT', 'TIME', 'VIDEO', 'FILE_UPLOAD',
]);
export const DESTINATION_TYPE = makeEnum<Official['DestinationType']>(['SPREADSHEET']);
const AUTH_MODE_FULL = makeEnum<typeof GoogleAppsScript.Script.AuthMode>(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL']).FULL;

/** The item types emulated. */
export type ItemKind = 'LIST' | 'MULTIPLE_CHOICE' | 'CHECKBOX' | 'SCALE' | 'TEXT' | 'PARAGRAPH_TEXT';

export interface FormItemSnapshot {
  /** Google's item ids are integers [FORM getItemById(id: Integer)]. */
  id: number;
  type: ItemKind;
  title: string;
  helpText: string;
  required: boolean;
  /** LIST, MULTIPLE_CHOICE, CHECKBOX. */
  choices?: string[];
  /** SCALE. */
  lowerBound?: number;
  upperBound?: number;
  leftLabel?: string;
  rightLabel?: string;
}

/** An answer as ItemResponse.getResponse() gives it: string[] for checkboxes, else a string (scale: "4"). */
export type StoredAnswer = string | string[];

export interface FormResponseSnapshot {
  id: string;
  /** ISO instant. */
  timestamp: string;
  /** '' when the form does not collect emails, and for responses submitted by a script. */
  email: string;
  /** In item order at submission. */
  answers: Array<{ itemId: number; value: StoredAnswer }>;
}

/** One column of the responses sheet: 'timestamp', 'email' or 'item:<id>', and its header. */
export interface ResponseColumn {
  key: string;
  title: string;
}

export interface FormDestinationSnapshot {
  type: 'SPREADSHEET';
  spreadsheetId: string;
  /** The responses sheet's id (sheet ids survive renames and moves). */
  sheetId: number;
  /** The form's columns in sheet order, from column A. */
  columns: ResponseColumn[];
}

export interface FormSnapshot {
  id: string;
  /** The separate id in the respondents' URL (/forms/d/e/<publishedId>/viewform) [GF]. */
  publishedId: string;
  title: string;
  description: string;
  confirmationMessage: string;
  collectEmail: boolean;
  acceptingResponses: boolean;
  published: boolean;
  items: FormItemSnapshot[];
  responses: FormResponseSnapshot[];
  destination: FormDestinationSnapshot | null;
}

/** Every form the workspace knows, JSON-safe: what the sandbox saves. */
export interface FormsSnapshot {
  forms: FormSnapshot[];
}

/** What a person types into the form in a browser (see {@link FakeFormApp.respond}). */
export interface PersonSubmission {
  /** The respondent's address: required when the form collects emails, refused otherwise. */
  email?: string;
  /** Answers keyed by item title or item id; '' or [] leaves a question blank. */
  answers: Record<string, string | number | string[]>;
  /** When the person submits; default ctx.now(). */
  at?: Date;
}

/** The Sheets "Form submit" event [EVT], with `source` as Apps Script also passes it ⚠. */
export type SheetsFormSubmitEvent = GoogleAppsScript.Events.SheetsOnFormSubmit & { source: GoogleAppsScript.Spreadsheet.Spreadsheet };

/** One trigger to run: the handler's name and its event object (plain; deliver it as often as needed). */
export interface FormSubmitDelivery {
  handler: string;
  event: SheetsFormSubmitEvent;
}

const TIMESTAMP_HEADER = 'Timestamp';
const EMAIL_HEADER = 'Email Address';
const RESPONSE_SHEET_PREFIX = 'Form Responses ';

function compact(uuid: string): string {
  return uuid.replace(/[^A-Za-z0-9]/g, '');
}

/** A positive integer id (9–10 digits, like Google's item ids) derived from a uuid. */
function integerIdFrom(uuid: string): number {
  let h = 2166136261;
  for (const ch of uuid) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return 100000000 + (h % 2000000000);
}

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Form encoding of a prefilled value [PP]: percent-encoding with spaces as '+'. */
function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

// ---------------------------------------------------------------------------------------------
// FormApp
// ---------------------------------------------------------------------------------------------

type FormAppMethods = 'create' | 'openById' | 'openByUrl' | 'getActiveForm' | 'DestinationType' | 'ItemType';

/**
 * `FormApp` over the forms of one workspace. The destination can only be the workspace's
 * spreadsheet; `respond` plays a person submitting a form in the browser and returns the trigger
 * events Apps Script would deliver.
 */
export class FakeFormApp implements FakedForms<Pick<GoogleAppsScript.Forms.FormApp, FormAppMethods>> {
  readonly DestinationType = DESTINATION_TYPE;
  readonly ItemType = ITEM_TYPE;
  /** Every delivery `respond` produced, oldest first (not Apps Script API; not saved). */
  readonly deliveries: FormSubmitDelivery[] = [];
  /** @internal */ readonly forms: FormSnapshot[];

  constructor(
    /** @internal */ readonly ctx: EmulationContext,
    /** @internal */ readonly spreadsheet: FakeSpreadsheet,
    /** The registered ON_FORM_SUBMIT triggers (ScriptApp.triggersFor), read at each submission. */
    private readonly formSubmitTriggers: () => TriggerSnapshot[],
    saved?: FormsSnapshot,
  ) {
    this.forms = saved ? copy(saved.forms) : [];
  }

  /** Loads what {@link toJSON} saved (the same as passing it to the constructor). */
  static fromJSON(
    ctx: EmulationContext,
    spreadsheet: FakeSpreadsheet,
    formSubmitTriggers: () => TriggerSnapshot[],
    snapshot: FormsSnapshot,
  ): FakeFormApp {
    return new FakeFormApp(ctx, spreadsheet, formSubmitTriggers, snapshot);
  }

  /** A deep, JSON-safe copy of every form (unrecorded). */
  toJSON(): FormsSnapshot {
    return { forms: copy(this.forms) };
  }

  /** @internal */ newItemId(): number {
    for (;;) {
      const id = integerIdFrom(this.ctx.uuid());
      if (!this.forms.some((f) => f.items.some((i) => i.id === id))) return id;
    }
  }

  private find(id: string): FormSnapshot | undefined {
    return this.forms.find((f) => f.id === id);
  }

  // --- Apps Script API -------------------------------------------------------------------------

  /**
   * A new empty form [FAPP create]. `isPublished` (apps-script.md §3) sets the publish state;
   * without it the form is published ⚠.
   */
  create(title: string, isPublished?: boolean): FakeForm {
    this.ctx.ledger.record('FormApp.create');
    if (typeof title !== 'string') throw appsScriptError("The parameters (Object) don't match the method signature for FormApp.create.");
    const state: FormSnapshot = {
      id: `1${compact(this.ctx.uuid())}`,
      publishedId: `1FAIpQLS${compact(this.ctx.uuid())}`,
      title,
      description: '',
      confirmationMessage: '',
      collectEmail: false, // @types Form.setCollectEmail docs: default false
      acceptingResponses: true,
      published: isPublished ?? true,
      items: [],
      responses: [],
      destination: null,
    };
    this.forms.push(state);
    return new FakeForm(this, state);
  }

  /** ⚠ Wording of Drive's "not found" error, used here for an unknown form id. */
  openById(id: string): FakeForm {
    this.ctx.ledger.record('FormApp.openById');
    const state = this.find(id);
    if (!state) throw appsScriptError('No item with the given ID could be found, or you do not have permission to access it. (emulation wording ⚠)');
    return new FakeForm(this, state);
  }

  /** An edit URL (/forms/d/<id>/…) or ⚠ a published one (/forms/d/e/<published id>/…). */
  openByUrl(url: string): FakeForm {
    this.ctx.ledger.record('FormApp.openByUrl');
    const m = /\/forms\/d\/(e\/)?([A-Za-z0-9_-]+)/.exec(String(url));
    const state = m ? this.forms.find((f) => (m[1] ? f.publishedId : f.id) === m[2]) : undefined;
    if (!state) throw appsScriptError(`Invalid argument: url (emulation wording ⚠)`);
    return new FakeForm(this, state);
  }

  /** Null: the add-on is bound to a spreadsheet, not a form (@types says Form). */
  getActiveForm(): FakeForm {
    this.ctx.ledger.record('FormApp.getActiveForm');
    return null as unknown as FakeForm;
  }

  // --- a person in the browser (not Apps Script API; nothing recorded) ---------------------

  /**
   * A person submits the form in a browser: the answers are checked as the form page would
   * (required questions, choices, scale bounds, email when collected), the response is stored,
   * its row is written to the responses sheet, and the Sheets form-submit events are returned,
   * one for each ON_FORM_SUBMIT trigger installed on the destination spreadsheet [EVT]. The
   * handlers are not run: the caller delivers each event (as many times as it wants).
   */
  respond(formId: string, submission: PersonSubmission): FormSubmitDelivery[] {
    return this.ctx.ledger.untracked(() => {
      const state = this.find(formId);
      if (!state) throw new Error(`No form with id ${formId}`);
      if (!state.published) throw new Error(`Form "${state.title}" is not published: nobody can open it`);
      if (!state.acceptingResponses) throw new Error(`Form "${state.title}" is no longer accepting responses`);
      const email = (submission.email ?? '').trim();
      if (state.collectEmail && !/^[^@\s]+@[^@\s]+$/.test(email)) throw new Error(`Form "${state.title}" collects emails: a valid email is required`);
      if (!state.collectEmail && email !== '') throw new Error(`Form "${state.title}" does not collect emails`);
      const given = new Map<number, StoredAnswer>();
      for (const [key, raw] of Object.entries(submission.answers)) {
        const item = itemByKey(state, key);
        const value = personAnswer(item, raw);
        if (value !== null) given.set(item.id, value);
      }
      for (const item of state.items) {
        if (item.required && !given.has(item.id)) throw new Error(`Question "${item.title}" is required`);
      }
      const at = submission.at ?? this.ctx.now();
      const response: FormResponseSnapshot = {
        id: `2_${compact(this.ctx.uuid())}`,
        timestamp: new Date(at.getTime()).toISOString(),
        email,
        answers: state.items.filter((i) => given.has(i.id)).map((i) => ({ itemId: i.id, value: given.get(i.id)! })),
      };
      state.responses.push(response);
      const written = this.writeResponseRow(state, response);
      if (!written) return [];
      const deliveries = this.formSubmitTriggers()
        .filter((t) => t.eventType === 'ON_FORM_SUBMIT' && t.source === 'SPREADSHEETS' && t.sourceId === this.spreadsheet.peekId())
        .map((t): FormSubmitDelivery => ({ handler: t.handler, event: this.eventFor(t, written) }));
      this.deliveries.push(...deliveries);
      return deliveries;
    });
  }

  private eventFor(trigger: TriggerSnapshot, written: WrittenRow): SheetsFormSubmitEvent {
    const namedValues: { [key: string]: string[] } = {};
    written.headers.forEach((header, i) => {
      (namedValues[header] ??= []).push(written.display[i]);
    });
    return {
      authMode: AUTH_MODE_FULL,
      triggerUid: trigger.id,
      user: new FakeUser(this.ctx, trigger.user),
      namedValues,
      values: written.display.slice(),
      // The fakes stand in for the official classes (typed against them in spreadsheet.ts).
      range: written.sheet.rangeInternal(written.row, 1, 1, written.headers.length) as unknown as GoogleAppsScript.Spreadsheet.Range,
      source: this.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet,
    };
  }

  // --- the responses sheet (Google's writes: never recorded) ---------------------------------

  /** @internal The destination's sheet, or null (no destination, or the sheet was deleted ⚠). */
  destinationSheet(state: FormSnapshot): FakeSheet | null {
    const d = state.destination;
    if (!d || d.spreadsheetId !== this.spreadsheet.peekId()) return null;
    return this.spreadsheet.sheetsInternal().find((s) => s.state.id === d.sheetId) ?? null;
  }

  /** @internal Links the form to the spreadsheet: a new first sheet "Form Responses <n>" ⚠. */
  link(state: FormSnapshot): void {
    this.ctx.ledger.untracked(() => {
      const taken = new Set(this.spreadsheet.sheetsInternal().map((s) => s.state.name.toLowerCase()));
      let n = 1;
      while (taken.has(`${RESPONSE_SHEET_PREFIX}${n}`.toLowerCase())) n += 1;
      const sheet = this.spreadsheet.addSheetInternal(`${RESPONSE_SHEET_PREFIX}${n}`, 0);
      state.destination = { type: 'SPREADSHEET', spreadsheetId: this.spreadsheet.peekId(), sheetId: sheet.state.id, columns: [] };
      this.syncColumns(state, sheet);
      for (const response of state.responses) this.writeResponseRow(state, response);
    });
  }

  /**
   * Adds the columns the form needs and the sheet lacks, at the end ⚠: Timestamp first, Email
   * Address when collecting, then each item whose current title has no column yet.
   */
  private syncColumns(state: FormSnapshot, sheet: FakeSheet): void {
    const d = state.destination!;
    const wanted: ResponseColumn[] = [{ key: 'timestamp', title: TIMESTAMP_HEADER }];
    if (state.collectEmail) wanted.push({ key: 'email', title: EMAIL_HEADER });
    for (const item of state.items) wanted.push({ key: `item:${item.id}`, title: item.title });
    for (const column of wanted) {
      const latest = [...d.columns].reverse().find((c) => c.key === column.key);
      if (latest && latest.title === column.title) continue;
      d.columns.push(column);
      const at = d.columns.length;
      if (at > sheet.state.maxColumns) sheet.insertColumnsAfter(sheet.state.maxColumns, at - sheet.state.maxColumns);
      // A leading apostrophe keeps a header like "1/2" as text (cells.ts convertWrite).
      sheet.getRange(1, at).setValue(`'${column.title}`);
    }
  }

  /** Writes one response as the next row; null when there is no sheet to write to. */
  private writeResponseRow(state: FormSnapshot, response: FormResponseSnapshot): WrittenRow | null {
    return this.ctx.ledger.untracked(() => {
      const sheet = this.destinationSheet(state);
      if (!sheet) return null;
      this.syncColumns(state, sheet);
      const columns = state.destination!.columns;
      const answers = new Map(response.answers.map((a) => [a.itemId, a.value]));
      const lastOfKey = new Map<string, number>();
      columns.forEach((c, i) => lastOfKey.set(c.key, i));
      const cells = columns.map((c, i): string | number | Date => {
        if (c.key === 'timestamp') return new Date(response.timestamp);
        if (c.key === 'email') return response.email;
        if (lastOfKey.get(c.key) !== i) return ''; // an old column of a renamed item ⚠
        const item = state.items.find((it) => `item:${it.id}` === c.key);
        const value = item ? answers.get(item.id) : undefined;
        return value === undefined ? '' : sheetValue(item!, value);
      });
      const row = sheet.getLastRow() + 1;
      sheet.appendRow(cells);
      const timestampColumn = columns.findIndex((c) => c.key === 'timestamp') + 1;
      sheet.getRange(row, timestampColumn).setNumberFormat(DEFAULT_DATE_TIME_FORMAT);
      const display = sheet.getRange(row, 1, 1, columns.length).getDisplayValues()[0];
      return { sheet, row, headers: columns.map((c) => c.title), display: [...display] };
    });
  }

  /** @internal Stores a response submitted by a script and writes its row; no trigger fires [INST]. */
  storeSubmitted(state: FormSnapshot, answers: FormResponseSnapshot['answers']): FormResponseSnapshot {
    const response: FormResponseSnapshot = {
      id: `2_${compact(this.ctx.uuid())}`,
      timestamp: this.ctx.now().toISOString(),
      email: '',
      answers: copy(answers),
    };
    state.responses.push(response);
    this.writeResponseRow(state, response);
    return response;
  }
}

interface WrittenRow {
  sheet: FakeSheet;
  row: number;
  headers: string[];
  display: string[];
}

/** What a person's answer puts in the sheet ⚠ (see the header). */
function sheetValue(item: FormItemSnapshot, value: StoredAnswer): string | number {
  if (Array.isArray(value)) return value.join(', ');
  if (item.type === 'SCALE') return Number(value);
  return /^[=']/.test(value) ? `'${value}` : value;
}

/** The item an answer key names: its id, else its exact title (which must be unique). */
function itemByKey(state: FormSnapshot, key: string): FormItemSnapshot {
  const byId = state.items.find((i) => String(i.id) === key);
  if (byId) return byId;
  const byTitle = state.items.filter((i) => i.title === key);
  if (byTitle.length === 1) return byTitle[0];
  if (byTitle.length > 1) throw new Error(`Several questions are titled "${key}": answer by item id`);
  throw new Error(`Form "${state.title}" has no question "${key}"`);
}

/** A person's answer, checked as the form page checks it; null for a blank answer. */
function personAnswer(item: FormItemSnapshot, raw: string | number | string[]): StoredAnswer | null {
  if (raw === '' || (Array.isArray(raw) && raw.length === 0)) return null;
  const problem = answerProblem(item, raw);
  if (problem) throw new Error(`Question "${item.title}": ${problem}`);
  if (item.type === 'CHECKBOX') return Array.isArray(raw) ? raw.slice() : [String(raw)];
  return String(raw);
}

/** Why `value` cannot answer `item`, or null. Shared by createResponse and respond. */
function answerProblem(item: FormItemSnapshot, value: unknown): string | null {
  switch (item.type) {
    case 'SCALE': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      const lower = item.lowerBound ?? 1;
      const upper = item.upperBound ?? 5;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < lower || n > upper) {
        return `${String(value)} is not a whole number from ${lower} to ${upper}`;
      }
      return null;
    }
    case 'LIST':
    case 'MULTIPLE_CHOICE':
      if (typeof value !== 'string') return 'the answer must be one of the choices';
      return (item.choices ?? []).includes(value) ? null : `"${value}" is not one of the choices`;
    case 'CHECKBOX': {
      const values = Array.isArray(value) ? value : [value];
      const bad = values.find((v) => typeof v !== 'string' || !(item.choices ?? []).includes(v));
      return bad === undefined ? null : `"${String(bad)}" is not one of the choices`;
    }
    case 'TEXT':
    case 'PARAGRAPH_TEXT':
      return typeof value === 'string' || typeof value === 'number' ? null : 'the answer must be text';
  }
}

// ---------------------------------------------------------------------------------------------
// Form
// ---------------------------------------------------------------------------------------------

type FormMethods =
  | 'getId' | 'getTitle' | 'setTitle' | 'getDescription' | 'setDescription' | 'setCollectEmail' | 'collectsEmail'
  | 'setConfirmationMessage' | 'getConfirmationMessage' | 'setAcceptingResponses' | 'isAcceptingResponses'
  | 'addListItem' | 'addMultipleChoiceItem' | 'addCheckboxItem' | 'addScaleItem' | 'addParagraphTextItem' | 'addTextItem'
  | 'getItems' | 'getItemById' | 'deleteItem' | 'setDestination' | 'getDestinationId' | 'getDestinationType'
  | 'removeDestination' | 'getPublishedUrl' | 'getEditUrl' | 'createResponse' | 'getResponses' | 'getResponse';

/** A form [FORM]. Every FakeForm of the same id shares one state. */
export class FakeForm implements FakedForms<Pick<OForm, FormMethods>> {
  /** @internal */ readonly ctx: EmulationContext;

  /** @internal */
  constructor(
    /** @internal */ readonly app: FakeFormApp,
    /** @internal */ readonly state: FormSnapshot,
  ) {
    this.ctx = app.ctx;
  }

  private rec(method: string): void {
    this.ctx.ledger.record(`Form.${method}`);
  }

  getId(): string {
    this.rec('getId');
    return this.state.id;
  }

  getTitle(): string {
    this.rec('getTitle');
    return this.state.title;
  }

  setTitle(title: string): FakeForm {
    this.rec('setTitle');
    this.state.title = String(title);
    return this;
  }

  getDescription(): string {
    this.rec('getDescription');
    return this.state.description;
  }

  setDescription(description: string): FakeForm {
    this.rec('setDescription');
    this.state.description = String(description);
    return this;
  }

  /** "Sets whether the form collects respondents' email addresses" (default false, @types docs). */
  setCollectEmail(collect: boolean): FakeForm {
    this.rec('setCollectEmail');
    this.state.collectEmail = !!collect;
    return this;
  }

  collectsEmail(): boolean {
    this.rec('collectsEmail');
    return this.state.collectEmail;
  }

  setConfirmationMessage(message: string): FakeForm {
    this.rec('setConfirmationMessage');
    this.state.confirmationMessage = String(message);
    return this;
  }

  getConfirmationMessage(): string {
    this.rec('getConfirmationMessage');
    return this.state.confirmationMessage;
  }

  setAcceptingResponses(enabled: boolean): FakeForm {
    this.rec('setAcceptingResponses');
    this.state.acceptingResponses = !!enabled;
    return this;
  }

  isAcceptingResponses(): boolean {
    this.rec('isAcceptingResponses');
    return this.state.acceptingResponses;
  }

  /** Not in this @types version; the publish state FormApp.create(title, isPublished) set. */
  isPublished(): boolean {
    this.rec('isPublished');
    return this.state.published;
  }

  setPublished(enabled: boolean): FakeForm {
    this.rec('setPublished');
    this.state.published = !!enabled;
    return this;
  }

  // --- items -----------------------------------------------------------------------------------

  private add(type: ItemKind): FormItemSnapshot {
    const record: FormItemSnapshot = { id: this.app.newItemId(), type, title: '', helpText: '', required: false };
    if (type === 'LIST' || type === 'MULTIPLE_CHOICE' || type === 'CHECKBOX') record.choices = [];
    if (type === 'SCALE') Object.assign(record, { lowerBound: 1, upperBound: 5, leftLabel: '', rightLabel: '' }); // 1–5 [GF]
    this.state.items.push(record);
    return record;
  }

  addListItem(): FakeListItem {
    this.rec('addListItem');
    return new FakeListItem(this, this.add('LIST'));
  }

  addMultipleChoiceItem(): FakeMultipleChoiceItem {
    this.rec('addMultipleChoiceItem');
    return new FakeMultipleChoiceItem(this, this.add('MULTIPLE_CHOICE'));
  }

  addCheckboxItem(): FakeCheckboxItem {
    this.rec('addCheckboxItem');
    return new FakeCheckboxItem(this, this.add('CHECKBOX'));
  }

  addScaleItem(): FakeScaleItem {
    this.rec('addScaleItem');
    return new FakeScaleItem(this, this.add('SCALE'));
  }

  addParagraphTextItem(): FakeParagraphTextItem {
    this.rec('addParagraphTextItem');
    return new FakeParagraphTextItem(this, this.add('PARAGRAPH_TEXT'));
  }

  addTextItem(): FakeTextItem {
    this.rec('addTextItem');
    return new FakeTextItem(this, this.add('TEXT'));
  }

  /** Every item, or those of one type, in form order, as generic items [FORM getItems]. */
  getItems(itemType?: GoogleAppsScript.Forms.ItemType): FakeItem[] {
    this.rec('getItems');
    const type = itemType === undefined ? null : String(itemType);
    return this.state.items.filter((i) => type === null || i.type === type).map((i) => new FakeItem(this, i));
  }

  /** The item, or null when no item has that id ⚠ (@types says Item). */
  getItemById(id: number): FakeItem {
    this.rec('getItemById');
    const record = this.state.items.find((i) => i.id === id);
    return (record ? new FakeItem(this, record) : null) as FakeItem;
  }

  /** Deletes an item by 0-based index or by item; its column in the responses sheet stays ⚠. */
  deleteItem(itemOrIndex: number | ItemView): void {
    this.rec('deleteItem');
    let at: number;
    if (typeof itemOrIndex === 'number') {
      at = itemOrIndex;
      if (!Number.isInteger(at) || at < 0 || at >= this.state.items.length) {
        throw appsScriptError(`Invalid index: ${itemOrIndex} (emulation wording ⚠)`);
      }
    } else if (itemOrIndex instanceof ItemView) {
      at = this.state.items.indexOf(itemOrIndex.recordInternal());
      if (at < 0) throw appsScriptError('The item is not in this form or was deleted (emulation wording ⚠).');
    } else {
      throw appsScriptError("The parameters (Object) don't match the method signature for FormApp.Form.deleteItem.");
    }
    this.state.items.splice(at, 1);
  }

  /** @internal */ hasItem(record: FormItemSnapshot): boolean {
    return this.state.items.includes(record);
  }

  // --- destination -----------------------------------------------------------------------------

  /**
   * Sends responses to the spreadsheet: Google adds a "Form Responses <n>" sheet with the
   * header row and the responses so far ⚠ (see the file header). Only the workspace's own
   * spreadsheet exists here; another id throws.
   */
  setDestination(type: GoogleAppsScript.Forms.DestinationType, id: string): FakeForm {
    this.rec('setDestination');
    if (String(type) !== 'SPREADSHEET') throw appsScriptError('Invalid argument: type (emulation wording ⚠)');
    if (id !== this.app.spreadsheet.peekId()) {
      throw appsScriptError(`No spreadsheet with id ${String(id)} (the emulation holds only the workspace's spreadsheet; emulation wording ⚠).`);
    }
    this.app.link(this.state);
    return this;
  }

  /** Throws without a destination ⚠. */
  getDestinationId(): string {
    this.rec('getDestinationId');
    if (!this.state.destination) throw appsScriptError('This form does not have a response destination (emulation wording ⚠).');
    return this.state.destination.spreadsheetId;
  }

  getDestinationType(): GoogleAppsScript.Forms.DestinationType {
    this.rec('getDestinationType');
    if (!this.state.destination) throw appsScriptError('This form does not have a response destination (emulation wording ⚠).');
    return DESTINATION_TYPE.SPREADSHEET;
  }

  /** Unlinks the spreadsheet; the responses sheet and its rows stay ⚠. */
  removeDestination(): FakeForm {
    this.rec('removeDestination');
    this.state.destination = null;
    return this;
  }

  /** The respondents' URL [GF]. */
  getPublishedUrl(): string {
    this.rec('getPublishedUrl');
    return `https://docs.google.com/forms/d/e/${this.state.publishedId}/viewform`;
  }

  getEditUrl(): string {
    this.rec('getEditUrl');
    return `https://docs.google.com/forms/d/${this.state.id}/edit`;
  }

  /** @internal */ publishedUrlInternal(): string {
    return `https://docs.google.com/forms/d/e/${this.state.publishedId}/viewform`;
  }

  // --- responses -------------------------------------------------------------------------------

  /** An empty response to fill with withItemResponse, then submit or toPrefilledUrl [FRESP]. */
  createResponse(): FakeFormResponse {
    this.rec('createResponse');
    return new FakeFormResponse(this, null, []);
  }

  /** Stored responses in chronological order [GF]; with a timestamp, those after it ⚠ (strictly). */
  getResponses(timestamp?: GoogleAppsScript.Base.Date): FakeFormResponse[] {
    this.rec('getResponses');
    const after = timestamp === undefined ? null : (timestamp as unknown as Date).getTime();
    return this.state.responses
      .filter((r) => after === null || new Date(r.timestamp).getTime() > after)
      .sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp))
      .map((r) => new FakeFormResponse(this, r, r.answers));
  }

  /** One stored response by id; an unknown id throws ⚠. */
  getResponse(responseId: string): FakeFormResponse {
    this.rec('getResponse');
    const r = this.state.responses.find((x) => x.id === responseId);
    if (!r) throw appsScriptError(`No response with ID ${String(responseId)} (emulation wording ⚠).`);
    return new FakeFormResponse(this, r, r.answers);
  }
}

// ---------------------------------------------------------------------------------------------
// Items
// ---------------------------------------------------------------------------------------------

/** What every item view shares; the record lives in the form's state. */
export abstract class ItemView {
  protected readonly ctx: EmulationContext;

  constructor(
    protected readonly form: FakeForm,
    protected readonly record: FormItemSnapshot,
    protected readonly kind: string,
  ) {
    this.ctx = form.ctx;
  }

  /** @internal */ recordInternal(): FormItemSnapshot {
    return this.record;
  }

  /** @internal */ formInternal(): FakeForm {
    return this.form;
  }

  protected rec(method: string): FormItemSnapshot {
    this.ctx.ledger.record(`${this.kind}.${method}`);
    if (!this.form.hasItem(this.record)) throw appsScriptError('The item was deleted from its form (emulation wording ⚠).');
    return this.record;
  }

  getId(): number {
    return this.rec('getId').id;
  }

  /** 0-based position among the form's items [FORM]. */
  getIndex(): number {
    this.rec('getIndex');
    return this.form.state.items.indexOf(this.record);
  }

  getTitle(): string {
    return this.rec('getTitle').title;
  }

  setTitle(title: string): this {
    this.rec('setTitle').title = String(title);
    return this;
  }

  getHelpText(): string {
    return this.rec('getHelpText').helpText;
  }

  setHelpText(text: string): this {
    this.rec('setHelpText').helpText = String(text);
    return this;
  }

  getType(): GoogleAppsScript.Forms.ItemType {
    return ITEM_TYPE[this.rec('getType').type];
  }
}

/** A question: it can be required and answered. */
abstract class QuestionView extends ItemView {
  isRequired(): boolean {
    return this.rec('isRequired').required;
  }

  setRequired(enabled: boolean): this {
    this.rec('setRequired').required = !!enabled;
    return this;
  }

  /** Checks an answer as createResponse does (⚠ wording) and makes the ItemResponse. */
  protected respondWith(value: unknown, stored: StoredAnswer): FakeItemResponse {
    const problem = answerProblem(this.record, value);
    if (problem) throw appsScriptError(`Invalid response for the ${this.kind} "${this.record.title}": ${problem} (emulation wording ⚠).`);
    return new FakeItemResponse(this.form, this.record, stored);
  }
}

/** Items with choices: list, multiple choice, checkbox. */
abstract class ChoiceView extends QuestionView {
  setChoiceValues(values: string[]): this {
    const record = this.rec('setChoiceValues');
    if (!Array.isArray(values)) throw appsScriptError(`The parameters (Object) don't match the method signature for FormApp.${this.kind}.setChoiceValues.`);
    record.choices = values.map(String);
    return this;
  }

  getChoices(): FakeChoice[] {
    return (this.rec('getChoices').choices ?? []).map((v) => new FakeChoice(this.ctx, v));
  }
}

type CommonItemMethods = 'getId' | 'getIndex' | 'getTitle' | 'setTitle' | 'getHelpText' | 'setHelpText' | 'getType';
type QuestionMethods = CommonItemMethods | 'isRequired' | 'setRequired' | 'createResponse';
type ChoiceMethods = QuestionMethods | 'setChoiceValues' | 'getChoices';

/** A drop-down question. */
export class FakeListItem extends ChoiceView implements FakedForms<Pick<GoogleAppsScript.Forms.ListItem, ChoiceMethods>> {
  /** @internal */ constructor(form: FakeForm, record: FormItemSnapshot) {
    super(form, record, 'ListItem');
  }

  /** The value must be one of the choices ⚠. */
  createResponse(response: string): FakeItemResponse {
    this.rec('createResponse');
    return this.respondWith(response, String(response));
  }
}

/** Radio buttons (no "other" option here). */
export class FakeMultipleChoiceItem extends ChoiceView implements FakedForms<Pick<GoogleAppsScript.Forms.MultipleChoiceItem, ChoiceMethods>> {
  /** @internal */ constructor(form: FakeForm, record: FormItemSnapshot) {
    super(form, record, 'MultipleChoiceItem');
  }

  createResponse(response: string): FakeItemResponse {
    this.rec('createResponse');
    return this.respondWith(response, String(response));
  }
}

/** Checkboxes: several choices at once. */
export class FakeCheckboxItem extends ChoiceView implements FakedForms<Pick<GoogleAppsScript.Forms.CheckboxItem, ChoiceMethods>> {
  /** @internal */ constructor(form: FakeForm, record: FormItemSnapshot) {
    super(form, record, 'CheckboxItem');
  }

  createResponse(responses: string[]): FakeItemResponse {
    this.rec('createResponse');
    if (!Array.isArray(responses)) throw appsScriptError("The parameters (String) don't match the method signature for FormApp.CheckboxItem.createResponse.");
    return this.respondWith(responses, responses.map(String));
  }
}

type ScaleMethods = QuestionMethods | 'setBounds' | 'getLowerBound' | 'getUpperBound' | 'setLabels' | 'getLeftLabel' | 'getRightLabel';

/** A numbered scale; new ones are 1–5 [GF]. */
export class FakeScaleItem extends QuestionView implements FakedForms<Pick<GoogleAppsScript.Forms.ScaleItem, ScaleMethods>> {
  /** @internal */ constructor(form: FakeForm, record: FormItemSnapshot) {
    super(form, record, 'ScaleItem');
  }

  /** Lower 0 or 1, upper 3 to 10 [SCALE]; other bounds throw ⚠ wording. */
  setBounds(lower: number, upper: number): FakeScaleItem {
    const record = this.rec('setBounds');
    if (lower !== 0 && lower !== 1) throw appsScriptError(`Invalid lower bound ${String(lower)}: it must be 0 or 1 (emulation wording ⚠).`);
    if (!Number.isInteger(upper) || upper < 3 || upper > 10) throw appsScriptError(`Invalid upper bound ${String(upper)}: it must be from 3 to 10 (emulation wording ⚠).`);
    record.lowerBound = lower;
    record.upperBound = upper;
    return this;
  }

  getLowerBound(): number {
    return this.rec('getLowerBound').lowerBound ?? 1;
  }

  getUpperBound(): number {
    return this.rec('getUpperBound').upperBound ?? 5;
  }

  setLabels(lower: string, upper: string): FakeScaleItem {
    const record = this.rec('setLabels');
    record.leftLabel = String(lower);
    record.rightLabel = String(upper);
    return this;
  }

  getLeftLabel(): string {
    return this.rec('getLeftLabel').leftLabel ?? '';
  }

  getRightLabel(): string {
    return this.rec('getRightLabel').rightLabel ?? '';
  }

  /** A whole number within the bounds; anything else throws (apps-script.md §3). */
  createResponse(response: number): FakeItemResponse {
    this.rec('createResponse');
    if (typeof response !== 'number') throw appsScriptError(`The parameters (${typeof response}) don't match the method signature for FormApp.ScaleItem.createResponse.`);
    return this.respondWith(response, String(response));
  }
}

/** A one-line text question. */
export class FakeTextItem extends QuestionView implements FakedForms<Pick<GoogleAppsScript.Forms.TextItem, QuestionMethods>> {
  /** @internal */ constructor(form: FakeForm, record: FormItemSnapshot) {
    super(form, record, 'TextItem');
  }

  createResponse(response: string): FakeItemResponse {
    this.rec('createResponse');
    if (typeof response !== 'string') throw appsScriptError(`The parameters (${typeof response}) don't match the method signature for FormApp.TextItem.createResponse.`);
    return this.respondWith(response, response);
  }
}

/** A paragraph (multi-line) text question. */
export class FakeParagraphTextItem extends QuestionView implements FakedForms<Pick<GoogleAppsScript.Forms.ParagraphTextItem, QuestionMethods>> {
  /** @internal */ constructor(form: FakeForm, record: FormItemSnapshot) {
    super(form, record, 'ParagraphTextItem');
  }

  createResponse(response: string): FakeItemResponse {
    this.rec('createResponse');
    if (typeof response !== 'string') throw appsScriptError(`The parameters (${typeof response}) don't match the method signature for FormApp.ParagraphTextItem.createResponse.`);
    return this.respondWith(response, response);
  }
}

type AsMethods = 'asListItem' | 'asMultipleChoiceItem' | 'asCheckboxItem' | 'asScaleItem' | 'asTextItem' | 'asParagraphTextItem';

/** An item of any type, as getItems()/getItemById() give it; cast it with as…Item() [CAST]. */
export class FakeItem extends ItemView implements FakedForms<Pick<GoogleAppsScript.Forms.Item, CommonItemMethods | AsMethods>> {
  /** @internal */ constructor(form: FakeForm, record: FormItemSnapshot) {
    super(form, record, 'Item');
  }

  private cast(method: string, type: ItemKind): void {
    const record = this.rec(method);
    if (record.type !== type) throw appsScriptError(`Invalid conversion for item type: ${record.type}`);
  }

  asListItem(): FakeListItem {
    this.cast('asListItem', 'LIST');
    return new FakeListItem(this.form, this.record);
  }

  asMultipleChoiceItem(): FakeMultipleChoiceItem {
    this.cast('asMultipleChoiceItem', 'MULTIPLE_CHOICE');
    return new FakeMultipleChoiceItem(this.form, this.record);
  }

  asCheckboxItem(): FakeCheckboxItem {
    this.cast('asCheckboxItem', 'CHECKBOX');
    return new FakeCheckboxItem(this.form, this.record);
  }

  asScaleItem(): FakeScaleItem {
    this.cast('asScaleItem', 'SCALE');
    return new FakeScaleItem(this.form, this.record);
  }

  asTextItem(): FakeTextItem {
    this.cast('asTextItem', 'TEXT');
    return new FakeTextItem(this.form, this.record);
  }

  asParagraphTextItem(): FakeParagraphTextItem {
    this.cast('asParagraphTextItem', 'PARAGRAPH_TEXT');
    return new FakeParagraphTextItem(this.form, this.record);
  }
}

/** One choice of a list, multiple-choice or checkbox item. */
export class FakeChoice implements FakedForms<Pick<GoogleAppsScript.Forms.Choice, 'getValue'>> {
  /** @internal */ constructor(
    private readonly ctx: EmulationContext,
    private readonly value: string,
  ) {}

  getValue(): string {
    this.ctx.ledger.record('Choice.getValue');
    return this.value;
  }
}

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

/** The answer to one item [FRESP]. */
export class FakeItemResponse implements FakedForms<Pick<GoogleAppsScript.Forms.ItemResponse, 'getItem' | 'getResponse'>> {
  private readonly ctx: EmulationContext;

  /** @internal */ constructor(
    private readonly form: FakeForm,
    private readonly item: FormItemSnapshot,
    private readonly value: StoredAnswer,
  ) {
    this.ctx = form.ctx;
  }

  /** @internal */ answerInternal(): { form: FakeForm; itemId: number; value: StoredAnswer } {
    return { form: this.form, itemId: this.item.id, value: Array.isArray(this.value) ? this.value.slice() : this.value };
  }

  getItem(): FakeItem {
    this.ctx.ledger.record('ItemResponse.getItem');
    return new FakeItem(this.form, this.item);
  }

  /** string[] for a checkbox item; a string otherwise, also for a scale ("4"). */
  getResponse(): string | string[] {
    this.ctx.ledger.record('ItemResponse.getResponse');
    return Array.isArray(this.value) ? this.value.slice() : this.value;
  }
}

type FormResponseMethods =
  | 'getId' | 'getItemResponses' | 'getResponseForItem' | 'getRespondentEmail' | 'getTimestamp' | 'submit'
  | 'toPrefilledUrl' | 'withItemResponse';

/**
 * A response: a draft from createResponse(), or a stored one from getResponses()/submit() [FRESP].
 */
export class FakeFormResponse implements FakedForms<Pick<GoogleAppsScript.Forms.FormResponse, FormResponseMethods>> {
  private readonly ctx: EmulationContext;
  private answers: Array<{ itemId: number; value: StoredAnswer }>;

  /** @internal */ constructor(
    private readonly form: FakeForm,
    private stored: FormResponseSnapshot | null,
    answers: ReadonlyArray<{ itemId: number; value: StoredAnswer }>,
  ) {
    this.ctx = form.ctx;
    this.answers = copy([...answers]);
  }

  private rec(method: string): void {
    this.ctx.ledger.record(`FormResponse.${method}`);
  }

  /** The answers whose item is still in the form, in the form's order. */
  private ordered(): Array<{ item: FormItemSnapshot; value: StoredAnswer }> {
    const out: Array<{ item: FormItemSnapshot; value: StoredAnswer }> = [];
    for (const item of this.form.state.items) {
      const a = this.answers.find((x) => x.itemId === item.id);
      if (a) out.push({ item, value: a.value });
    }
    return out;
  }

  /** Adds (or replaces) the answer to the response's item; the item must be of this form ⚠. */
  withItemResponse(response: FakeItemResponse): FakeFormResponse {
    this.rec('withItemResponse');
    if (!(response instanceof FakeItemResponse)) throw appsScriptError("The parameters (Object) don't match the method signature for FormApp.FormResponse.withItemResponse.");
    const { form, itemId, value } = response.answerInternal();
    if (form.state !== this.form.state) throw appsScriptError('The item response belongs to another form (emulation wording ⚠).');
    this.answers = this.answers.filter((a) => a.itemId !== itemId).concat([{ itemId, value }]);
    return this;
  }

  /** The answers in the order of the form's items [FRESP]. */
  getItemResponses(): FakeItemResponse[] {
    this.rec('getItemResponses');
    return this.ordered().map(({ item, value }) => new FakeItemResponse(this.form, item, value));
  }

  /** The answer to `item`, or null when it has none (@types says ItemResponse). */
  getResponseForItem(item: ItemView): FakeItemResponse {
    this.rec('getResponseForItem');
    const id = item instanceof ItemView ? item.recordInternal().id : NaN;
    const found = this.ordered().find((x) => x.item.id === id);
    return (found ? new FakeItemResponse(this.form, found.item, found.value) : null) as FakeItemResponse;
  }

  /** The respondent's email when the form collected it; '' otherwise and for script submissions ⚠. */
  getRespondentEmail(): string {
    this.rec('getRespondentEmail');
    return this.stored?.email ?? '';
  }

  /** When it was submitted; null for a draft not yet submitted ⚠. */
  getTimestamp(): GoogleAppsScript.Base.Date {
    this.rec('getTimestamp');
    return (this.stored ? new Date(this.stored.timestamp) : null) as GoogleAppsScript.Base.Date;
  }

  /** The response id; null for a draft ⚠. */
  getId(): string {
    this.rec('getId');
    return (this.stored ? this.stored.id : null) as string;
  }

  /**
   * Stores the response and writes its row to the responses sheet. No onFormSubmit trigger
   * runs for it [INST] (nothing is added to FakeFormApp.deliveries). A response submits once ⚠.
   */
  submit(): FakeFormResponse {
    this.rec('submit');
    if (this.stored) throw appsScriptError('This response has already been submitted (emulation wording ⚠).');
    this.stored = this.form.app.storeSubmitted(
      this.form.state,
      this.ordered().map(({ item, value }) => ({ itemId: item.id, value })),
    );
    return new FakeFormResponse(this.form, this.stored, this.stored.answers);
  }

  /**
   * A link to the form with these answers filled in [PP]:
   * `<published url>?usp=pp_url&entry.<item id>=<value>` per answer in item order, one
   * `entry.<id>` per checked box; values form-encoded (spaces as '+').
   */
  toPrefilledUrl(): string {
    this.rec('toPrefilledUrl');
    const params = ['usp=pp_url'];
    for (const { item, value } of this.ordered()) {
      for (const v of Array.isArray(value) ? value : [value]) params.push(`entry.${item.id}=${formEncode(v)}`);
    }
    return `${this.form.publishedUrlInternal()}?${params.join('&')}`;
  }
}
