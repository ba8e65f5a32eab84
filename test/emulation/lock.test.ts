import { createContext } from '../../src/local/emulation/context';
import { FakeLockService, LOCK_TIMEOUT } from '../../src/local/emulation/lock';

function setup() {
  const ctx = createContext();
  return { ctx, locks: new FakeLockService(ctx) };
}

describe('FakeLockService', () => {
  it('acquires a free document lock with tryLock and marks it held by this execution', () => {
    const { ctx, locks } = setup();
    const lock = locks.getDocumentLock();
    expect(lock.hasLock()).toBe(false);
    expect(lock.tryLock(1000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    expect(ctx.documentLockHolder).toBe('this');
  });

  it('releases: the holder becomes null and hasLock false', () => {
    const { ctx, locks } = setup();
    const lock = locks.getDocumentLock();
    lock.waitLock(1000);
    lock.releaseLock();
    expect(ctx.documentLockHolder).toBeNull();
    expect(lock.hasLock()).toBe(false);
  });

  it('is re-entrant within one execution, across handles', () => {
    const { locks } = setup();
    expect(locks.getDocumentLock().tryLock(0)).toBe(true);
    const again = locks.getDocumentLock();
    expect(again.hasLock()).toBe(true);
    expect(again.tryLock(0)).toBe(true);
    expect(() => again.waitLock(0)).not.toThrow();
  });

  it('tryLock returns false while another execution holds the document lock, at once', () => {
    const { ctx, locks } = setup();
    ctx.documentLockHolder = 'other'; // what workspace.otherExecution.holdDocumentLock() does
    const lock = locks.getDocumentLock();
    const started = Date.now();
    expect(lock.tryLock(30000)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000); // no real waiting
    expect(lock.hasLock()).toBe(false);
    expect(ctx.documentLockHolder).toBe('other');
  });

  it('waitLock throws Apps Script\'s timeout error while another execution holds it', () => {
    const { ctx, locks } = setup();
    ctx.documentLockHolder = 'other';
    const lock = locks.getDocumentLock();
    expect(() => lock.waitLock(10000)).toThrow(LOCK_TIMEOUT);
    expect(LOCK_TIMEOUT).toBe('Lock timeout: another process was holding the lock for too long.');
  });

  it('does not let this execution release a lock the other execution holds', () => {
    const { ctx, locks } = setup();
    ctx.documentLockHolder = 'other';
    locks.getDocumentLock().releaseLock();
    expect(ctx.documentLockHolder).toBe('other');
  });

  it('succeeds again once the other execution lets go', () => {
    const { ctx, locks } = setup();
    ctx.documentLockHolder = 'other';
    const lock = locks.getDocumentLock();
    expect(lock.tryLock(0)).toBe(false);
    ctx.documentLockHolder = null;
    expect(lock.tryLock(0)).toBe(true);
  });

  it('gives script and user locks that never contend with the document lock', () => {
    const { ctx, locks } = setup();
    ctx.documentLockHolder = 'other';
    const script = locks.getScriptLock();
    const user = locks.getUserLock();
    expect(script.tryLock(0)).toBe(true);
    expect(user.tryLock(0)).toBe(true);
    script.releaseLock();
    expect(script.hasLock()).toBe(false);
    expect(ctx.documentLockHolder).toBe('other');
  });

  it('records each call once', () => {
    const { ctx, locks } = setup();
    const lock = locks.getDocumentLock();
    lock.tryLock(0);
    lock.releaseLock();
    expect(ctx.ledger.snapshot()).toEqual({ 'Lock.releaseLock': 1, 'Lock.tryLock': 1, 'LockService.getDocumentLock': 1 });
  });
});
