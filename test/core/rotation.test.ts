// The rotation's pure pieces: the roster fingerprint, the re-check of a plan, swapping two people,
// and the Rotations rows (read back by readHistory).
import fc from 'fast-check';
import { PairingError, planCycle } from '../../src/core/pairing';
import { readHistory } from '../../src/core/history';
import { checkPlan, groupId, ROTATION_HEADERS, rosterFingerprint, rotationRows, swapMembers } from '../../src/core/rotation';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { email, person, roster } from './pairing-fixtures';

describe('rosterFingerprint', () => {
  it('ignores order and inactive people, and changes with email, team, status or avoid list', () => {
    const people = roster(6, 2);
    const base = rosterFingerprint(people);
    expect(base).toMatch(/^[0-9a-f]{16}$/);
    expect(rosterFingerprint([...people].reverse())).toBe(base);
    expect(rosterFingerprint([...people, person('Z', { status: 'Left' })])).toBe(base);
    expect(rosterFingerprint(people.map((p, i) => (i === 0 ? { ...p, name: 'Renamed', row: 40 } : p)))).toBe(base);
    const changed = [
      people.map((p, i) => (i === 0 ? { ...p, team: 'Other' } : p)),
      people.map((p, i) => (i === 0 ? { ...p, status: 'Paused' as const } : p)),
      people.map((p, i) => (i === 0 ? { ...p, avoid: [email('P3')] } : p)),
      people.map((p, i) => (i === 0 ? { ...p, email: 'new@example.org' } : p)),
      people.slice(1),
    ];
    for (const c of changed) expect(rosterFingerprint(c)).not.toBe(base);
  });

  it('is independent of the order (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), fc.nat(), (n, k) => {
        const people = roster(n, 3);
        const rotated = people.slice(k % Math.max(1, n)).concat(people.slice(0, k % Math.max(1, n)));
        expect(rosterFingerprint(rotated)).toBe(rosterFingerprint(people));
      }),
    );
  });
});

describe('checkPlan', () => {
  const people = [...roster(5), person('Paused', { status: 'Paused' })];
  const ok = [[email('P0'), email('P1')], [email('P2'), email('P3'), email('P4')]];

  it('accepts a valid plan', () => {
    expect(checkPlan(ok, people)).toEqual([]);
  });

  it('names every problem', () => {
    expect(checkPlan([[email('P0'), email('P1'), 'nobody@example.org'], [email('P2'), 'paused@example.org']], people)).toEqual([
      'Group 1 names nobody@example.org, who is not on the roster.',
      'Group 2 includes Paused, whose status is Paused.',
      'P3 (p3@example.org) is in no group; every active person is in one.',
      'P4 (p4@example.org) is in no group; every active person is in one.',
    ]);
    expect(checkPlan([[email('P0'), email('P1')], [email('P1'), email('P2')], [email('P3'), email('P4')]], people)).toEqual([
      'P1 is in 2 groups; everyone is in exactly one.',
    ]);
    expect(checkPlan([[email('P0')], [email('P1'), email('P2'), email('P3'), email('P4')]], people)).toEqual([
      'Group 1 has 1 people; a group has 2 or 3.',
      'Group 2 has 4 people; a group has 2 or 3.',
    ]);
  });

  it('counts trios and keeps avoid lists', () => {
    const even = roster(6);
    const two = [[email('P0'), email('P1'), email('P2')], [email('P3'), email('P4'), email('P5')]];
    expect(checkPlan(two, even)).toEqual(['The plan has 2 trios; an even count needs none.']);
    expect(checkPlan(two, even, { maxTrios: 2 })).toEqual([]);
    const avoiding = roster(4).map((p, i) => (i === 0 ? { ...p, avoid: [email('P1')] } : p));
    expect(checkPlan([[email('P0'), email('P1')], [email('P2'), email('P3')]], avoiding)).toEqual([
      'Group 1 puts together P0 and P1, and an avoid list forbids that.',
    ]);
    expect(checkPlan([[email('P1'), email('P0')], [email('P2'), email('P3')]], avoiding)).toHaveLength(1);
  });

  it('accepts whatever planCycle produces (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 11 }),
        fc.array(fc.tuple(fc.nat(10), fc.nat(10)), { maxLength: 8 }),
        fc.string({ maxLength: 3 }),
        (n, avoid, seed) => {
          const people = roster(n, 3);
          for (const [a, b] of avoid) if (a < n && b < n && a !== b) people[a].avoid.push(people[b].email);
          let plan;
          try {
            plan = planCycle(people, [], { seed });
          } catch (e) {
            if (e instanceof PairingError) return;
            throw e;
          }
          const groups = plan.groups.map((g) => g.members);
          const trios = groups.filter((g) => g.length === 3).length;
          expect(checkPlan(groups, people, { maxTrios: Math.max(n % 2, trios) })).toEqual([]);
          if (trios <= n % 2) expect(checkPlan(groups, people)).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('swapMembers', () => {
  const groups = [['a@x.org', 'b@x.org'], ['c@x.org', 'd@x.org', 'e@x.org']];

  it('swaps two people of different groups, leaving the input alone', () => {
    expect(swapMembers(groups, 'A@x.org', 'e@x.org')).toEqual([['e@x.org', 'b@x.org'], ['c@x.org', 'd@x.org', 'a@x.org']]);
    expect(groups[0]).toEqual(['a@x.org', 'b@x.org']);
  });

  it('changes nothing for one group or an unknown person', () => {
    expect(swapMembers(groups, 'a@x.org', 'b@x.org')).toEqual(groups);
    expect(swapMembers(groups, 'a@x.org', 'zz@x.org')).toEqual(groups);
  });

  it('keeps everyone placed once (property)', () => {
    fc.assert(
      fc.property(fc.nat(4), fc.nat(4), (i, j) => {
        const all = groups.flat();
        const swapped = swapMembers(groups, all[i], all[j]);
        expect(swapped.flat().sort()).toEqual(all.slice().sort());
        expect(swapped.map((g) => g.length)).toEqual([2, 3]);
        expect(swapMembers(swapped, all[i], all[j])).toEqual(groups);
      }),
    );
  });
});

describe('rotationRows', () => {
  it('writes one row per group in the Rotations column order, read back as history', () => {
    const people = roster(5);
    const plan = planCycle(people, [], { seed: 's', cycle: 3 });
    const settings = { ...DEFAULT_SETTINGS, timeZone: 'Europe/London' };
    const rows = rotationRows(3, { starts: '2027-01-05', ends: '2027-02-15' }, plan.groups, people, settings);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toHaveLength(ROTATION_HEADERS.length);
    const trio = plan.groups.findIndex((g) => g.members.length === 3);
    const pair = 1 - trio;
    expect(rows[pair]).toEqual([
      3, '2027-01-05', '2027-02-15', groupId(3, pair), ...plan.groups[pair].members, '', 'Tue 10:00', 'Europe/London', 'planned', '', '', plan.groups[pair].reason,
    ]);
    expect(groupId(3, 0)).toBe('C3-01');
    expect(groupId(12, 10)).toBe('C12-11');
    const history = readHistory([ROTATION_HEADERS.slice(), ...rows.map((r) => r.map(String))]);
    expect(history.problems).toEqual([]);
    expect(history.lastCycle).toBe(3);
    expect(history.groups.map((g) => g.members)).toEqual(plan.groups.map((g) => g.members));
  });
});
