import fc from 'fast-check';
import type { Person } from '../../src/core/people';
import { checkRoster, formatProblem, isKnownTimeZone, type RosterCheck, type RosterProblem } from '../../src/core/roster';
import { ROSTER, ROSTER_AWAY } from '../../src/core/schema';

const HEADER = ROSTER.columns.map((c) => c.header);
// Name · Email · Team · Time zone · Status · Avoid pairing with · Working hours · Notes
type Row = unknown[];
const row = (name: unknown, email: unknown, more: Partial<Record<string, unknown>> = {}): Row => [
  name,
  email,
  more.team ?? '',
  more.zone ?? '',
  more.status ?? '',
  more.avoid ?? '',
  more.hours ?? '',
  more.notes ?? '',
];
const ann = (more: Partial<Record<string, unknown>> = {}) => row('Ann Lee', 'ann@example.org', more);
const bob = (more: Partial<Record<string, unknown>> = {}) => row('Bob Ray', 'bob@example.org', more);
const check = (...rows: Row[]) => checkRoster([HEADER, ...rows]);
/** Row, column and message of each problem: what most tests compare. */
const found = (result: RosterCheck) => result.problems.map(({ row: r, column, message }) => ({ row: r, column, message }));
const person = (p: Partial<Person> & Pick<Person, 'email' | 'name' | 'row'>): Person => ({
  team: '',
  timeZone: '',
  status: 'Active',
  avoid: [],
  workingHours: '',
  ...p,
});

describe('checkRoster: the header', () => {
  it('reports a missing Name or Email column on row 1, and checks no record', () => {
    const result = checkRoster([['Email', 'Team'], ['ann@example.org', 'Core']]);
    expect(result.problems).toEqual([
      { row: 1, column: 'Name', message: 'no Name column', fix: 'Add a column headed "Name" to the header row (row 1).' },
    ]);
    expect(result.people).toEqual([]);
    expect(result.counts).toEqual({ active: 0, paused: 0, left: 0 });
  });

  it('reports both columns for an empty table or a blank header', () => {
    for (const table of [[], [[]], [['', ' ']], [['Team', 'Status'], ['Core', 'Active']]]) {
      expect(found(checkRoster(table))).toEqual([
        { row: 1, column: 'Name', message: 'no Name column' },
        { row: 1, column: 'Email', message: 'no Email column' },
      ]);
    }
  });

  it('reports a column the add-on reads that appears twice, naming the columns', () => {
    const result = checkRoster([['Name', 'Email', 'Status', 'Team', ' status '], ['Ann', 'ann@example.org', 'Active', '', 'Left']]);
    expect(result.problems).toEqual([
      {
        row: 1,
        column: 'Status',
        message: 'two Status columns (C and E)',
        fix: 'Keep one Status column: rename or delete the others.',
      },
    ]);
    expect(result.people).toEqual([]);
    expect(found(checkRoster([['Email', 'Name', 'EMAIL', 'email']]))).toEqual([
      { row: 1, column: 'Email', message: '3 Email columns (A, C and D)' },
    ]);
  });

  it('accepts two Notes columns, and any extra columns', () => {
    const result = checkRoster([['Notes', 'Name', 'Email', 'Notes', 'Shoe size', 'Shoe size'], ['x', 'Ann', 'ann@example.org', 'y', 42, 43]]);
    expect(result.problems).toEqual([]);
    expect(result.people).toEqual([person({ name: 'Ann', email: 'ann@example.org', row: 2 })]);
  });

  it('puts header problems on the first row given', () => {
    expect(checkRoster([['Name']], { firstRow: 5 }).problems).toEqual([
      { row: 5, column: 'Email', message: 'no Email column', fix: 'Add a column headed "Email" to the header row (row 5).' },
    ]);
  });
});

