// The stored settings document: the tolerant reading of what is stored in the document
// properties (every value that cannot be used falls back to its default, field by field, and is
// named) and the JSON written back. Split from settings.ts, whose field checks it uses.
import { isKnownTimeZone } from './roster';
import { weekdayOf } from './dates';
import {
  ADDED_LATER,
  CHECKS,
  DEFAULT_SETTINGS,
  describeDefault,
  endsAfterMidnight,
  FIELDS,
  isPlainObject,
  ordered,
  SETTINGS_LABELS,
  WEEKDAY_NAMES,
  WEEKDAYS,
  type Settings,
  type SettingsContext,
  type SettingsField,
} from './settings';

/** The stored document's format version. */
export const SETTINGS_VERSION = 1;

export interface StoredSettingsReading {
  settings: Settings;
  /** False when nothing was stored (all defaults, no notices). */
  saved: boolean;
  /** One sentence per value that could not be used, replaced by its default. */
  notices: string[];
}

/**
 * Reads the stored JSON document (null: none stored) tolerantly: whatever cannot be used falls
 * back to its default, field by field, and is named in `notices`. Unknown fields (from another
 * version) are ignored. Never throws.
 */
export function readStoredSettings(raw: string | null, context: Pick<SettingsContext, 'isTimeZone'> = {}): StoredSettingsReading {
  const isTimeZone = context.isTimeZone ?? isKnownTimeZone;
  if (raw === null) return { settings: { ...DEFAULT_SETTINGS }, saved: false, notices: [] };
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch {
    doc = undefined;
  }
  if (!isPlainObject(doc)) {
    return {
      settings: { ...DEFAULT_SETTINGS },
      saved: true,
      notices: ['The saved settings could not be read, so every setting is back to its default. Save them again.'],
    };
  }
  const notices: string[] = [];
  const out = { ...DEFAULT_SETTINGS } as Record<SettingsField, unknown>;
  for (const field of FIELDS) {
    const label = SETTINGS_LABELS[field];
    const has = Object.prototype.hasOwnProperty.call(doc, field) && doc[field] !== undefined;
    if (!has) {
      if (ADDED_LATER.has(field)) continue; // settings saved before the field existed: its default, silently
      notices.push(`${label} was not saved; using the default (${describeDefault(field)}).`);
      continue;
    }
    const check = CHECKS[field](doc[field], isTimeZone);
    if (check.ok) out[field] = check.value;
    else notices.push(`${label}: the saved value ${check.message.replace(/\.$/, '')}; using the default (${describeDefault(field)}).`);
  }
  const settings = ordered(out as unknown as Settings);
  // Cross-field repairs: the first meeting date decides the weekday; an overlong meeting moves to
  // the default time (or the default length when even that would not fit).
  if (settings.firstMeetingDate !== '') {
    const day = WEEKDAYS[weekdayOf(settings.firstMeetingDate)];
    if (day !== settings.preferredWeekday) {
      notices.push(`Weekday: the saved first meeting date ${settings.firstMeetingDate} is a ${WEEKDAY_NAMES[WEEKDAYS.indexOf(day)]}, so meetings are on ${WEEKDAY_NAMES[WEEKDAYS.indexOf(day)]}s.`);
      settings.preferredWeekday = day;
    }
  }
  if (endsAfterMidnight(settings)) {
    notices.push(`Time: a ${settings.meetingMinutes}-minute meeting at ${settings.preferredTime} would end after midnight; using ${DEFAULT_SETTINGS.preferredTime}.`);
    settings.preferredTime = DEFAULT_SETTINGS.preferredTime;
    if (endsAfterMidnight(settings)) settings.meetingMinutes = DEFAULT_SETTINGS.meetingMinutes;
  }
  return { settings, saved: true, notices };
}

/** The JSON document to store: valid settings with the format version. */
export function storedSettingsJson(settings: Settings): string {
  return JSON.stringify({ version: SETTINGS_VERSION, ...ordered(settings) });
}
