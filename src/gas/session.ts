// Session: who runs the add-on (read again when the service fails for a moment: retry.ts).
import { retryTransient as retried } from './retry';

/** The email of the user the script runs as ('' when Google withholds it). */
export function effectiveUserEmail(): string {
  return retried(() => Session.getEffectiveUser().getEmail());
}
