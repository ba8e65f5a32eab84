// "Settings": read them for the sidebar, and save what the owner chose (validated here: the
// browser may send anything). Stored in document properties; saved under the document lock.
// The cycle dates shown follow Rotations once cycles are written (cycles run back to back from
// the last one's Ends), and a change of meeting day, time, length or cadence while a cycle is
// booked says when it applies: the booked cycle keeps its meetings (its rows say what the
// calendars hold), the next cycle takes the new settings.
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
import { cadenceWeeks, cycleFrom, nextCycleStart } from '../core/cycle-dates';
import { summariseCycles, type CycleSummary } from '../core/lifecycle';
import { meetingsBetween, readScheduleRows, rotationColumns } from '../core/schedule';
import { ROTATIONS } from '../core/schema';
import { withDocumentLock } from '../gas/lock';
import { readRotationsTable } from '../gas/rotations-sheet';
import { activeSpreadsheet, sheetNamed, spreadsheetZoneOf } from '../gas/sheets';
import { loadSettings, storeSettings } from '../gas/settings-store';

/** The stored settings (defaults filled) with the dates they give, for the sidebar. */
export function getSettings(): SettingsView {
  const ss = activeSpreadsheet();
  const spreadsheetTimeZone = spreadsheetZoneOf(ss);
  const { settings, saved, notices } = loadSettings();
  return settingsView(settings, spreadsheetTimeZone, new Date(), saved, notices, writtenCycles(ss, settingsTimeZone(settings, spreadsheetTimeZone)));
}

/** The cycles Rotations holds, oldest first ([] before the first confirm or without the sheet). */
function writtenCycles(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string): CycleSummary[] {
  const sheet = sheetNamed(ss, ROTATIONS.name);
  if (!sheet) return [];
  const table = readRotationsTable(sheet);
  const columns = table.length > 1 ? rotationColumns(table[0]) : null;
  if (!columns) return [];
  return summariseCycles(readScheduleRows(table, columns, timeZone).map((r) => ({ cycle: r.cycle, starts: r.starts, ends: r.ends, status: r.status })));
}

/** The settings whose change cannot reach meetings already booked. */
const MEETING_FIELDS = ['preferredWeekday', 'preferredTime', 'meetingMinutes', 'cadence', 'cycleWeeks'] as const;

/**
 * Validates `input` (any subset of the settings; absent fields keep their stored values) and
 * stores the result. Every problem is listed in one UserError, one "Field: message" per line;
 * nothing is written then.
 */
export function saveSettings(input: unknown): SettingsView {
  const ss = activeSpreadsheet();
  const spreadsheetTimeZone = spreadsheetZoneOf(ss);
  const { settings, before } = withDocumentLock(() => {
    const current = loadSettings().settings;
    const result = validateSettings(input, { base: current });
    if (!result.ok) {
      throw new UserError(`The settings were not saved:\n${settingsProblemLines(result.problems).join('\n')}`);
    }
    storeSettings(result.settings);
    return { settings: result.settings, before: current };
  });
  const now = new Date();
  const cycles = writtenCycles(ss, settingsTimeZone(settings, spreadsheetTimeZone));
  const view = settingsView(settings, spreadsheetTimeZone, now, true, [], cycles);
  const changed = MEETING_FIELDS.filter((k) => settings[k] !== before[k]);
  const booked = cycles.filter((c) => c.state !== 'cancelled' && c.ends >= view.today);
  if (changed.length > 0 && booked.length > 0) {
    const last = booked[booked.length - 1];
    view.notices.push(
      `Cycle ${last.cycle} keeps the meetings it has (to ${last.ends}), as Rotations states; the new ${changed.map(label).join(', ')} appl${changed.length === 1 ? 'ies' : 'y'} from cycle ${view.nextCycle.cycle}, from ${view.nextCycle.starts}.`,
    );
  }
  return view;
}

function label(field: (typeof MEETING_FIELDS)[number]): string {
  return { preferredWeekday: 'meeting day', preferredTime: 'meeting time', meetingMinutes: 'meeting length', cadence: 'cadence', cycleWeeks: 'cycle length' }[field];
}

/** The view of `settings` at the instant `now` (exported for tests and other actions). */
export function settingsView(
  settings: Settings,
  spreadsheetTimeZone: string,
  now: Date,
  saved: boolean,
  notices: string[],
  cycles: readonly CycleSummary[] = [],
): SettingsView {
  const timeZone = settingsTimeZone(settings, spreadsheetTimeZone);
  const today = isoDateInZone(now, timeZone);
  const view = (c: CycleDatesView): CycleDatesView => ({ cycle: c.cycle, starts: c.starts, ends: c.ends, meetings: c.meetings });
  const written = cycles.filter((c) => c.state !== 'cancelled');
  if (written.length > 0) {
    // Rotations says where the program stands: the cycle running today, and the one after the last.
    const running = written.find((c) => c.starts <= today && today <= c.ends);
    const last = written[written.length - 1];
    const next = cycleFrom(settings, last.cycle + 1, nextCycleStart(last.ends, settings, today));
    return {
      settings: { ...settings },
      defaults: { ...DEFAULT_SETTINGS },
      spreadsheetTimeZone,
      timeZone,
      today,
      currentCycle: running ? { cycle: running.cycle, starts: running.starts, ends: running.ends, meetings: meetingsBetween(running.starts, running.ends, cadenceWeeks(settings.cadence)) } : null,
      nextCycle: view(next),
      saved,
      notices: notices.slice(),
    };
  }
  const current = cycleForDate(settings, today, today);
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
