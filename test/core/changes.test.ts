// What a roster change does to a booked cycle: examples of each rule, then the invariants.
import fc from 'fast-check';
import { applyChangePlan, planChanges } from '../../src/core/changes';
import type { ChangeInput, ChangePlan, RunningGroup } from '../../src/core/changes';
import type { Person, Status } from '../../src/core/people';
import { email, person } from './pairing-fixtures';

const at = (d: string) => `${d}T10:00:00.000Z`;
const g = (id: string, names: string[], next = '2027-01-19', left = 4): RunningGroup => ({
  groupId: id,
  members: names.map(email),
  nextOccurrence: at(next),
  occurrencesLeft: left,
});
const people = (spec: Record<string, Partial<Person>>): Person[] =>
  Object.entries(spec).map(([name, extra], i) => person(name, { row: i + 2, ...extra }));
const base = (roster: Person[], groups: RunningGroup[], options: Partial<ChangeInput['options']> = {}): ChangePlan =>
  planChanges({ groups, people: roster, history: [], options: { cycle: 3, today: '2027-01-12', seed: 's', ...options } });
const members = (plan: ChangePlan) => plan.created.map((c) => [c.groupId, [...c.members].sort()]);

describe('planChanges: examples', () => {
  const everyone = { Ada: {}, Bob: {}, Cy: {}, Dee: {}, Eve: {}, Fin: {}, Gus: {} };
  const groups = () => [g('C3-01', ['Ada', 'Bob']), g('C3-02', ['Cy', 'Dee'], '2027-01-20'), g('C3-03', ['Eve', 'Fin', 'Gus'], '2027-01-21')];

  test('nothing changed: nothing to do', () => {
    const plan = base(people(everyone), groups());
    expect(plan).toMatchObject({ changed: false, ended: [], created: [], unchanged: ['C3-01', 'C3-02', 'C3-03'], notes: [] });
  });

  test('a partner left alone joins a pair as its third, from that pair’s next occurrence', () => {
    const plan = base(people({ ...everyone, Bob: { status: 'Left' } }), groups());
    expect(plan.unchanged).toEqual(['C3-03']);
    expect(plan.ended.map((e) => [e.groupId, e.from])).toEqual([['C3-01', at('2027-01-19')], ['C3-02', at('2027-01-20')]]);
    expect(plan.ended[0].note).toBe('Bob left on 2027-01-12; Ada moved to group C3-02.');
    expect(plan.created).toEqual([
      { groupId: 'C3-02', members: [email('Cy'), email('Dee'), email('Ada')], from: at('2027-01-20'), occurrences: 4, slotOf: 'C3-02', replaces: ['C3-01', 'C3-02'], note: 'Ada joined group C3-02 as its third.' },
    ]);
  });

  test('a trio losing one continues as a pair; a deleted row is a leaver', () => {
    const roster = people(everyone).filter((p) => p.name !== 'Gus');
    const plan = base(roster, groups(), { names: { [email('Gus')]: 'Gus' } });
    expect(plan.unchanged).toEqual(['C3-01', 'C3-02']);
    expect(plan.ended).toEqual([{ groupId: 'C3-03', members: ['Eve', 'Fin', 'Gus'].map(email), from: at('2027-01-21'), note: 'Gus was removed from the roster on 2027-01-12; Eve and Fin continue as a pair.' }]);
    expect(members(plan)).toEqual([['C3-03', [email('Eve'), email('Fin')]]]);
  });

  test('a partner left alone prefers a group that is changing anyway', () => {
    const plan = base(people({ ...everyone, Bob: { status: 'Left' }, Gus: { status: 'Paused' } }), groups());
    expect(plan.unchanged).toEqual(['C3-02']);
    expect(members(plan)).toEqual([['C3-03', [email('Ada'), email('Eve'), email('Fin')].sort()]]);
    expect(plan.ended.find((e) => e.groupId === 'C3-03')?.note).toBe('Gus paused on 2027-01-12; Eve and Fin continue as a pair; Ada joined group C3-03 as its third.');
  });

  test('two people left alone pair up, keeping the earlier slot', () => {
    const plan = base(people({ ...everyone, Bob: { status: 'Left' }, Dee: { status: 'Left' } }), groups());
    expect(members(plan)).toEqual([['C3-01', [email('Ada'), email('Cy')]]]);
    expect(plan.created[0]).toMatchObject({ from: at('2027-01-19'), slotOf: 'C3-01', replaces: ['C3-01', 'C3-02'], note: 'Ada and Cy now meet as a pair.' });
    expect(plan.ended.map((e) => e.groupId)).toEqual(['C3-01', 'C3-02']);
  });

  test('avoid lists and teammates steer the choice', () => {
    const avoid = base(people({ ...everyone, Bob: { status: 'Left' }, Ada: { avoid: [email('Cy')] } }), groups());
    // Ada cannot join Cy's pair and the other group is a trio: she takes one of the trio.
    expect(avoid.created.flatMap((c) => c.members).filter((e) => e === email('Ada'))).toHaveLength(1);
    expect(avoid.created.every((c) => !(c.members.includes(email('Ada')) && c.members.includes(email('Cy'))))).toBe(true);
    expect(avoid.ended.find((e) => e.groupId === 'C3-03')?.note).toMatch(/moved to meet Ada/);

    const teams = base(
      people({ Ada: { team: 'Red' }, Bob: { status: 'Left' }, Cy: { team: 'red' }, Dee: {}, Eve: {}, Fin: {} }),
      [g('C3-01', ['Ada', 'Bob']), g('C3-02', ['Cy', 'Dee']), g('C3-03', ['Eve', 'Fin'])],
    );
    expect(members(teams)).toEqual([['C3-03', [email('Ada'), email('Eve'), email('Fin')].sort()]]);
  });

  test('with a common time kept: a slot outside the joiner’s working hours is avoided', () => {
    const roster = people({ Ada: {}, Bob: { status: 'Left' }, Cy: {}, Dee: {}, Eve: {}, Fin: {} });
    const grps = [g('C3-01', ['Ada', 'Bob']), g('C3-02', ['Cy', 'Dee']), g('C3-03', ['Eve', 'Fin'])];
    for (const bad of ['C3-02', 'C3-03']) {
      const plan = base(roster, grps, { fitsSlot: (e, slot) => !(e === email('Ada') && slot === bad) });
      expect(plan.created).toHaveLength(1);
      expect(plan.created[0].groupId).toBe(bad === 'C3-02' ? 'C3-03' : 'C3-02');
    }
  });

  test('no repeat where avoidable: a person left alone does not join someone they met last cycle', () => {
    const roster = people({ Ada: {}, Bob: { status: 'Left' }, Cy: {}, Dee: {}, Eve: {}, Fin: {} });
    const grps = [g('C3-01', ['Ada', 'Bob']), g('C3-02', ['Cy', 'Dee']), g('C3-03', ['Eve', 'Fin'])];
    for (const seed of ['a', 'b', 'c', 'd']) {
      const plan = planChanges({ groups: grps, people: roster, history: [{ cycle: 2, members: [email('Ada'), email('Cy')] }], options: { cycle: 3, today: '2027-01-12', seed } });
      expect(members(plan)).toEqual([['C3-03', [email('Ada'), email('Eve'), email('Fin')].sort()]]);
    }
  });

  test('newcomers: join as a third with 2+ meetings left, pair with each other, or wait', () => {
    const roster = people({ Ada: {}, Bob: {}, Cy: {}, Dee: {}, Hal: {} });
    const grps = [g('C3-01', ['Ada', 'Bob']), g('C3-02', ['Cy', 'Dee'], '2027-01-19', 3)];
    const one = base(roster, grps);
    expect(one.created).toHaveLength(1);
    expect(one.created[0].members).toContain(email('Hal'));
    expect(one.created[0].note).toMatch(/^Hal \(new\) joined group C3-0[12] as its third\.$/);

    expect(base(roster, grps, { newcomersJoinRunningCycle: false })).toMatchObject({ changed: false, waiting: [email('Hal')] });
    const late = base(roster, [g('C3-01', ['Ada', 'Bob'], '2027-02-09', 1), g('C3-02', ['Cy', 'Dee'], '2027-02-09', 1)]);
    expect(late).toMatchObject({ changed: false, waiting: [email('Hal')] });
    expect(late.notes).toEqual(['Hal waits for the next cycle: no group has 2 meetings left or an avoid list rules them out.']);

    const two = base(people({ Ada: {}, Bob: {}, Cy: {}, Dee: {}, Hal: {}, Ivy: {} }), grps, { usedGroupIds: ['C3-03'] });
    expect(two.unchanged).toEqual(['C3-01', 'C3-02']);
    expect(two.created.map((c) => ({ ...c, members: [...c.members].sort() }))).toEqual([
      { groupId: 'C3-04', members: [email('Hal'), email('Ivy')].sort(), from: at('2027-01-19'), occurrences: 4, slotOf: null, replaces: [], note: expect.stringMatching(/now meet as a pair/) },
    ]);
  });

  test('every other group a trio: the partner left alone takes one member of a trio', () => {
    const roster = people({ Ada: {}, Bob: { status: 'Left' }, Cy: {}, Dee: {}, Eve: {} });
    const plan = base(roster, [g('C3-01', ['Ada', 'Bob']), g('C3-02', ['Cy', 'Dee', 'Eve'])]);
    expect(plan.unchanged).toEqual([]);
    expect(plan.created.map((c) => c.members.length)).toEqual([2, 2]);
    expect(plan.created.map((c) => c.groupId)).toEqual(['C3-01', 'C3-02']);
  });

  test('a person in two running groups, or a group of four, is refused', () => {
    expect(() => base(people({ Ada: {}, Bob: {}, Cy: {} }), [g('C3-01', ['Ada', 'Bob']), g('C3-02', ['Ada', 'Cy'])])).toThrow(/two running groups/);
    expect(() => base(people({ Ada: {}, Bob: {}, Cy: {}, Dee: {} }), [g('C3-01', ['Ada', 'Bob', 'Cy', 'Dee'])])).toThrow(/2 or 3/);
  });

  test('groups with no meeting left are over and untouched', () => {
    const plan = base(people({ Ada: {}, Bob: { status: 'Left' } }), [{ ...g('C3-01', ['Ada', 'Bob']), nextOccurrence: null, occurrencesLeft: 0 }]);
    expect(plan).toMatchObject({ changed: false, unchanged: ['C3-01'] });
  });
});

