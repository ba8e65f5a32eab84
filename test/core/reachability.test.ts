// Who can meet whom: shared working hours across zones, daylight saving and midnight, in fixed
// cases from the sample roster's trouble, and the index the pairing engine asks.
import { reachabilityIndex, reachPerson, weeklyOverlap, type ReachPerson } from '../../src/core/reachability';
import { parseWorkingHours } from '../../src/core/working-hours';

const hours = (text: string) => parseWorkingHours(text)!;
const person = (timeZone: string, text = '', email?: string): ReachPerson => ({ timeZone, hours: hours(text), email });
const MARCH = { minutes: 30, cycle: { starts: '2027-03-02', meetings: 6, intervalWeeks: 1 } };
const JANUARY = { minutes: 30, cycle: { starts: '2027-01-05', meetings: 6, intervalWeeks: 1 } };
const JULY = { minutes: 30, cycle: { starts: '2027-07-06', meetings: 6, intervalWeeks: 1 } };

describe('weeklyOverlap: fixed cases', () => {
  it('London and New York across the March 2027 gap (US summer time from 03-14, UK from 03-28): 14:00–17:00 London every week, 13:00 in the gap weeks', () => {
    const o = weeklyOverlap([person('Europe/London'), person('America/New_York')], MARCH);
    expect(o.everyWeek).toBe(true);
    expect(o.sentence).toBe('share 14:00–17:00 Europe/London on Mon–Fri');
    expect(o.windows).toEqual([1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: 14 * 60, end: 17 * 60 })));
    const tuesday = o.weeks.map((w) => [w.date, w.windows.find((x) => x.weekday === 2)]);
    expect(tuesday).toEqual([
      ['2027-03-02', { weekday: 2, start: 840, end: 1020 }],
      ['2027-03-09', { weekday: 2, start: 840, end: 1020 }],
      ['2027-03-16', { weekday: 2, start: 780, end: 1020 }], // New York on summer time, London not yet
      ['2027-03-23', { weekday: 2, start: 780, end: 1020 }],
      ['2027-03-30', { weekday: 2, start: 840, end: 1020 }],
      ['2027-04-06', { weekday: 2, start: 840, end: 1020 }],
    ]);
    // Monday 2027-03-15 is in the week of 03-09, and already in the gap.
    expect(o.weeks[1].windows.find((x) => x.weekday === 1)).toEqual({ weekday: 1, start: 780, end: 1020 });
    expect(o.failingWeeks).toEqual([]);
    // In New York's zone: 09:00–12:00, to 13:00 in the gap weeks.
    const ny = weeklyOverlap([person('America/New_York'), person('Europe/London')], MARCH);
    expect(ny.sentence).toBe('share 09:00–12:00 America/New_York on Mon–Fri');
    expect(ny.weeks[2].windows[0]).toEqual({ weekday: 1, start: 540, end: 780 });
  });

  it('a one-hour overlap that daylight saving moves: the weeks it fails are named', () => {
    // New York 09:00–10:00 is London 14:00–15:00, but 13:00–14:00 from 03-15 to 03-27 (the gap).
    const o = weeklyOverlap([person('Europe/London', '14:00-15:00'), person('America/New_York', '09:00-10:00')], MARCH);
    expect(o.everyWeek).toBe(false);
    expect(o.windows).toEqual([]);
    expect(o.failingWeeks).toEqual(['2027-03-16']);
    expect(o.weeks[0].windows).toEqual([1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: 840, end: 900 })));
    // The week of 03-09 still has Tuesday to Friday; its Monday, 03-15, is in the gap.
    expect(o.weeks[1].windows.map((w) => w.weekday)).toEqual([2, 3, 4, 5]);
    // The week of 03-23 keeps only its Monday, 03-29, after London's change on 03-28.
    expect(o.weeks[3].windows).toEqual([{ weekday: 1, start: 840, end: 900 }]);
    expect(o.sentence).toBe('have a 30-minute slot in common only in some weeks: none in the week of 2027-03-16');
    // London 12:00–15:00: every week has a slot, but not the same one.
    const moving = weeklyOverlap([person('Europe/London', '12:00-15:00'), person('America/New_York', '09:00-10:00')], { ...MARCH, minutes: 60 });
    expect(moving.failingWeeks).toEqual([]);
    expect(moving.everyWeek).toBe(false);
    expect(moving.sentence).toBe('have no 60-minute weekly slot in common that works in every week (daylight saving moves it)');
  });

  it('New York and Kolkata at 09:00–17:00 share no working hour', () => {
    for (const cycle of [MARCH, JULY]) {
      const o = weeklyOverlap([person('America/New_York'), person('Asia/Kolkata')], cycle);
      expect(o.everyWeek).toBe(false);
      expect(o.anyOverlap).toBe(false);
      expect(o.windows).toEqual([]);
      expect(o.failingWeeks).toHaveLength(6);
      expect(o.sentence).toBe('share no working hour');
    }
  });

  it('Berlin and Los Angeles at 09:00–17:00 share no working hour', () => {
    const o = weeklyOverlap([person('Europe/Berlin'), person('America/Los_Angeles')], JANUARY);
    expect(o.everyWeek).toBe(false);
    expect(o.sentence).toBe('share no working hour');
  });

  it('Tokyo and Los Angeles in winter: Monday–Thursday afternoon in Los Angeles is Tuesday–Friday morning in Tokyo', () => {
    const la = weeklyOverlap([person('America/Los_Angeles'), person('Asia/Tokyo')], JANUARY);
    expect(la.sentence).toBe('share 16:00–17:00 America/Los_Angeles on Mon–Thu');
    expect(la.windows).toEqual([1, 2, 3, 4].map((weekday) => ({ weekday, start: 960, end: 1020 })));
    const tokyo = weeklyOverlap([person('Asia/Tokyo'), person('America/Los_Angeles')], JANUARY);
    expect(tokyo.sentence).toBe('share 09:00–10:00 Asia/Tokyo on Tue–Fri');
    // In summer Los Angeles is an hour nearer UTC: its 17:00 is Tokyo's 09:00, so they only touch.
    const july = weeklyOverlap([person('Asia/Tokyo'), person('America/Los_Angeles')], JULY);
    expect(july.everyWeek).toBe(false);
    expect(july.sentence).toBe('share no working hour');
    // A meeting longer than the hour they share does not fit.
    expect(weeklyOverlap([person('Asia/Tokyo'), person('America/Los_Angeles')], { ...JANUARY, minutes: 90 }).sentence).toBe(
      'have no 90-minute slot in common within their working hours',
    );
  });

  it('a Mon–Thu person and a Friday-only person in the same zone: none', () => {
    const o = weeklyOverlap([person('Europe/London', 'Mon-Thu 09:00-17:00'), person('Europe/London', 'Fri 09:00-17:00')], MARCH);
    expect(o.everyWeek).toBe(false);
    expect(o.sentence).toBe('share no working hour');
  });

  it('different windows on different days are listed together', () => {
    const o = weeklyOverlap([person('Europe/London', 'Mon-Fri 09:00-17:00'), person('Europe/London', 'Mon-Thu 14:00-18:00, Fri'.replace(', Fri', ''))], MARCH);
    expect(o.sentence).toBe('share 14:00–17:00 Europe/London on Mon–Thu');
    const mixed = weeklyOverlap([person('Europe/London', 'Mon-Fri 14:00-17:00'), person('Europe/Paris', 'Mon,Tue,Fri 09:00-16:30')], MARCH);
    expect(mixed.sentence).toBe('share 14:00–15:30 Europe/London on Mon, Tue, Fri');
  });

  it('a trio: all three must share the slot', () => {
    const trio = weeklyOverlap([person('Europe/London'), person('America/New_York'), person('Europe/Berlin')], MARCH);
    expect(trio.sentence).toBe('share 14:00–16:00 Europe/London on Mon–Fri');
    const none = weeklyOverlap([person('Europe/London'), person('America/New_York'), person('Asia/Kolkata')], MARCH);
    expect(none.everyWeek).toBe(false);
    expect(none.sentence).toBe('share no working hour');
  });

  it('the windows can be asked in any zone, and meeting dates can be given instead of the cycle', () => {
    const o = weeklyOverlap([person('Europe/London'), person('America/New_York')], { minutes: 30, dates: ['2027-03-16', '2027-03-23'], zone: 'UTC' });
    // Monday 03-29 is after London's change on 03-28: its 09:00–17:00 is 08:00–16:00 UTC.
    expect(o.sentence).toBe('share 13:00–16:00 UTC on Mon and 13:00–17:00 on Tue–Fri');
    expect(o.weeks[0].windows[0]).toEqual({ weekday: 1, start: 780, end: 1020 });
  });

  it('working hours that end in a clock change gap end at the jump', () => {
    // Europe/London jumps 01:00 → 02:00 on Sunday 2027-03-28; a Sunday 00:00–01:30 worker that day has 00:00–01:00.
    const night = person('Europe/London', 'Sun 00:00-01:30');
    const o = weeklyOverlap([night, night], { minutes: 60, dates: ['2027-03-22', '2027-03-29'] });
    expect(o.weeks.map((w) => w.windows)).toEqual([[{ weekday: 0, start: 0, end: 60 }], [{ weekday: 0, start: 0, end: 90 }]]);
  });

  it('bad input is refused', () => {
    expect(() => weeklyOverlap([], MARCH)).toThrow(RangeError);
    expect(() => weeklyOverlap([person('Europe/London')], { minutes: 0, cycle: MARCH.cycle })).toThrow(/1 to 1440 minutes/);
    expect(() => weeklyOverlap([person('Europe/London')], { minutes: 30 })).toThrow(/cycle/);
    expect(() => weeklyOverlap([person('Europe/London')], { minutes: 30, dates: ['2027-02-29'] })).toThrow(/YYYY-MM-DD/);
    expect(() => weeklyOverlap([{ timeZone: 'Europe/London', hours: { days: [], start: 0, end: 60 } }], MARCH)).toThrow(/Not working hours/);
  });
});

