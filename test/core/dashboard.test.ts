// The dashboard: per-cycle figures from the Feedback rows as read back from the sheet, the values
// written into the Dashboard sheet, its trend charts, and the sidebar's summary.
import fc from 'fast-check';
import { computeDashboard, dashboardCharts, dashboardValues, feedbackSummary, quietGroupsText, type DashboardInput } from '../../src/core/dashboard';
import { FEEDBACK_HEADERS, feedbackRecord, feedbackRowValues, readFeedbackRecords, type FeedbackRecord, type FeedbackRow } from '../../src/core/feedback';
import { DASHBOARD, matchHeaders } from '../../src/core/schema';
import { CONTEXT, GOOD, GROUPS, PEOPLE, SETTINGS, ZONE, code, group, mail, normalise, response, type Answers } from './feedback-fixtures';

const CYCLE_4 = [group(4, 1, ['Ann', 'Bob'], 'planned'), group(4, 2, ['Cat', 'Dan', 'Eve'], 'planned')];
const ALL_GROUPS = [...GROUPS, group(3, 3, ['Ann', 'Eve'], 'replaced'), ...CYCLE_4];

/** Rows as the sheet holds them, read back through the Feedback table. */
function readBack(rows: FeedbackRow[]): FeedbackRecord[] {
  return readFeedbackRecords([FEEDBACK_HEADERS, ...rows.map((r) => feedbackRowValues(r))]);
}

let key = 100;
const answer = (name: string, at: string, answers: Answers) => normalise(response(name, at, answers, key++));

/** The scenario worked out in the comments. */
function scenarioRows(): FeedbackRow[] {
  return [
    answer('Ann', '2027-03-30T12:00:00Z', { ...GOOD, groupCode: code('C3-01') }), // C3-01 s1 Yes 4/3/5
    answer('Dan', '2027-03-31T12:00:00Z', { met: 'Yes', relationship: '5', coaching: '4', accountability: '4' }), // C3-01 s1
    answer('Ann', '2027-04-07T12:00:00Z', { met: 'Rescheduled', relationship: '3', coaching: '3', accountability: '3' }), // C3-01 s2
    answer('Ann', '2027-04-08T12:00:00Z', { met: 'Yes', relationship: '5', coaching: '5', accountability: '5' }), // C3-01 s2 again
    answer('Bob', '2027-03-30T12:00:00Z', { met: 'No' }), // C3-02 s1, not held
    answer('Cat', '2027-04-01T12:00:00Z', { met: 'Yes', session: '9', relationship: '2', coaching: '2', accountability: '2' }), // flagged session
    answer('zed@example.org', '2027-04-02T12:00:00Z', { met: 'Yes', groupCode: code('C3-01'), relationship: '1', coaching: '1', accountability: '1' }), // counts nowhere
    answer('Eve', '2027-03-31T12:00:00Z', { met: 'Yes' }), // C3-02 s1 held, no ratings
    answer('Ann', '2027-04-01T10:00:00Z', { ...GOOD, groupCode: code('C2-01'), session: '6', relationship: '4', coaching: '4', accountability: '4' }), // late, cycle 2
    answer('Cat', '2027-03-02T12:00:00Z', { met: 'No', relationship: '1', coaching: '2', accountability: '3' }), // C2-01 s3, no + ratings
  ];
}

const input = (feedback: FeedbackRecord[], today: string, extra: Partial<DashboardInput> = {}): DashboardInput => ({
  feedback,
  groups: ALL_GROUPS,
  settings: SETTINGS,
  today,
  timeZone: ZONE,
  people: PEOPLE,
  ...extra,
});