// ---- Properties ---------------------------------------------------------------------------------

const statusArb = fc.constantFrom<Status | 'deleted'>('Active', 'Active', 'Active', 'Active', 'Paused', 'Left', 'deleted');
const scenario = fc
  .record({
    n: fc.integer({ min: 2, max: 13 }),
    newcomers: fc.integer({ min: 0, max: 3 }),
    statuses: fc.array(statusArb, { minLength: 16, maxLength: 16 }),
    teams: fc.array(fc.constantFrom('', 'A', 'B'), { minLength: 16, maxLength: 16 }),
    avoid: fc.array(fc.tuple(fc.nat(15), fc.nat(15)), { maxLength: 5 }),
    left: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 8, maxLength: 8 }),
    history: fc.array(fc.tuple(fc.nat(15), fc.nat(15), fc.integer({ min: 1, max: 2 })), { maxLength: 10 }),
    join: fc.boolean(),
    keepTeamsApart: fc.boolean(),
    seed: fc.string({ maxLength: 3 }),
  })
  .map((s) => {
    const names = Array.from({ length: s.n + s.newcomers }, (_, i) => `P${i}`);
    // The running cycle: P0..P(n-1) in pairs and one trio when n is odd.
    const groups: RunningGroup[] = [];
    for (let i = 0, k = 0; i < s.n; k++) {
      const size = s.n - i === 3 ? 3 : 2;
      if (s.n - i < 2) break;
      groups.push(g(`C3-${String(k + 1).padStart(2, '0')}`, names.slice(i, i + size), `2027-01-${String(19 + (k % 5)).padStart(2, '0')}`, s.left[k % 8]));
      i += size;
    }
    const groupOf = (i: number) => groups.findIndex((gr) => gr.members.includes(email(`P${i}`)));
    const avoid = s.avoid.filter(([a, b]) => a !== b && a < names.length && b < names.length && (groupOf(a) < 0 || groupOf(a) !== groupOf(b)));
    const roster: Person[] = [];
    names.forEach((name, i) => {
      const st = i >= s.n ? 'Active' : s.statuses[i];
      if (st === 'deleted') return;
      roster.push(person(name, { status: st, team: s.teams[i], row: i + 2, avoid: avoid.filter(([a]) => a === i).map(([, b]) => email(`P${b}`)) }));
    });
    const history = s.history.filter(([a, b]) => a !== b).map(([a, b, c]) => ({ cycle: c, members: [email(`P${a}`), email(`P${b}`)] }));
    const input: ChangeInput = {
      groups,
      people: roster,
      history,
      options: { cycle: 3, today: '2027-01-12', seed: s.seed, newcomersJoinRunningCycle: s.join, keepTeamsApart: s.keepTeamsApart },
    };
    return { input, avoid: avoid.map(([a, b]) => [email(`P${a}`), email(`P${b}`)]) };
  });