describe('checkRoster: each rule, with its row and message', () => {
  it('reads a valid roster into people, in sheet order, with counts', () => {
    const result = check(
      ann({ team: 'Core', zone: 'Europe/London', status: 'Active', avoid: 'bob@example.org', hours: 'Mon-Thu 08:30-16:00', notes: 'hi' }),
      bob({ status: 'Paused' }),
      row('Cy Doe', 'cy@example.org', { status: 'Left' }),
    );
    expect(result.problems).toEqual([]);
    expect(result.people).toEqual([
      person({
        name: 'Ann Lee',
        email: 'ann@example.org',
        team: 'Core',
        timeZone: 'Europe/London',
        avoid: ['bob@example.org'],
        workingHours: 'Mon-Thu 08:30-16:00',
        row: 2,
      }),
      person({ name: 'Bob Ray', email: 'bob@example.org', status: 'Paused', row: 3 }),
      person({ name: 'Cy Doe', email: 'cy@example.org', status: 'Left', row: 4 }),
    ]);
    expect(result.counts).toEqual({ active: 1, paused: 1, left: 1 });
  });

  it('blank name', () => {
    const result = check(ann(), row('  ', 'bob@example.org'));
    expect(result.problems).toEqual([
      { row: 3, column: 'Name', message: 'blank name', fix: "Type the person's name in the Name column." },
    ]);
    expect(result.people.map((p) => p.row)).toEqual([2]);
  });

  it('blank email', () => {
    expect(check(ann(), row('Bob Ray', '')).problems).toEqual([
      { row: 3, column: 'Email', message: 'blank email', fix: "Type the person's Google account email in the Email column." },
    ]);
  });

  it.each(['bob', 'bob@example', 'bob@@example.org', 'bob@ex@ample.org', 'bob smith@example.org', '@example.org', 'bob@.org', 'bob@example.', 'bob@example..org', 'bob@example.org; cy@example.org', 'Bob <bob@example.org>'])(
    'malformed email %j',
    (email) => {
      const result = check(ann(), row('Bob Ray', email));
      expect(result.problems).toEqual([
        {
          row: 3,
          column: 'Email',
          message: `email "${email}" is not an address`,
          fix: 'Correct it to one address like name@example.org.',
        },
      ]);
      expect(result.people).toHaveLength(1);
    },
  );

  it('duplicate person: emails compared trimmed and case-insensitively; the first row stays', () => {
    const result = check(ann(), bob(), row('Annie', ' ANN@Example.org '), row('Ann again', 'ann@example.org'));
    expect(result.problems).toEqual([
      {
        row: 4,
        column: 'Email',
        message: 'duplicate email ann@example.org (also row 2)',
        fix: 'Keep one row per person: delete this row or correct the email.',
      },
      { row: 5, column: 'Email', message: 'duplicate email ann@example.org (also row 2)', fix: expect.any(String) },
    ]);
    expect(result.people.map((p) => [p.row, p.name])).toEqual([
      [2, 'Ann Lee'],
      [3, 'Bob Ray'],
    ]);
  });

  it('duplicate person: the later row is reported even when the first row has problems of its own', () => {
    const result = check(ann({ zone: 'Mars/Base' }), ann());
    expect(found(result)).toEqual([
      { row: 2, column: 'Time zone', message: 'unknown time zone "Mars/Base"' },
      { row: 3, column: 'Email', message: 'duplicate email ann@example.org (also row 2)' },
    ]);
    expect(result.people).toEqual([]);
  });

  it('unknown time zone', () => {
    expect(check(ann({ zone: 'Mars/Base' })).problems).toEqual([
      {
        row: 2,
        column: 'Time zone',
        message: 'unknown time zone "Mars/Base"',
        fix: "Use an IANA name such as Europe/London or America/New_York, or leave it blank for the spreadsheet's time zone.",
      },
    ]);
  });

  it('unknown time zone: a near spelling is suggested', () => {
    expect(check(ann({ zone: 'Europe/Londn' })).problems[0].fix).toBe(
      "Did you mean Europe/London? Use an IANA zone name, or leave it blank for the spreadsheet's time zone.",
    );
  });

  it.each([
    ['europe/london', 'Write it as Europe/London (capitals matter).'],
    ['EUROPE/LONDON', 'Write it as Europe/London (capitals matter).'],
    ['utc', 'Write it as UTC (capitals matter).'],
    ['us/eastern', 'Write it as America/New_York.'],
  ])('unknown time zone: %j is a zone in the wrong case', (zone, fix) => {
    expect(check(ann({ zone })).problems).toEqual([{ row: 2, column: 'Time zone', message: `unknown time zone "${zone}"`, fix }]);
  });

  it.each(['GMT+1', '+01:00', 'CEST', 'London'])('unknown time zone: %j is not an IANA zone', (zone) => {
    expect(found(check(ann({ zone })))).toEqual([{ row: 2, column: 'Time zone', message: `unknown time zone "${zone}"` }]);
  });

  it('unknown status (Active, Paused, Left in any case; blank is Active)', () => {
    const result = check(ann({ status: 'on leave' }), bob({ status: 'PAUSED' }), row('Cy', 'cy@example.org', { status: ' left ' }));
    expect(result.problems).toEqual([
      { row: 2, column: 'Status', message: 'unknown status "on leave"', fix: 'Use Active, Paused or Left (blank means Active).' },
    ]);
    expect(result.people.map((p) => p.status)).toEqual(['Paused', 'Left']);
  });

  it('avoid list naming nobody on the roster', () => {
    const result = check(ann({ avoid: 'bob@example.org; zed@example.org' }), bob());
    expect(result.problems).toEqual([
      {
        row: 2,
        column: 'Avoid pairing with',
        message: 'avoid list names zed@example.org, who is not on the roster',
        fix: "Correct the email to match someone's Email cell, or remove it.",
      },
    ]);
    expect(result.people.map((p) => p.email)).toEqual(['bob@example.org']);
  });

  it('avoid list naming the person themself', () => {
    expect(check(ann({ avoid: 'Ann@Example.org' }), bob()).problems).toEqual([
      {
        row: 2,
        column: 'Avoid pairing with',
        message: 'avoid list names the person themself (ann@example.org)',
        fix: 'Remove their own email from Avoid pairing with.',
      },
    ]);
  });

  it('avoid list entry that is not an email', () => {
    expect(check(ann({ avoid: 'Bob Ray' }), bob()).problems).toEqual([
      {
        row: 2,
        column: 'Avoid pairing with',
        message: 'avoid list entry "Bob Ray" is not an email',
        fix: "Write the person's email as in their Email cell; separate several with commas.",
      },
    ]);
  });

  it('avoid list: every unknown entry is named, each once', () => {
    expect(found(check(ann({ avoid: 'x@example.org, y@example.org; X@example.org' })))).toEqual([
      { row: 2, column: 'Avoid pairing with', message: 'avoid list names x@example.org, who is not on the roster' },
      { row: 2, column: 'Avoid pairing with', message: 'avoid list names y@example.org, who is not on the roster' },
    ]);
  });

  it.each<[string, string, string]>([
    ['9am-5pm', 'working hours "9am-5pm": not like 09:00-17:00 or Mon-Thu 08:30-16:00', 'Write them like 09:00-17:00 or Mon-Thu 08:30-16:00, or leave the cell blank for Mon-Fri 09:00-17:00.'],
    ['Mun-Thu 9-17', 'working hours "Mun-Thu 9-17": unknown day "Mun"', 'Use Mon, Tue, Wed, Thu, Fri, Sat or Sun, like Mon-Thu 08:30-16:00.'],
    ['09:00-25:00', 'working hours "09:00-25:00": no such time "25:00"', 'Use 24-hour times from 00:00 to 24:00, like 09:00-17:00.'],
    ['17:00-09:00', 'working hours "17:00-09:00": end before they start', 'Put the start first, like 09:00-17:00; hours past midnight are not supported.'],
    ['09:00-09:00', 'working hours "09:00-09:00": start and end at the same time', 'Put the start first, like 09:00-17:00; hours past midnight are not supported.'],
  ])('working hours %j', (hours, message, fix) => {
    expect(check(ann({ hours })).problems).toEqual([{ row: 2, column: 'Working hours', message, fix }]);
  });

  it('a Date in Working hours is Sheets having turned 9-17 into a date', () => {
    expect(check(ann({ hours: new Date(Date.UTC(2026, 8, 17)) })).problems).toEqual([
      {
        row: 2,
        column: 'Working hours',
        message: 'Working hours is a date, not text',
        fix: 'Format the Working hours column as plain text (Format > Number > Plain text) and type the hours again, like 09:00-17:00.',
      },
    ]);
  });

  it('a Date in any other column the add-on reads is reported the same way; in Notes it is ignored', () => {
    const date = new Date(Date.UTC(2026, 0, 24));
    expect(found(check(row(date, date), ann({ team: date, notes: date })))).toEqual([
      { row: 2, column: 'Name', message: 'Name is a date, not text' },
      { row: 2, column: 'Email', message: 'Email is a date, not text' },
      { row: 3, column: 'Team', message: 'Team is a date, not text' },
    ]);
    expect(check(ann({ status: date })).problems[0].fix).toBe(
      'Format the Status column as plain text (Format > Number > Plain text) and type the value again.',
    );
  });

  it('reports every problem of a row, in the canonical column order', () => {
    const result = check(bob(), row('', 'bob@example.org', { zone: 'Nowhere', status: 'x', avoid: 'bob@example.org', hours: '5-4' }));
    expect(found(result).map((p) => p.column)).toEqual(['Name', 'Email', 'Time zone', 'Status', 'Avoid pairing with', 'Working hours']);
    expect(result.problems.every((p) => p.row === 3)).toBe(true);
  });
});

