// The document lock adapter (src/gas/lock.ts): it flushes pending spreadsheet writes before
// releasing the lock, as Google recommends ("if you are working with a spreadsheet, you should call
// SpreadsheetApp.flush() prior to releasing the lock",
// https://developers.google.com/apps-script/reference/lock/lock), also when the work fails; and
// what it does when an execution has no document lock (a clock trigger without a document).
import { tryDocumentLock, withDocumentLock } from '../../src/gas/lock';
import { UserError } from '../../src/core/errors';
import { useWorkspace } from '../support/workspace';

describe('withDocumentLock', () => {
  it('flushes, then releases the lock, after the work', () => {
    const ws = useWorkspace();
    const { calls, value } = ws.ledger.trace(() => withDocumentLock(() => 42));
    expect(value).toBe(42);
    expect(calls).toEqual(['LockService.getDocumentLock', 'Lock.tryLock', 'SpreadsheetApp.flush', 'Lock.releaseLock']);
  });

  it('flushes and releases also when the work throws', () => {
    const ws = useWorkspace();
    const { calls, error } = ws.ledger.trace(() =>
      withDocumentLock(() => {
        throw new Error('boom');
      }),
    );
    expect((error as Error).message).toBe('boom');
    expect(calls.slice(-2)).toEqual(['SpreadsheetApp.flush', 'Lock.releaseLock']);
    expect(ws.ctx.documentLockHolder).toBeNull();
  });

  it('refuses with a clear message when another run holds the lock, without flushing', () => {
    const ws = useWorkspace();
    ws.otherExecution.holdDocumentLock();
    const { calls, error } = ws.ledger.trace(() => withDocumentLock(() => 1));
    expect(error).toBeInstanceOf(UserError);
    expect(calls).toEqual(['LockService.getDocumentLock', 'Lock.tryLock']);
  });
});

describe('tryDocumentLock', () => {
  it('flushes, then releases the lock', () => {
    const ws = useWorkspace();
    const { calls, value } = ws.ledger.trace(() => tryDocumentLock(() => 'done'));
    expect(value).toEqual({ value: 'done' });
    expect(calls).toEqual(['LockService.getDocumentLock', 'Lock.tryLock', 'SpreadsheetApp.flush', 'Lock.releaseLock']);
  });

  it('returns null without running the work in a clock trigger that has no document (no lock)', () => {
    const ws = useWorkspace({ clockTriggerDocument: 'absent' });
    ws.globals.ScriptApp.newTrigger('onTick').timeBased().everyHours(1).create();
    const [trigger] = ws.globals.ScriptApp.triggersFor('CLOCK');
    let ran = false;
    ws.beginTriggerExecution(trigger);
    try {
      expect(tryDocumentLock(() => (ran = true))).toBeNull();
      expect(() => withDocumentLock(() => (ran = true))).toThrow(UserError);
    } finally {
      ws.endExecution();
    }
    expect(ran).toBe(false);
  });
});
