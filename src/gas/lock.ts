// The document lock (LockService), which guards every write to the program's sheets and state.
// Never the script lock: every install of an add-on runs the same script.
import { UserError } from '../core/errors';

/** Runs `work` holding the document lock; refuses with a clear message when another run holds it. */
export function withDocumentLock<T>(work: () => T, waitMs = 10000): T {
  const lock = LockService.getDocumentLock();
  if (!lock) throw new UserError('The add-on must run inside the spreadsheet (no document lock here).');
  if (!lock.tryLock(waitMs)) {
    throw new UserError('Another change to this program is running (perhaps in another window). Try again in a moment.');
  }
  try {
    return work();
  } finally {
    lock.releaseLock();
  }
}

/**
 * Runs `work` holding the document lock, or returns null without running it when another run
 * holds the lock for `waitMs` (for background work that the next run does instead).
 */
export function tryDocumentLock<T>(work: () => T, waitMs = 10000): { value: T } | null {
  const lock = LockService.getDocumentLock();
  if (!lock || !lock.tryLock(waitMs)) return null;
  try {
    return { value: work() };
  } finally {
    lock.releaseLock();
  }
}