describe('checkRoster: unusual but valid input', () => {
  it('any column order and header case, with extra columns and missing optional columns', () => {
    const result = checkRoster([
      ['Shoe size', ' EMAIL ', 'status', 'NAME', 'time  zone'],
      [44, 'ann@example.org', 'paused', 'Ann Lee', 'Asia/Kolkata'],
    ]);
    expect(result.problems).toEqual([]);
    expect(result.people).toEqual([person({ name: 'Ann Lee', email: 'ann@example.org', status: 'Paused', timeZone: 'Asia/Kolkata', row: 2 })]);
  });

  it('blank rows in the middle and at the end are skipped; rows keep their spreadsheet numbers', () => {
    const result = check([], ann(), ['', '  ', null, undefined], row('', '', { notes: 'joins in March' }), bob(), [], ['', '']);
    expect(result.problems).toEqual([]);
    expect(result.people.map((p) => p.row)).toEqual([3, 6]);
  });

  it('short rows (a CSV with trailing columns left out)', () => {
    const result = check(['Ann Lee', 'ann@example.org'], ['Bob Ray', 'bob@example.org', 'Core']);
    expect(result.problems).toEqual([]);
    expect(result.people.map((p) => p.team)).toEqual(['', 'Core']);
  });

  it('surrounding spaces are trimmed; emails lower-cased; names and teams kept as written', () => {
    const result = check(row('  Ann  Lee ', ' Ann.Lee@Example.ORG ', { team: ' Core Platform ', zone: ' Europe/London ', status: ' Active ', hours: ' 9-17 ' }));
    expect(result.problems).toEqual([]);
    expect(result.people).toEqual([
      person({ name: 'Ann  Lee', email: 'ann.lee@example.org', team: 'Core Platform', timeZone: 'Europe/London', workingHours: '9-17', row: 2 }),
    ]);
  });

  it('a blank status is Active', () => {
    expect(check(ann({ status: '' })).people[0].status).toBe('Active');
  });

  it('a value that looks like a formula is text, kept as given', () => {
    const name = '=HYPERLINK("https://example.org","Ann")';
    const result = check(row(name, 'ann@example.org', { team: '+Core', notes: '=1+1' }));
    expect(result.problems).toEqual([]);
    expect(result.people[0]).toMatchObject({ name, team: '+Core' });
  });

  it('numbers and booleans are read as text', () => {
    const result = check(row(42, 'ann@example.org', { team: 7 }), row(true, 'bob@example.org', { status: false }));
    expect(found(result)).toEqual([{ row: 3, column: 'Status', message: 'unknown status "FALSE"' }]);
    expect(result.people[0]).toMatchObject({ name: '42', team: '7' });
  });

  it('avoid lists: commas, semicolons or line breaks, any case and spacing; repeats dropped', () => {
    const result = check(
      ann({ avoid: ' BOB@example.org ;cy@example.org,\nbob@example.org;; ' }),
      bob(),
      row('Cy Doe', 'cy@example.org', { status: 'Left' }),
    );
    expect(result.problems).toEqual([]);
    expect(result.people[0].avoid).toEqual(['bob@example.org', 'cy@example.org']);
  });

  it('a Left or Paused person, or one whose own row has problems, still counts as on the roster', () => {
    const result = check(
      ann({ avoid: 'bob@example.org, cy@example.org' }),
      bob({ status: 'Left' }),
      row('Cy Doe', 'cy@example.org', { zone: 'Nowhere' }),
    );
    expect(found(result)).toEqual([{ row: 4, column: 'Time zone', message: 'unknown time zone "Nowhere"' }]);
    expect(result.people.map((p) => p.row)).toEqual([2, 3]);
  });

  it.each(['Europe/London', 'America/Argentina/Buenos_Aires', 'UTC', 'Etc/GMT+5', 'US/Eastern', 'Asia/Calcutta', 'America/Port-au-Prince'])(
    'time zone %j',
    (zone) => {
      expect(check(ann({ zone })).problems).toEqual([]);
    },
  );

  it('working hours as accepted by parseWorkingHours', () => {
    for (const hours of ['09:00-17:00', '9:00–17:30', 'Mon-Thu 08:30-16:00', 'Mon,Wed,Fri 10:00-15:00', 'Tue-Fri 9-17']) {
      expect(check(ann({ hours })).problems).toEqual([]);
    }
  });
});

