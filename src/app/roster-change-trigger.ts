// The Roster's change trigger (issue 11: "changes are found by the tick within the hour"): an
// installable on-change trigger of the spreadsheet, created with the hourly one, runs on every
// edit a person makes (rows deleted included, which on-edit does not see) and only marks the
// hourly run due (two service calls), which then looks at the roster and applies what changed
// (app/roster-changes.ts). Edits by scripts fire no trigger
// (https://developers.google.com/apps-script/guides/triggers/installable: "Script executions and
// API requests do not cause triggers to run").
import { markTickDue } from './tick-state';

/** The handler's name, as installed (gas/triggers.ts ensureProgramTriggers). */
export const CHANGE_HANDLER = 'onRosterChange';

/** True for what an installable change trigger passes: a triggerUid and a changeType. */
function isChangeEvent(e: unknown): e is GoogleAppsScript.Events.SheetsOnChange {
  if (e === null || typeof e !== 'object' || Array.isArray(e)) return false;
  const x = e as { triggerUid?: unknown; changeType?: unknown };
  return typeof x.triggerUid === 'string' && typeof x.changeType === 'string';
}

export function onRosterChange(e?: GoogleAppsScript.Events.SheetsOnChange): void {
  if (!isChangeEvent(e)) return; // called by name from the sidebar: nothing to do
  markTickDue();
}
