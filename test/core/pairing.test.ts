import { PairingError, planCycle } from '../../src/core/pairing';
import { circleRound } from '../../src/core/pairing-circle';
import type { PastGroup, Person } from '../../src/core/people';
import { email, person, roster } from './pairing-fixtures';

const [ann, ben, cleo, dan, eve, fay] = ['Ann', 'Ben', 'Cleo', 'Dan', 'Eve', 'Fay'].map((n) => person(n));
const met = (cycle: number, ...names: string[]): PastGroup => ({ cycle, members: names.map(email) });
const sets = (groups: Array<{ members: string[] }>) => groups.map((g) => [...g.members].sort()).sort((a, b) => a[0].localeCompare(b[0]));

describe('planCycle: reasons and warnings', () => {
  it('pairs two people who never met, with no warning', () => {
    const r = planCycle([ann, ben], []);
    expect(r.cycle).toBe(1);
    expect(r.groups).toEqual([
      { members: [email('Ann'), email('Ben')], reason: 'never met', repeats: [], teammates: false, locked: false },
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('says when a pair meets again and why', () => {
    const r = planCycle([ann, ben], [met(3, 'Ann', 'Ben')]);
    expect(r.cycle).toBe(4);
    expect(r.groups[0].reason).toBe('last met in cycle 3');
    expect(r.groups[0].repeats).toEqual([{ a: email('Ann'), b: email('Ben'), lastCycle: 3 }]);
    expect(r.warnings).toEqual([
      'Ann and Ben meet again (last met in cycle 3): everyone else available to them was already met or excluded.',
    ]);
  });

  it('numbers the cycle from options.cycle when given', () => {
    expect(planCycle([ann, ben], [met(3, 'Ann', 'Ben')], { cycle: 9 }).cycle).toBe(9);
  });

  it('when every pair met, repeats the longest-ago pairs', () => {
    const history = [
      met(1, 'Ann', 'Ben'), met(1, 'Cleo', 'Dan'),
      met(2, 'Ann', 'Cleo'), met(2, 'Ben', 'Dan'),
      met(3, 'Ann', 'Dan'), met(3, 'Ben', 'Cleo'),
    ];
    for (const seed of ['a', 'b', 'c']) {
      const r = planCycle([ann, ben, cleo, dan], history, { seed });
      expect(sets(r.groups)).toEqual([[email('Ann'), email('Ben')], [email('Cleo'), email('Dan')]]);
      expect(r.groups.map((g) => g.reason)).toEqual(['last met in cycle 1', 'last met in cycle 1']);
      expect(r.warnings).toHaveLength(2);
    }
  });

  it('prefers a never-met pair over any repeat', () => {
    const r = planCycle([ann, ben, cleo, dan], [met(1, 'Ann', 'Ben'), met(1, 'Cleo', 'Dan'), met(2, 'Ann', 'Cleo'), met(2, 'Ben', 'Dan')]);
    expect(sets(r.groups)).toEqual([[email('Ann'), email('Dan')], [email('Ben'), email('Cleo')]]);
    expect(r.groups.every((g) => g.reason === 'never met')).toBe(true);
    expect(r.warnings).toEqual([]);
  });

  it('describes a trio: odd number of people, who never met whom', () => {
    const r = planCycle([ann, ben, cleo], []);
    expect(r.groups).toHaveLength(1);
    expect(r.groups[0].members).toHaveLength(3);
    expect(r.groups[0].reason).toMatch(/^trio \(odd number of people\); (Ann|Ben|Cleo) never met (Ann|Ben|Cleo) or (Ann|Ben|Cleo)$/);
    expect(r.warnings).toEqual([]);
  });

  it('describes a trio whose members met before', () => {
    const r = planCycle([ann, ben, cleo], [met(2, 'Ann', 'Ben', 'Cleo')]);
    expect(r.groups[0].reason).toMatch(/^trio \(odd number of people\); \w+ and \w+ last met in cycle 2; \w+ last met \w+ in cycle 2 and \w+ in cycle 2$/);
    expect(r.groups[0].repeats).toHaveLength(3);
    expect(r.warnings.filter((w) => w.includes('meet again'))).toHaveLength(3);
  });

  it('puts the person who was in fewer trios into the trio', () => {
    // Ann, Ben and Cleo were in trios; Dan and Eve were not: the trio takes both of them.
    const people = [ann, ben, cleo, dan, eve];
    const history = [met(1, 'Ann', 'Fay', 'Ben'), met(2, 'Cleo', 'Fay', 'Gus')];
    const r = planCycle(people, history, { seed: 's' });
    const trio = r.groups.find((g) => g.members.length === 3)!;
    expect(trio.members).toEqual(expect.arrayContaining([email('Dan'), email('Eve')]));
    expect(trio.members.filter((m) => m === email('Ann') || m === email('Ben'))).toHaveLength(1); // Ann and Ben met
    expect(r.warnings).toEqual([]); // nobody outside the trio has been in fewer trios
  });

  it('warns when someone is in a trio again while others have not been', () => {
    // Five people, cycle 1 had the trio Ann-Ben-Cleo: in cycle 2 two of them must meet again, in
    // the trio (a repeat in the pair would leave Dan and Eve meeting again too).
    const r = planCycle([ann, ben, cleo, dan, eve], [met(1, 'Ann', 'Ben', 'Cleo'), met(1, 'Dan', 'Eve')], { seed: 'x' });
    const trio = r.groups.find((g) => g.members.length === 3)!;
    const again = trio.members.filter((m) => [email('Ann'), email('Ben'), email('Cleo')].includes(m));
    expect(again).toHaveLength(2);
    expect(r.warnings.some((w) => /is in a trio again \(once before\) while others have not been/.test(w))).toBe(true);
  });
});

describe('planCycle: who sits out', () => {
  it('says which paused people sit out, by name', () => {
    const people = [person('Ann'), person('Ben'), person('Cleo', { status: 'Paused' }), person('Dan', { status: 'Left' })];
    expect(planCycle(people, []).warnings).toEqual(['Cleo is paused and sits out this cycle.']);
    people.push(person('Eve', { status: 'Paused' }));
    expect(planCycle(people, []).warnings).toEqual(['Cleo and Eve are paused and sit out this cycle.']);
  });
});

describe('planCycle: who is placed', () => {
  it('places only active people, each exactly once', () => {
    const people = [ann, ben, { ...cleo, status: 'Paused' as const }, { ...dan, status: 'Left' as const }, eve, fay];
    const r = planCycle(people, []);
    const placed = r.groups.flatMap((g) => g.members).sort();
    expect(placed).toEqual([email('Ann'), email('Ben'), email('Eve'), email('Fay')]);
    expect(r.groups.every((g) => g.members.length === 2)).toBe(true);
  });

  it.each([3, 5, 13])('groups an odd count (%i) into pairs and exactly one trio', (n) => {
    const r = planCycle(roster(n), []);
    expect(r.groups.filter((g) => g.members.length === 3)).toHaveLength(1);
    expect(r.groups.filter((g) => g.members.length === 2)).toHaveLength((n - 3) / 2);
    expect(new Set(r.groups.flatMap((g) => g.members)).size).toBe(n);
  });

  it('refuses fewer than two active people', () => {
    expect(() => planCycle([ann, { ...ben, status: 'Paused' }], [])).toThrow(PairingError);
    expect(() => planCycle([ann], [])).toThrow('Only one active person (Ann): at least two are needed to form a pair.');
    expect(() => planCycle([], [])).toThrow(/at least two active people are needed/);
  });

  it('never breaks an avoid list, even at the price of a repeat', () => {
    const people = [{ ...ann, avoid: [email('Ben')] }, ben, cleo, dan];
    const r = planCycle(people, [met(1, 'Ann', 'Cleo'), met(2, 'Ann', 'Dan')]);
    for (const g of r.groups) expect(g.members.includes(email('Ann')) && g.members.includes(email('Ben'))).toBe(false);
    expect(r.warnings.some((w) => w.includes('meet again'))).toBe(true);
  });

  it('counts the avoid list of either side', () => {
    const people = [ann, ben, cleo, { ...dan, avoid: ['ANN@example.org '] }];
    for (const seed of ['1', '2', '3', '4']) {
      const r = planCycle(people, [], { seed });
      expect(r.groups.some((g) => g.members.includes(email('Ann')) && g.members.includes(email('Dan')))).toBe(false);
    }
  });

  it('says who cannot be placed and which avoid lists block them', () => {
    const people = [ann, ben, { ...cleo, avoid: [email('Ann'), email('Ben')] }];
    expect(() => planCycle(people, [])).toThrow(PairingError);
    expect(() => planCycle(people, [])).toThrow(/Cleo cannot be placed.*Cleo's avoid list names (Ann and Ben|Ben and Ann)/);
    const two = [{ ...ann, avoid: [email('Ben')] }, ben];
    expect(() => planCycle(two, [])).toThrow(/^Cannot group everyone: Ann and Ben cannot be placed, because every group they could join includes someone an avoid list keeps them from \(Ann's avoid list names Ben\)\. Shorten one of these avoid lists or set someone's Status to Paused\.$/);
  });

  it('forms a second trio only when avoid lists leave no other way, and warns', () => {
    // Ann, Ben, Cleo avoid Dan, Eve, Fay: two groups of three that cannot mix.
    const avoid = [email('Dan'), email('Eve'), email('Fay')];
    const people = [{ ...ann, avoid }, { ...ben, avoid }, { ...cleo, avoid }, dan, eve, fay];
    const r = planCycle(people, []);
    expect(sets(r.groups)).toEqual([
      [email('Ann'), email('Ben'), email('Cleo')],
      [email('Dan'), email('Eve'), email('Fay')],
    ]);
    expect(r.groups.every((g) => g.reason.startsWith('trio (avoid lists leave no way to place everyone in pairs and one trio)'))).toBe(true);
    expect(r.warnings[0]).toBe('2 trios this cycle instead of pairs only: avoid lists leave no other way to place everyone.');
  });
});

describe('planCycle: teams', () => {
  const team = (p: Person, t: string) => ({ ...p, team: t });

  it('keeps teammates apart (teams compared case-insensitively, trimmed)', () => {
    const people = [team(ann, 'Platform'), team(ben, ' platform '), team(cleo, 'Data'), team(dan, 'DATA')];
    for (const seed of ['1', '2', '3', '4', '5']) {
      const r = planCycle(people, [], { seed });
      expect(r.groups.every((g) => !g.teammates)).toBe(true);
    }
  });

  it('keeps them apart even at the price of a repeat', () => {
    const people = [team(ann, 'X'), team(ben, 'X'), cleo, dan];
    const r = planCycle(people, [met(1, 'Ann', 'Cleo'), met(1, 'Ben', 'Dan'), met(2, 'Ann', 'Dan'), met(2, 'Ben', 'Cleo')]);
    expect(r.groups.every((g) => !g.teammates)).toBe(true);
    expect(r.groups.every((g) => g.repeats.length === 1)).toBe(true);
  });

  it('pairs teammates when no grouping exists otherwise, and says which and why', () => {
    const people = [team(ann, 'X'), team(ben, 'X'), team(cleo, 'X'), dan];
    const r = planCycle(people, []);
    const mates = r.groups.filter((g) => g.teammates);
    expect(mates).toHaveLength(1);
    expect(mates[0].reason).toBe('never met; same team (X): no grouping kept every team apart');
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^\w+ and \w+ are both in team X and are grouped together: team X has 3 of the 4 people to group, too many to pair each with someone outside it\.$/);
  });

  it('explains teammates paired because of avoid lists', () => {
    const people = [team(ann, 'X'), team(ben, 'X'), { ...cleo, avoid: [email('Ann'), email('Ben')] }, dan];
    const r = planCycle(people, []);
    expect(r.warnings).toEqual([
      'Ann and Ben are both in team X and are grouped together: avoid lists and locked groups leave no grouping of everyone that keeps every team apart.',
    ]);
  });

  it('pairs teammates freely when keepTeamsApart is off, without warning', () => {
    const people = [team(ann, 'X'), team(ben, 'X'), cleo, dan];
    const r = planCycle(people, [met(1, 'Ann', 'Cleo'), met(1, 'Ben', 'Dan'), met(2, 'Ann', 'Dan'), met(2, 'Ben', 'Cleo')], { keepTeamsApart: false });
    expect(sets(r.groups)).toEqual([[email('Ann'), email('Ben')], [email('Cleo'), email('Dan')]]);
    expect(r.warnings).toEqual([]);
  });
});

describe('planCycle: locked groups', () => {
  const people = [ann, ben, cleo, dan, eve, fay];

  it('keeps locked groups as they are and plans the rest around them', () => {
    const history = [met(1, 'Ann', 'Ben')];
    const r = planCycle(people, history, { locked: [[' BEN@example.org', email('Ann')]] });
    const locked = r.groups.filter((g) => g.locked);
    expect(locked).toEqual([
      { members: [email('Ben'), email('Ann')], reason: 'locked in the preview; last met in cycle 1', repeats: [{ a: email('Ann'), b: email('Ben'), lastCycle: 1 }], teammates: false, locked: true },
    ]);
    expect(r.groups.flatMap((g) => g.members).sort()).toEqual(people.map((p) => p.email).sort());
    expect(r.warnings).toEqual([]); // the owner chose that repeat
  });

  it('lets a lone person join a locked pair when everyone else is locked', () => {
    const r = planCycle([ann, ben, cleo], [], { locked: [[email('Ann'), email('Ben')]] });
    expect(r.groups).toHaveLength(1);
    expect(r.groups[0].members).toEqual([email('Ann'), email('Ben'), email('Cleo')]);
    expect(r.groups[0].locked).toBe(true);
    expect(r.groups[0].reason).toBe('locked in the preview; trio (Cleo joins the locked pair: no other group could take them); Cleo never met Ann or Ben');
    expect(r.warnings).toEqual(['Cleo joins the locked pair Ann and Ben as a trio: no other group could take them.']);
  });

  it('plans around a locked trio, with a second trio when the rest is odd', () => {
    const r = planCycle([ann, ben, cleo, dan, eve, fay], [], { locked: [[email('Ann'), email('Ben'), email('Cleo')]] });
    expect(r.groups.map((g) => g.members.length)).toEqual([3, 3]);
    expect(r.groups[0].reason).toMatch(/^locked in the preview; trio; /);
    expect(r.groups[1].reason).toMatch(/^trio \(the locked trio leaves an odd number of people\); /);
    expect(r.warnings).toEqual(['2 trios this cycle: the locked trio leaves an odd number of people to group.']);
  });

  it.each([
    [[[email('Ann'), 'zed@example.org']], /names zed@example.org, who is not on the roster/],
    [[[email('Ann'), email('Ben')], [email('Ben'), email('Cleo')]], /Ben is in more than one locked group/],
    [[[email('Ann')]], /has 1 people; a group has 2 or 3/],
    [[[email('Ann'), email('Gus')]], /includes Gus, whose status is Paused/],
    [[[email('Ann'), email('Fay')]], /puts together Ann and Fay, and an avoid list forbids that/],
  ])('refuses an invalid locked group %#', (locked, message) => {
    const roster6 = [ann, ben, cleo, dan, eve, { ...fay, avoid: [email('Ann')] }, person('Gus', { status: 'Paused' })];
    expect(() => planCycle(roster6, [], { locked })).toThrow(PairingError);
    expect(() => planCycle(roster6, [], { locked })).toThrow(message);
  });
});

describe('planCycle: determinism', () => {
  const people = roster(20, 3);
  const { history } = (() => {
    const h: PastGroup[] = [];
    for (let c = 1; c <= 4; c++) for (const g of planCycle(people, h, { seed: 'h' }).groups) h.push({ cycle: c, members: g.members });
    return { history: h };
  })();

  it('gives the same groups for the same seed, whatever the input order', () => {
    const a = planCycle(people, history, { seed: 'spring' });
    const b = planCycle([...people].reverse(), [...history].reverse(), { seed: 'spring' });
    expect(b).toEqual(a);
    expect(planCycle(people, history, { seed: 'spring' })).toEqual(a);
  });

  it('gives other groups for another seed', () => {
    const seeds = ['1', '2', '3', '4', '5'].map((seed) => JSON.stringify(sets(planCycle(people, [], { seed }).groups)));
    expect(new Set(seeds).size).toBeGreaterThan(1);
  });

  it('ignores history of the planned cycle or later', () => {
    const later = [...history, met(5, 'P0', 'P1'), met(9, 'P2', 'P3')];
    expect(planCycle(people, later, { seed: 's', cycle: 5 })).toEqual(planCycle(people, history, { seed: 's', cycle: 5 }));
  });
});

describe('circle method', () => {
  it.each([2, 4, 6, 10, 50])('over size - 1 rounds of %i positions, every two meet exactly once', (size) => {
    const seen = new Map<string, number>();
    for (let r = 0; r < size - 1; r++) {
      const round = circleRound(size, r);
      expect(round.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: size }, (_, i) => i));
      for (const [a, b] of round) seen.set(`${Math.min(a, b)}-${Math.max(a, b)}`, (seen.get(`${Math.min(a, b)}-${Math.max(a, b)}`) ?? 0) + 1);
    }
    expect(seen.size).toBe((size * (size - 1)) / 2);
    expect([...seen.values()].every((c) => c === 1)).toBe(true);
  });
});
