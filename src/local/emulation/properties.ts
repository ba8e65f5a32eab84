// PropertiesService emulated: document, script and user key/value stores of strings, with Apps Script's size limits.
//
// Sources:
//   [PROPS] https://developers.google.com/apps-script/guides/properties — "stores all data as strings";
//           "Data types that are not already strings are automatically converted to strings";
//           getProperty()/getProperties() "return a copy of the stored data, not a live view".
//   [PSVC]  https://developers.google.com/apps-script/reference/properties/properties-service —
//           document properties exist only for add-ons and bound scripts (null otherwise).
//   [Q]     https://developers.google.com/apps-script/guides/services/quotas — "Properties value
//           size 9 KB / val", "Properties total storage 500 KB / property store".
//   [TANAIKE] https://tanaikech.github.io/2023/05/22/report-specification-of-properties-service-for-google-apps-script/
//           (measured May 2023): the store limit counts keys *and* values; no separate key-size
//           limit exists (a key may use the whole store); a single value failed above about
//           8,066 bytes in practice, below the documented 9 KB.
import type { EmulationContext } from './context';
import { appsScriptError } from './common';

/** The document store as saved by the sandbox: key → value, all strings. */
export type PropertiesSnapshot = Record<string, string>;

/** [Q] 9 KB per value. Counted in UTF-8 bytes of the value. ⚠ [TANAIKE] saw failures from ~8,066 bytes. */
export const MAX_VALUE_BYTES = 9 * 1024;
/** [Q] 500 KB per property store, counted as UTF-8 bytes of every key plus every value [TANAIKE]. */
export const MAX_STORE_BYTES = 500 * 1024;

/**
 * Error texts. STORE_FULL is confirmed verbatim from a user's log (lucasvtiradentes/gcal-sync#115:
 * "Exception: You have exceeded the property storage quota. Please remove some properties and try
 * again."). VALUE_TOO_LARGE is Apps Script's wording for an oversized argument, confirmed for
 * CacheService ("Exception: Argument too large: value", many public reports) and used for
 * `setProperty` by other public fakes; ⚠ not seen verbatim from a live `setProperty`.
 */
export const VALUE_TOO_LARGE = 'Argument too large: value';
export const STORE_FULL = 'You have exceeded the property storage quota. Please remove some properties and try again.';

/** An error shaped like Apps Script's (`e.name === 'Exception'`, message without the prefix). */

const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Apps Script converts non-strings with their string form [PROPS]. */
function asString(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}

/** One property store (the data; `FakeProperties` is the handle scripts get). */
class Store {
  readonly map = new Map<string, string>();

  constructor(saved?: PropertiesSnapshot) {
    if (saved) for (const k of Object.keys(saved)) this.map.set(k, asString(saved[k]));
  }

  bytes(map: Map<string, string> = this.map): number {
    let n = 0;
    for (const [k, v] of map) n += utf8Bytes(k) + utf8Bytes(v);
    return n;
  }

  /**
   * Applies `entries` (already strings) atomically: every limit is checked against the result
   * before anything changes, so a failed call writes nothing. ⚠ That a failed batch leaves the
   * store untouched is an assumption (the strictest reading), not documented.
   */
  write(entries: Array<[string, string]>, deleteAllOthers = false): void {
    for (const [, v] of entries) {
      if (utf8Bytes(v) > MAX_VALUE_BYTES) throw appsScriptError(VALUE_TOO_LARGE);
    }
    const next = deleteAllOthers ? new Map<string, string>() : new Map(this.map);
    for (const [k, v] of entries) next.set(k, v);
    if (this.bytes(next) > MAX_STORE_BYTES) throw appsScriptError(STORE_FULL);
    this.map.clear();
    for (const [k, v] of next) this.map.set(k, v);
  }
}