describe('computeDashboard', () => {
  const rows = scenarioRows();
  const result = computeDashboard(input(readBack(rows), '2027-04-20'));

  it('gives every cycle of Rotations, first to last, replaced rows left out', () => {
    expect(result.cycles.map((c) => [c.cycle, c.starts, c.ends, c.groups, c.running])).toEqual([
      [1, '2027-01-05', '2027-02-15', 2, false],
      [2, '2027-02-16', '2027-03-29', 2, false],
      [3, '2027-03-30', '2027-05-10', 2, true],
      [4, '2027-05-11', '2027-06-21', 2, false],
    ]);
  });

  it('counts sessions held: distinct group and session that a member reported Yes or Rescheduled', () => {
    expect(result.cycles.map((c) => c.sessionsHeld)).toEqual([0, 1, 3, 0]);
  });

  it('gives the response rate: expected members × sessions so far, each answered once at most; null when none expected', () => {
    const c3 = result.cycles[2];
    expect([c3.received, c3.expected, c3.responseRate]).toEqual([5, 20, 0.25]);
    expect([result.cycles[1].received, result.cycles[1].expected, result.cycles[1].responseRate]).toEqual([2, 30, 2 / 30]);
    expect(result.cycles[0].responseRate).toBe(0);
    expect([result.cycles[3].expected, result.cycles[3].responseRate]).toEqual([0, null]);
  });

  it('averages each goal over the cycle’s members’ ratings (a "did not meet" with ratings included); null without ratings', () => {
    expect(result.cycles[2].averages).toEqual({ relationship: 3.8, coaching: 3.4, accountability: 3.8 });
    expect(result.cycles[2].ratings).toEqual({ relationship: 5, coaching: 5, accountability: 5 });
    expect(result.cycles[1].averages).toEqual({ relationship: 2.5, coaching: 3, accountability: 3.5 });
    expect(result.cycles[0].averages).toEqual({ relationship: null, coaching: null, accountability: null });
  });

  it('lists the running cycle’s groups with no “we met” for their last two sessions, with names and the last response of any kind', () => {
    // C3-01 met in session 2 (Rescheduled, then Yes); only session 3 (04-13) is without: not quiet.
    // C3-02 met in session 1 (Eve); sessions 2 and 3 without: quiet, its latest response Cat's of 04-01.
    expect(result.cycles[2].quietGroups).toEqual([
      { groupId: 'C3-02', members: ['Bob', 'Cat', 'Eve'], emails: [mail('Bob'), mail('Cat'), mail('Eve')], sessionsPassed: 4, sessionsWithoutMeeting: 2, lastResponse: '2027-04-01' },
    ]);
    for (const c of [result.cycles[0], result.cycles[1], result.cycles[3]]) expect(c.quietGroups).toEqual([]);
  });

  it('counts the rows, the flagged ones, and those that count for a group', () => {
    expect([result.responses, result.flagged, result.counted]).toEqual([10, 5, 9]);
    expect(result.flagged).toBe(rows.filter((r) => r.flag !== '').length);
  });

  it('counts a response only for a member of a group in Rotations', () => {
    const stray: FeedbackRecord[] = [
      { Group: 'C3-03', Email: mail('Ann'), Session: 1, Met: 'Yes', Relationship: 1 }, // replaced group
      { Group: 'C3-01', Email: mail('Bob'), Session: 1, Met: 'Yes', Relationship: 1 }, // not a member
      { Group: '', Email: mail('Ann'), Session: 1, Met: 'Yes', Relationship: 1 },
      { Group: 'C9-01', Email: mail('Ann'), Session: 1, Met: 'Yes', Relationship: 1 },
    ];
    const r = computeDashboard(input(stray, '2027-04-20'));
    expect(r.counted).toBe(0);
    expect(r.cycles[2]).toMatchObject({ sessionsHeld: 0, received: 0, averages: { relationship: null } });
  });

  it('reads values as the sheet may give them back: numbers as text, an apostrophe, any case, a date-time as text', () => {
    const records: FeedbackRecord[] = [
      { Submitted: '2027-04-19 09:00', Group: "'c3-01", Email: ' ANN@example.org', Session: '2', Met: 'YES', Relationship: '4', Coaching: 4.5, Accountability: 'n/a' },
      { Submitted: new Date('2027-04-19T09:00:00Z'), Group: 'C3-02', Email: mail('Bob'), Session: 2.5, Met: 'Rescheduled', Relationship: 0, Coaching: 6, Accountability: '' },
    ];
    const c3 = computeDashboard(input(records, '2027-04-20')).cycles[2];
    expect(c3).toMatchObject({ sessionsHeld: 1, received: 1, averages: { relationship: 4, coaching: 4.5, accountability: null } });
    // Bob's session 2.5 is no session: C3-02 has no “we met” at all, though it answered yesterday.
    expect(c3.quietGroups.map((q) => [q.groupId, q.sessionsWithoutMeeting, q.lastResponse])).toEqual([['C3-02', 3, '2027-04-19']]);
  });

  it('leaves cancelled groups out of the groups and of what is expected, but counts the sessions they held', () => {
    const groups = [group(3, 1, ['Ann', 'Dan'], 'cancelled'), group(3, 2, ['Bob', 'Cat']), group(3, 3, ['Ann', 'Eve'], 'changed')];
    const ctx = { ...CONTEXT, groups };
    const fb = readBack([
      normalise(response('Ann', '2027-03-30T12:00:00Z', { ...GOOD, groupCode: code('C3-01') }), ctx),
      normalise(response('Ann', '2027-04-13T12:00:00Z', GOOD), ctx),
    ]);
    expect(fb.map((r) => r.Group)).toEqual(['C3-01', 'C3-03']);
    const c3 = computeDashboard(input(fb, '2027-04-20', { groups })).cycles[0];
    expect(c3).toMatchObject({ cycle: 3, groups: 2, sessionsHeld: 2, received: 1, expected: 16 });
    expect(c3.quietGroups.map((q) => q.groupId)).toEqual(['C3-02']);
  });
});

