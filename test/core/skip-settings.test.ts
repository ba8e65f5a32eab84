// The settings "Skip these dates" and "Keep the number of meetings" (issue 14, item 3): their
// validation (every bad entry named with its fix), their stored reading, and the cycle dates they
// give: a cycle over the holidays holds no meeting on a skipped date and keeps six meetings,
// running on, and the next cycle starts after it; or it keeps its end with fewer meetings.
import fc from 'fast-check';
import { addDays } from '../../src/core/dates';
import { cycleReachability } from '../../src/core/pairing-reach';
import {
  cycleDates,
  cycleForDate,
  cycleFrom,
  DEFAULT_SETTINGS,
  meetingDates,
  meetingsPerCycle,
  readStoredSettings,
  settingsProblemLines,
  storedSettingsJson,
  validateSettings,
  type Settings,
} from '../../src/core/settings';
import { isSkipped, readSkipDates } from '../../src/core/skip-dates';

const zones = (z: string) => ['Europe/London', 'UTC'].includes(z);
const validate = (input: unknown, base?: Settings) => validateSettings(input, { isTimeZone: zones, base });
const settings = (overrides: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...overrides });
const HOLIDAYS = '2026-12-21..2027-01-03';

describe('validating "Skip these dates" and "Keep the number of meetings"', () => {
  it('stores dates and ranges canonically: sorted, merged, ".." between the ends', () => {
    const r = validate({ skipDates: '2027-04-05;\n2026-12-24..2027-01-03, 2026-12-21 – 2026-12-23', keepMeetingCount: false });
    expect(r).toEqual({ ok: true, settings: settings({ skipDates: '2026-12-21..2027-01-03, 2027-04-05', keepMeetingCount: false }) });
    expect(validate({ skipDates: '   ' })).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
    expect(validate({ skipDates: null })).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
  });

  it('names every bad entry, where it is and the fix, under the setting’s label', () => {
    const r = validate({ skipDates: '25/12/2026, 2027-01-03..2026-12-21, 2027-02-29', keepMeetingCount: 'yes' });
    expect(r.ok).toBe(false);
    expect(settingsProblemLines(r.ok ? [] : r.problems)).toEqual([
      'Skip these dates: "25/12/2026" (character 1) is not a date written YYYY-MM-DD. Write dates like 2026-12-25, and ranges like 2026-12-21..2027-01-03 (2026-12-25?). ' +
        '"2027-01-03..2026-12-21" (character 13) ends before it starts. Write the earlier date first: 2026-12-21..2027-01-03. ' +
        '"2027-02-29" (character 37) is not a date that exists. Check the month and the day, like 2027-02-28.',
      'Keep the number of meetings: must be on or off (true or false), not text.',
    ]);
    expect(validate({ skipDates: ['2026-12-25'] })).toMatchObject({ ok: false, problems: [{ field: 'skipDates', message: expect.stringMatching(/^must be text: dates and ranges like 2026-12-21\.\.2027-01-03, not a list\.$/) }] });
  });

  it('reads settings saved before the fields existed at their defaults, without a notice; a bad stored value falls back, said', () => {
    const older = JSON.parse(storedSettingsJson(settings({ cycleWeeks: 8 })));
    delete older.skipDates;
    delete older.keepMeetingCount;
    expect(readStoredSettings(JSON.stringify(older), { isTimeZone: zones })).toEqual({ settings: settings({ cycleWeeks: 8 }), saved: true, notices: [] });
    const bad = { ...older, skipDates: '31/12/2026', keepMeetingCount: 1 };
    const r = readStoredSettings(JSON.stringify(bad), { isTimeZone: zones });
    expect(r.settings).toEqual(settings({ cycleWeeks: 8 }));
    expect(r.notices).toEqual([
      'Skip these dates: the saved value "31/12/2026" (character 1) is not a date written YYYY-MM-DD. Write dates like 2026-12-25, and ranges like 2026-12-21..2027-01-03 (2026-12-31?); using the default (none).',
      'Keep the number of meetings: the saved value must be on or off (true or false), not a number; using the default (on).',
    ]);
    const round = settings({ skipDates: `${HOLIDAYS}, 2027-04-05`, keepMeetingCount: false });
    expect(readStoredSettings(storedSettingsJson(round), { isTimeZone: zones })).toEqual({ settings: round, saved: true, notices: [] });
  });

  it('the longest valid list of skipped dates stays inside the 9 KB property limit', () => {
    // 454 single days, alternate days from 2027: the most entries 5,000 characters hold.
    const days = Array.from({ length: 454 }, (_, k) => addDays('2027-01-01', 2 * k));
    const text = days.join(',');
    expect(text.length).toBeLessThanOrEqual(5000);
    const r = validate({ skipDates: text });
    expect(r.ok).toBe(true);
    if (r.ok) expect(Buffer.byteLength(storedSettingsJson(r.settings), 'utf8')).toBeLessThan(9 * 1024);
  });
});