describe('reachabilityIndex', () => {
  const roster = [
    reachPerson({ email: 'ny@example.org', timeZone: 'America/New_York', workingHours: '' }, 'Europe/London'),
    reachPerson({ email: 'in@example.org', timeZone: 'Asia/Kolkata', workingHours: '' }, 'Europe/London'),
    reachPerson({ email: 'uk@example.org', timeZone: '', workingHours: '' }, 'Europe/London'),
    reachPerson({ email: 'de@example.org', timeZone: 'Europe/Berlin', workingHours: '' }, 'Europe/London'),
    reachPerson({ email: 'la@example.org', timeZone: 'America/Los_Angeles', workingHours: '' }, 'Europe/London'),
    reachPerson({ email: 'uk2@example.org', timeZone: 'Europe/London', workingHours: '9-17' }, 'Europe/London'),
  ];
  const reach = reachabilityIndex(roster, MARCH);

  it('answers for pairs and trios as weeklyOverlap does', () => {
    expect(reach.signatures).toBe(5); // uk and uk2 share a zone and hours
    expect(reach.signatureOf(2)).toBe(reach.signatureOf(5));
    expect(reach.canMeet(0, 1)).toBe(false); // New York – Kolkata
    expect(reach.canMeet(3, 4)).toBe(false); // Berlin – Los Angeles
    expect(reach.canMeet(0, 2)).toBe(true);
    expect(reach.canMeet(1, 3)).toBe(true); // Kolkata – Berlin: 09:00–12:30 Berlin
    expect(reach.canMeet(0, 4)).toBe(true);
    expect(reach.canMeetAll(0, 2, 3)).toBe(true);
    expect(reach.canMeetAll(0, 1, 2)).toBe(false);
    expect(reach.canMeetAll(2, 5, 3)).toBe(true);
    expect(reach.weeksShared(0, 1)).toBe(0);
    expect(reach.weeksShared(0, 2)).toBe(6);
    expect(reach.weeks).toBe(6);
    // The zone of the first by email, as the scheduler books: de@ before ny@ and uk@.
    expect(reach.zoneFor([0, 2, 3])).toBe('Europe/Berlin');
    expect(reach.overlap([2, 0]).sentence).toBe('share 09:00–12:00 America/New_York on Mon–Fri');
    for (let i = 0; i < roster.length; i++) {
      for (let j = 0; j < roster.length; j++) {
        expect(reach.canMeet(i, j)).toBe(reach.canMeet(j, i));
        if (i !== j) expect(reach.canMeet(i, j)).toBe(reach.overlap([i, j]).everyWeek);
      }
    }
  });

  it('how near people come who cannot meet: the gap between their working days, and the nearest option', () => {
    const january = reachabilityIndex(roster, JANUARY);
    expect(january.gapMinutes(3, 4)).toBe(60); // Berlin ends 17:00 CET = 16:00 UTC; Los Angeles starts 09:00 PST = 17:00 UTC
    expect(january.gapMinutes(4, 3)).toBe(60);
    expect(january.gapMinutes(0, 1)).toBe(150); // Kolkata ends 11:30 UTC; New York starts 14:00 UTC
    // In March Los Angeles is on summer time two weeks before Berlin: 16:00 UTC both, they touch.
    expect(reach.gapMinutes(3, 4)).toBe(0);
    expect(reach.canMeet(3, 4)).toBe(false);
    // Kolkata ends 17:00 IST = 11:30 UTC; New York starts 09:00 EDT = 13:00 UTC in its summer-time weeks.
    expect(reach.gapMinutes(0, 1)).toBe(90);
    expect(reach.gapMinutes(0, 2)).toBe(0); // overlapping
    expect(reach.nearest(1, [0, 4])).toEqual({ person: 0, weeksShared: 0, gapMinutes: 90 });
    expect(reach.nearest(1, [1, 4, 2])).toEqual({ person: 2, weeksShared: 6, gapMinutes: 0 });
    expect(reach.nearest(1, [])).toBeNull();
  });

  it('refuses an index it does not hold', () => {
    expect(() => reach.canMeet(0, 6)).toThrow(RangeError);
    expect(() => reach.canMeetAll(-1, 0, 1)).toThrow(RangeError);
  });

  it('1,000 people in 6 zones: signatures² overlap computations, not n², and quick', () => {
    const zones = ['America/Los_Angeles', 'America/New_York', 'Europe/London', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Tokyo'];
    const variants = ['', '08:00-16:00', 'Mon-Thu 09:00-17:00', '10:00-18:00'];
    const people = Array.from({ length: 1000 }, (_, i) =>
      reachPerson({ email: `p${String(i).padStart(4, '0')}@example.org`, timeZone: zones[i % 6], workingHours: variants[Math.floor(i / 6) % 4] }, 'UTC'),
    );
    const started = process.hrtime.bigint();
    const index = reachabilityIndex(people, MARCH);
    let reachable = 0;
    for (let i = 0; i < 1000; i++) for (let j = i + 1; j < 1000; j++) if (index.canMeet(i, j)) reachable++;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(index.signatures).toBe(24);
    expect(index.pairComputations).toBe(24 * 24);
    // eslint-disable-next-line no-console
    console.log(`reachabilityIndex: n=1000, 6 zones, ${index.signatures} signatures, ${index.pairComputations} overlap computations; built and all ${(1000 * 999) / 2} pairs asked in ${ms.toFixed(0)} ms; ${reachable} pairs reachable`);
    expect(ms).toBeLessThan(3000);
    // Spot checks against weeklyOverlap.
    for (const [i, j] of [[0, 4], [1, 4], [2, 7], [5, 0], [10, 3], [100, 901]]) {
      expect(index.canMeet(i, j)).toBe(index.overlap([i, j]).everyWeek);
    }
  });
});
