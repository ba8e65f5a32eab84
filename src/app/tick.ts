// The hourly tick: the one time-driven trigger an add-on may hold per user and document (PRODUCT.md
// "Limits"). It continues whatever the sidebar left unfinished, files the form responses whose
// trigger failed (refused while another run held the document lock; Apps Script does not run a
// failed trigger again), then refreshes the Dashboard when Feedback or Rotations changed.
import { refreshDashboardIfStale } from './dashboard';
import { fileMissedResponses } from './feedback-responses';
import { continueScheduling } from './schedule';

/** The tick's budget: far inside the 6-minute limit of an execution. */
export const TICK_MS = 4.5 * 60_000;

/**
 * True for what a time-driven trigger passes (an object with its triggerUid). Every top-level
 * function of Code.js can also be called from the sidebar through google.script.run, which passes
 * no such object.
 */
function isTimeDriven(e: unknown): e is GoogleAppsScript.Events.TimeDriven {
  return e !== null && typeof e === 'object' && !Array.isArray(e) && typeof (e as { triggerUid?: unknown }).triggerUid === 'string';
}

export function onTick(e?: GoogleAppsScript.Events.TimeDriven): void {
  if (!isTimeDriven(e)) return;
  const started = Date.now();
  let failure: unknown = null;
  try {
    continueScheduling(TICK_MS - 60_000);
  } catch (error) {
    failure = error; // the rest still runs; the error is reported after
  }
  if (Date.now() - started < TICK_MS) {
    try {
      fileMissedResponses();
    } catch (error) {
      failure = failure ?? error;
    }
  }
  if (Date.now() - started < TICK_MS) {
    try {
      refreshDashboardIfStale();
    } catch (error) {
      failure = failure ?? error;
    }
  }
  if (failure) throw failure; // an execution that failed shows as failed in the owner's executions list
}