describe('cycle dates with skipped dates', () => {
  const base = settings({ firstMeetingDate: '2026-12-08', preferredWeekday: 'Tue', skipDates: HOLIDAYS });

  it('a cycle over the holidays holds no meeting on a skipped date and keeps six meetings, running on; the next starts after it', () => {
    expect(cycleDates(base, 1, '2026-12-01')).toEqual({ cycle: 1, starts: '2026-12-08', ends: '2027-02-01', meetings: 6 });
    const held = meetingDates(base, 1, '2026-12-01');
    expect(held).toEqual(['2026-12-08', '2026-12-15', '2027-01-05', '2027-01-12', '2027-01-19', '2027-01-26']);
    expect(held.filter((d) => isSkipped(readSkipDates(HOLIDAYS).ranges, d))).toEqual([]);
    expect(cycleDates(base, 2, '2026-12-01')).toEqual({ cycle: 2, starts: '2027-02-02', ends: '2027-03-15', meetings: 6 });
    expect(cycleForDate(base, '2027-01-26', '2026-12-01')).toBe(1);
    expect(cycleForDate(base, '2027-02-01', '2026-12-01')).toBe(1);
    expect(cycleForDate(base, '2027-02-02', '2026-12-01')).toBe(2);
    expect(cycleFrom(base, 1, '2026-12-08')).toEqual(cycleDates(base, 1, '2026-12-01'));
  });

  it('"Keep the number of meetings" off: the cycle keeps its end with four meetings', () => {
    const shrink = { ...base, keepMeetingCount: false };
    expect(cycleDates(shrink, 1, '2026-12-01')).toEqual({ cycle: 1, starts: '2026-12-08', ends: '2027-01-18', meetings: 4 });
    expect(meetingDates(shrink, 1, '2026-12-01')).toEqual(['2026-12-08', '2026-12-15', '2027-01-05', '2027-01-12']);
    expect(cycleDates(shrink, 2, '2026-12-01').starts).toBe('2027-01-19');
  });

  it('no skipped dates: the plain arithmetic, as before', () => {
    const plain = { ...base, skipDates: '' };
    expect(cycleDates(plain, 2, '2026-12-01')).toEqual({ cycle: 2, starts: '2027-01-19', ends: '2027-03-01', meetings: 6 });
  });

  it('the planner’s reachability uses the meetings held', () => {
    expect(cycleReachability(base, { starts: '2026-12-08', meetings: 6 }, 'UTC').dates).toEqual(meetingDates(base, 1, '2026-12-01'));
  });

  it('property: cycles back to back, no meeting on a skipped date, the count kept, each date in its cycle', () => {
    const range = fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 30 })).map(([from, days]) => `${addDays('2027-01-01', from)}..${addDays('2027-01-01', from + days)}`);
    fc.assert(
      fc.property(
        fc.array(range, { maxLength: 4 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom<Settings['cadence']>('weekly', 'fortnightly'),
        fc.boolean(),
        (ranges, cycleWeeks, cadence, keepMeetingCount) => {
          const s = settings({ firstMeetingDate: '2027-01-05', preferredWeekday: 'Tue', skipDates: ranges.join(', '), cycleWeeks, cadence, keepMeetingCount });
          const skip = readSkipDates(s.skipDates).ranges;
          let previous: ReturnType<typeof cycleDates> | null = null;
          for (let c = 1; c <= 6; c++) {
            const d = cycleDates(s, c, '2027-01-01');
            if (previous) expect(d.starts).toBe(addDays(previous.ends, 1));
            const held = meetingDates(s, c, '2027-01-01');
            expect(held.filter((x) => isSkipped(skip, x))).toEqual([]);
            expect(held.length).toBe(d.meetings);
            if (keepMeetingCount) expect(d.meetings).toBe(meetingsPerCycle(s));
            for (const x of held) expect(x >= d.starts && x <= d.ends).toBe(true);
            expect(cycleForDate(s, d.starts, '2027-01-01')).toBe(c);
            expect(cycleForDate(s, d.ends, '2027-01-01')).toBe(c);
            previous = d;
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