describe('checkRoster: names are display-safe (issue 12, item 9)', () => {
  it('strips bidi overrides, isolates and marks from names and teams, and makes controls spaces', () => {
    const result = check(row('Ann\u202E Lee\u2066', 'ann@example.org', { team: 'Core\u202B\tPlatform' }), row('\u200FBob\r\nRay\u0000', 'bob@example.org'));
    expect(result.problems).toEqual([]);
    expect(result.people.map((p) => [p.name, p.team])).toEqual([['Ann Lee', 'Core Platform'], ['Bob Ray', '']]);
  });

  it('a name of nothing but control characters is blank', () => {
    expect(found(check(row('\u202E\u200E\u0007', 'ann@example.org')))).toEqual([{ row: 2, column: 'Name', message: 'blank name' }]);
  });

  it('keeps right-to-left letters and a 50,000-character name whole', () => {
    const long = 'L'.repeat(50_000);
    const result = check(row('שרה כהן', 'sara@example.org'), row(long, 'long@example.org'));
    expect(result.people.map((p) => p.name)).toEqual(['שרה כהן', long]);
  });
});

describe('checkRoster: options', () => {
  it('firstRow shifts every row number', () => {
    const result = checkRoster([HEADER, ann(), [], ann()], { firstRow: 10 });
    expect(found(result)).toEqual([{ row: 13, column: 'Email', message: 'duplicate email ann@example.org (also row 11)' }]);
    expect(result.people.map((p) => p.row)).toEqual([11]);
  });

  it('isTimeZone replaces the Intl check, once per distinct zone', () => {
    const asked: string[] = [];
    const isTimeZone = (zone: string) => {
      asked.push(zone);
      return zone.startsWith('Office/');
    };
    const result = checkRoster([HEADER, ann({ zone: 'Office/Leeds' }), bob({ zone: 'Europe/London' }), row('Cy', 'cy@example.org', { zone: 'Office/Leeds' })], {
      isTimeZone,
    });
    expect(found(result)).toEqual([{ row: 3, column: 'Time zone', message: 'unknown time zone "Europe/London"' }]);
    expect(asked.filter((z) => z === 'Office/Leeds')).toHaveLength(1);
  });
});

