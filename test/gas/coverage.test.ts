// Issue 13 items 5 and 6 against the emulated Workspace: the Dashboard's relationship coverage per
// cycle from a hand-computed Rotations history (with the rows of a mid-cycle change), the
// Connections sheet (content, protection, the 300-person cap), the refresh's cost whatever the
// number of people, and the pairing rating's round trip (form → Feedback → Dashboard), also from
// a form made before the question existed.
import { refreshDashboard } from '../../src/app/dashboard';
import { createFeedbackForm } from '../../src/app/feedback-form';
import { CONNECTIONS_MAX_PEOPLE } from '../../src/core/coverage';
import { question } from '../../src/core/feedback-form';
import { DASHBOARD, ROTATIONS } from '../../src/core/schema';
import type { Workspace } from '../../src/local/emulation';
import { execution, rosterRows } from '../support/workspace';
import { deliver, feedback, formState, program, sheetValues, submit, useFakeClock, withForm } from './feedback-fixtures';

useFakeClock();

const m = (i: number) => `m${i}@example.com`;

/** Replaces the Rotations rows (header kept) with `rows`: [cycle, starts, ends, group, members, status]. */
function writeRotations(ws: Workspace, rows: Array<[number, string, string, string, number[], string]>): void {
  ws.ledger.untracked(() => {
    const sheet = ws.spreadsheet.getSheetByName('Rotations')!;
    const header = ROTATIONS.columns.map((c) => c.header);
    const last = sheet.getLastRow();
    if (last > 1) sheet.getRange(2, 1, last - 1, header.length).clearContent();
    const values = rows.map(([cycle, starts, ends, group, members, status]) =>
      header.map((h) => {
        if (h === 'Cycle') return cycle;
        if (h === 'Starts') return starts;
        if (h === 'Ends') return ends;
        if (h === 'Group') return group;
        if (h === 'Status') return status;
        const k = /^Member (\d)$/.exec(h);
        return k ? (members[Number(k[1]) - 1] === undefined ? '' : m(members[Number(k[1]) - 1])) : '';
      }),
    );
    sheet.getRange(2, 1, values.length, header.length).setValues(values);
  });
}

/** Replaces the Roster with `n` people (Manager i, m{i}@example.com, Team i % 5); `left` set to Left. */
function writeRoster(ws: Workspace, n: number, left: number[] = []): void {
  ws.ledger.untracked(() => {
    const rows = rosterRows(n);
    rows.slice(1).forEach((r, i) => (r[4] = left.includes(i + 1) ? 'Left' : 'Active'));
    const sheet = ws.spreadsheet.getSheetByName('Roster')!;
    if (rows.length > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), rows.length - sheet.getMaxRows());
    const last = sheet.getLastRow();
    if (last > 1) sheet.getRange(2, 1, last - 1, 5).clearContent();
    sheet.getRange(1, 1, rows.length, 5).setValues(rows);
  });
}

/**
 * Six people (teams: m1 and m6 share Team 1, the others differ). Cycle 1: m1+m2, m3+m4, m5+m6.
 * Cycle 2: m1+m3; m2+m5 and m4+m6 until m5 left on 2027-03-02 (rows `changed`), then m2+m4+m6;
 * a `replaced` m1+m5 that never met. Cycle 3 `planned` (m1+m4): never met. Today 2027-03-10.
 */
function history(): Workspace {
  const ws = program(6);
  writeRoster(ws, 6, [5]);
  writeRotations(ws, [
    [1, '2027-01-05', '2027-02-15', 'C1-01', [1, 2], 'scheduled'],
    [1, '2027-01-05', '2027-02-15', 'C1-02', [3, 4], 'scheduled'],
    [1, '2027-01-05', '2027-02-15', 'C1-03', [5, 6], 'scheduled'],
    [2, '2027-02-16', '2027-03-29', 'C2-01', [1, 3], 'scheduled'],
    [2, '2027-02-16', '2027-03-01', 'C2-02', [2, 5], 'changed'],
    [2, '2027-02-16', '2027-03-01', 'C2-03', [4, 6], 'changed'],
    [2, '2027-03-02', '2027-03-29', 'C2-03', [2, 4, 6], 'scheduled'],
    [2, '2027-02-16', '2027-03-29', 'C2-04', [1, 5], 'replaced'],
    [3, '2027-03-30', '2027-05-10', 'C3-01', [1, 4], 'planned'],
  ]);
  jest.setSystemTime(new Date('2027-03-10T12:00:00Z'));
  ws.ledger.reset();
  return ws;
}

