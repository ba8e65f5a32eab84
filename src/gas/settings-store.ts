// The program's settings in document properties (PropertiesService): one JSON document under the
// key `settings`, read tolerantly (src/core/settings.ts `readStoredSettings`), written whole.
// Document properties, never script or user ones: those are shared across documents.
import { readStoredSettings, storedSettingsJson, type Settings, type StoredSettingsReading } from '../core/settings';
import { readDocumentProperty, writeDocumentProperty } from './properties';

/** The document property holding the settings. */
export const SETTINGS_KEY = 'settings';

/** The stored settings, defaults filled field by field, with a notice per value that was unusable. */
export function loadSettings(): StoredSettingsReading {
  return readStoredSettings(readDocumentProperty(SETTINGS_KEY));
}

/** Stores valid settings as one property value (call it holding the document lock). */
export function storeSettings(settings: Settings): void {
  writeDocumentProperty(
    SETTINGS_KEY,
    storedSettingsJson(settings),
    'These settings are too large to save. Shorten the meeting title and try again.',
  );
}