describe('gone quiet', () => {
  const only = (at: string) => readBack([normalise(response('Ann', at, GOOD))]);
  const quiet = (feedback: FeedbackRecord[], today: string, timeZone = ZONE) =>
    computeDashboard(input(feedback, today, { timeZone })).cycles.find((c) => c.cycle === 3)!.quietGroups.map((q) => q.groupId);

  it('needs two sessions dated before today', () => {
    expect(quiet([], '2027-04-06')).toEqual([]); // session 2 is today
    expect(quiet([], '2027-04-07')).toEqual(['C3-01', 'C3-02']);
  });

  it('means no “we met” for the last two sessions: one in between is enough, a “No” is not', () => {
    expect(quiet(only('2027-04-06T12:00:00Z'), '2027-04-19')).toEqual(['C3-02']); // Ann met in session 2
    expect(quiet(only('2027-04-06T12:00:00Z'), '2027-04-20')).toEqual(['C3-02']); // then only session 3 without
    expect(quiet(only('2027-04-06T12:00:00Z'), '2027-04-21')).toEqual(['C3-02', 'C3-01']); // sessions 3 and 4 without (C3-02: all four, listed first)
    const no = readBack([normalise(response('Ann', '2027-04-13T12:00:00Z', { met: 'No' }))]);
    expect(quiet(no, '2027-04-20')).toEqual(['C3-01', 'C3-02']); // three sessions without each
  });

  it('reads the day of a response in the settings’ time zone, for its session and its date', () => {
    const r = computeDashboard(input(readBack([normalise(response('Bob', '2027-04-13T23:30:00Z', { met: 'No' }))]), '2027-04-21')).cycles[2];
    expect(r.quietGroups.find((q) => q.groupId === 'C3-02')!.lastResponse).toBe('2027-04-14'); // 00:30 on the 14th in London
  });

  it('is only for the running cycle', () => {
    const c2 = computeDashboard(input([], '2027-04-20')).cycles.find((c) => c.cycle === 2)!;
    expect(c2.quietGroups).toEqual([]);
    expect(computeDashboard(input([], '2027-05-12')).cycles.every((c) => c.quietGroups.length === 0)).toBe(true);
  });

  it('names members by email when they are not on the roster', () => {
    const r = computeDashboard(input([], '2027-04-20', { people: [] }));
    expect(r.cycles[2].quietGroups[0].members).toEqual([mail('Ann'), mail('Dan')]);
  });
});

