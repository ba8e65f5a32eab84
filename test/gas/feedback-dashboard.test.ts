// The Dashboard and the sidebar's summary against the emulated Workspace (issue 6): one row per
// cycle written as values, the three trend charts, the refresh when stale.
import { FEEDBACK_KEYS } from '../../src/app/feedback-shared';
import { getFeedbackSummary, refreshDashboard, refreshDashboardIfStale } from '../../src/app/dashboard';
import { confirmRotation, planRotation } from '../../src/app/plan';
import { execution } from '../support/workspace';
import { type Group, program, sheetValues, properties, submit, withForm, useFakeClock } from './feedback-fixtures';

useFakeClock();

// ---- The Dashboard -------------------------------------------------------------------------------------

describe('refreshDashboard', () => {
  /** Two groups of two; responses in cycle 1; today 2027-01-20 (three sessions passed). */
  function answered() {
    const { ws, groups: gs, code } = withForm(4);
    const [g1, g2] = gs;
    submit(ws, { email: g1.members[0], at: '2027-01-05T15:00:00Z', code: code(g1), session: '1', ratings: [4, 4, 4] });
    submit(ws, { email: g1.members[0], at: '2027-01-12T15:00:00Z', code: code(g1), session: '2', ratings: [5, 3, 4] });
    submit(ws, { email: g1.members[1], at: '2027-01-05T16:00:00Z', code: code(g1), session: '1', ratings: [2, 2, 2] });
    submit(ws, { email: 'stranger@elsewhere.org', at: '2027-01-06T16:00:00Z', code: code(g1), session: '1', ratings: [1, 1, 1] });
    jest.setSystemTime(new Date('2027-01-20T12:00:00Z'));
    ws.ledger.reset();
    return { ws, g1, g2 };
  }

  it('writes one row per cycle as values and draws four trend charts (three goals, coverage); again, still four', () => {
    const { ws } = answered();
    const summary = execution(ws, refreshDashboard);
    const { display, values, formulas } = sheetValues(ws, 'Dashboard');
    expect(display).toEqual([
      [
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
      ],
      // Cycle 1 is planned (never booked), so no pair has met yet: no coverage figures, and no group
      // is listed as quiet (a group with no meeting on calendars has none to miss).
      ['1', '2027-01-05', '2', '2', '25%', '', '', '3.7', '3.0', '3.3', '', '', '', '', ''],
      Array(15).fill(''),
      ['Today, among 4 active people: Coverage: 0% of possible pairs have met (cross-team 0%); peers met per person 0 to 0, median 0.', ...Array(14).fill('')],
    ]);
    expect(values[1][4]).toBe(0.25);
    expect(values[1][7]).toBe(3.67);
    expect(formulas.flat().every((f) => f === '')).toBe(true);

    expect(summary).toMatchObject({
      form: { url: expect.stringMatching(/^https:\/\/docs\.google\.com\/forms\/d\/e\/.+\/viewform$/) },
      today: '2027-01-20',
      latest: { cycle: 1, running: true, groups: 2, sessionsHeld: 2, received: 3, expected: 12, responseRate: 0.25, averages: { relationship: 3.67, coaching: 3, accountability: 3.33 } },
      trend: [{ cycle: 1, starts: '2027-01-05', responseRate: 0.25, relationship: 3.67, coaching: 3, accountability: 3.33 }],
      quietGroups: [],
      responses: 4,
      flagged: 1,
      message: '4 responses, 1 flagged.',
    });
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);

    const charts = () => ws.ledger.untracked(() => ws.spreadsheet.getSheetByName('Dashboard')!.getCharts());
    const first = charts();
    expect(first).toHaveLength(4);
    const sheetId = ws.spreadsheet.getSheetByName('Dashboard')!.getSheetId();
    expect(first.map((c) => ws.ledger.untracked(() => [c.getOptions().get('title'), c.spec.chartType, c.spec.ranges]))).toEqual([
      ['Relationship across cycles (average 1-5)', 'LINE', [{ sheetId, row: 1, column: 1, numRows: 2, numColumns: 1 }, { sheetId, row: 1, column: 8, numRows: 2, numColumns: 1 }]],
      ['Coaching across cycles (average 1-5)', 'LINE', [{ sheetId, row: 1, column: 1, numRows: 2, numColumns: 1 }, { sheetId, row: 1, column: 9, numRows: 2, numColumns: 1 }]],
      ['Accountability across cycles (average 1-5)', 'LINE', [{ sheetId, row: 1, column: 1, numRows: 2, numColumns: 1 }, { sheetId, row: 1, column: 10, numRows: 2, numColumns: 1 }]],
      [
        'Relationship coverage across cycles',
        'LINE',
        [
          { sheetId, row: 1, column: 1, numRows: 2, numColumns: 1 },
          { sheetId, row: 1, column: 6, numRows: 2, numColumns: 1 },
          { sheetId, row: 1, column: 7, numRows: 2, numColumns: 1 },
        ],
      ],
    ]);
    expect(first.map((c) => c.spec.options['vAxis.viewWindow.min'])).toEqual([1, 1, 1, 0]);
    expect(first.map((c) => c.spec.options['legend.position'])).toEqual(['none', 'none', 'none', 'bottom']);

    // Again: the same four charts, updated in place.
    execution(ws, refreshDashboard);
    const second = charts();
    expect(second.map((c) => c.spec.chartId)).toEqual(first.map((c) => c.spec.chartId));
    expect(ws.ledger.count('Sheet.insertChart')).toBe(4);
    expect(ws.ledger.count('Sheet.updateChart')).toBe(4);

    // A chart the owner deleted comes back; a copy of one is removed.
    ws.ledger.untracked(() => {
      const sheet = ws.spreadsheet.getSheetByName('Dashboard')!;
      sheet.removeChart(sheet.getCharts()[1]);
      const title = sheet.getCharts()[0].getOptions().get('title');
      sheet.insertChart(sheet.newChart().setChartType(ws.globals.Charts.ChartType.LINE).addRange(sheet.getRange('A1:B2')).setOption('title', title).build());
      expect(sheet.getCharts()).toHaveLength(4);
    });
    execution(ws, refreshDashboard);
    const third = charts();
    expect(third).toHaveLength(4);
    expect(third.map((c) => c.getOptions().get('title')).sort()).toEqual(first.map((c) => c.getOptions().get('title')).sort());
    // The kept ones are the add-on's own (remembered ids), pointed at the rows again.
    expect(third.map((c) => c.spec.chartId)).toEqual(expect.arrayContaining([first[0].spec.chartId, first[2].spec.chartId]));
    expect(third.every((c) => c.spec.ranges.length === (/coverage/.test(String(c.getOptions().get('title'))) ? 3 : 2) && c.spec.ranges[1].numRows === 2)).toBe(true);
    expect(Object.values(JSON.parse(properties(ws)[FEEDBACK_KEYS.charts])).sort()).toEqual(third.map((c) => c.spec.chartId).sort());
  });

  it('a new cycle adds a row and the charts take it in', () => {
    const { ws } = answered();
    execution(ws, refreshDashboard);
    const preview = execution(ws, () => planRotation({ seed: 'fixed' }));
    expect(execution(ws, () => confirmRotation(preview)).status).toBe('confirmed');
    execution(ws, refreshDashboard);
    const { display } = sheetValues(ws, 'Dashboard');
    expect(display.map((r) => r.slice(0, 3))).toEqual([
      ['Cycle', 'Starts', 'Groups'],
      ['1', '2027-01-05', '2'],
      ['2', '2027-02-16', '2'],
      ['', '', ''],
      [expect.stringMatching(/^Today, among 4 active people: Coverage: /), '', ''],
    ]);
    const charts = ws.ledger.untracked(() => ws.spreadsheet.getSheetByName('Dashboard')!.getCharts());
    expect(charts).toHaveLength(4);
    expect(charts.every((c) => c.spec.ranges.every((r) => r.numRows === 3))).toBe(true);
  });

  it('getFeedbackSummary gives the same figures and writes nothing', () => {
    const { ws } = answered();
    const refreshed = execution(ws, refreshDashboard);
    ws.ledger.reset();
    const before = ws.snapshot();
    expect(execution(ws, getFeedbackSummary)).toEqual(refreshed);
    expect(ws.snapshot()).toEqual(before);
    expect(Object.keys(ws.ledger.snapshot()).filter((k) => /\.(set|insert|remove|update|delete|clear)/.test(k))).toEqual([]);
  });

  it('before the form: the summary says so', () => {
    const ws = program();
    expect(execution(ws, getFeedbackSummary)).toMatchObject({ form: null, responses: 0, flagged: 0, latest: null, message: 'No feedback form yet.' });
  });

  it('refreshDashboardIfStale refreshes after a response or a new day, and not otherwise', () => {
    const { ws, g1 } = answered();
    expect(execution(ws, refreshDashboardIfStale)).toBe(true);
    ws.ledger.reset();
    expect(execution(ws, refreshDashboardIfStale)).toBe(false);
    expect(ws.ledger.count('Range.getValues')).toBe(0);
    expect(ws.ledger.count('Range.setValues')).toBe(0);
    submit(ws, { email: g1.members[1], at: '2027-01-20T11:00:00Z', ratings: [5, 5, 5] });
    expect(execution(ws, refreshDashboardIfStale)).toBe(true);
    expect(sheetValues(ws, 'Dashboard').display[1][3]).toBe('3');
    expect(execution(ws, refreshDashboardIfStale)).toBe(false);
    jest.setSystemTime(new Date('2027-01-21T12:00:00Z'));
    expect(execution(ws, refreshDashboardIfStale)).toBe(true);
  });
});
