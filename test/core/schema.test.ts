import fc from 'fast-check';
import { ROSTER, appendPosition, matchHeaders, normaliseHeader } from '../../src/core/schema';

const canonical = ROSTER.columns.map((c) => c.header);

describe('matchHeaders', () => {
  it('finds every canonical column in the canonical order', () => {
    const m = matchHeaders(canonical, ROSTER);
    expect(m.missing).toEqual([]);
    expect(m.columns).toEqual(Object.fromEntries(canonical.map((h, i) => [h, i])));
  });

  it('finds columns the owner moved, ignoring case, spaces and extra columns', () => {
    const m = matchHeaders(['Shoe size', ' EMAIL ', 'name', 'time  zone'], ROSTER);
    expect(m.columns).toEqual({ Email: 1, Name: 2, 'Time zone': 3 });
    expect(m.missing).toEqual(['Team', 'Status', 'Avoid pairing with', 'Working hours', 'Notes']);
  });

  it('takes the first of two columns with the same header', () => {
    expect(matchHeaders(['Email', 'Email'], ROSTER).columns.Email).toBe(0);
  });

  it('reports every column missing for an empty row', () => {
    expect(matchHeaders([], ROSTER).missing).toEqual(canonical);
  });

  it('accounts for every canonical header exactly once, whatever the row (property)', () => {
    const cell = fc.oneof(fc.constantFrom(...canonical, ...canonical.map((h) => h.toUpperCase())), fc.string());
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 12 }), (row) => {
        const m = matchHeaders(row, ROSTER);
        const found = Object.keys(m.columns);
        expect([...found, ...m.missing].sort()).toEqual([...canonical].sort());
        for (const [header, i] of Object.entries(m.columns)) {
          expect(normaliseHeader(row[i])).toBe(normaliseHeader(header));
        }
      }),
    );
  });
});

describe('appendPosition', () => {
  it('is just after the last non-blank header', () => {
    expect(appendPosition(['Name', '', 'Email', '', ' '])).toBe(3);
  });
  it('is 0 for an empty or blank row', () => {
    expect(appendPosition([])).toBe(0);
    expect(appendPosition(['', ''])).toBe(0);
  });
});
