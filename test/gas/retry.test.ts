// A service failing for a moment (gas/retry.ts): calls that are safe to repeat are tried again
// after a pause, so set-up and the feedback form get through a flaky service in one run; anything
// else (an execution cut short, a quota for the day) is thrown at once, and creations are never
// repeated blindly.
import { createFeedbackForm } from '../../src/app/feedback-form';
import { setUp } from '../../src/app/setup';
import { BACKOFF_MS, isTransient, retryTransient } from '../../src/gas/retry';
import { seededRandom } from '../../src/core/random';
import type { Workspace } from '../../src/local/emulation';
import { execution, rosterRows, useWorkspace, writeSheet } from '../support/workspace';

/** The words Apps Script throws when a service fails for a moment (as `simulate --faults` does). */
const serverError = (kind = 'Range.setValues') => {
  const error = new Error(`We're sorry, a server error occurred while calling ${kind}. Please wait a bit and try again.`);
  error.name = 'Exception';
  return error;
};

describe('isTransient', () => {
  it.each([
    "We're sorry, a server error occurred. Please wait a bit and try again.",
    'Service error: Spreadsheets',
    'API call to calendar.events.patch failed with error: Backend Error',
    'Service unavailable: Forms',
    'Service invoked too many times in a short time: properties rateMax. Try Utilities.sleep(1000) between calls.',
    'API call to calendar.events.patch failed with error: Rate Limit Exceeded',
    'Service Spreadsheets timed out while accessing document with id 1abc.',
  ])('retries "%s"', (message) => expect(isTransient(new Error(message))).toBe(true));

  it.each([
    'Service invoked too many times for one day: email.',
    'Exceeded maximum execution time',
    'You do not have permission to call SpreadsheetApp.getActiveSpreadsheet',
    'Injected fault at call 3 (any)',
    'A sheet with the name "Roster" already exists. Please enter another name.',
  ])('does not retry "%s"', (message) => expect(isTransient(new Error(message))).toBe(false));
});

describe('retryTransient', () => {
  it('tries again after 0.5, 1 and 2 s, then throws the last failure', () => {
    const ws = useWorkspace();
    let calls = 0;
    const failing = () => {
      calls += 1;
      throw serverError();
    };
    expect(() => retryTransient(failing)).toThrow(/server error/);
    expect(calls).toBe(BACKOFF_MS.length + 1);
    expect(ws.ledger.count('Utilities.sleep')).toBe(3);
    expect(BACKOFF_MS).toEqual([500, 1000, 2000]);
  });

  it('returns what a later try returns, and throws anything not transient at once', () => {
    const ws = useWorkspace();
    let calls = 0;
    expect(
      retryTransient(() => {
        calls += 1;
        if (calls < 3) throw serverError();
        return 'done';
      }),
    ).toBe('done');
    expect(ws.ledger.count('Utilities.sleep')).toBe(2);
    calls = 0;
    expect(() =>
      retryTransient(() => {
        calls += 1;
        throw new Error('Exceeded maximum execution time');
      }),
    ).toThrow(/maximum execution time/);
    expect(calls).toBe(1);
  });
});

describe('set-up and the feedback form on a service that fails for a moment', () => {
  /**
   * Makes every service call of `ws` fail with `rate` (seeded), as `simulate --faults` does; the
   * calls that failed are counted. Returns a function that stops the faults.
   */
  function flaky(ws: Workspace, rate: number, seed: number): { failed: () => number; stop: () => void } {
    const random = seededRandom(seed);
    const record = ws.ledger.record.bind(ws.ledger);
    let failed = 0;
    ws.ledger.record = (kind: string) => {
      record(kind);
      if (kind !== 'Utilities.sleep' && random() < rate) {
        failed += 1;
        throw serverError(kind);
      }
    };
    return { failed: () => failed, stop: () => (ws.ledger.record = record) };
  }

  /** Runs `fn` as the owner would: again after a failure, up to `tries` times; the runs it took. */
  function persist(ws: Workspace, fn: () => unknown, tries: number): number {
    for (let run = 1; run <= tries; run++) {
      try {
        execution(ws, fn);
        return run;
      } catch (error) {
        expect(String(error)).toMatch(/server error/);
      }
    }
    return Infinity;
  }

  it('set-up with 5% of calls failing from the first: done in a run or two, exactly as a clean one (20 seeds)', () => {
    const clean = useWorkspace({ uuid: () => 'id' });
    writeSheet(clean, 'Roster', rosterRows(12));
    execution(clean, setUp);
    const expected = JSON.stringify(clean.snapshot());
    const runs: number[] = [];
    let failed = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const ws = useWorkspace({ uuid: () => 'id' });
      writeSheet(ws, 'Roster', rosterRows(12));
      const faults = flaky(ws, 0.05, seed);
      runs.push(persist(ws, setUp, 24));
      faults.stop();
      failed += faults.failed();
      expect([seed, JSON.stringify(ws.snapshot()) === expected]).toEqual([seed, true]);
    }
    expect(failed).toBeGreaterThan(100); // about 10 a run
    expect(Math.max(...runs)).toBeLessThanOrEqual(3);
  });

  it('a sheet whose creation failed after Google made it is not made twice', () => {
    const ws = useWorkspace({ uuid: () => 'id' });
    const ss = ws.globals.SpreadsheetApp.getActiveSpreadsheet();
    const insert = ss.insertSheet.bind(ss);
    let reported = false;
    // Google makes the sheet, then reports a server error for the call.
    (ss as { insertSheet: unknown }).insertSheet = (name: string, index: number) => {
      const made = insert(name, index);
      if (!reported) {
        reported = true;
        throw serverError('Spreadsheet.insertSheet');
      }
      return made;
    };
    const spy = jest.spyOn(ws.globals.SpreadsheetApp, 'getActiveSpreadsheet').mockReturnValue(ss);
    try {
      execution(ws, setUp);
    } finally {
      spy.mockRestore();
    }
    const names = ws.globals.SpreadsheetApp.getActiveSpreadsheet().getSheets().map((s) => s.getName());
    expect(reported).toBe(true);
    expect(names.filter((n) => n === 'Roster')).toHaveLength(1);
    expect(new Set(names).size).toBe(names.length);
  });

  it('the feedback form with 5% of calls failing from the first: done within a few runs, one form, each question once (20 seeds)', () => {
    const runs: number[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      let n = 0;
      const ws = useWorkspace({ uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` });
      execution(ws, setUp);
      writeSheet(ws, 'Roster', rosterRows(6));
      const faults = flaky(ws, 0.05, seed);
      runs.push(persist(ws, createFeedbackForm, 24));
      faults.stop();
      expect(ws.forms.forms).toHaveLength(1);
      const titles = ws.globals.FormApp.openById(ws.forms.forms[0].id).getItems().map((i) => i.getTitle());
      expect(new Set(titles).size).toBe(titles.length);
      expect(titles.filter((t) => t.trim() === '')).toEqual([]);
      expect(titles.length).toBeGreaterThanOrEqual(9);
    }
    expect(Math.max(...runs)).toBeLessThanOrEqual(6);
  });
});
