// Invariants of reachability, over random zones, working hours, cycles and meeting lengths:
// symmetry, identical people always meet, shifting both zones by one offset changes nothing, and
// every window found really lies inside everyone's working hours on every date of the cycle.
import fc from 'fast-check';
import { addDays, weekdayOf } from '../../src/core/dates';
import { findCommonSlot } from '../../src/core/common-time';
import { reachabilityIndex, weeklyOverlap, type ReachPerson } from '../../src/core/reachability';
import type { WorkingHours } from '../../src/core/working-hours';
import { localInstant, localTime } from '../../src/core/zones';

// Zones whose clocks change at night (01:00–03:00) or never, so working hours by day are whole.
const ZONES = ['Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney', 'Pacific/Auckland', 'America/Sao_Paulo', 'UTC'];

const daysArb = fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }).map((d) => [...d].sort((a, b) => a - b));
const hoursArb: fc.Arbitrary<WorkingHours> = fc
  .tuple(daysArb, fc.integer({ min: 6 * 4, max: 14 * 4 }), fc.integer({ min: 4, max: 11 * 4 }))
  .map(([days, start, length]) => ({ days, start: start * 15, end: Math.min(start * 15 + length * 15, 23 * 60) }));
const personArb = (zones: readonly string[] = ZONES): fc.Arbitrary<ReachPerson> =>
  fc.record({ timeZone: fc.constantFrom(...zones), hours: hoursArb });
const cycleArb = fc.record({
  starts: fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2026-01-01', n)),
  meetings: fc.integer({ min: 1, max: 6 }),
  intervalWeeks: fc.constantFrom(1, 2),
});
const minutesArb = fc.constantFrom(15, 30, 45, 60, 90);

