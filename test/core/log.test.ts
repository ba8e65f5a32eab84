// The Log sheet's rows, its cap and the latest entries read back.
import fc from 'fast-check';
import { LOG, LOG_CAP, LOG_HEADERS, latestEntries, logAppendPlan, logRow } from '../../src/core/log';

describe('log', () => {
  test('the sheet: When · Action · Outcome · Detail, generated and protected', () => {
    expect(LOG_HEADERS).toEqual(['When', 'Action', 'Outcome', 'Detail']);
    expect(LOG.generated).toBe(true);
    expect(LOG.columns.slice(1).every((c) => c.plainText)).toBe(true);
  });

  test('a row: the instant as a Date, text as text (never a formula), one line', () => {
    const row = logRow({ when: '2027-01-12T09:00:00Z', action: 'roster-change', outcome: 'ok', detail: '=HYPERLINK("x")\nsecond line' });
    expect(row[0]).toEqual(new Date('2027-01-12T09:00:00Z'));
    expect(row.slice(1)).toEqual(['roster-change', 'ok', `'=HYPERLINK("x") · second line`]);
    expect(logRow({ when: '2027-01-12T09:00:00Z', action: 'tick', outcome: 'failed', detail: 'x'.repeat(60_000) })[3].length).toBeLessThanOrEqual(50_000);
    expect(() => logRow({ when: 'yesterday', action: 'tick', outcome: 'ok', detail: '' })).toThrow();
  });

  test('the cap keeps the newest rows', () => {
    expect(logAppendPlan(0, ['a'])).toEqual({ deleteOldest: 0, append: ['a'] });
    expect(logAppendPlan(LOG_CAP, ['a', 'b'])).toEqual({ deleteOldest: 2, append: ['a', 'b'] });
    expect(logAppendPlan(3, ['a', 'b', 'c', 'd'], 2)).toEqual({ deleteOldest: 3, append: ['c', 'd'] });
    expect(() => logAppendPlan(0, [], 0)).toThrow();
  });

  test('property: after any appends the log holds min(cap, all) rows, the newest, in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 10 }), (cap, batches) => {
        let sheet: number[] = [];
        let n = 0;
        for (const size of batches) {
          const adding = Array.from({ length: size }, () => n++);
          const plan = logAppendPlan(sheet.length, adding, cap);
          sheet = [...sheet.slice(plan.deleteOldest), ...plan.append];
          expect(sheet.length).toBe(Math.min(cap, n));
          expect(sheet).toEqual(Array.from({ length: sheet.length }, (_, i) => n - sheet.length + i));
        }
      }),
    );
  });

  test('the latest entries, newest first, whatever the column order; rows without a time are skipped', () => {
    const table = [
      ['Detail', 'When', 'Action', 'Outcome'],
      ['first', new Date('2027-01-10T08:00:00Z'), 'tick', 'ok'],
      ["'=1+1", new Date('2027-01-11T08:00:00Z'), 'roster-change', 'failed'],
      ['', '', '', ''],
    ];
    expect(latestEntries(table, 5)).toEqual([
      { when: '2027-01-11T08:00:00.000Z', action: 'roster-change', outcome: 'failed', detail: '=1+1' },
      { when: '2027-01-10T08:00:00.000Z', action: 'tick', outcome: 'ok', detail: 'first' },
    ]);
    expect(latestEntries(table, 1)).toHaveLength(1);
    expect(latestEntries([], 3)).toEqual([]);
  });
});
