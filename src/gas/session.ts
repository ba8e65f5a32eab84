// Session: who runs the add-on.

/** The email of the user the script runs as ('' when Google withholds it). */
export function effectiveUserEmail(): string {
  return Session.getEffectiveUser().getEmail();
}