describe('isKnownTimeZone', () => {
  it.each([
    ['Europe/London', true],
    ['America/New_York', true],
    ['Etc/GMT-14', true],
    ['UTC', true],
    ['US/Eastern', true],
    ['europe/london', false],
    ['Europe/london', false],
    ['us/eastern', false],
    ['', false],
    [' Europe/London', false],
    ['+01:00', false],
    ['GMT+1', false],
    ['Europe/Londn', false],
  ])('%j → %s', (zone, known) => {
    expect(isKnownTimeZone(zone)).toBe(known);
  });
});

describe('formatProblem', () => {
  it('gives the row, what is wrong and what to do', () => {
    const problem: RosterProblem = {
      row: 7,
      column: 'Email',
      message: 'duplicate email bob@example.org (also row 3)',
      fix: 'Keep one row per person: delete this row or correct the email.',
    };
    expect(formatProblem(problem)).toBe(
      'Row 7: duplicate email bob@example.org (also row 3). Keep one row per person: delete this row or correct the email.',
    );
  });

  it('quotes long or multi-line values on one short line', () => {
    const [problem] = check(ann({ status: 'on leave until the end of the quarter,\nthen back' })).problems;
    expect(problem.message).toBe('unknown status "on leave until the end of the quarter, …"');
  });
});

