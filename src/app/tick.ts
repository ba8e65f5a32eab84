// The hourly tick: the one time-driven trigger an add-on may hold per user and document (PRODUCT.md
// "Limits"). It continues whatever the sidebar left unfinished, then refreshes the Dashboard when
// Feedback or Rotations changed.
import { refreshDashboardIfStale } from './feedback';
import { continueScheduling } from './schedule';

/** The tick's budget: far inside the 6-minute limit of an execution. */
export const TICK_MS = 4.5 * 60_000;

export function onTick(_e?: GoogleAppsScript.Events.TimeDriven): void {
  const started = Date.now();
  let failure: unknown = null;
  try {
    continueScheduling(TICK_MS - 60_000);
  } catch (error) {
    failure = error; // the dashboard is still refreshed; the error is reported after
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
