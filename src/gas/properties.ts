// Document properties (PropertiesService): the program's small state, per spreadsheet. Never script
// properties, which every install of the add-on shares; user properties only for what must work
// without a document (the tick telling its owner it has none). Reads and writes are tried again when
// the service fails for a moment (retry.ts): setting a value twice is setting it once.
// https://developers.google.com/apps-script/reference/properties/properties-service

import { UserError } from '../core/errors';
import { utf8Length } from '../core/utf8';
import { retryTransient as retried } from './retry';

/** Apps Script's limit is 9 KB per value; a value above about 8,000 bytes has failed in practice. */
export const MAX_PROPERTY_BYTES = 8000;

function documentProperties(): GoogleAppsScript.Properties.Properties {
  const properties = retried(() => PropertiesService.getDocumentProperties());
  if (!properties) throw new UserError('The add-on must run inside the spreadsheet (no document properties here).');
  return properties;
}

/** One document property, or null. */
export function readDocumentProperty(key: string): string | null {
  const properties = documentProperties();
  return retried(() => properties.getProperty(key));
}

/** Writes one document property; a value over MAX_PROPERTY_BYTES is refused with `tooLarge`. */
export function writeDocumentProperty(key: string, value: string, tooLarge: string): void {
  if (utf8Length(value) > MAX_PROPERTY_BYTES) throw new UserError(tooLarge);
  const properties = documentProperties();
  retried(() => properties.setProperty(key, value));
}


/** Every document property, in one call (a copy: changing it changes nothing). */
export function readDocumentProperties(): Record<string, string> {
  const properties = documentProperties();
  return retried(() => properties.getProperties());
}

/** Writes `entries` in one call, keeping every other property. */
export function writeDocumentProperties(entries: Readonly<Record<string, string>>): void {
  if (Object.keys(entries).length === 0) return;
  const properties = documentProperties();
  retried(() => properties.setProperties({ ...entries }));
}

/** Every document property, or null when this execution has no document (a clock trigger may not). */
export function readDocumentPropertiesIfAny(): Record<string, string> | null {
  const properties = retried(() => PropertiesService.getDocumentProperties());
  return properties ? retried(() => properties.getProperties()) : null;
}

/** Writes one document property when there is a document; false when there is none. */
export function writeDocumentPropertyIfAny(key: string, value: string): boolean {
  const properties = retried(() => PropertiesService.getDocumentProperties());
  if (!properties) return false;
  retried(() => properties.setProperty(key, value));
  return true;
}

/** One of the running user's properties (theirs in every document: keep keys program-neutral). */
export function readUserProperty(key: string): string | null {
  return PropertiesService.getUserProperties().getProperty(key);
}

export function writeUserProperty(key: string, value: string): void {
  PropertiesService.getUserProperties().setProperty(key, value);
}