describe('checkRoster: a realistic messy roster', () => {
  it('reports every problem together, in row order, and keeps the valid people', () => {
    const table: unknown[][] = [
      ['Email', 'Name', 'Team', 'Time zone', 'Status', 'Avoid pairing with', 'Working hours', 'Notes', 'Manager'],
      ['amara.okafor@example.com', 'Amara Okafor', 'Payments', 'Europe/London', 'Active', '', '', '', 'Sam'],
      ['ben.whitfield@example.com', 'Ben Whitfield', 'Payments', 'Europe/London', '', 'rohan.mehta@example.com', '9-17', '', 'Sam'],
      ['Rohan.Mehta@Example.com ', 'Rohan Mehta', 'Payments', 'Asia/Kolkata', 'active', '', '', '', ''],
      ['jonas.becker@example.com', 'Jonas Becker', 'Platform', 'europe/berlin', 'Active', '', '', '', ''],
      ['', '', '', '', '', '', '', 'hiring two more in Q3', ''],
      ['elena.petrova@example.com', 'Elena Petrova', 'Platform', 'Europe/Berlin', 'On leave', '', '', '', ''],
      ['carlos.mendes@example', 'Carlos Mendes', 'Platform', 'Europe/Lisbon', 'Active', '', '', '', ''],
      ['daniel.kim@example.com', 'Daniel Kim', 'Mobile', 'America/New_York', 'Paused', '', 'Mon-Thu 08:30-16:00', '', ''],
      ['maya.johnson@example.com', '', 'Mobile', 'America/New_York', 'Active', '', '', '', ''],
      ['grace.liu@example.com', 'Grace Liu', 'Mobile', 'America/Los_Angeles', '', 'grace.liu@example.com; daniel.kim@example.com', '', '', ''],
      ['priya.raman@example.com', 'Priya Raman', 'Data', 'Asia/Kolkata', 'Left', '', '', '', ''],
      ['farah.haddad@example.com', 'Farah Haddad', 'Data', 'Europe/Berlin', 'Active', 'jonas.becker@exmaple.com', '', '', ''],
      ['tom.gallagher@example.com', 'Tom Gallagher', 'Data', 'Europe/Dublin', 'Active', 'priya.raman@example.com', '17:00-09:00', '', ''],
      ['AMARA.OKAFOR@example.com', 'Amara O.', 'Payments', '', '', '', '', 'second row by mistake', ''],
      ['', '  ', '', '', '', '', '', '', ''],
      ['wei.zhang@example.com', '=HYPERLINK("mailto:wei.zhang@example.com","Wei Zhang")', 'Data', 'Asia/Shanghai', 'paused', 'Amara.Okafor@example.com', 'Mon,Wed,Fri 10:00-15:00', '', ''],
      [],
    ];
    const result = checkRoster(table);
    expect(result.problems.map(formatProblem)).toEqual([
      'Row 5: unknown time zone "europe/berlin". Write it as Europe/Berlin (capitals matter).',
      'Row 7: unknown status "On leave". Use Active, Paused or Left (blank means Active).',
      'Row 8: email "carlos.mendes@example" is not an address. Correct it to one address like name@example.org.',
      "Row 10: blank name. Type the person's name in the Name column.",
      'Row 11: avoid list names the person themself (grace.liu@example.com). Remove their own email from Avoid pairing with.',
      "Row 13: avoid list names jonas.becker@exmaple.com, who is not on the roster. Correct the email to match someone's Email cell, or remove it.",
      'Row 14: working hours "17:00-09:00": end before they start. Put the start first, like 09:00-17:00; hours past midnight are not supported.',
      'Row 15: duplicate email amara.okafor@example.com (also row 2). Keep one row per person: delete this row or correct the email.',
    ]);
    expect(result.people.map((p) => `${p.row} ${p.email} ${p.status}`)).toEqual([
      '2 amara.okafor@example.com Active',
      '3 ben.whitfield@example.com Active',
      '4 rohan.mehta@example.com Active',
      '9 daniel.kim@example.com Paused',
      '12 priya.raman@example.com Left',
      '17 wei.zhang@example.com Paused',
    ]);
    expect(result.counts).toEqual({ active: 3, paused: 2, left: 1 });
    expect(result.people[5]).toMatchObject({
      name: '=HYPERLINK("mailto:wei.zhang@example.com","Wei Zhang")',
      avoid: ['amara.okafor@example.com'],
      workingHours: 'Mon,Wed,Fri 10:00-15:00',
    });
  });
});

// ---- Properties ----