/** Service calls of a Dashboard refresh once the Connections sheet exists, at any number of people. */
const COST_OF_A_DASHBOARD_REFRESH = 119;

const column = (header: string) => DASHBOARD.columns.findIndex((c) => c.header === header);

describe('relationship coverage on the Dashboard', () => {
  it('matches the Rotations history worked out by hand, changed rows of a mid-cycle change included', () => {
    const ws = history();
    execution(ws, refreshDashboard);
    const { values, display } = sheetValues(ws, 'Dashboard');
    const pick = (row: unknown[], headers: string[]) => headers.map((h) => row[column(h)]);
    const headers = ['Cycle', 'Pairs met', 'Cross-team pairs met', 'Peers met (min)', 'Peers met (median)', 'Peers met (max)'];
    // Cycle 1: 6 people, 15 pairs, 14 cross-team (all but m1+m6); met 12 34 56: 3/15, 3/14; everyone 1 peer.
    // Cycle 2: its 6 participants; met so far 12 34 56 13 25 46 24 26: 8/15, 8/14; peers
    // m1 2, m2 4 (1 5 4 6), m3 2, m4 3, m5 2, m6 3: min 2, median 2.5, max 4.
    // Cycle 3 is planned: no figures.
    expect(values.slice(1, 4).map((r) => pick(r, headers))).toEqual([
      [1, 0.2, 0.2143, 1, 1, 1],
      [2, 0.5333, 0.5714, 2, 2.5, 4],
      [3, '', '', '', '', ''],
    ]);
    // Below, today's figures among the active people (m5 left): see the Connections test.
    expect(display.slice(4).map((r) => r[0])).toEqual([
      '',
      'Today, among 5 active people: Coverage: 60% of possible pairs have met (cross-team 67%); peers met per person 2 to 4, median 3.',
    ]);
    expect(display.slice(1, 3).map((r) => pick(r, headers))).toEqual([
      ['1', '20%', '21%', '1.0', '1.0', '1.0'],
      ['2', '53%', '57%', '2.0', '2.5', '4.0'],
    ]);
    const chart = ws.ledger.untracked(() => ws.spreadsheet.getSheetByName('Dashboard')!.getCharts().find((c) => c.getOptions().get('title') === 'Relationship coverage across cycles'));
    expect(chart?.spec.ranges.map((r) => [r.column, r.numRows])).toEqual([
      [1, 4],
      [column('Pairs met') + 1, 4],
      [column('Cross-team pairs met') + 1, 4],
    ]);
  });

  it('the Connections sheet: who has met whom and in which cycle, among the active people, with today’s figures', () => {
    const ws = history();
    const activeBefore = ws.ledger.untracked(() => ws.spreadsheet.getActiveSheet().getName());
    execution(ws, refreshDashboard);
    const { display, formulas, formats } = sheetValues(ws, 'Connections');
    // Active: m1 m2 m3 m4 m6 (m5 left). Pairs among them met: 12 (1), 13 (2), 34 (1), 24 (2), 26 (2), 46 (2).
    expect(display).toEqual([
      ['Person', 'Manager 1', 'Manager 2', 'Manager 3', 'Manager 4', 'Manager 6'],
      ['Manager 1', '—', '1', '2', '', ''],
      ['Manager 2', '1', '—', '', '2', '2'],
      ['Manager 3', '2', '', '—', '1', ''],
      ['Manager 4', '', '2', '1', '—', '2'],
      ['Manager 6', '', '2', '', '2', '—'],
      ['', '', '', '', '', ''],
      // 10 pairs, 6 met; cross-team: 9 (all but m1+m6), 6 met; peers (any peer, m5 too): m1 2, m2 4, m3 2, m4 3, m6 3.
      ['Today, among 5 active people: Coverage: 60% of possible pairs have met (cross-team 67%); peers met per person 2 to 4, median 3.', '', '', '', '', ''],
    ]);
    expect(formulas.flat().every((f) => f === '')).toBe(true);
    expect(formats.flat().every((f) => f === '@')).toBe(true);
    ws.ledger.untracked(() => {
      const sheet = ws.spreadsheet.getSheetByName('Connections')!;
      expect(sheet.isSheetHidden()).toBe(false);
      expect(sheet.getFrozenRows()).toBe(1);
      expect(sheet.getFrozenColumns()).toBe(1);
      const protections = sheet.getProtections(ws.globals.SpreadsheetApp.ProtectionType.SHEET);
      expect(protections.map((p) => [p.isWarningOnly(), p.getDescription()])).toEqual([[true, expect.stringMatching(/^Connections is written by the Peer Coaching add-on/)]]);
      expect(ws.spreadsheet.getActiveSheet().getName()).toBe(activeBefore);
    });

    // A smaller table next time: what the larger one left is emptied.
    writeRoster(ws, 3);
    execution(ws, refreshDashboard);
    const again = sheetValues(ws, 'Connections').display;
    expect(again.slice(0, 4).map((r) => r.slice(0, 4))).toEqual([
      ['Person', 'Manager 1', 'Manager 2', 'Manager 3'],
      ['Manager 1', '—', '1', '2'],
      ['Manager 2', '1', '—', ''],
      ['Manager 3', '2', '', '—'],
    ]);
    expect(again[5][0]).toMatch(/^Today, among 3 active people: Coverage: 67%/);
    expect(again.slice(6).flat().every((c) => c === '')).toBe(true);
    expect(again.flatMap((r) => r.slice(4)).every((c) => c === '')).toBe(true);
    expect(ws.ledger.untracked(() => ws.spreadsheet.getSheets().filter((s) => s.getName() === 'Connections'))).toHaveLength(1);
  });

  it(`shows up to ${CONNECTIONS_MAX_PEOPLE} people; above, the figures only, saying so`, () => {
    const ws = history();
    writeRoster(ws, CONNECTIONS_MAX_PEOPLE);
    execution(ws, refreshDashboard);
    const full = sheetValues(ws, 'Connections').display;
    expect(full).toHaveLength(CONNECTIONS_MAX_PEOPLE + 3);
    expect(full[0]).toHaveLength(CONNECTIONS_MAX_PEOPLE + 1);
    expect(full[CONNECTIONS_MAX_PEOPLE + 2][0]).toMatch(/^Today, among 300 active people: Coverage: 0% of possible pairs have met/);

    writeRoster(ws, CONNECTIONS_MAX_PEOPLE + 1);
    execution(ws, refreshDashboard);
    const capped = sheetValues(ws, 'Connections').display;
    expect(capped.map((r) => r[0])).toEqual([
      'Person',
      "301 people take part: the Connections table shows up to 300. The Dashboard's coverage figures cover everyone.",
      '',
      expect.stringMatching(/^Today, among 301 active people: Coverage: 0% of possible pairs have met \(cross-team 0%\); peers met per person 0 to 4, median 0\.$/),
    ]);
    expect(capped.flatMap((r) => r.slice(1)).every((c) => c === '')).toBe(true);
  });

  it('costs the same few calls whatever the number of people', () => {
    const cost = (n: number) => {
      const ws = history();
      writeRoster(ws, n);
      execution(ws, refreshDashboard); // creates the Connections sheet
      ws.ledger.reset();
      execution(ws, refreshDashboard);
      return ws.ledger.snapshot();
    };
    const small = cost(6);
    const large = cost(CONNECTIONS_MAX_PEOPLE);
    const capped = cost(CONNECTIONS_MAX_PEOPLE + 40);
    expect(large).toEqual(small);
    expect(capped).toEqual(small);
    // Dashboard: formats and values; Connections: found by name, its size looked at, one format and one values call.
    expect(small['Range.setValues']).toBe(2);
    expect(small['Range.setNumberFormat']).toBe(1);
    expect(small['Spreadsheet.getSheetByName']).toBe(1);
    expect(small['Sheet.getMaxColumns']).toBe(1);
    expect(small['Range.clearContent'] ?? 0).toBe(0);
    // The whole refresh, four charts updated included (the chart builder's calls are most of it).
    expect(Object.values(small).reduce((a, b) => a + b, 0)).toBe(COST_OF_A_DASHBOARD_REFRESH);
  });
});

