// Relationship coverage from the Rotations history (coverage.ts): per cycle and today, against brute
// force; monotone for a stable roster; the Connections table. Quiet groups and the pairing rating
// from Feedback (coaching-feedback.ts).
import fc from 'fast-check';
import { pairingRatings, quietGroupLine, quietGroups, readResponses, submittedInstant } from '../../src/core/coaching-feedback';
import { CONNECTIONS_MAX_PEOPLE, connectionsTable, coverageByCycle, coverageLine, coverageValues, currentCoverage, type HistoryGroup } from '../../src/core/coverage';
import { feedbackRecord, normaliseResponse } from '../../src/core/feedback';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { PAIRING_RATING_HEADER } from '../../src/core/steering';
import { CONTEXT, GROUPS, code, mail, response } from './feedback-fixtures';
import { simulate, roster } from './pairing-fixtures';

const g = (cycle: number, names: string[], status = 'scheduled', starts?: string): HistoryGroup => ({ cycle, members: names.map(mail), status, starts });
const teams = [
  { email: mail('Ann'), team: 'Web' },
  { email: mail('Bob'), team: 'web ' },
  { email: mail('Cat'), team: 'Data' },
  { email: mail('Dan'), team: 'Data' },
  { email: mail('Eve'), team: '' },
];

