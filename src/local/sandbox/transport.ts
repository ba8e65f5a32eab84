// The google.script.run serialisation rules, as the sandbox enforces them on both sides of its
// loopback "network". Pure ECMAScript (no Node, no DOM): the server imports it, and esbuild bundles
// the same code into the sidebar's bridge, so the two sides cannot drift apart.
//
// Documented rules (https://developers.google.com/apps-script/guides/html/reference/run and
// https://developers.google.com/apps-script/guides/html/communication):
// - Legal parameters and return values: primitives (number, boolean, string, null) and objects and
//   arrays made of them. A <form> is legal only as the sole parameter (the bridge turns it into a
//   plain object of its fields before these rules run).
// - A Date, a function or a DOM node, anywhere in the arguments, makes the call fail; so does a
//   circular reference. `undefined` inside arrays becomes null. The server gets a copy.
// - Return values: a Date anywhere in the returned value makes the client receive null instead
//   of the value (the community-reported behaviour behind "getValues() with date cells arrives as
//   null"; see reference/apps-script.md §6). `undefined` in arrays becomes null; functions are
//   dropped from objects (null in arrays).
//
// Values returned by the bundle come from another node:vm realm, so nothing here uses instanceof:
// dates are recognised by their internal tag and arrays by Array.isArray.

import type { ClockView } from './clock-types';

/** A value that survives the trip: what JSON can carry. */
export type WireValue = null | boolean | number | string | WireValue[] | { [key: string]: WireValue };

/** A call refused by the transport rules (never reaches the server, or its result can't travel). */
export class TransportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransportError';
  }
}

/** What the bridge POSTs to `/api/run`. */
export interface RunRequest {
  name: string;
  args: WireValue[];
}

/** The ledger of one execution, as shown in the host page's footer. */
export interface CallReport {
  /** The function that ran. */
  name: string;
  /** How it was started: a menu item, google.script.run, or a simple trigger. */
  via: 'menu' | 'run' | 'trigger';
  ok: boolean;
  /** Service calls the execution made, in total and by kind. */
  serviceCalls: number;
  byKind: Record<string, number>;
  /** Wall time of the execution in the emulation, in milliseconds. */
  ms: number;
}

/** What `/api/run` answers: the function's value (absent for a void function) or its error. */
export type RunResponse =
  | { ok: true; hasValue: boolean; value?: WireValue; report: CallReport }
  | { ok: false; error: { name: string; message: string }; report: CallReport | null };

/** What `/api/menu` and `/api/edit` answer. */
export type ActionResponse =
  | { ok: true; report: CallReport | null }
  | { ok: false; error: { name: string; message: string }; report: CallReport | null };

/** `source` of every postMessage between the sidebar's bridge and the host page. */
export const SANDBOX_MESSAGE_SOURCE = 'peer-coaching-sandbox';

/** Messages from the sidebar's bridge to the host page (the sandbox's spreadsheet window). */
export type HostMessage =
  | { source: typeof SANDBOX_MESSAGE_SOURCE; type: 'called'; name: string }
  | { source: typeof SANDBOX_MESSAGE_SOURCE; type: 'close' }
  | { source: typeof SANDBOX_MESSAGE_SOURCE; type: 'focus' }
  /** Open one of the sandbox's own pages (a path on 127.0.0.1) in a new tab. */
  | { source: typeof SANDBOX_MESSAGE_SOURCE; type: 'open'; path: string };

/** An add-on menu item as the host page shows it (FakeUi's menu items, JSON-safe). */
export type MenuItemView =
  | { caption: string; functionName: string }
  | { separator: true }
  | { caption: string; items: MenuItemView[] };

/** What `GET /api/workbook` answers: everything the host page draws. */
export interface WorkbookView {
  name: string;
  timeZone: string;
  sheets: Array<{ name: string }>;
  /** The sheet shown in the grid (the spreadsheet's active sheet). */
  active: string;
  /** The active range on that sheet (what the add-on selected with activate / setActiveRange). */
  selection: { row: number; column: number; rows: number; columns: number };
  grid: {
    /** Rows and columns the grid draws (data plus room to type), within the sheet's size. */
    rows: number;
    columns: number;
    frozenRows: number;
    frozenColumns: number;
    /** Display values of the data range (what Sheets shows), row by row. */
    display: string[][];
    /** Per cell of `display`: 'n' number, 'd' date, 'b' boolean, 's' text or blank. */
    kinds: string[][];
    /** Column widths in pixels (Sheet.getColumnWidth), one per drawn column. */
    widths: number[];
    /** Per cell of `display`: bold, horizontal alignment ('' = automatic) and background ('' = none). */
    styles: Array<Array<{ bold: boolean; align: string; background: string }>>;
    /** Cell notes of `display` ('' for none). */
    notes: string[][];
  };
  menus: Array<{ title: string; addon: boolean; items: MenuItemView[] }>;
  /** The open sidebar (`version` changes each time the add-on shows one), or null. */
  sidebar: { title: string; version: number } | null;
  /** Alerts the add-on showed (Ui.alert), oldest first. */
  alerts: string[];
  /** Toasts the add-on showed (Spreadsheet.toast), oldest first. */
  toasts: string[];
  lastCall: CallReport | null;
  /** The program's feedback form, when one exists: its title and the sandbox page that opens it. */
  feedbackForm: { title: string; url: string } | null;
  /** The sandbox's simulated clock and its buttons (clock.ts). */
  clock: ClockView;
}

