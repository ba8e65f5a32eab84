// "Settings": read them for the sidebar, and save what the owner chose (validated here: the
// browser may send anything). Stored in document properties; saved under the document lock.
import type { CycleDatesView, Settings, SettingsView } from '../shared/settings';
import { UserError } from '../core/errors';
import { isoDateInZone } from '../core/dates';
import {
  DEFAULT_SETTINGS,
  cycleDates,
  cycleForDate,
  nextCycle,
  settingsProblemLines,
  settingsTimeZone,
  validateSettings,
} from '../core/settings';
import { withDocumentLock } from '../gas/lock';
import { activeSpreadsheet } from '../gas/sheets';
import { loadSettings, storeSettings } from '../gas/settings-store';

/** The stored settings (defaults filled) with the dates they give, for the sidebar. */
export function getSettings(): SettingsView {
  const spreadsheetTimeZone = activeSpreadsheet().getSpreadsheetTimeZone();
  const { settings, saved, notices } = loadSettings();
  return settingsView(settings, spreadsheetTimeZone, new Date(), saved, notices);
}

/**
 * Validates `input` (any subset of the settings; absent fields keep their stored values) and
 * stores the result. Every problem is listed in one UserError, one "Field: message" per line;
 * nothing is written then.
 */
export function saveSettings(input: unknown): SettingsView {
  const spreadsheetTimeZone = activeSpreadsheet().getSpreadsheetTimeZone();
  const settings = withDocumentLock(() => {
    const current = loadSettings().settings;
    const result = validateSettings(input, { base: current });
    if (!result.ok) {
      throw new UserError(`The settings were not saved:\n${settingsProblemLines(result.problems).join('\n')}`);
    }
    storeSettings(result.settings);
    return result.settings;
  });
  return settingsView(settings, spreadsheetTimeZone, new Date(), true, []);
}

/** The view of `settings` at the instant `now` (exported for tests and other actions). */
export function settingsView(
  settings: Settings,
  spreadsheetTimeZone: string,
  now: Date,
  saved: boolean,
  notices: string[],
): SettingsView {
  const timeZone = settingsTimeZone(settings, spreadsheetTimeZone);
  const today = isoDateInZone(now, timeZone);
  const current = cycleForDate(settings, today, today);
  const view = (c: CycleDatesView): CycleDatesView => ({ cycle: c.cycle, starts: c.starts, ends: c.ends, meetings: c.meetings });
  return {
    settings: { ...settings },
    defaults: { ...DEFAULT_SETTINGS },
    spreadsheetTimeZone,
    timeZone,
    today,
    currentCycle: current > 0 ? view(cycleDates(settings, current, today)) : null,
    nextCycle: view(nextCycle(settings, today)),
    saved,
    notices: notices.slice(),
  };
}
