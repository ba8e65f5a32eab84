// Whatever planning returns comes back accepted (issue 12, defect 3): random rosters up to 5,000
// people, names up to a full cell (50,000 characters), many paused people (long warnings), planned
// by the real engine, sent over the wire as JSON, parsed by confirm's checks, re-checked against
// the roster and turned into Rotations rows no longer than a cell. And the limits: MAX_PEOPLE
// people in MAX_GROUPS locked groups are accepted; a tampered request or preview is refused.
import fc from 'fast-check';
import { CELL_LIMIT, sheetText } from '../../src/core/feedback';
import { planCycle } from '../../src/core/pairing';
import type { PastGroup, Person, Status } from '../../src/core/people';
import { parsePlanPreview, parsePlanRequest } from '../../src/core/plan-input';
import { checkPlan, MAX_GROUPS, MAX_PEOPLE, planPreview, rotationRows } from '../../src/core/rotation';
import { cycleDates, DEFAULT_SETTINGS } from '../../src/core/settings';

const wire = <T>(x: T): T => JSON.parse(JSON.stringify(x));

function person(i: number, name: string, status: Status, team: string): Person {
  return { email: `p${i}@example.org`, name, team, timeZone: '', status, avoid: [], workingHours: '', row: i + 2 };
}

/** Plan → preview → the wire → confirm's checks → rows; throws on any refusal. */
function roundTrip(people: Person[], history: PastGroup[], cycle: number, options: { seed?: string; locked?: string[][]; keepTeamsApart?: boolean } = {}) {
  const plan = planCycle(people, history, { ...options, cycle });
  const dates = cycleDates({ ...DEFAULT_SETTINGS, firstMeetingDate: '2027-01-05' }, cycle, '2026-11-23');
  const preview = planPreview(plan, people, dates, false);
  const back = parsePlanPreview(wire(preview));
  expect(JSON.stringify(back) === JSON.stringify(preview)).toBe(true); // (toEqual is slow on 5,000 groups)
  const groups = back.groups.map((g) => g.members.map((m) => m.email));
  const trios = plan.groups.filter((g) => g.members.length === 3).length;
  expect(checkPlan(groups, people, { maxTrios: Math.max(trios, 1) })).toEqual([]);
  const rows = rotationRows(cycle, dates, back.groups.map((g, i) => ({ members: groups[i].map((e) => sheetText(e)), reason: sheetText(g.reason) })), people, DEFAULT_SETTINGS);
  expect(rows).toHaveLength(groups.length);
  expect(Math.max(...rows.map((row) => Math.max(...row.map((cell) => String(cell).length))))).toBeLessThanOrEqual(CELL_LIMIT);
  return { plan, preview };
}