const EMAILS = ['ann@example.org', 'ANN@example.org ', 'bob@example.org', 'cy@example.org', 'bad@', ''];
const cellValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...EMAILS) },
  { weight: 2, arbitrary: fc.constantFrom('Ann', 'Bob', '', '  ', '=SUM(A1)') },
  { weight: 2, arbitrary: fc.constantFrom('Europe/London', 'europe/london', 'Mars/Base', 'Active', 'paused', 'Left', 'away') },
  { weight: 2, arbitrary: fc.constantFrom('9-17', 'Mon-Thu 08:30-16:00', '17-9', 'ann@example.org; bob@example.org', 'zed@example.org') },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.date()) },
);
const EXTRA = ['Shoe size', 'Manager', 'Start date'];
const headerCell = fc.oneof(fc.constantFrom(...HEADER, ...HEADER.map((h) => h.toUpperCase()), ...EXTRA, ''), fc.string({ maxLength: 8 }));
const anyTable = fc.array(fc.array(cellValue, { maxLength: 10 }), { maxLength: 12 }).chain((rows) =>
  fc.tuple(fc.array(headerCell, { maxLength: 10 }), fc.constant(rows)).map(([header, records]) => [header, ...records]),
);

/** A header of distinct columns (some canonical, some extra) in some order, and rows to fit. */
const distinctTable = fc
  .tuple(
    fc.subarray(HEADER),
    fc.subarray(EXTRA),
    fc.boolean(),
  )
  .chain(([canonical, extra, withNameEmail]) => {
    const columns = withNameEmail ? [...new Set(['Name', 'Email', ...canonical])] : canonical;
    const header = [...columns, ...extra];
    return fc.tuple(
      fc.shuffledSubarray(header, { minLength: header.length }),
      fc.array(fc.array(cellValue, { minLength: header.length, maxLength: header.length }), { maxLength: 12 }),
    );
  })
  .map(([header, rows]) => [header as unknown[], ...rows]);

function invariants(table: unknown[][], result: RosterCheck, firstRow: number) {
  const lastRow = firstRow + Math.max(table.length, 1) - 1;
  for (const p of result.problems) {
    expect(p.row).toBeGreaterThanOrEqual(firstRow);
    expect(p.row).toBeLessThanOrEqual(lastRow);
    expect(p.message).not.toBe('');
    expect(p.fix).toMatch(/\.$/);
  }
  const rows = result.problems.map((p) => p.row);
  expect(rows).toEqual([...rows].sort((a, b) => a - b));
  const emails = result.people.map((p) => p.email);
  expect(new Set(emails).size).toBe(emails.length);
  const problemRows = new Set(rows);
  for (const p of result.people) expect(problemRows.has(p.row)).toBe(false);
  const peopleRows = result.people.map((p) => p.row);
  expect(peopleRows).toEqual([...peopleRows].sort((a, b) => a - b));
  const { active, paused, left } = result.counts;
  expect(active + paused + left).toBe(result.people.length);
}

describe('checkRoster (properties)', () => {
  it('for any table: problems within its rows and sorted, unique emails, no person on a row with a problem', () => {
    fc.assert(
      fc.property(anyTable, fc.integer({ min: 1, max: 1000 }), (table, firstRow) => {
        invariants(table, checkRoster(table, { firstRow }), firstRow);
      }),
      { numRuns: 300 },
    );
  });

  it('same for tables with a good header, where records are really checked', () => {
    fc.assert(
      fc.property(distinctTable, (table) => {
        invariants(table, checkRoster(table), 1);
      }),
      { numRuns: 300 },
    );
  });

  it('moving the columns about (header with them) changes neither the people nor the problems', () => {
    const shuffled = distinctTable.chain((table) =>
      fc
        .shuffledSubarray(
          table[0].map((_, i) => i),
          { minLength: table[0].length },
        )
        .map((order) => ({ table, moved: table.map((r) => order.map((i) => r[i])) })),
    );
    fc.assert(
      fc.property(shuffled, ({ table, moved }) => {
        expect(checkRoster(moved)).toEqual(checkRoster(table));
      }),
      { numRuns: 300 },
    );
  });

  it('a well-formed roster is accepted whole, each person as written', () => {
    const people = fc.uniqueArray(
      fc.record({
        local: fc.stringMatching(/^[a-z][a-z0-9.]{0,8}$/),
        name: fc.stringMatching(/^[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8})?$/),
        team: fc.constantFrom('', 'Core', 'Data'),
        zone: fc.constantFrom('', 'Europe/London', 'Asia/Kolkata', 'America/New_York'),
        status: fc.constantFrom('', 'Active', 'Paused', 'Left', 'paused'),
        hours: fc.constantFrom('', '09:00-17:00', 'Mon-Thu 08:30-16:00'),
      }),
      { selector: (p) => p.local, maxLength: 15 },
    );
    fc.assert(
      fc.property(people, fc.nat(), (list, seed) => {
        const emails = list.map((p) => `${p.local}@example.org`);
        const table = [
          HEADER,
          ...list.map((p, i) => {
            const other = emails[(i + 1 + (seed % Math.max(list.length, 1))) % list.length];
            const avoid = other !== emails[i] && seed % 2 === 0 ? other.toUpperCase() : '';
            return row(` ${p.name} `, emails[i].toUpperCase(), { team: p.team, zone: p.zone, status: p.status, avoid, hours: p.hours });
          }),
        ];
        const result = checkRoster(table);
        expect(result.problems).toEqual([]);
        expect(result.people.map((p) => p.email)).toEqual(emails);
        expect(result.people.map((p) => p.name)).toEqual(list.map((p) => p.name));
        expect(result.people.map((p) => p.row)).toEqual(list.map((_, i) => i + 2));
      }),
    );
  });
});