describe('reachability: properties', () => {
  it('symmetric: the order of the people changes nothing (windows in a given zone; the index both ways)', () => {
    fc.assert(
      fc.property(personArb(), personArb(), cycleArb, minutesArb, fc.constantFrom(...ZONES), (a, b, cycle, minutes, zone) => {
        const ab = weeklyOverlap([a, b], { minutes, cycle, zone });
        const ba = weeklyOverlap([b, a], { minutes, cycle, zone });
        expect(ba).toEqual(ab);
        const index = reachabilityIndex([{ ...a, email: 'a@x.org' }, { ...b, email: 'b@x.org' }], { minutes, cycle });
        expect(index.canMeet(0, 1)).toBe(index.canMeet(1, 0));
        expect(index.weeksShared(0, 1)).toBe(index.weeksShared(1, 0));
        expect(index.gapMinutes(0, 1)).toBe(index.gapMinutes(1, 0));
        if (index.gapMinutes(0, 1) > 0) expect(index.weeksShared(0, 1)).toBe(0);
        if (index.weeksShared(0, 1) > 0) expect(index.gapMinutes(0, 1)).toBe(0);
        // The index asks in the first-by-email's zone, as weeklyOverlap in that zone.
        expect(index.canMeet(0, 1)).toBe(weeklyOverlap([a, b], { minutes, cycle }).everyWeek);
      }),
      { numRuns: 120 },
    );
  });

  it('a person always reaches someone with the same zone and hours (a meeting that fits their day)', () => {
    fc.assert(
      fc.property(personArb(), cycleArb, minutesArb, (a, cycle, minutes) => {
        fc.pre(a.hours.end - a.hours.start >= minutes);
        const o = weeklyOverlap([a, { ...a }], { minutes, cycle });
        expect(o.everyWeek).toBe(true);
        expect(o.sentence).toMatch(/^share \d\d:\d\d–\d\d:\d\d /);
        const index = reachabilityIndex([a, { ...a, hours: { ...a.hours, days: [...a.hours.days] } }], { minutes, cycle });
        expect(index.signatures).toBe(1);
        expect(index.canMeet(0, 1)).toBe(true);
      }),
      { numRuns: 120 },
    );
  });

  it('shifting both zones by the same offset keeps the result (fixed-offset zones)', () => {
    // Etc/GMT-N is UTC+N (POSIX signs). Offsets from −12 to +14.
    const zone = (offset: number) => (offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`);
    fc.assert(
      fc.property(
        fc.integer({ min: -12, max: 14 }),
        fc.integer({ min: -12, max: 14 }),
        fc.integer({ min: -12, max: 14 }),
        hoursArb,
        hoursArb,
        cycleArb,
        minutesArb,
        (x, y, target, ha, hb, cycle, minutes) => {
          const shift = target - x;
          fc.pre(y + shift >= -12 && y + shift <= 14);
          const before = weeklyOverlap([{ timeZone: zone(x), hours: ha }, { timeZone: zone(y), hours: hb }], { minutes, cycle });
          const after = weeklyOverlap([{ timeZone: zone(x + shift), hours: ha }, { timeZone: zone(y + shift), hours: hb }], { minutes, cycle });
          expect(after.everyWeek).toBe(before.everyWeek);
          expect(after.windows).toEqual(before.windows); // each in the first person's own zone
          expect(after.sentence.replace(zone(x + shift), zone(x))).toBe(before.sentence);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('every window found lies inside everyone\'s working hours on every date of the cycle (checked with Intl, start and end of each meeting)', () => {
    fc.assert(
      fc.property(fc.array(personArb(), { minLength: 2, maxLength: 3 }), cycleArb, minutesArb, fc.constantFrom(...ZONES), (members, cycle, minutes, zone) => {
        const o = weeklyOverlap(members, { minutes, cycle, zone });
        for (let k = 0; k < cycle.meetings; k++) {
          const weekStart = addDays(cycle.starts, k * 7 * cycle.intervalWeeks);
          for (const w of o.windows) {
            const date = addDays(weekStart, (((w.weekday - weekdayOf(weekStart)) % 7) + 7) % 7);
            // The first and the last start of the window, on the 15-minute grid.
            for (const startMinute of new Set([w.start, w.end - minutes])) {
              const begins = localInstant(date, startMinute, zone);
              const ends = begins + minutes * 60_000;
              for (const m of members) {
                const s = localTime(begins, m.timeZone);
                const e = localTime(ends - 60_000, m.timeZone);
                expect(s.date).toBe(e.date); // within one working day
                expect(m.hours.days).toContain(s.weekday);
                expect(s.minutes).toBeGreaterThanOrEqual(m.hours.start);
                expect(e.minutes + 1).toBeLessThanOrEqual(m.hours.end);
              }
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a trio can meet only when each of its pairs can (in the trio\'s zone)', () => {
    fc.assert(
      fc.property(fc.array(personArb(['Europe/London', 'America/New_York', 'Asia/Kolkata', 'Europe/Berlin']), { minLength: 3, maxLength: 3 }), cycleArb, minutesArb, (trio, cycle, minutes) => {
        const people = trio.map((p, i) => ({ ...p, email: `p${i}@x.org` }));
        const index = reachabilityIndex(people, { minutes, cycle });
        const all = index.canMeetAll(0, 1, 2);
        expect(all).toBe(index.overlap([0, 1, 2]).everyWeek);
        expect(index.canMeetAll(2, 0, 1)).toBe(all);
        if (all) {
          const zone = people[0].timeZone;
          expect(weeklyOverlap([people[0], people[1]], { minutes, cycle, zone }).everyWeek).toBe(true);
          expect(weeklyOverlap([people[0], people[2]], { minutes, cycle, zone }).everyWeek).toBe(true);
          expect(weeklyOverlap([people[1], people[2]], { minutes, cycle, zone }).everyWeek).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('agrees with the scheduler: canMeet exactly when findCommonSlot (everyone free) finds a slot inside everyone\'s hours in every week', () => {
    fc.assert(
      fc.property(fc.array(personArb(), { minLength: 2, maxLength: 3 }), cycleArb, minutesArb, (group, cycle, minutes) => {
        const people = group.map((p, i) => ({ ...p, email: `p${i}@x.org` }));
        const index = reachabilityIndex(people, { minutes, cycle });
        const reachable = people.length === 2 ? index.canMeet(0, 1) : index.canMeetAll(0, 1, 2);
        const slot = findCommonSlot({
          members: people.map((p) => ({ email: p.email, timeZone: p.timeZone, hours: p.hours })),
          availability: new Map(people.map((p) => [p.email, { busy: [] }])),
          cycle,
          minutes,
          preferred: { weekday: 2, time: 600, timeZone: 'Europe/London' },
        });
        expect(!slot.fallback && slot.conflicts === 0).toBe(reachable);
        if (reachable) expect(slot.timeZone).toBe(index.zoneFor([0, 1]));
      }),
      { numRuns: 100 },
    );
  });
});