describe('coverage', () => {
  test('per cycle: pairs met up to then among that cycle’s people; cross-team; peers min/median/max', () => {
    const history = [
      g(1, ['Ann', 'Bob']),
      g(1, ['Cat', 'Dan', 'Eve']),
      g(2, ['Ann', 'Cat']),
      g(2, ['Bob', 'Dan', 'Eve']),
      g(2, ['Ann', 'Dan'], 'replaced'),
      g(3, ['Ann', 'Eve'], 'planned'),
    ];
    const rows = coverageByCycle(history, teams);
    expect(rows.map((r) => r.cycle)).toEqual([1, 2]);
    // Cycle 1: 5 people, 10 pairs; met: AB, CD, CE, DE = 4. Cross-team pairs (both with a team,
    // teams differ): AC AD BC BD = 4, none met.
    expect(rows[0]).toMatchObject({ people: 5, pairs: 10, pairsMet: 4, share: 0.4, crossTeamPairs: 4, crossTeamMet: 0, crossTeamShare: 0 });
    expect(rows[0].peers).toEqual({ min: 1, median: 2, max: 2 });
    // Cycle 2 adds AC, BD, BE (DE again): 7 of 10; cross-team AC, BD met: 2 of 4.
    expect(rows[1]).toMatchObject({ pairsMet: 7, share: 0.7, crossTeamMet: 2, crossTeamShare: 0.5 });
    expect(rows[1].peers).toEqual({ min: 2, median: 3, max: 3 });
    expect(coverageValues(rows)[1]).toEqual([2, 0.7, 0.5, 2, 3, 3]);
    expect(coverageLine(rows[1])).toBe('Coverage: 70% of possible pairs have met (cross-team 50%); peers met per person 2 to 3, median 3.');
    // Today among an active roster that lost Eve and gained Fay.
    const now = currentCoverage(history, [...teams.slice(0, 4), { email: mail('Fay'), team: 'Ops' }]);
    expect(now).toMatchObject({ people: 5, pairs: 10, pairsMet: 4 });
  });

  test('a cycle not started by today does not count', () => {
    const history = [g(1, ['Ann', 'Bob'], 'scheduled', '2027-01-05'), g(2, ['Ann', 'Cat'], 'scheduled', '2027-02-16')];
    expect(coverageByCycle(history, teams, { today: '2027-02-10' }).map((r) => r.cycle)).toEqual([1]);
    expect(currentCoverage(history, teams.slice(0, 3), { today: '2027-02-10' }).pairsMet).toBe(1);
  });

  test('property: equals brute force on small inputs', () => {
    const people = ['Ann', 'Bob', 'Cat', 'Dan', 'Eve', 'Fay'];
    const groupArb = fc.record({
      cycle: fc.integer({ min: 1, max: 4 }),
      members: fc.uniqueArray(fc.constantFrom(...people), { minLength: 2, maxLength: 3 }),
      status: fc.constantFrom('scheduled', 'changed', 'cancelled', 'replaced', 'planned', ''),
    });
    fc.assert(
      fc.property(fc.array(groupArb, { maxLength: 10 }), fc.array(fc.constantFrom('A', 'B', ''), { minLength: 6, maxLength: 6 }), (raw, teamList) => {
        const history = raw.map((x) => g(x.cycle, x.members, x.status));
        const roster = people.map((n, i) => ({ email: mail(n), team: teamList[i] }));
        const rows = coverageByCycle(history, roster);
        const metUpTo = (a: string, b: string, c: number) =>
          history.some((h) => h.cycle <= c && !['replaced', 'planned'].includes(h.status) && h.members.includes(a) && h.members.includes(b));
        const cycles = [...new Set(history.filter((h) => !['replaced', 'planned'].includes(h.status)).map((h) => h.cycle))].sort();
        expect(rows.map((r) => r.cycle)).toEqual(cycles);
        for (const r of rows) {
          const pop = [...new Set(history.filter((h) => h.cycle === r.cycle && !['replaced', 'planned'].includes(h.status)).flatMap((h) => h.members))];
          let pairs = 0;
          let met = 0;
          let cross = 0;
          let crossMet = 0;
          const peers = pop.map(() => 0);
          for (let i = 0; i < pop.length; i++) {
            for (let j = 0; j < pop.length; j++) {
              if (i === j) continue;
              const everMet = history.some((h) => h.cycle <= r.cycle && !['replaced', 'planned'].includes(h.status) && h.members.includes(pop[i]) && h.members.includes(pop[j]));
              if (everMet) peers[i]++;
            }
            for (let j = i + 1; j < pop.length; j++) {
              pairs++;
              const m = metUpTo(pop[i], pop[j], r.cycle);
              if (m) met++;
              const ta = roster.find((p) => p.email === pop[i])!.team;
              const tb = roster.find((p) => p.email === pop[j])!.team;
              if (ta && tb && ta !== tb) {
                cross++;
                if (m) crossMet++;
              }
            }
          }
          // Peers met: any peer, including people outside this cycle.
          const allPeers = pop.map((a) => new Set(history.filter((h) => h.cycle <= r.cycle && !['replaced', 'planned'].includes(h.status) && h.members.includes(a)).flatMap((h) => h.members.filter((m) => m !== a))).size);
          const sorted = [...allPeers].sort((x, y) => x - y);
          const n = sorted.length;
          expect(r.pairs).toBe(pairs);
          expect(r.pairsMet).toBe(met);
          expect(r.crossTeamPairs).toBe(cross);
          expect(r.crossTeamMet).toBe(crossMet);
          expect(r.peers).toEqual({ min: sorted[0], median: n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2, max: sorted[n - 1] });
          expect(peers.every((x, i) => x <= allPeers[i])).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('property: coverage never decreases over cycles for a stable roster (pairing engine history)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 13 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 8 }), (n, teamCount, cycles) => {
        const people = roster(n, teamCount);
        const { history } = simulate(people, cycles, { seed: n * 31 + cycles });
        const rows = coverageByCycle(history.map((h) => ({ ...h, status: 'scheduled' })), people);
        expect(rows).toHaveLength(cycles);
        for (let i = 1; i < rows.length; i++) {
          expect(rows[i].pairsMet).toBeGreaterThanOrEqual(rows[i - 1].pairsMet);
          expect(rows[i].share as number).toBeGreaterThanOrEqual(rows[i - 1].share as number);
          expect(rows[i].crossTeamMet).toBeGreaterThanOrEqual(rows[i - 1].crossTeamMet);
          expect(rows[i].peers!.min).toBeGreaterThanOrEqual(rows[i - 1].peers!.min);
          expect(rows[i].peers!.median).toBeGreaterThanOrEqual(rows[i - 1].peers!.median);
        }
        // With an even stable roster, n − 1 cycles of the round-robin meet every pair.
        if (n % 2 === 0 && cycles >= n - 1 && teamCount === 0) expect(rows[n - 2].share).toBe(1);
      }),
      { numRuns: 40 },
    );
  });

  test('Connections: who met whom and in which cycles; names as text; above 300 people, figures only', () => {
    const history = [g(1, ['Ann', 'Bob']), g(3, ['Bob', 'Ann']), g(2, ['Cat', 'Ann', 'Bob'], 'replaced'), g(2, ['Cat', 'Ann'])];
    const people = [
      { email: mail('Cat'), name: 'Cat' },
      { email: mail('Ann'), name: 'Ann' },
      { email: mail('Bob'), name: 'Bob' },
    ];
    expect(connectionsTable(history, people).rows).toEqual([
      ['Person', 'Ann', 'Bob', 'Cat'],
      ['Ann', '—', '1, 3', '2'],
      ['Bob', '1, 3', '—', ''],
      ['Cat', '2', '', '—'],
    ]);
    const formula = connectionsTable(history, [{ email: mail('Ann'), name: '=HYPERLINK("x")' }]);
    expect(formula.rows).toEqual([['Person', `'=HYPERLINK("x")`], [`'=HYPERLINK("x")`, '—']]);
    const many = Array.from({ length: CONNECTIONS_MAX_PEOPLE + 1 }, (_, i) => ({ email: `p${i}@x.org`, name: `P${i}` }));
    const big = connectionsTable([], many);
    expect(big.rows).toBeNull();
    expect(big.people).toBe(301);
    expect(connectionsTable([], many.slice(0, 300)).rows).toHaveLength(301);
  });

  test('quiet groups: no "we met" for the last two sessions before today, with the last response date', () => {
    // Cycle 3 runs 2027-03-30 … 2027-05-10, sessions on Tuesdays from 2027-03-30.
    const records = [
      response('Ann', '2027-03-30T18:00:00+01:00', { groupCode: code('C3-01'), session: '1', met: 'Yes' }),
      response('Bob', '2027-03-31T18:00:00+01:00', { groupCode: code('C3-02'), session: '1', met: 'Yes' }),
      response('Cat', '2027-04-07T09:00:00+01:00', { groupCode: code('C3-02'), session: '2', met: 'No' }),
      response('Bob', '2027-04-14T09:00:00+01:00', { groupCode: code('C3-02'), session: '3', met: 'No' }),
    ].map((r) => feedbackRecord(normaliseResponse(r, CONTEXT)));
    const responses = readResponses(records, 'Europe/London');
    const settings = { cycleWeeks: 6, cadence: 'weekly' as const };
    // 2027-04-14: sessions 1 (03-30), 2 (04-06) and 3 (04-13) are before today.
    const quiet = quietGroups({ groups: GROUPS, responses, settings, today: '2027-04-14', zone: 'Europe/London' });
    expect(quiet).toEqual([
      { cycle: 3, groupId: 'C3-01', members: [mail('Ann'), mail('Dan')], sessionsWithoutMeeting: 2, lastResponse: '2027-03-30' },
      { cycle: 3, groupId: 'C3-02', members: [mail('Bob'), mail('Cat'), mail('Eve')], sessionsWithoutMeeting: 2, lastResponse: '2027-04-14' },
    ]);
    const names = new Map([[mail('Bob'), 'Bob'], [mail('Cat'), 'Cat'], [mail('Eve'), 'Eve']]);
    expect(quietGroupLine(quiet[1], names)).toBe('Bob, Cat and Eve (C3-02): no meeting reported for 2 sessions, last response 2027-04-14');
    expect(quietGroupLine({ ...quiet[0], lastResponse: null }, new Map())).toBe('ann@example.org and dan@example.org (C3-01): no meeting reported for 2 sessions, no response yet');
    // On 2027-04-07 only sessions 1 and 2 are past: C3-01 met in session 1, so one session without.
    expect(quietGroups({ groups: GROUPS, responses, settings, today: '2027-04-07', zone: 'Europe/London' }).map((q) => q.groupId)).toEqual([]);
    // After the cycle (plus a day), nothing is listed.
    expect(quietGroups({ groups: GROUPS, responses, settings, today: '2027-05-20', zone: 'Europe/London' })).toEqual([]);
  });

  test('the pairing rating: each member’s latest rating per group, averaged per cycle', () => {
    const rec = (email: string, group: string, rating: unknown, submitted: string) => ({ Email: email, Group: group, Submitted: new Date(submitted), [PAIRING_RATING_HEADER]: rating });
    const records = [
      rec(mail('Ann'), 'C1-01', 2, '2027-02-09T18:00:00Z'),
      rec(mail('Ann'), 'C1-01', 4, '2027-02-10T18:00:00Z'), // replaces her 2
      rec(mail('Bob'), 'C1-01', '5', '2027-02-09T18:00:00Z'),
      rec(mail('Eve'), 'C1-01', 1, '2027-02-09T18:00:00Z'), // not a member
      rec(mail('Cat'), 'C1-02', 'great', '2027-02-09T18:00:00Z'),
      rec(mail('Ann'), 'C2-01', 3, '2027-03-29T18:00:00Z'),
    ];
    expect(pairingRatings(GROUPS, readResponses(records, 'Europe/London'))).toEqual([
      { cycle: 1, average: 4.5, ratings: 2 },
      { cycle: 2, average: 3, ratings: 1 },
      { cycle: 3, average: null, ratings: 0 },
    ]);
  });

  test('Submitted cells: Date, ISO with offset, or a displayed date-time in the zone', () => {
    expect(submittedInstant(new Date('2027-02-09T18:00:00Z'), 'Europe/London')).toBe(Date.parse('2027-02-09T18:00:00Z'));
    expect(submittedInstant('2027-07-09T18:00:00+02:00', 'Europe/London')).toBe(Date.parse('2027-07-09T16:00:00Z'));
    expect(submittedInstant('2027-07-09 18:00', 'Europe/London')).toBe(Date.parse('2027-07-09T17:00:00Z'));
    expect(submittedInstant('soon', 'Europe/London')).toBeNull();
    expect(DEFAULT_SETTINGS.cycleWeeks).toBe(6);
  });
});