describe('checkRoster: the Away column (issue 14)', () => {
  // Away is optional and not canonical (set-up does not add it): these rosters carry it last.
  const HEADER = [...ROSTER.columns.map((c) => c.header), ROSTER_AWAY.header];
  const withAway = (r: Row, away: unknown = '') => [...r, away];
  const ann = (more: Partial<Record<string, unknown>> = {}) => withAway(row('Ann Lee', 'ann@example.org', more), more.away);
  const bob = (more: Partial<Record<string, unknown>> = {}) => withAway(row('Bob Ray', 'bob@example.org', more), more.away);
  const check = (...rows: Row[]) => checkRoster([HEADER, ...rows]);

  it('reads Away dates into the person, sorted and merged; blank or no column leaves none', () => {
    const result = check(ann({ away: '2027-01-19; 2027-02-01..2027-02-12, 2027-01-18' }), bob());
    expect(result.problems).toEqual([]);
    expect(result.people[0].away).toEqual([
      { from: '2027-01-18', to: '2027-01-19' },
      { from: '2027-02-01', to: '2027-02-12' },
    ]);
    expect(result.people[1]).toEqual(person({ email: 'bob@example.org', name: 'Bob Ray', row: 3 }));
    const withoutColumn = checkRoster([HEADER.slice(0, 8), ann().slice(0, 8)]);
    expect(withoutColumn.problems).toEqual([]);
    expect(withoutColumn.people[0].away).toBeUndefined();
  });

  it('reports a bad Away entry with its row, where it is in the cell and the fix', () => {
    const result = check(ann(), bob({ away: '2027-01-19, 2027-02-29' }));
    expect(result.people.map((p) => p.email)).toEqual(['ann@example.org']);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ row: 3, column: 'Away' });
    expect(formatProblem(result.problems[0])).toMatch(/^Row 3: away date "2027-02-29" \(character 13\) .+\. .+/);
  });

  it('finds the column wherever it is, and reports it after the other columns of the row', () => {
    const result = checkRoster([
      ['Away', 'Email', 'Name', 'Working hours'],
      ['someday', 'ann@example.org', '', '5-4'],
    ]);
    expect(found(result).map((p) => p.column)).toEqual(['Name', 'Working hours', 'Away']);
  });

  it('two Away columns are a header problem, like any column the add-on reads', () => {
    const result = checkRoster([['Name', 'Email', 'Away', 'away'], ['Ann', 'ann@example.org', '', '']]);
    expect(found(result)).toEqual([{ row: 1, column: 'Away', message: 'two Away columns (C and D)' }]);
  });

  it("a Date in the Away cell is that date in the spreadsheet's zone when given, else a problem to fix", () => {
    const date = new Date(Date.UTC(2027, 0, 18, 23, 30)); // 2027-01-19 00:30 in Paris
    const inParis = checkRoster([HEADER, ann({ away: date })], { timeZone: 'Europe/Paris' });
    expect(inParis.problems).toEqual([]);
    expect(inParis.people[0].away).toEqual([{ from: '2027-01-19', to: '2027-01-19' }]);
    const unknown = check(ann({ away: date }));
    expect(found(unknown)).toEqual([{ row: 2, column: 'Away', message: 'Away is a date, not text' }]);
    expect(unknown.problems[0].fix).toMatch(/plain text/);
  });
});
