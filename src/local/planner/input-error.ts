// Bad command-line input or an unreadable or unwritable file: the planner exits 2 with the message.

export class InputError extends Error {
  constructor(
    /** One or more problems, one line each (each is printed after "peer-coaching: "). */
    message: string,
    /** Whether to point at --help (not for a file that cannot be read or written). */
    readonly usage = true,
  ) {
    super(message);
  }
}