describe('dashboardValues', () => {
  const result = computeDashboard(input(readBack(scenarioRows()), '2027-04-20'));

  it('gives one row per cycle in DASHBOARD column order: numbers as numbers, blanks as ""', () => {
    expect(DASHBOARD.columns.map((c) => c.header)).toEqual([
      'Cycle',
      'Starts',
      'Groups',
      'Sessions held',
      'Response rate',
      'Pairs met',
      'Cross-team pairs met',
      'Relationship',
      'Coaching',
      'Accountability',
      'Pairing',
      'Peers met (min)',
      'Peers met (median)',
      'Peers met (max)',
      'Quiet groups',
    ]);
    // Coverage by hand (nobody has a team, so no cross-team pairs): cycle 1 met AB CD CE DE, 4 of
    // 10 pairs, peers 1 1 2 2 2; cycle 2 adds AC BD BE: 7 of 10, peers 2 3 3 3 3; cycle 3 adds
    // AD BC: 9 of 10, peers 3 3 4 4 4; cycle 4 is planned (never met). No pairing ratings.
    expect(dashboardValues(result)).toEqual([
      [1, '2027-01-05', 2, 0, 0, 0.4, '', '', '', '', '', 1, 2, 2, ''],
      [2, '2027-02-16', 2, 1, 2 / 30, 0.7, '', 2.5, 3, 3.5, '', 2, 3, 3, ''],
      [3, '2027-03-30', 2, 3, 0.25, 0.9, '', 3.8, 3.4, 3.8, '', 3, 4, 4, 'C3-02 (Bob, Cat, Eve; last response 2027-04-01)'],
      [4, '2027-05-11', 2, 0, '', '', '', '', '', '', '', '', '', '', ''],
    ]);
  });

  it('places the values at the columns of a rearranged sheet', () => {
    const { columns } = matchHeaders(['Quiet groups', 'Notes', 'Cycle', 'Response rate'], DASHBOARD);
    expect(dashboardValues(result, columns)[2]).toEqual(['C3-02 (Bob, Cat, Eve; last response 2027-04-01)', '', 3, 0.25]);
  });

  it('protects member names as text', () => {
    expect(quietGroupsText([{ groupId: 'C3-01', members: ['-Ann', 'Dan'], emails: [], sessionsPassed: 2, sessionsWithoutMeeting: 2, lastResponse: null }])).toBe('C3-01 (-Ann, Dan; no response yet)');
    const people = PEOPLE.map((p) => (p.name === 'Ann' ? { ...p, name: '=Ann' } : p));
    const r = computeDashboard(input([], '2027-04-20', { people, groups: [group(3, 1, ['Ann', 'Dan'])] }));
    expect(r.cycles[0].quietGroups[0].members).toEqual(['=Ann', 'Dan']);
    const quietAt = DASHBOARD.columns.findIndex((c) => c.header === 'Quiet groups');
    expect(dashboardValues(r)[0][quietAt]).toBe('C3-01 (=Ann, Dan; no response yet)');
    const first = computeDashboard(input([], '2027-04-20', { people: [{ ...PEOPLE[0], name: '@Ann' }], groups: [group(3, 1, ['Ann', 'Dan'])] }));
    expect(dashboardValues(first)[0][quietAt]).toBe('C3-01 (@Ann, dan@example.org; no response yet)');
    expect(quietGroupsText([{ groupId: '=C3-01', members: [], emails: [], sessionsPassed: 2, sessionsWithoutMeeting: 2, lastResponse: null }])).toBe("'=C3-01 (; no response yet)");
  });
});

