// One Apps Script project running on the in-memory Workspace: the real build/Code.js, loaded into
// a fresh node:vm realm for every execution (as Apps Script starts each execution from the
// script's top-level code), with the execution's end emulated after (locks released, auth mode
// back to FULL). Used by `peer-coaching simulate` and the sandbox (`npm start`); its clock may be
// virtual.
//
// Each execution's service calls are counted in the workspace's ledger; the host keeps the totals
// over the whole run. An optional hook runs on every recorded call (the simulator advances its
// clock by a call's cost there, and injects random faults).
import * as vm from 'node:vm';
import { type ChangeType, type Workspace } from './emulation';
import { loadBundle, type BundleRealm } from './runtime';
import type { TriggerSnapshot } from './emulation/script';

export type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** One execution, as the simulator's result and the sandbox's footer report it. */
export interface ExecutionRecord {
  function: string;
  ok: boolean;
  error?: string;
  /** Service calls by kind. */
  calls: Record<string, number>;
}

export interface HostOptions {
  /** The bundle's source (build/Code.js), or a function giving it (the sandbox re-reads a rebuilt file). */
  code: string | (() => string);
  /** Its file name, for stack traces. Default "Code.js". */
  filename?: string;
  /** The realm's clock (epoch ms); default the machine's. */
  now?: () => number;
  /**
   * Runs after every service call the add-on makes (not the untracked work of a person or a test).
   * May throw, as a failing Apps Script service does.
   */
  onCall?: (kind: string) => void;
  /**
   * Hand back the function's value as the realm made it (the sandbox applies google.script.run's
   * own rules to it: a Date anywhere gives null). Default: a JSON copy.
   */
  rawValue?: boolean;
}

export class AddonHost {
  /** Service calls over every execution so far, by kind. */
  readonly totals = new Map<string, number>();

  constructor(readonly ws: Workspace, private readonly options: HostOptions) {
    if (options.onCall) {
      const ledger = ws.ledger;
      const record = ledger.record.bind(ledger);
      const hook = options.onCall;
      ledger.record = (kind: string): void => {
        const before = ledger.count();
        record(kind);
        if (ledger.count() > before) hook(kind); // counted: the add-on's own call, not untracked work
      };
    }
  }

  /** A realm with the bundle loaded, for reading its top-level function names (no execution). */
  realm(): BundleRealm {
    const code = typeof this.options.code === 'function' ? this.options.code() : this.options.code;
    return loadBundle(code, this.ws.globals, this.options.filename ?? 'Code.js', { now: this.options.now });
  }

  /**
   * Runs `name` as one Apps Script execution. Its arguments are JSON values made inside the realm
   * (as google.script.run delivers them), or what `prepare` makes there (a trigger's event).
   */
  execute(name: string, args: unknown[] = [], prepare?: (realm: BundleRealm) => unknown[]): { outcome: Outcome; record: ExecutionRecord } {
    const ws = this.ws;
    ws.ledger.reset();
    let outcome: Outcome;
    try {
      const realm = ws.ledger.untracked(() => this.realm());
      const realmGlobals = vm.runInContext('({ Date: Date, Array: Array, Error: Error })', realm.context) as { Date: DateConstructor; Array: ArrayConstructor; Error: ErrorConstructor };
      ws.spreadsheet.useRealm(realmGlobals);
      ws.calendar.useRealm(realmGlobals);
      const made = prepare ? prepare(realm) : (vm.runInContext(`JSON.parse(${JSON.stringify(JSON.stringify(args))})`, realm.context) as unknown[]);
      // A JSON round trip out of the realm: what google.script.run hands back (plain data).
      const value = realm.call(name, made);
      outcome = { ok: true, value: value === undefined || this.options.rawValue ? value : JSON.parse(JSON.stringify(value)) };
    } catch (error) {
      outcome = { ok: false, error };
    } finally {
      ws.endExecution();
      ws.setAuthMode('FULL');
      ws.spreadsheet.useRealm({});
      ws.calendar.useRealm({});
    }
    const calls = ws.ledger.snapshot();
    for (const [kind, n] of Object.entries(calls)) this.totals.set(kind, (this.totals.get(kind) ?? 0) + n);
    const record: ExecutionRecord = { function: name, ok: outcome.ok, calls };
    if (!outcome.ok) record.error = errorText(outcome.error);
    return { outcome, record };
  }

  /** Runs `name` with an event object made in the realm from `plain` plus live (non-JSON) parts. */
  executeWithEvent(name: string, plain: object, live: object = {}): { outcome: Outcome; record: ExecutionRecord } {
    return this.execute(name, [], (realm) => [eventInRealm(realm, plain, live)]);
  }

  /**
   * Runs an installed trigger's handler as Google would at `at`: as the trigger's creator, without
   * a Ui (and without a document when the workspace says so), with the time-driven event.
   */
  executeTrigger(trigger: TriggerSnapshot, at: number): { outcome: Outcome; record: ExecutionRecord } {
    return this.execute(trigger.handler, [], (realm) => [eventInRealm(realm, this.ws.beginTriggerExecution(trigger, new Date(at)))]);
  }

  /** Runs an installable change trigger after a person's edit of the spreadsheet. */
  executeChangeTrigger(trigger: TriggerSnapshot, changeType: ChangeType): { outcome: Outcome; record: ExecutionRecord } {
    return this.execute(trigger.handler, [], (realm) => [eventInRealm(realm, this.ws.beginChangeExecution(trigger, changeType))]);
  }

  /** The totals, sorted by kind. */
  totalCalls(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const k of [...this.totals.keys()].sort()) out[k] = this.totals.get(k)!;
    return out;
  }
}

/**
 * An event object of the bundle's realm: its plain parts made there from JSON, and the live
 * objects (a Range, the Spreadsheet, a User) handed over as they are.
 */
export function eventInRealm(realm: BundleRealm, plain: object, live: object = {}): unknown {
  const make = vm.runInContext(
    '(function (json, live) { var e = JSON.parse(json); Object.keys(live).forEach(function (k) { e[k] = live[k]; }); return e; })',
    realm.context,
  ) as (json: string, live: object) => unknown;
  return make(JSON.stringify(plain), live);
}

/** "Name: message" of an error thrown in any realm. */
export function errorText(error: unknown): string {
  if (error !== null && typeof error === 'object' && 'message' in error) {
    const e = error as { name?: unknown; message?: unknown };
    const name = typeof e.name === 'string' && e.name !== 'Error' ? `${e.name}: ` : '';
    return `${name}${String(e.message)}`;
  }
  return String(error);
}
