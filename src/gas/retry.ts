// A service call that failed for a moment, tried again in the same execution after a growing pause
// (exponential backoff), as Google advises for its APIs: "retry the request using exponential
// backoff" for 5xx and rate-limit errors
// (https://developers.google.com/workspace/calendar/api/guides/errors#backend_error,
// https://developers.google.com/workspace/sheets/api/limits#exponential). Without it, an operation
// of a few hundred calls (set-up, the feedback form) almost never gets through a service that fails
// now and then: at 5% a call, 0.95^200 is 0.004%.
//
// Only for calls that are safe to repeat: reads, and writes that set a state (values, formats,
// widths, notes, properties, a lock). Anything that creates (a sheet, a form item, an event, an
// email) is never repeated blindly: a failure reported after Google did the work would make two.
// A quota for the day, a missing permission or an execution out of time is not transient and is
// thrown at once.
//
// Transient messages, as Apps Script words them (collected by B. McPherson's cUseful backoff,
// https://ramblings.mcpher.com/gassnippets2/exponential-backoff/, and Google's error guides):
// "We're sorry, a server error occurred…", "Service error: Spreadsheets", "Backend Error",
// "Service unavailable", "Internal error", "Service invoked too many times in a short time",
// "Rate Limit Exceeded", "Service Spreadsheets timed out while accessing document…".

/** Apps Script's wording of a failure worth trying again a moment later. */
const TRANSIENT =
  /server error occurred|service error|backend error|service unavailable|internal error|too many times in a short time|rate limit exceeded|timed out while accessing|try again later/i;

/** Pauses before the second, third and fourth try (ms). */
export const BACKOFF_MS: readonly number[] = [500, 1000, 2000];

/** True for an error a moment's wait may cure (see TRANSIENT); never for a daily quota or a timeout. */
export function isTransient(error: unknown): boolean {
  const message = String((error as { message?: unknown } | null)?.message ?? error);
  return TRANSIENT.test(message) && !/for one day|maximum execution time/i.test(message);
}

/**
 * `call()`, tried again after each pause of BACKOFF_MS while it fails transiently; the last
 * failure, or any other, is thrown. `call` must be safe to repeat.
 */
export function retryTransient<T>(call: () => T): T {
  for (let attempt = 0; ; attempt++) {
    try {
      return call();
    } catch (error) {
      if (attempt >= BACKOFF_MS.length || !isTransient(error)) throw error;
      Utilities.sleep(BACKOFF_MS[attempt]);
    }
  }
}
