// The document lock (LockService), which guards every write to the program's sheets and state.
// Never the script lock: every install of an add-on runs the same script. Pending spreadsheet writes
// are flushed before the lock is released, so the next holder reads them: "if you are working with a
// spreadsheet, you should call SpreadsheetApp.flush() prior to releasing the lock"
// (https://developers.google.com/apps-script/reference/lock/lock#releaseLock()). Taking, flushing and
// releasing are tried again when the service fails for a moment (retry.ts): each is safe to repeat.
import { UserError } from '../core/errors';
import { retryTransient as retried } from './retry';

/** Flushes pending writes, then releases the lock (the release happens even if the flush throws). */
function flushAndRelease(lock: GoogleAppsScript.Lock.Lock): void {
  try {
    retried(() => SpreadsheetApp.flush());
  } finally {
    retried(() => lock.releaseLock());
  }
}

/** Runs `work` holding the document lock; refuses with a clear message when another run holds it. */
export function withDocumentLock<T>(work: () => T, waitMs = 10000): T {
  const lock = retried(() => LockService.getDocumentLock());
  if (!lock) throw new UserError('The add-on must run inside the spreadsheet (no document lock here).');
  if (!retried(() => lock.tryLock(waitMs))) {
    throw new UserError('Another change to this program is running (perhaps in another window). Try again in a moment.');
  }
  try {
    return work();
  } finally {
    flushAndRelease(lock);
  }
}

/**
 * Runs `work` holding the document lock, or returns null without running it when another run
 * holds the lock for `waitMs` (for background work that the next run does instead).
 */
export function tryDocumentLock<T>(work: () => T, waitMs = 10000): { value: T } | null {
  const lock = retried(() => LockService.getDocumentLock());
  if (!lock || !retried(() => lock.tryLock(waitMs))) return null;
  try {
    return { value: work() };
  } finally {
    flushAndRelease(lock);
  }
}
