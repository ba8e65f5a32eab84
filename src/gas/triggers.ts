// Installable triggers (ScriptApp). An add-on may hold one trigger of each event type per user per
// document, and its time-driven triggers run at most hourly
// (https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions), so each
// is created once, after checking the user's triggers for this document.

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function userTriggers(ss: Spreadsheet): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getUserTriggers(ss);
}

/**
 * The hourly trigger (`clock`) and the spreadsheet's on-change trigger (`change`), each created
 * when this user has none for the document; one listing of the user's triggers.
 */
export function ensureProgramTriggers(ss: Spreadsheet, handlers: { clock: string; change: string }): void {
  const mine = userTriggers(ss).map((t) => ({ t, type: t.getEventType() }));
  const ensure = (type: GoogleAppsScript.Script.EventType, handler: string, create: () => void) => {
    const same = mine.filter((x) => x.type === type);
    if (same.some((x) => x.t.getHandlerFunction() === handler)) return;
    for (const x of same) ScriptApp.deleteTrigger(x.t);
    create();
  };
  ensure(ScriptApp.EventType.CLOCK, handlers.clock, () => ScriptApp.newTrigger(handlers.clock).timeBased().everyHours(1).create());
  ensure(ScriptApp.EventType.ON_CHANGE, handlers.change, () => ScriptApp.newTrigger(handlers.change).forSpreadsheet(ss).onChange().create());
}

/** Makes sure this user has the spreadsheet's on-form-submit trigger calling `handler`. */
export function ensureFormSubmitTrigger(ss: Spreadsheet, handler: string): 'exists' | 'created' {
  const submits = userTriggers(ss).filter((t) => t.getEventType() === ScriptApp.EventType.ON_FORM_SUBMIT);
  if (submits.some((t) => t.getHandlerFunction() === handler)) return 'exists';
  for (const t of submits) ScriptApp.deleteTrigger(t);
  ScriptApp.newTrigger(handler).forSpreadsheet(ss).onFormSubmit().create();
  return 'created';
}
