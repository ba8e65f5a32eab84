// The sidebar's latest Log entries (issue 11, item 5): the newest first, each field checked and
// cut to a length the sidebar shows, so nothing odd in the sheet (an owner's edit) crosses
// google.script.run. The sidebar puts every field in as text.
import type { LogEntryView } from '../shared/api';
import { readLatestLog } from './log';

/** Entries the sidebar shows. */
export const LATEST_LOG_ENTRIES = 10;
const MAX_FIELD = 500;

const field = (value: unknown): string => {
  const text = typeof value === 'string' ? value : String(value ?? '');
  return text.length > MAX_FIELD ? `${text.slice(0, MAX_FIELD)}…` : text;
};

export function getLatestLog(): LogEntryView[] {
  return readLatestLog(LATEST_LOG_ENTRIES).map((e) => ({
    when: Number.isFinite(Date.parse(e.when)) ? new Date(Date.parse(e.when)).toISOString() : '',
    action: field(e.action),
    outcome: field(e.outcome),
    detail: field(e.detail),
  }));
}
