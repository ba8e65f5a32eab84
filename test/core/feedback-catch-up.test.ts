// The catch-up's decisions over the responses sheet (issue 12, defect 7): the mark and its sentinel,
// when a tick has nothing to do, where the new rows are after the owner deleted rows, and the list
// of rows the trigger filed, matched even when rows moved up.
import fc from 'fast-check';
import {
  CATCH_UP_ROWS,
  MAX_PENDING_BYTES,
  addPending,
  advanceMark,
  claimPending,
  firstBlock,
  firstNewRow,
  isIdle,
  markCovers,
  pendingHas,
  readFiledMark,
  readPending,
  sentinelHolds,
  startMark,
  stampText,
  writePending,
  type FiledMark,
} from '../../src/core/feedback-catch-up';

const at = (iso: string) => new Date(iso);
const LINKED = '2027-01-01T00:00:00.000Z';
const mark = (row: number, stamp: string, latest = stamp): FiledMark => ({ sheetId: 7, row, stamp, latest, since: LINKED });

describe('the mark', () => {
  it('reads what it writes, and a mark of the first version as one whose row is trusted', () => {
    const m = mark(4, '2027-01-12T11:00:00.000Z');
    expect(readFiledMark(JSON.stringify(m))).toEqual(m);
    expect(readFiledMark(JSON.stringify({ sheetId: 7, row: 4, since: LINKED }))).toEqual({ sheetId: 7, row: 4, stamp: null, latest: LINKED, since: LINKED });
    for (const junk of [undefined, '', '{', '[]', '{"sheetId":"7","row":4,"since":""}', '{"sheetId":7,"row":4}']) expect(readFiledMark(junk)).toBeNull();
  });

  it('starts at the header when a form is linked, or at the last row when first met', () => {
    expect(startMark(7, LINKED)).toEqual({ sheetId: 7, row: 1, stamp: '', latest: LINKED, since: LINKED });
    expect(startMark(7, '2027-02-01T00:00:00.000Z', 9, at('2027-01-30T10:00:00Z'))).toEqual({
      sheetId: 7,
      row: 9,
      stamp: '2027-01-30T10:00:00.000Z',
      latest: '2027-02-01T00:00:00.000Z',
      since: '2027-02-01T00:00:00.000Z',
    });
  });

  it('moves to the last row looked at, keeping the latest Timestamp seen', () => {
    const m = mark(3, '2027-01-12T11:00:00.000Z');
    const next = advanceMark(m, 5, at('2027-01-12T12:00:00Z'), [at('2027-01-12T13:00:00Z'), 'typed over', at('2027-01-12T12:00:00Z')]);
    expect(next).toEqual({ ...m, row: 5, stamp: '2027-01-12T12:00:00.000Z', latest: '2027-01-12T13:00:00.000Z' });
    expect(advanceMark(m, 5, 'not a date', []).stamp).toBe('');
    expect(stampText(at('2027-01-12T11:00:00.123Z'))).toBe('2027-01-12T11:00:00.123Z');
    expect(stampText(new Date(NaN))).toBe('');
  });
});

describe('isIdle: a tick with nothing new reads the last row and, at most, its Timestamp', () => {
  const m = mark(4, '2027-01-12T11:00:00.000Z');
  const never = () => {
    throw new Error('read');
  };

  it('idle when the last row is the mark’s and still holds its response', () => {
    expect(isIdle(m, 7, 4, () => at('2027-01-12T11:00:00Z'))).toBe(true);
    expect(isIdle({ ...m, stamp: null }, 7, 4, never)).toBe(true);
    expect(isIdle(m, 7, 1, never)).toBe(true);
  });

  it('not idle when rows were added, when a response landed in the mark’s row after deletions, or without a mark of this sheet', () => {
    expect(isIdle(m, 7, 5, never)).toBe(false);
    expect(isIdle(m, 7, 4, () => at('2027-01-13T11:00:00Z'))).toBe(false);
    expect(isIdle(null, 7, 4, never)).toBe(false);
    expect(isIdle(m, 8, 4, never)).toBe(false);
  });

  it('after rows deleted at the end: idle while the last row is older than the latest looked at', () => {
    expect(isIdle(m, 7, 3, () => at('2027-01-12T10:00:00Z'))).toBe(true);
    expect(isIdle(m, 7, 3, () => at('2027-01-12T12:00:00Z'))).toBe(false);
  });
});

describe('where the new rows are', () => {
  it('after the sentinel, which is read with them; from row 2 after a link; nowhere when the mark is past the end', () => {
    expect(firstBlock(mark(4, 'x'), 10)).toEqual({ from: 4, to: 10, sentinel: true });
    expect(firstBlock(mark(4, 'x'), 1000)).toEqual({ from: 4, to: 4 + CATCH_UP_ROWS, sentinel: true });
    expect(firstBlock(mark(1, ''), 1000)).toEqual({ from: 2, to: 1 + CATCH_UP_ROWS, sentinel: false });
    expect(firstBlock(mark(12, 'x'), 10)).toBeNull();
    expect(sentinelHolds(mark(4, '2027-01-12T11:00:00.000Z'), at('2027-01-12T11:00:00Z'))).toBe(true);
    expect(sentinelHolds(mark(4, '2027-01-12T11:00:00.000Z'), at('2027-01-12T11:00:01Z'))).toBe(false);
  });

  it('after deletions: the first row stamped later than the latest looked at', () => {
    const stamps = [at('2027-01-12T09:00:00Z'), 'typed', at('2027-01-12T11:00:00Z'), at('2027-01-12T12:00:00Z')];
    expect(firstNewRow(stamps, '2027-01-12T10:00:00.000Z')).toBe(4);
    expect(firstNewRow(stamps, '2027-01-12T11:00:00.000Z')).toBe(5);
    expect(firstNewRow(stamps, '2027-01-12T12:00:00.000Z')).toBeNull();
  });
});