/**
 * The BroadcastChannel on which the sandbox's own pages (the form page) tell the host page that
 * the workbook changed, so it redraws without a reload. Same-origin only; nothing leaves the page.
 */
export const SANDBOX_CHANNEL = 'peer-coaching-sandbox';

// ---- The calendar view (GET /api/calendar) ----------------------------------------------------

/** One event on a person's calendar, with times in that person's zone. */
export interface CalendarEventView {
  id: string;
  title: string;
  /** "confirmed", "tentative". */
  status: string;
  /** The first occurrence in the person's zone, like "Tue 10:00–10:30". */
  when: string;
  /** The zone of `when` and `occurrences` (the person's). */
  timeZone: string;
  /** The zone the series is expressed in (the event's start.timeZone). */
  eventTimeZone: string;
  /** 'RRULE:…' lines. */
  recurrence: string[];
  /** Every occurrence in the person's zone, like "Tue 2027-01-05 10:00". */
  occurrences: string[];
  guests: Array<{ email: string; name: string; response: string; organizer: boolean }>;
  /** The Meet link, 'pending' while Google is making it, or '' when the event has none. */
  meet: string;
  /** The description as plain text. */
  description: string;
  /** Feedback-form links found in the description, as sandbox paths (/forms/d/e/…/viewform?…). */
  formLinks: string[];
}

export interface CalendarPersonView {
  email: string;
  name: string;
  timeZone: string;
  /** The add-on's user (the organizer of the series). */
  owner: boolean;
  /** A Google Calendar user the emulation knows (events reach their calendar). */
  known: boolean;
  /** What free/busy answers for the person: 'busy blocks' or an error reason ('notFound'). */
  freeBusy: string;
  /** Their other meetings (busy blocks) from now on, in their zone, like "Mon 2027-01-04 09:00–10:00". */
  busy: string[];
  events: CalendarEventView[];
}

export interface CalendarView {
  spreadsheet: string;
  /** ISO instant of the sandbox's clock. */
  now: string;
  people: CalendarPersonView[];
  invitations: Array<{ kind: string; to: string; summary: string; eventId: string; at: string; sendUpdates: string }>;
  /** The .ics downloads of the latest confirmed cycle, or why there are none. */
  ics: { cycle: number; all: string; groups: Array<{ group: string; names: string; href: string }> } | { problem: string };
}

// ---- The form page (GET /api/forms/<published id>, POST …/respond) ---------------------------

export interface FormItemView {
  id: number;
  type: 'LIST' | 'MULTIPLE_CHOICE' | 'CHECKBOX' | 'SCALE' | 'TEXT' | 'PARAGRAPH_TEXT';
  title: string;
  helpText: string;
  required: boolean;
  choices?: string[];
  lowerBound?: number;
  upperBound?: number;
  leftLabel?: string;
  rightLabel?: string;
}

export interface FormView {
  publishedId: string;
  title: string;
  description: string;
  collectEmail: boolean;
  acceptingResponses: boolean;
  published: boolean;
  confirmationMessage: string;
  items: FormItemView[];
}

/** What the form page posts: the email (when collected) and answers keyed by item id. */
export interface FormSubmission {
  email: string;
  answers: Record<string, string | string[]>;
}

/** One installable form-submit trigger that ran for a submission. */
export interface TriggerRun {
  handler: string;
  ok: boolean;
  error?: { name: string; message: string };
  report: CallReport | null;
}

export type FormSubmitResponse =
  | { ok: true; confirmationMessage: string; triggers: TriggerRun[] }
  | { ok: false; error: { name: string; message: string } };

const tag = (value: object): string => Object.prototype.toString.call(value).slice(8, -1);

/** A Date from any realm. */
export function isDate(value: unknown): boolean {
  return typeof value === 'object' && value !== null && tag(value) === 'Date';
}

/** A DOM node from any realm (duck-typed, so it also works across frames and in Node). */
export function isDomNode(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const node = value as { nodeType?: unknown; nodeName?: unknown; ownerDocument?: unknown };
  return typeof node.nodeType === 'number' && typeof node.nodeName === 'string' && 'ownerDocument' in node;
}

/** Names Apps Script lets a client call: plain identifiers not ending in "_" (private functions). */
export function isCallableName(name: unknown): name is string {
  return typeof name === 'string' && /^[A-Za-z$][\w$]*$/.test(name) && !name.endsWith('_');
}

function describe(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  if (isDate(value)) return 'a Date';
  if (isDomNode(value)) return 'a DOM element';
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value === 'bigint') return 'a BigInt';
  return `a ${tag(value as object)}`;
}