describe('planChanges: properties', () => {
  const active = (input: ChangeInput) => new Set(input.people.filter((p) => p.status === 'Active').map((p) => p.email));

  test('groups of 2 or 3; leavers in no new group; avoid lists kept; everyone placed at most once', () => {
    fc.assert(
      fc.property(scenario, ({ input, avoid }) => {
        const plan = planChanges(input);
        const act = active(input);
        const after = applyChangePlan(input.groups, plan);
        for (const c of plan.created) {
          expect(c.members.length >= 2 && c.members.length <= 3).toBe(true);
          for (const e of c.members) expect(act.has(e)).toBe(true);
          for (const [a, b] of avoid) expect(c.members.includes(a) && c.members.includes(b)).toBe(false);
        }
        const seen = after.flatMap((gr) => gr.members.filter((e) => act.has(e)));
        expect(new Set(seen).size).toBe(seen.length);
        for (const e of plan.ended) expect(plan.unchanged).not.toContain(e.groupId);
      }),
      { numRuns: 250 },
    );
  });

  test('without avoid lists nobody active in the running cycle is left without a group when 2 or more remain', () => {
    fc.assert(
      fc.property(scenario, ({ input }) => {
        const noAvoid = { ...input, people: input.people.map((p) => ({ ...p, avoid: [] })) };
        const plan = planChanges(noAvoid);
        const act = active(noAvoid);
        const before = noAvoid.groups.flatMap((gr) => gr.members).filter((e) => act.has(e));
        const after = new Set(applyChangePlan(noAvoid.groups, plan).flatMap((gr) => gr.members));
        if (before.length >= 2) for (const e of before) expect(after.has(e)).toBe(true);
        expect(plan.undecided).toEqual(before.length >= 2 ? [] : plan.undecided);
        // Newcomers are placed or waiting, never both, never lost.
        for (const p of noAvoid.people) {
          if (p.status !== 'Active' || before.includes(p.email)) continue;
          expect(after.has(p.email) !== plan.waiting.includes(p.email)).toBe(true);
        }
      }),
      { numRuns: 250 },
    );
  });

  test('idempotent: after the plan is applied, planning again with the same roster changes nothing', () => {
    fc.assert(
      fc.property(scenario, ({ input }) => {
        const plan = planChanges(input);
        const again = planChanges({ ...input, groups: applyChangePlan(input.groups, plan), options: { ...input.options, usedGroupIds: input.groups.map((gr) => gr.groupId) } });
        expect(again.ended).toEqual([]);
        expect(again.created).toEqual([]);
        expect(again.changed).toBe(false);
      }),
      { numRuns: 250 },
    );
  });

  test('deterministic and independent of the input order', () => {
    fc.assert(
      fc.property(scenario, ({ input }) => {
        const a = planChanges(input);
        const b = planChanges({ ...input, people: [...input.people].reverse(), groups: [...input.groups].reverse() });
        expect(b).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });
});

describe('planChanges: found by the property test', () => {
  test('a partner left alone takes a member of a trio of newcomers (which has no slot yet) rather than being left out', () => {
    const p = (i: number, status: Status): Person => ({ email: `p${i}@example.org`, name: `P${i}`, team: '', timeZone: '', status, avoid: [], workingHours: '', row: i + 2 } as Person);
    const input = {
      groups: [
        { groupId: 'C3-01', members: ['p0@example.org', 'p1@example.org'], nextOccurrence: '2027-01-19T10:00:00.000Z', occurrencesLeft: 1 },
        { groupId: 'C3-02', members: ['p2@example.org', 'p3@example.org'], nextOccurrence: '2027-01-20T10:00:00.000Z', occurrencesLeft: 1 },
        { groupId: 'C3-03', members: ['p4@example.org', 'p5@example.org', 'p6@example.org'], nextOccurrence: '2027-01-21T10:00:00.000Z', occurrencesLeft: 2 },
      ],
      people: [p(0, 'Active'), p(1, 'Left'), p(3, 'Paused'), p(4, 'Left'), p(5, 'Active'), p(6, 'Paused'), p(7, 'Active'), p(8, 'Active')],
      history: [{ cycle: 1, members: ['p0@example.org', 'p5@example.org'] }],
      options: { cycle: 3, today: '2027-01-12', seed: '', newcomersJoinRunningCycle: true, keepTeamsApart: false },
    } as unknown as ChangeInput;
    const plan = planChanges(input);
    expect(plan.undecided).toEqual([]);
    const placed = applyChangePlan(input.groups, plan).flatMap((g) => g.members);
    for (const e of ['p0@example.org', 'p5@example.org', 'p7@example.org', 'p8@example.org']) expect(placed).toContain(e);
  });

  test('a partner left alone with one meeting takes the last place in a group before a newcomer does (teammates all)', () => {
    const p = (i: number, status: Status): Person => ({ email: `p${i}@example.org`, name: `P${i}`, team: 'A', timeZone: '', status, avoid: [], workingHours: '', row: i + 2 } as Person);
    const input = {
      groups: [
        { groupId: 'C3-01', members: ['p0@example.org', 'p1@example.org'], nextOccurrence: '2027-01-19T10:00:00.000Z', occurrencesLeft: 1 },
        { groupId: 'C3-02', members: ['p2@example.org', 'p3@example.org'], nextOccurrence: '2027-01-20T10:00:00.000Z', occurrencesLeft: 1 },
        { groupId: 'C3-03', members: ['p4@example.org', 'p5@example.org'], nextOccurrence: '2027-01-21T10:00:00.000Z', occurrencesLeft: 2 },
      ],
      people: [p(3, 'Active'), p(4, 'Active'), p(5, 'Left'), p(6, 'Active'), p(7, 'Active')],
      history: [],
      options: { cycle: 3, today: '2027-01-12', seed: ' ', newcomersJoinRunningCycle: true, keepTeamsApart: true },
    } as unknown as ChangeInput;
    const plan = planChanges(input);
    expect(plan.undecided).toEqual([]);
    const placed = applyChangePlan(input.groups, plan).flatMap((g) => g.members);
    for (const e of ['p3@example.org', 'p4@example.org']) expect(placed).toContain(e);
    // One newcomer meets in this cycle, the other waits for the next: never both, never lost.
    for (const e of ['p6@example.org', 'p7@example.org']) expect(placed.includes(e) !== plan.waiting.includes(e)).toBe(true);
  });
});