describe('the rows the trigger filed', () => {
  it('are listed per sheet, and a list of another sheet is dropped', () => {
    const one = addPending('', 7, 2, at('2027-01-12T11:00:00Z'));
    const two = addPending(one, 7, 3, at('2027-01-12T11:00:01.400Z'));
    expect(readPending(two)).toEqual({ sheetId: 7, entries: [{ row: 2, second: Date.parse('2027-01-12T11:00:00Z') / 1000 }, { row: 3, second: Date.parse('2027-01-12T11:00:01Z') / 1000 }] });
    expect(readPending(addPending(two, 8, 2, 'no date'))).toEqual({ sheetId: 8, entries: [{ row: 2, second: null }] });
    expect(pendingHas(readPending(two), 7, 3, at('2027-01-12T11:00:01Z'))).toBe(true);
    expect(pendingHas(readPending(two), 7, 2, at('2027-01-12T11:00:01Z'))).toBe(false);
    expect(pendingHas(readPending(two), 8, 3, at('2027-01-12T11:00:01Z'))).toBe(false);
    expect(writePending({ sheetId: 7, entries: [] })).toBe('');
    expect(readPending('{"sheetId":7,"filed":["2@x!","3@"]}')).toEqual({ sheetId: 7, entries: [{ row: 3, second: null }] });
  });

  it('stay under the size of a document property, keeping the newest (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), (n) => {
        let raw = '';
        const t0 = Date.parse('2027-01-12T00:00:00Z');
        for (let i = 0; i < n; i += Math.max(1, Math.floor(n / 60))) raw = addPending(raw, 7, 100_000 + i, new Date(t0 + i * 1000));
        raw = addPending(raw, 7, 999_999, new Date(t0 + n * 1000));
        expect(raw.length).toBeLessThanOrEqual(MAX_PENDING_BYTES);
        expect(pendingHas(readPending(raw), 7, 999_999, new Date(t0 + n * 1000))).toBe(true);
      }),
      { numRuns: 15 },
    );
    let raw = '';
    for (let i = 0; i < 2000; i++) raw = addPending(raw, 7, 100_000 + i, new Date(Date.parse('2027-01-12T00:00:00Z') + i * 1000));
    expect(raw.length).toBeLessThanOrEqual(MAX_PENDING_BYTES);
    expect(readPending(raw)!.entries.length).toBeGreaterThan(300);
  });

  it('are matched exactly first, then by Timestamp to a row that moved up; each entry once', () => {
    const s = (iso: string) => at(iso);
    let raw = addPending('', 7, 3, s('2027-01-12T11:00:00Z'));
    raw = addPending(raw, 7, 4, s('2027-01-12T12:00:00Z'));
    raw = addPending(raw, 7, 9, s('2027-01-12T15:00:00Z'));
    // Row 2 was deleted: the response of row 3 is now in row 2, row 3 holds the one of row 4, and a
    // new one (its trigger failed) in row 4.
    const claimed = claimPending(readPending(raw), 7, [
      { row: 2, stamp: s('2027-01-12T11:00:00Z') },
      { row: 3, stamp: s('2027-01-12T12:00:00Z') },
      { row: 4, stamp: s('2027-01-12T13:00:00Z') },
    ]);
    expect(claimed.filed).toEqual([true, true, false]);
    expect(claimed.unused).toEqual([{ row: 9, second: Date.parse('2027-01-12T15:00:00Z') / 1000 }]);
    // Two responses in the same second: the one listed is the one in its own row.
    const same = s('2027-01-12T11:00:00Z');
    expect(claimPending(readPending(addPending('', 7, 3, same)), 7, [{ row: 2, stamp: same }, { row: 3, stamp: same }]).filed).toEqual([false, true]);
    // A row never moves down: an entry of a row above does not claim a row below.
    expect(claimPending(readPending(addPending('', 7, 2, same)), 7, [{ row: 3, stamp: same }]).filed).toEqual([false]);
    expect(claimPending(null, 7, [{ row: 3, stamp: same }])).toEqual({ filed: [false], unused: [] });
  });
});

describe('markCovers: a late delivery of a response the catch-up already looked at', () => {
  const m = mark(4, '2027-01-12T11:00:00.000Z', '2027-01-12T12:00:00.000Z');
  it('covers a row at or above the mark stamped no later than the latest looked at', () => {
    expect(markCovers(m, 7, 3, at('2027-01-12T11:30:00Z'))).toBe(true);
    expect(markCovers(m, 7, 4, at('2027-01-12T12:00:00Z'))).toBe(true);
    expect(markCovers(m, 7, 5, at('2027-01-12T11:30:00Z'))).toBe(false);
    expect(markCovers(m, 7, 3, at('2027-01-12T12:00:01Z'))).toBe(false);
    expect(markCovers(m, 8, 3, at('2027-01-12T11:30:00Z'))).toBe(false);
    expect(markCovers(null, 7, 3, at('2027-01-12T11:30:00Z'))).toBe(false);
    expect(markCovers(startMark(7, LINKED), 7, 2, at('2026-12-01T00:00:00Z'))).toBe(false);
  });
});