describe('the pairing rating (issue 13 item 5)', () => {
  it('averages per cycle the ratings of last-session responses only, each member’s latest once; a bad value is flagged and left blank', () => {
    const rows = [
      answer('Ann', '2027-03-23T12:00:00Z', { ...GOOD, groupCode: code('C2-01'), session: '6', pairingRating: '4' }),
      answer('Cat', '2027-03-02T12:00:00Z', { ...GOOD, groupCode: code('C2-01'), session: '3', pairingRating: '1' }), // not the last session: not counted
      answer('Cat', '2027-03-23T12:00:00Z', { ...GOOD, groupCode: code('C2-01'), session: '6', pairingRating: '2' }),
      answer('Cat', '2027-03-24T12:00:00Z', { ...GOOD, groupCode: code('C2-01'), session: '6', pairingRating: '5' }), // her latest
      answer('Bob', '2027-03-23T12:00:00Z', { ...GOOD, groupCode: code('C2-02'), session: '6', pairingRating: 'great' }),
      answer('Ann', '2027-02-09T12:00:00Z', { ...GOOD, groupCode: code('C1-01'), session: '6', pairingRating: '3' }),
    ];
    expect(rows.map((r) => r.pairingRating)).toEqual([4, 1, 2, 5, '', 3]);
    expect(rows[4].flag).toContain('pairing rating “great” is not a whole number from 1 to 5');
    const result = computeDashboard(input(readBack(rows), '2027-04-20'));
    expect(result.cycles.map((c) => c.pairing)).toEqual([3, 4.5, null, null]);
    const at = DASHBOARD.columns.findIndex((c) => c.header === 'Pairing');
    expect(dashboardValues(result).map((r) => r[at])).toEqual([3, 4.5, '', '']);
  });
});

describe('dashboardCharts', () => {
  it('draws one line chart per goal across cycles, over the Dashboard columns by header', () => {
    const charts = dashboardCharts(4);
    expect(charts.map((c) => [c.id, c.type, c.columns, c.firstRow, c.lastRow])).toEqual([
      ['trend-relationship', 'line', ['Cycle', 'Relationship'], 1, 5],
      ['trend-coaching', 'line', ['Cycle', 'Coaching'], 1, 5],
      ['trend-accountability', 'line', ['Cycle', 'Accountability'], 1, 5],
      ['trend-coverage', 'line', ['Cycle', 'Pairs met', 'Cross-team pairs met'], 1, 5],
    ]);
    const headers = DASHBOARD.columns.map((c) => c.header);
    for (const c of charts) {
      for (const h of c.columns) expect(headers).toContain(h);
      expect(c.title).toMatch(/across cycles/);
      expect(c.vAxis).toEqual(c.id === 'trend-coverage' ? { min: 0, max: 1, title: 'Share of possible pairs', format: '0%' } : { min: 1, max: 5, title: 'Average rating' });
      expect(c.anchor.column).toBeGreaterThan(headers.length);
    }
    expect(new Set(charts.map((c) => c.anchor.row)).size).toBe(4);
    expect(dashboardCharts(0).every((c) => c.lastRow === 1)).toBe(true);
  });
});