describe('anything plan returns passes confirm\'s checks', () => {
  const spec = fc.record({
    // Rosters up to 5,000 people; at most 300 active so the engine stays fast.
    size: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 2, max: 60 }) }, { weight: 1, arbitrary: fc.integer({ min: 1000, max: 5000 }) }),
    active: fc.integer({ min: 2, max: 300 }),
    // A few people with very long names (up to a full cell), starting like formulas at times.
    long: fc.array(fc.record({ at: fc.nat(), length: fc.integer({ min: 1000, max: CELL_LIMIT - 10 }), lead: fc.constantFrom('', '=', '+', '@', "'", '\n') }), { maxLength: 4 }),
    teams: fc.integer({ min: 0, max: 4 }),
    longTeam: fc.boolean(),
    history: fc.boolean(),
    seed: fc.string({ maxLength: 6 }),
  });

  it('random rosters: long names, long warnings, big rosters (property)', () => {
    fc.assert(
      fc.property(spec, (s) => {
        const active = Math.min(s.active, s.size);
        const team = (i: number) => (s.teams === 0 ? '' : s.longTeam && i % s.teams === 0 ? `T${'t'.repeat(CELL_LIMIT - 2)}` : `T${i % s.teams}`);
        const people = Array.from({ length: s.size }, (_, i) => person(i, `Person ${i}`, i < active ? 'Active' : i % 3 === 0 ? 'Left' : 'Paused', team(i)));
        for (const l of s.long) {
          const p = people[l.at % s.size];
          p.name = `${l.lead}${p.name} ${'n'.repeat(l.length)}`.slice(0, CELL_LIMIT);
        }
        let history: PastGroup[] = [];
        let cycle = 1;
        if (s.history && active <= 60) {
          history = roundTrip(people, [], 1, { seed: s.seed }).plan.groups.map((g) => ({ cycle: 1, members: g.members }));
          cycle = 2;
        }
        const { preview } = roundTrip(people, history, cycle, { seed: s.seed, keepTeamsApart: true });
        if (people.some((p) => p.status === 'Paused')) expect(preview.warnings.some((w) => /paused and sits? out this cycle\.$/.test(w))).toBe(true);
      }),
      { numRuns: 20, seed: 20261207 },
    );
  });

  it('the longest warnings: 4,900 paused people, some with names of a full cell', () => {
    const people = Array.from({ length: 5000 }, (_, i) => person(i, `Person ${i}`, i < 100 ? 'Active' : 'Paused', ''));
    for (let i = 100; i < 110; i++) people[i].name = 'p'.repeat(CELL_LIMIT);
    const { preview } = roundTrip(people, [], 1);
    expect(Math.max(...preview.warnings.map((w) => w.length))).toBeGreaterThan(10 * CELL_LIMIT);
  });

  it(`${MAX_PEOPLE.toLocaleString('en-US')} people in ${MAX_GROUPS.toLocaleString('en-US')} locked groups, as a request and as a preview`, () => {
    const people = Array.from({ length: MAX_PEOPLE }, (_, i) => person(i, `Person ${i}`, 'Active', ''));
    const locked = Array.from({ length: MAX_GROUPS }, (_, g) => [people[2 * g].email, people[2 * g + 1].email]);
    expect(parsePlanRequest(wire({ locked, seed: 's', replace: false })).locked).toEqual(locked);
    const { preview } = roundTrip(people, [], 1, { locked });
    expect(preview.groups).toHaveLength(MAX_GROUPS);
  });
});

describe('tampered input is refused', () => {
  const people = Array.from({ length: 4 }, (_, i) => person(i, `P${i}`, 'Active', ''));
  const good = () => wire(planPreview(planCycle(people, [], { cycle: 1 }), people, cycleDates(DEFAULT_SETTINGS, 1, '2026-11-23'), false));

  it.each<[string, (p: Record<string, unknown>) => unknown, RegExp]>([
    ['not an object', () => [], /not a plan \(not an object\)/],
    ['a fractional cycle', (p) => ({ ...p, cycle: 1.5 }), /\(cycle\)/],
    ['a date that is no date', (p) => ({ ...p, starts: '2027-02-30' }), /\(dates\)/],
    ['negative meetings', (p) => ({ ...p, meetings: -1 }), /\(meetings\)/],
    ['a long fingerprint', (p) => ({ ...p, fingerprint: 'f'.repeat(65) }), /\(fingerprint\)/],
    ['replaces not a boolean', (p) => ({ ...p, replaces: 'no' }), /\(replaces\)/],
    ['too many groups', (p) => ({ ...p, groups: Array(MAX_GROUPS + 1).fill((p.groups as unknown[])[0]) }), /\(groups\)/],
    ['a group of four', (p) => ({ ...p, groups: [{ ...(p.groups as Record<string, unknown>[])[0], members: Array(4).fill({ email: 'a@b.c', name: 'x' }) }] }), /members/],
    ['an email longer than a cell', (p) => ({ ...p, groups: [{ ...(p.groups as Record<string, unknown>[])[0], members: [{ email: 'a'.repeat(CELL_LIMIT + 1), name: 'x' }] }] }), /\(a member\)/],
    ['a negative repeats', (p) => ({ ...p, groups: [{ ...(p.groups as Record<string, unknown>[])[0], repeats: -1 }] }), /repeats/],
  ])('%s', (_, change, message) => {
    expect(() => parsePlanPreview(change(good() as unknown as Record<string, unknown>))).toThrow(message);
  });

  it.each<[string, unknown]>([
    ['more locked groups than a plan holds', { locked: Array(MAX_GROUPS + 1).fill(['a@b.c', 'd@e.f']) }],
    ['a locked email longer than a cell', { locked: [['a'.repeat(CELL_LIMIT + 1), 'd@e.f']] }],
    ['a long seed', { seed: 's'.repeat(101) }],
  ])('a request with %s', (_, request) => {
    expect(() => parsePlanRequest(request)).toThrow('The plan request was not understood');
  });
});
