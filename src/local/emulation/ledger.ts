// The call ledger: every emulated service call is recorded here by kind ("Range.getValues"), so
// tests and benchmarks can assert what an operation costs in Apps Script round trips, inject a
// fault at the k-th call, and refuse calls that the current authorization mode does not allow.

/** A fault armed with {@link Ledger.failAt}. */
interface ArmedFault {
  /** Calls (of `kind`, or of any kind) still to pass before this one throws. */
  remaining: number;
  kind?: string;
  error: () => Error;
}

/** The error thrown by an injected fault, unless the test supplies its own. */
export class InjectedFault extends Error {
  constructor(public readonly kind: string, public readonly callNumber: number) {
    super(`Injected fault at call ${callNumber} (${kind})`);
    this.name = 'InjectedFault';
  }
}

/**
 * Counts service calls by kind and can make the k-th call throw.
 *
 * @example
 *   ledger.failAt(3);                        // the third call from now, of any kind, throws
 *   ledger.failAt(1, { kind: 'Range.setValues' });
 *   ledger.count('Range.getValues');          // 2
 *   ledger.count();                           // every call
 */
export class Ledger {
  private readonly counts = new Map<string, number>();
  private total = 0;
  private faults: ArmedFault[] = [];
  private allowed: ((kind: string) => boolean) | null = null;
  private paused = 0;
  private restriction = '';
  private traces: string[][] = [];

  /** Records one call; throws when a fault is armed for it or the auth mode forbids it. */
  record(kind: string): void {
    if (this.paused > 0) return;
    if (this.allowed && !this.allowed(kind)) {
      // Apps Script's wording for a service used in AuthMode.NONE / LIMITED.
      throw new Error(
        `You do not have permission to call ${kind}. ${this.restriction}`.trim(),
      );
    }
    this.total += 1;
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    for (const t of this.traces) t.push(kind);
    for (const fault of this.faults) {
      if (fault.kind !== undefined && fault.kind !== kind) continue;
      fault.remaining -= 1;
      if (fault.remaining === 0) {
        this.faults = this.faults.filter((f) => f !== fault);
        throw fault.error();
      }
    }
  }

  /** Calls of one kind, of every kind starting with `prefix.` when it ends in `*`, or all calls. */
  count(kind?: string): number {
    if (kind === undefined) return this.total;
    if (kind.endsWith('*')) {
      const prefix = kind.slice(0, -1);
      let sum = 0;
      for (const [k, n] of this.counts) if (k.startsWith(prefix)) sum += n;
      return sum;
    }
    return this.counts.get(kind) ?? 0;
  }

  /** The counts by kind, sorted by kind, for assertions and benchmark reports. */
  snapshot(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const k of [...this.counts.keys()].sort()) out[k] = this.counts.get(k)!;
    return out;
  }

  /** Forgets the counts (not the armed faults). */
  reset(): void {
    this.counts.clear();
    this.total = 0;
  }

  /**
   * Arms a fault: the k-th call from now (1 = the next one), counting only `kind` when given,
   * throws `error` (default: an {@link InjectedFault}). Several faults may be armed at once.
   */
  failAt(k: number, options: { kind?: string; error?: Error } = {}): void {
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`failAt expects k >= 1, got ${k}`);
    const callNumber = this.total + k;
    this.faults.push({
      remaining: k,
      kind: options.kind,
      error: () => options.error ?? new InjectedFault(options.kind ?? 'any', callNumber),
    });
  }

  /**
   * Runs `fn` without recording, checking or faulting its calls: for work that is not the
   * add-on's (a test's arrangement, the sandbox page reading the grid, a person's edit).
   */
  untracked<T>(fn: () => T): T {
    this.paused += 1;
    try {
      return fn();
    } finally {
      this.paused -= 1;
    }
  }

  /**
   * Runs `fn` and returns the kinds it recorded, in order (also when it throws: then `error` is
   * set), for tests about the order of calls (e.g. flush before releasing a lock).
   */
  trace<T>(fn: () => T): { calls: string[]; value?: T; error?: unknown } {
    const calls: string[] = [];
    this.traces.push(calls);
    try {
      return { calls, value: fn() };
    } catch (error) {
      return { calls, error };
    } finally {
      this.traces = this.traces.filter((t) => t !== calls);
    }
  }

  /** Disarms every pending fault. */
  clearFaults(): void {
    this.faults = [];
  }

  /**
   * Allows only the kinds for which `allow` returns true (null lifts the restriction). Used to
   * emulate AuthMode.NONE, where an add-on's onOpen may build its menu and nothing else.
   */
  restrict(allow: ((kind: string) => boolean) | null, why = ''): void {
    this.allowed = allow;
    this.restriction = why;
  }
}
