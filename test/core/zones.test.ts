import fc from 'fast-check';
import { instantToWallTime, localInstant, localTime, wallClockFormatter, zoneOffsetMs, zoneTransitions } from '../../src/core/zones';

describe('zones', () => {
  test('the wall time of any instant is exactly what Intl says, in odd zones and around their transitions (the offset is cached per 15-minute block)', () => {
    const zones = ['Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kathmandu', 'America/St_Johns', 'Europe/Amsterdam', 'Africa/Casablanca', 'UTC'];
    const intl = (ms: number, zone: string) => {
      const parts = Object.fromEntries(wallClockFormatter(zone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
      const year = parts.era === 'BC' || parts.era === 'B' ? 1 - Number(parts.year) : Number(parts.year);
      return [year, Number(parts.month), Number(parts.day), Number(parts.hour) % 24, Number(parts.minute), Number(parts.second), ((ms % 1000) + 1000) % 1000];
    };
    const ours = (ms: number, zone: string) => {
      const w = instantToWallTime(ms, zone);
      return [w.year, w.month, w.day, w.hour, w.minute, w.second, w.millisecond];
    };
    // Every minute (and the odd second) either side of each transition of 2027, and 1900 (LMT offsets with seconds).
    for (const zone of zones) {
      for (const t of zoneTransitions(zone, Date.UTC(2027, 0, 1), Date.UTC(2028, 0, 1))) {
        for (let ms = t.at - 3_600_000; ms <= t.at + 3_600_000; ms += 59_999) expect([zone, ms, ours(ms, zone)]).toEqual([zone, ms, intl(ms, zone)]);
      }
    }
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(1890, 0, 1), max: Date.UTC(2100, 0, 1) }), (zone, ms) => {
        expect(ours(ms, zone)).toEqual(intl(ms, zone));
      }),
      { numRuns: 3000 },
    );
  });

  test('London and New York change clocks on their own dates in March 2027', () => {
    const from = Date.UTC(2027, 0, 1);
    const to = Date.UTC(2028, 0, 1);
    const london = zoneTransitions('Europe/London', from, to);
    const ny = zoneTransitions('America/New_York', from, to);
    expect(london.map((t) => new Date(t.at).toISOString())).toEqual(['2027-03-28T01:00:00.000Z', '2027-10-31T01:00:00.000Z']);
    expect(london.map((t) => [t.offsetBefore, t.offsetAfter])).toEqual([[0, 60], [60, 0]]);
    expect(ny.map((t) => new Date(t.at).toISOString())).toEqual(['2027-03-14T07:00:00.000Z', '2027-11-07T06:00:00.000Z']);
    expect(ny.map((t) => [t.offsetBefore, t.offsetAfter])).toEqual([[-300, -240], [-240, -300]]);
  });

  test('a zone without daylight saving has no transitions; a half-hour zone keeps its offset', () => {
    expect(zoneTransitions('Asia/Tokyo', Date.UTC(2027, 0, 1), Date.UTC(2028, 0, 1))).toEqual([]);
    expect(zoneOffsetMs(Date.UTC(2027, 5, 1), 'Asia/Kolkata')).toBe(330 * 60_000);
  });

  test('a wall time in the spring gap is read with the offset before it; a repeated one is the earlier', () => {
    // New York, 2027-03-14: 02:00 → 03:00. 02:30 does not exist and becomes 03:30 EDT (07:30Z).
    expect(new Date(localInstant('2027-03-14', 150, 'America/New_York')).toISOString()).toBe('2027-03-14T07:30:00.000Z');
    // 2027-11-07 01:30 happens twice (EDT then EST): the earlier is 05:30Z.
    expect(new Date(localInstant('2027-11-07', 90, 'America/New_York')).toISOString()).toBe('2027-11-07T05:30:00.000Z');
  });

  test('localTime names the day, minute and weekday of an instant in a zone', () => {
    expect(localTime(Date.UTC(2027, 2, 1, 23, 30), 'Asia/Tokyo')).toEqual({ date: '2027-03-02', minutes: 8 * 60 + 30, weekday: 2 });
    expect(localTime(Date.UTC(2027, 2, 1, 3, 0), 'America/Los_Angeles')).toEqual({ date: '2027-02-28', minutes: 19 * 60, weekday: 0 });
  });

  test('property: localInstant then localTime gives the wall time back, outside gaps', () => {
    const zones = ['Europe/London', 'America/New_York', 'Asia/Tokyo', 'Australia/Lord_Howe', 'Asia/Kolkata'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: 0, max: 3 * 365 }), fc.integer({ min: 0, max: 1439 }), (zone, d, minutes) => {
        const date = new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
        const at = localInstant(date, minutes, zone);
        const back = localTime(at, zone);
        if (back.date === date && back.minutes === minutes) return true;
        // Only a time skipped by a clock change comes back later, by exactly the jump.
        const jump = (zoneOffsetMs(at, zone) - zoneOffsetMs(at - 86_400_000, zone)) / 60_000;
        return jump > 0 && back.date === date && back.minutes === minutes + jump;
      }),
    );
  });
});
