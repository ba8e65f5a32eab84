// The program's settings in document properties (PropertiesService): one JSON document under the
// key `settings`, read tolerantly (src/core/settings.ts `readStoredSettings`), written whole.
// Document properties, never script or user ones: those are shared across documents.
import { UserError } from '../core/errors';
import { readStoredSettings, storedSettingsJson, type Settings, type StoredSettingsReading } from '../core/settings';

/** The document property holding the settings. */
export const SETTINGS_KEY = 'settings';

/** Apps Script's limit is 9 KB per value; a value above about 8,000 bytes has failed in practice. */
export const MAX_SETTINGS_BYTES = 8000;

function documentProperties(): GoogleAppsScript.Properties.Properties {
  const properties = PropertiesService.getDocumentProperties();
  if (!properties) throw new UserError('The add-on must run inside the spreadsheet (no document properties here).');
  return properties;
}

/** The stored settings, defaults filled field by field, with a notice per value that was unusable. */
export function loadSettings(): StoredSettingsReading {
  return readStoredSettings(documentProperties().getProperty(SETTINGS_KEY));
}

/** Stores valid settings as one property value (call it holding the document lock). */
export function storeSettings(settings: Settings): void {
  const json = storedSettingsJson(settings);
  if (utf8Bytes(json) > MAX_SETTINGS_BYTES) {
    throw new UserError('These settings are too large to save. Shorten the meeting title and try again.');
  }
  documentProperties().setProperty(SETTINGS_KEY, json);
}

function utf8Bytes(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}