/** Object kinds that are neither plain data nor one of the named failures above. */
const REFUSED_TAGS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'RegExp', 'Promise', 'Error', 'ArrayBuffer', 'SharedArrayBuffer', 'DataView']);

function pathOf(path: string): string {
  return path === '' ? '' : ` (at ${path})`;
}

/**
 * Checks and copies the arguments of a google.script.run call. Throws a {@link TransportError}
 * naming the offending value when the call must fail; otherwise returns what the server receives:
 * a deep copy in which `undefined` inside arrays is null and `undefined` properties are absent.
 */
export function checkArguments(args: readonly unknown[]): WireValue[] {
  const seen = new Set<object>();
  const visit = (value: unknown, path: string, inArray: boolean): WireValue | undefined => {
    if (value === undefined) return inArray ? null : undefined;
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint' || isDate(value) || isDomNode(value)) {
      throw new TransportError(`Failed due to illegal value in property: ${describe(value)} cannot be passed to the server${pathOf(path)}.`);
    }
    const object = value as object;
    if (REFUSED_TAGS.has(tag(object)) || ArrayBuffer.isView(object)) {
      throw new TransportError(`Failed due to illegal value in property: ${describe(value)} cannot be passed to the server${pathOf(path)}.`);
    }
    if (seen.has(object)) throw new TransportError(`Failed due to a circular reference${pathOf(path)}.`);
    seen.add(object);
    try {
      if (Array.isArray(object)) {
        return object.map((item, i) => visit(item, `${path}[${i}]`, true) as WireValue);
      }
      const out: { [key: string]: WireValue } = {};
      for (const key of Object.keys(object)) {
        const item = visit((object as Record<string, unknown>)[key], path === '' ? key : `${path}.${key}`, false);
        if (item !== undefined) out[key] = item;
      }
      return out;
    } finally {
      seen.delete(object);
    }
  };
  return args.map((arg, i) => {
    const copy = visit(arg, `argument ${i + 1}`, true);
    return copy === undefined ? null : copy;
  });
}

/** True when a Date hides anywhere in `value` (own enumerable properties, any depth). */
export function containsDate(value: unknown, seen = new Set<object>()): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (isDate(value)) return true;
  if (seen.has(value)) return false;
  seen.add(value);
  const items = Array.isArray(value) ? value : Object.keys(value).map((k) => (value as Record<string, unknown>)[k]);
  return items.some((item) => containsDate(item, seen));
}

/**
 * What the client receives for a server function's return value: `{ hasValue: false }` for
 * `undefined` (a void function), null when a Date hides anywhere in the value, otherwise a copy
 * with `undefined` and functions in arrays as null and dropped from objects. Throws a
 * {@link TransportError} for a circular value, which Apps Script cannot send either.
 */
export function toClientValue(value: unknown): { hasValue: false } | { hasValue: true; value: WireValue } {
  if (value === undefined) return { hasValue: false };
  if (containsDate(value)) return { hasValue: true, value: null };
  const seen = new Set<object>();
  const visit = (item: unknown, inArray: boolean): WireValue | undefined => {
    if (item === null || typeof item === 'string' || typeof item === 'boolean') return item;
    if (typeof item === 'number') return Number.isFinite(item) ? item : null;
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') return inArray ? null : undefined;
    if (typeof item === 'bigint') throw new TransportError('A BigInt cannot be returned to the client.');
    const object = item as object;
    if (seen.has(object)) throw new TransportError('The returned value contains a circular reference.');
    seen.add(object);
    try {
      if (Array.isArray(object)) return object.map((x) => visit(x, true) as WireValue);
      const out: { [key: string]: WireValue } = {};
      for (const key of Object.keys(object)) {
        const copy = visit((object as Record<string, unknown>)[key], false);
        if (copy !== undefined) out[key] = copy;
      }
      return out;
    } finally {
      seen.delete(object);
    }
  };
  const copy = visit(value, false);
  return { hasValue: true, value: copy === undefined ? null : copy };
}

/** An error thrown by the bundle (any realm, any type) as the client will see it. */
export function toClientError(error: unknown): { name: string; message: string } {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const e = error as { name?: unknown; message?: unknown };
    return { name: typeof e.name === 'string' && e.name ? e.name : 'Error', message: String(e.message) };
  }
  return { name: 'Error', message: String(error) };
}

/** Validates the body of `/api/run` (which the bridge produced with {@link checkArguments}). */
export function parseRunRequest(body: unknown): RunRequest {
  if (typeof body !== 'object' || body === null) throw new TransportError('Expected a JSON object.');
  const { name, args } = body as { name?: unknown; args?: unknown };
  if (!isCallableName(name)) throw new TransportError(`Not a callable function name: ${JSON.stringify(name)}`);
  if (!Array.isArray(args)) throw new TransportError('Expected "args" to be an array.');
  return { name, args: checkArguments(args) };
}