/** A property store handle, as `PropertiesService.get…Properties()` returns. */
export class FakeProperties
  implements
    Pick<
      GoogleAppsScript.Properties.Properties,
      | 'getProperty'
      | 'setProperty'
      | 'setProperties'
      | 'getProperties'
      | 'getKeys'
      | 'deleteProperty'
      | 'deleteAllProperties'
    >
{
  /** @internal */
  constructor(
    private readonly ctx: EmulationContext,
    private readonly store: Store,
  ) {}

  /** The value, or null when the key is absent. */
  getProperty(key: string): string | null {
    this.ctx.ledger.record('Properties.getProperty');
    return this.store.map.get(asString(key)) ?? null;
  }

  setProperty(key: string, value: string): GoogleAppsScript.Properties.Properties {
    this.ctx.ledger.record('Properties.setProperty');
    this.store.write([[asString(key), asString(value)]]);
    return this;
  }

  setProperties(properties: { [key: string]: string }, deleteAllOthers?: boolean): GoogleAppsScript.Properties.Properties {
    this.ctx.ledger.record('Properties.setProperties');
    const entries = Object.keys(properties).map((k): [string, string] => [k, asString(properties[k])]);
    this.store.write(entries, deleteAllOthers === true);
    return this;
  }

  /** A copy: changing it does not change the store [PROPS]. */
  getProperties(): { [key: string]: string } {
    this.ctx.ledger.record('Properties.getProperties');
    return Object.fromEntries(this.store.map);
  }

  getKeys(): string[] {
    this.ctx.ledger.record('Properties.getKeys');
    return [...this.store.map.keys()];
  }

  deleteProperty(key: string): GoogleAppsScript.Properties.Properties {
    this.ctx.ledger.record('Properties.deleteProperty');
    this.store.map.delete(asString(key));
    return this;
  }

  deleteAllProperties(): GoogleAppsScript.Properties.Properties {
    this.ctx.ledger.record('Properties.deleteAllProperties');
    this.store.map.clear();
    return this;
  }
}

/**
 * `PropertiesService`. The document store belongs to the active spreadsheet and is what the
 * workspace snapshot saves. Script and user stores exist so code that (wrongly) uses them still
 * runs, but they are separate, in memory only and never saved.
 */
export class FakePropertiesService
  implements Pick<GoogleAppsScript.Properties.PropertiesService, 'getDocumentProperties' | 'getScriptProperties' | 'getUserProperties'>
{
  private readonly documentStore: Store;
  private readonly scriptStore = new Store();
  private readonly userStores = new Map<string, Store>();

  constructor(
    private readonly ctx: EmulationContext,
    saved?: PropertiesSnapshot,
    savedUsers?: Record<string, PropertiesSnapshot>,
  ) {
    this.documentStore = new Store(saved);
    for (const [user, props] of Object.entries(savedUsers ?? {})) this.userStores.set(user, new Store(props));
  }

  /**
   * Per document, for this add-on: the right place for per-spreadsheet state. Null outside a
   * document [PSVC]: here, in a time-driven trigger run with the workspace option
   * `clockTriggerDocument: 'absent'` (⚠ not documented either way for an add-on's tick).
   */
  getDocumentProperties(): GoogleAppsScript.Properties.Properties {
    this.ctx.ledger.record('PropertiesService.getDocumentProperties');
    if (!this.ctx.documentAvailable) return null as unknown as GoogleAppsScript.Properties.Properties;
    return new FakeProperties(this.ctx, this.documentStore);
  }

  /**
   * Shared by every user of the script, which for a published add-on means every install in
   * every customer's document. The add-on must never use script properties.
   */
  getScriptProperties(): GoogleAppsScript.Properties.Properties {
    this.ctx.ledger.record('PropertiesService.getScriptProperties');
    return new FakeProperties(this.ctx, this.scriptStore);
  }

  /**
   * Per user (the running user: a trigger runs as its creator), across every document the user
   * has the add-on in; available in every context, a document-less trigger run included [PSVC].
   */
  getUserProperties(): GoogleAppsScript.Properties.Properties {
    this.ctx.ledger.record('PropertiesService.getUserProperties');
    const user = this.ctx.userEmail.trim().toLowerCase();
    let store = this.userStores.get(user);
    if (!store) {
      store = new Store();
      this.userStores.set(user, store);
    }
    return new FakeProperties(this.ctx, store);
  }

  /** Every user's store, for the workspace snapshot (not recorded). */
  usersToJSON(): Record<string, PropertiesSnapshot> {
    const out: Record<string, PropertiesSnapshot> = {};
    for (const user of [...this.userStores.keys()].sort()) {
      const map = this.userStores.get(user)!.map;
      if (map.size === 0) continue;
      out[user] = Object.fromEntries([...map.keys()].sort().map((k) => [k, map.get(k)!]));
    }
    return out;
  }

  /** The document store, for the workspace snapshot (not recorded). */
  toJSON(): PropertiesSnapshot {
    const out: PropertiesSnapshot = {};
    for (const k of [...this.documentStore.map.keys()].sort()) out[k] = this.documentStore.map.get(k)!;
    return out;
  }
}
