// Installable triggers (ScriptApp). An add-on may hold one trigger of each event type per user per
// document, and its time-driven triggers run at most hourly
// (https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions), so each
// is created once, after checking the user's triggers for this document.

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function userTriggers(ss: Spreadsheet): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getUserTriggers(ss);
}

/**
 * Makes sure this user has the hourly time-driven trigger calling `handler` for this document.
 * Another clock trigger of ours (an older handler name) is replaced, since only one may exist.
 */
export function ensureHourlyTrigger(ss: Spreadsheet, handler: string): 'exists' | 'created' {
  const clocks = userTriggers(ss).filter((t) => t.getEventType() === ScriptApp.EventType.CLOCK);
  if (clocks.some((t) => t.getHandlerFunction() === handler)) return 'exists';
  for (const t of clocks) ScriptApp.deleteTrigger(t);
  ScriptApp.newTrigger(handler).timeBased().everyHours(1).create();
  return 'created';
}

/** Makes sure this user has the spreadsheet's on-form-submit trigger calling `handler`. */
export function ensureFormSubmitTrigger(ss: Spreadsheet, handler: string): 'exists' | 'created' {
  const submits = userTriggers(ss).filter((t) => t.getEventType() === ScriptApp.EventType.ON_FORM_SUBMIT);
  if (submits.some((t) => t.getHandlerFunction() === handler)) return 'exists';
  for (const t of submits) ScriptApp.deleteTrigger(t);
  ScriptApp.newTrigger(handler).forSpreadsheet(ss).onFormSubmit().create();
  return 'created';
}
