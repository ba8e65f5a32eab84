// Cycle 1's date as the Rotations rows give it (issue 12, defect 2): when it was never saved, the
// rows confirmed so far say it, so later cycles keep their dates instead of counting from today.
import fc from 'fast-check';
import { addDays } from '../../src/core/dates';
import { firstStartFromRows } from '../../src/core/rotation';
import { cycleDates, DEFAULT_SETTINGS } from '../../src/core/settings';

describe('firstStartFromRows', () => {
  it('counts back from the earliest cycle with a date, skipping rows without one', () => {
    expect(firstStartFromRows([], 6)).toBe('');
    expect(firstStartFromRows([{ cycle: 1, starts: '' }, { cycle: NaN, starts: '2027-01-05' }, { cycle: 0, starts: '2027-01-05' }], 6)).toBe('');
    expect(firstStartFromRows([{ cycle: 1, starts: '2027-01-05' }], 6)).toBe('2027-01-05');
    expect(firstStartFromRows([{ cycle: 3, starts: '2027-03-30' }, { cycle: 2, starts: '2027-02-16' }, { cycle: 2, starts: 'soon' }], 6)).toBe('2027-01-05');
    expect(firstStartFromRows([{ cycle: 2, starts: '2027-01-26' }], 3)).toBe('2027-01-05');
  });

  it('gives back the date the rows were written from (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20000 }), fc.integer({ min: 1, max: 12 }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 }), (offset, weeks, cycles) => {
        const settings = { ...DEFAULT_SETTINGS, cycleWeeks: weeks, firstMeetingDate: addDays('2000-01-04', offset) };
        const rows = cycles.map((c) => ({ cycle: c, starts: cycleDates(settings, c, '2000-01-01').starts }));
        expect(firstStartFromRows(rows, weeks)).toBe(settings.firstMeetingDate);
      }),
    );
  });
});