describe('the pairing rating (issue 13 item 5)', () => {
  it('round trip: last-session answers on the form → the Feedback column → the average per cycle on the Dashboard', () => {
    const { ws, groups: gs, code } = withForm(4);
    const [g1, g2] = gs;
    submit(ws, { email: g1.members[0], at: '2027-02-09T15:00:00Z', code: code(g1), session: '6', ratings: [4, 4, 4], pairing: 5 });
    submit(ws, { email: g1.members[1], at: '2027-02-09T16:00:00Z', code: code(g1), session: '6', ratings: [4, 4, 4], pairing: 3 });
    submit(ws, { email: g2.members[0], at: '2027-02-09T16:00:00Z', code: code(g2), session: '6', ratings: [4, 4, 4], pairing: 2 });
    // Not the last session: filed, not counted.
    submit(ws, { email: g2.members[1], at: '2027-01-12T16:00:00Z', code: code(g2), session: '2', ratings: [4, 4, 4], pairing: 1 });
    const rows = feedback(ws);
    expect(rows.map((r) => [r.value.Session, r.value.Pairing, r.value.Flag])).toEqual([
      [6, 5, ''],
      [6, 3, ''],
      [6, 2, ''],
      [2, 1, ''],
    ]);
    jest.setSystemTime(new Date('2027-02-20T12:00:00Z'));
    execution(ws, refreshDashboard);
    const { values, display } = sheetValues(ws, 'Dashboard');
    expect(values[1][column('Pairing')]).toBe(3.33);
    expect(display[1][column('Pairing')]).toBe('3.3');
  });

  it('a form made before the question still files responses; a Feedback sheet without the column gets it back', () => {
    const { ws, groups: gs, code } = withForm(4);
    const [g1] = gs;
    const title = question('pairingRating').title;
    ws.ledger.untracked(() => {
      const form = ws.globals.FormApp.openById(formState(ws).form.id);
      const item = form.getItems().find((i) => i.getTitle() === title)!;
      form.deleteItem(item);
      // An older Feedback sheet: no Pairing column.
      const sheet = ws.spreadsheet.getSheetByName('Feedback')!;
      const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
      sheet.deleteColumn(header.indexOf('Pairing') + 1);
    });
    expect(formState(ws).form.items.some((i) => i.title === title)).toBe(false);
    const answers: Record<string, string | number> = {
      [question('groupCode').title]: code(g1),
      [question('session').title]: '6',
      [question('met').title]: 'Yes',
      [question('relationship').title]: 4,
      [question('coaching').title]: 4,
      [question('accountability').title]: 4,
    };
    const deliveries = ws.forms.respond(formState(ws).form.id, { email: g1.members[0], answers, at: new Date('2027-02-09T15:00:00Z') });
    expect(deliver(ws, deliveries[0])).toMatchObject({ status: 'added', flag: '' });
    const [row] = feedback(ws);
    expect(row.value).toMatchObject({ Group: g1.group, Session: 6, Relationship: 4, Pairing: '', Flag: '' });
    const header = sheetValues(ws, 'Feedback').values[0];
    expect(header[header.length - 1]).toBe('Pairing'); // put back after the last header, as set-up would

    // "Repair the form" asks the question again.
    const repaired = execution(ws, createFeedbackForm);
    expect(repaired.repaired.join(' ')).toMatch(/How well did this pairing work\?/);
    expect(formState(ws).form.items.some((i) => i.title === title)).toBe(true);
  });
});