describe('feedbackSummary', () => {
  it('shows the running cycle, the trend of the started cycles, the quiet groups and the flagged count, JSON-safe', () => {
    const summary = feedbackSummary(computeDashboard(input(readBack(scenarioRows()), '2027-04-20')));
    expect(summary.latest).toMatchObject({ cycle: 3, running: true, sessionsHeld: 3, responseRate: 0.25, averages: { relationship: 3.8 } });
    expect(summary.trend.map((t) => [t.cycle, t.relationship, t.responseRate])).toEqual([
      [1, null, 0],
      [2, 2.5, 2 / 30],
      [3, 3.8, 0.25],
    ]);
    expect(summary.quietGroups.map((q) => q.groupId)).toEqual(['C3-02']);
    expect([summary.responses, summary.flagged]).toEqual([10, 5]);
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it('shows a cycle until its last day, then the last one that ran; before cycle 1, nothing', () => {
    const between = feedbackSummary(computeDashboard(input([], '2027-05-10', { groups: GROUPS })));
    expect(between.latest).toMatchObject({ cycle: 3, running: true });
    const after = feedbackSummary(computeDashboard(input([], '2027-05-12', { groups: GROUPS })));
    expect(after.latest).toMatchObject({ cycle: 3, running: false });
    expect(after.quietGroups).toEqual([]);
    const before = feedbackSummary(computeDashboard(input([], '2026-12-01')));
    expect(before).toEqual({ today: '2026-12-01', latest: null, trend: [], quietGroups: [], responses: 0, flagged: 0 });
  });
});

describe('the dashboard over any feedback (property)', () => {
  const names = ['Ann', 'Bob', 'Cat', 'Dan', 'Eve', 'zed@example.org', 'ann@example.org'];
  const oneResponse = fc.record({
    who: fc.constantFrom(...names),
    at: fc.date({ min: new Date('2027-01-01T00:00:00Z'), max: new Date('2027-06-30T00:00:00Z'), noInvalidDate: true }),
    groupCode: fc.constantFrom('', code('C3-01'), code('C2-02'), code('C1-02'), 'junk'),
    session: fc.constantFrom('', '1', '3', '6', '9'),
    met: fc.constantFrom('Yes', 'No', 'Rescheduled', '', 'maybe'),
    relationship: fc.constantFrom('', '1', '3', '5'),
    coaching: fc.constantFrom('', '2', '4'),
    accountability: fc.constantFrom('', '5', '1'),
  });
  const today = fc.integer({ min: 0, max: 200 }).map((d) => new Date(Date.UTC(2026, 11, 20 + d)).toISOString().slice(0, 10));

  it('keeps every figure within its bounds and every Dashboard row 9 cells of numbers and text', () => {
    fc.assert(
      fc.property(fc.array(oneResponse, { maxLength: 25 }), today, (responses, day) => {
        const rows = responses.map(({ who, at, ...answers }, i) => normalise(response(who, at.toISOString(), answers, i + 2)));
        const result = computeDashboard(input(readBack(rows), day));
        expect(result.responses).toBe(rows.length);
        for (const c of result.cycles) {
          expect(c.received).toBeLessThanOrEqual(c.expected);
          if (c.expected === 0) expect(c.responseRate).toBeNull();
          else expect(c.responseRate! >= 0 && c.responseRate! <= 1).toBe(true);
          expect(c.sessionsHeld).toBeLessThanOrEqual(c.groups * 6); // no cancelled group in these cycles
          for (const v of Object.values(c.averages)) if (v !== null) expect(v >= 1 && v <= 5).toBe(true);
          if (!c.running) expect(c.quietGroups).toEqual([]);
        }
        for (const row of dashboardValues(result)) {
          expect(row).toHaveLength(DASHBOARD.columns.length);
          for (const v of row) expect(typeof v === 'number' ? Number.isFinite(v) : typeof v === 'string').toBe(true);
        }
        const summary = feedbackSummary(result);
        expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
        expect(computeDashboard(input(readBack(rows), day))).toEqual(result);
        // Record order does not matter.
        expect(computeDashboard(input([...readBack(rows)].reverse(), day)).cycles).toEqual(result.cycles);
      }),
      { numRuns: 150 },
    );
  });
});

describe('feedbackRecord', () => {
  it('is a row as the sheet reads it back', () => {
    const row = normalise(response('Ann', '2027-04-06T17:00:00Z', GOOD));
    expect(readBack([row])).toEqual([feedbackRecord(row)]);
    expect(Object.keys(feedbackRecord(row))).toEqual(FEEDBACK_HEADERS);
  });
});
