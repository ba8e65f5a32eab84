import fc from 'fast-check';
import {
  DASHBOARD,
  FEEDBACK,
  PROGRAM_SHEETS,
  ROSTER,
  ROTATIONS,
  appendPosition,
  columnFormat,
  columnRuns,
  matchHeaders,
  normaliseHeader,
  planHeaders,
} from '../../src/core/schema';

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

describe('the program sheets', () => {
  it('have the canonical headers of PRODUCT.md, in order', () => {
    const headers = (spec: typeof ROSTER) => spec.columns.map((c) => c.header).join(' · ');
    expect(PROGRAM_SHEETS.map((s) => s.name)).toEqual(['Roster', 'Rotations', 'Feedback', 'Dashboard']);
    expect(headers(ROSTER)).toBe('Name · Email · Team · Time zone · Status · Avoid pairing with · Working hours · Notes');
    expect(headers(ROTATIONS)).toBe(
      'Cycle · Starts · Ends · Group · Member 1 · Member 2 · Member 3 · Day and time · Time zone · Status · Event ID · Meet link · Notes',
    );
    expect(headers(FEEDBACK)).toBe(
      'Submitted · Cycle · Group · Session · Respondent · Email · Partners · Met · Relationship · Coaching · Accountability · Pairing · Worked on · Commitment · Next cycle · Flag · Key',
    );
    expect(DASHBOARD.columns[0].header).toBe('Cycle');
  });

  it('give every column a note and a width; user and free text is plain text; generated sheets are protected', () => {
    for (const spec of PROGRAM_SHEETS) {
      expect(spec.generated).toBe(spec !== ROSTER);
      if (spec.generated) expect(spec.protection).toMatch(/\S/);
      for (const column of spec.columns) {
        expect([spec.name, column.header, column.note.length > 10, (column.width ?? 0) > 0]).toEqual([spec.name, column.header, true, true]);
      }
      expect(new Set(spec.columns.map((c) => normaliseHeader(c.header))).size).toBe(spec.columns.length);
    }
    const text = ['Roster Notes', 'Roster Working hours', 'Roster Email', 'Rotations Notes', 'Rotations Member 1', 'Rotations Day and time',
      'Feedback Worked on', 'Feedback Commitment', 'Feedback Next cycle', 'Feedback Email', 'Feedback Respondent', 'Feedback Key'];
    for (const spec of PROGRAM_SHEETS) {
      for (const column of spec.columns) {
        if (text.includes(`${spec.name} ${column.header}`)) expect([spec.name, column.header, columnFormat(column)]).toEqual([spec.name, column.header, '@']);
      }
    }
  });
});

describe('planHeaders', () => {
  const canonical = ROSTER.columns.map((c) => c.header);

  it('changes nothing on a complete row, whatever its order and extra columns', () => {
    const row = ['Shoe size', ...canonical.slice().reverse()];
    const plan = planHeaders(row, ROSTER);
    expect(plan).toMatchObject({ restored: [], appended: [], row });
  });

  it('writes every header from column A on an empty row', () => {
    expect(planHeaders([], ROSTER)).toMatchObject({ restored: [], appended: canonical, appendAt: 0, row: canonical });
  });

  it('puts a header back into the blank cell its canonical neighbours bracket', () => {
    const row = canonical.map((h) => (h === 'Team' ? '' : h));
    const plan = planHeaders(row, ROSTER);
    expect(plan.restored).toEqual([{ header: 'Team', index: 2 }]);
    expect(plan.appended).toEqual([]);
    expect(plan.row).toEqual(canonical);
  });

  it('puts back a run of headers when exactly that many blank cells lie between their neighbours', () => {
    const row = ['Name', '', '', 'Time zone', 'Status'];
    expect(planHeaders(row, ROSTER).restored).toEqual([{ header: 'Email', index: 1 }, { header: 'Team', index: 2 }]);
    const wider = ['Name', '', '', '', 'Time zone'];
    expect(planHeaders(wider, ROSTER).restored).toEqual([]);
  });

  it('at the start of the order: the blank cells before the following column', () => {
    expect(planHeaders(['', 'Email', 'Team'], ROSTER).restored).toEqual([{ header: 'Name', index: 0 }]);
  });

  it('at the end of the order: the blank cells after the preceding column, only if a header follows them', () => {
    const upToWorkingHours = canonical.slice(0, 7);
    expect(planHeaders([...upToWorkingHours, '', 'Shoe size'], ROSTER).restored).toEqual([{ header: 'Notes', index: 7 }]);
    const trailing = planHeaders([...upToWorkingHours, ''], ROSTER);
    expect(trailing).toMatchObject({ restored: [], appended: ['Notes'], appendAt: 7 });
  });

  it('appends when the neighbours do not bracket the blank cell (ambiguous), leaving the cell blank', () => {
    const row = ['Name', 'Shoe size', '', 'Team', 'Time zone', 'Status', 'Avoid pairing with', 'Working hours', 'Notes'];
    const plan = planHeaders(row, ROSTER);
    expect(plan).toMatchObject({ restored: [], appended: ['Email'], appendAt: 9 });
    expect(plan.row[2]).toBe('');
  });

  it('never overwrites a non-blank cell and places every canonical header exactly once (property)', () => {
    const cell = fc.oneof(fc.constantFrom(...canonical, '', '', 'Shoe size', 'name'), fc.string({ maxLength: 4 }));
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 14 }), (row) => {
        const plan = planHeaders(row, ROSTER);
        row.forEach((c, i) => {
          if (normaliseHeader(c) !== '') expect(plan.row[i]).toBe(c);
        });
        const again = matchHeaders(plan.row, ROSTER);
        expect(again.missing).toEqual([]);
        expect(again.columns).toEqual(plan.columns);
        // Writing the plan and planning again changes nothing.
        expect(planHeaders(plan.row, ROSTER)).toMatchObject({ restored: [], appended: [], row: plan.row });
      }),
    );
  });
});

describe('columnRuns', () => {
  it('groups adjacent columns with the same key, in column order', () => {
    expect(
      columnRuns([
        { index: 3, key: '@' },
        { index: 0, key: '0' },
        { index: 1, key: '@' },
        { index: 2, key: '@' },
        { index: 5, key: '@' },
      ]),
    ).toEqual([
      { start: 0, count: 1, key: '0' },
      { start: 1, count: 3, key: '@' },
      { start: 5, count: 1, key: '@' },
    ]);
    expect(columnRuns([])).toEqual([]);
  });
});
