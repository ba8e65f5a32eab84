// An error meant for the person using the add-on: its message says what went wrong and what to do.

/** Thrown for problems the user can fix; the sidebar shows the message as it is. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
