// LockService emulated: the document lock contends with a simulated other execution; no real time passes.
//
// Sources:
//   [LOCK] https://developers.google.com/apps-script/reference/lock/lock-service and …/lock/lock —
//          getDocumentLock() returns null outside a document; nothing is held until tryLock(ms)
//          (returns false on timeout) or waitLock(ms) (throws on timeout); hasLock() is false
//          until acquired and after releaseLock().
//   [TIMEOUT] waitLock's error text, seen verbatim in many public logs and fakes, e.g.
//          "Exception: Lock timeout: another process was holding the lock for too long."
import type { EmulationContext } from './context';
import { appsScriptError } from './common';

export const LOCK_TIMEOUT = 'Lock timeout: another process was holding the lock for too long.';


/** Where a lock's owner is kept: the shared context for the document lock, the handle otherwise. */
interface Holder {
  get(): null | 'this' | 'other';
  set(owner: null | 'this'): void;
}

/**
 * A lock handle. Time does not pass in the emulation: when another execution holds the lock,
 * `tryLock` returns false and `waitLock` throws at once, as if the whole timeout had elapsed;
 * nothing sleeps. A lock already held by this execution is acquired again (re-entrant).
 */
export class FakeLock implements Pick<GoogleAppsScript.Lock.Lock, 'tryLock' | 'waitLock' | 'releaseLock' | 'hasLock'> {
  /** @internal */
  constructor(
    private readonly ctx: EmulationContext,
    private readonly holder: Holder,
  ) {}

  tryLock(timeoutInMillis: number): boolean {
    this.ctx.ledger.record('Lock.tryLock');
    return this.acquire(timeoutInMillis);
  }

  waitLock(timeoutInMillis: number): void {
    this.ctx.ledger.record('Lock.waitLock');
    if (!this.acquire(timeoutInMillis)) throw appsScriptError(LOCK_TIMEOUT);
  }

  releaseLock(): void {
    this.ctx.ledger.record('Lock.releaseLock');
    if (this.holder.get() === 'this') this.holder.set(null);
  }

  hasLock(): boolean {
    this.ctx.ledger.record('Lock.hasLock');
    return this.holder.get() === 'this';
  }

  private acquire(timeoutInMillis: number): boolean {
    if (typeof timeoutInMillis !== 'number' || Number.isNaN(timeoutInMillis)) {
      // ⚠ Apps Script's wording for a non-numeric timeout is unconfirmed.
      throw appsScriptError(`Invalid argument: timeoutInMillis (${String(timeoutInMillis)})`);
    }
    const owner = this.holder.get();
    if (owner === 'other') return false; // the timeout "elapses" immediately
    this.holder.set('this');
    return true;
  }
}

/**
 * `LockService`. The document lock's state lives in `ctx.documentLockHolder`, shared by every
 * handle and by `workspace.otherExecution`, and is released by `workspace.endExecution()`.
 * Script and user locks have no simulated competitor: each handle keeps its own state, so they
 * always succeed. (A script lock in a published add-on would serialise every customer's
 * executions; the add-on uses the document lock.)
 */
export class FakeLockService
  implements Pick<GoogleAppsScript.Lock.LockService, 'getDocumentLock' | 'getScriptLock' | 'getUserLock'>
{
  private readonly documentHolder: Holder;

  constructor(private readonly ctx: EmulationContext) {
    this.documentHolder = {
      get: () => ctx.documentLockHolder,
      set: (owner) => {
        ctx.documentLockHolder = owner;
      },
    };
  }

  /**
   * Null outside a document [LOCK]: here, in a time-driven trigger run with the workspace option
   * `clockTriggerDocument: 'absent'` (⚠ whether an add-on's tick has a document is not documented).
   */
  getDocumentLock(): GoogleAppsScript.Lock.Lock {
    this.ctx.ledger.record('LockService.getDocumentLock');
    if (!this.ctx.documentAvailable) return null as unknown as GoogleAppsScript.Lock.Lock;
    return new FakeLock(this.ctx, this.documentHolder);
  }

  getScriptLock(): GoogleAppsScript.Lock.Lock {
    this.ctx.ledger.record('LockService.getScriptLock');
    return new FakeLock(this.ctx, ownHolder());
  }

  getUserLock(): GoogleAppsScript.Lock.Lock {
    this.ctx.ledger.record('LockService.getUserLock');
    return new FakeLock(this.ctx, ownHolder());
  }
}

function ownHolder(): Holder {
  let owner: null | 'this' = null;
  return {
    get: () => owner,
    set: (o) => {
      owner = o;
    },
  };
}
