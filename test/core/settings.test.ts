// Settings: the defaults, the validation catalogue (tampered input included), the tolerant reading
// of the stored document, and the cycle dates (examples and properties).
import fc from 'fast-check';
import {
  DEFAULT_SETTINGS,
  cycleDates,
  cycleForDate,
  firstCycleStart,
  lifecycleDays,
  meetingDates,
  meetingTitle,
  meetingsPerCycle,
  nextCycle,
  readStoredSettings,
  settingsProblemLines,
  settingsTimeZone,
  storedSettingsJson,
  validateSettings,
  type Settings,
  type SettingsValidation,
} from '../../src/core/settings';
import { addDays, dayNumber, isoDate, isoDateInZone, nextWeekdayAfter, weekdayOf } from '../../src/core/dates';
import { NUDGE_SETTING } from '../../src/core/nudge';

const zones = (z: string) => ['Europe/London', 'America/New_York', 'Asia/Kolkata', 'UTC'].includes(z);
const validate = (input: unknown, base?: Settings) => validateSettings(input, { isTimeZone: zones, base });
const problems = (r: SettingsValidation) => (r.ok ? [] : r.problems);
const fieldsOf = (r: SettingsValidation) => problems(r).map((p) => p.field);
const settings = (overrides: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...overrides });

describe('defaults', () => {
  it('are what the issue asks for and need nothing set', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      cycleWeeks: 6,
      cadence: 'weekly',
      meetingMinutes: 30,
      firstMeetingDate: '',
      preferredWeekday: 'Tue',
      preferredTime: '10:00',
      timeZone: '',
      findCommonTime: true,
      keepTeammatesApart: true,
      titleTemplate: 'Peer coaching: {names}',
      googleMeet: true,
      sendInvitations: true,
      nextCycle: 'automatic',
      headsUpDays: 7,
      noticeDays: 3,
      newcomersJoinRunningCycle: true,
      skipDates: '',
      keepMeetingCount: true,
      feedbackNudges: true,
    });
    expect(Object.isFrozen(DEFAULT_SETTINGS)).toBe(true);
    expect(validate({})).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
    expect(validate({ ...DEFAULT_SETTINGS })).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
  });

  it('are valid in themselves', () => {
    expect(validate(DEFAULT_SETTINGS).ok).toBe(true);
  });

  it('blank time zone means the spreadsheet’s', () => {
    expect(settingsTimeZone(DEFAULT_SETTINGS, 'Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(settingsTimeZone(settings({ timeZone: 'UTC' }), 'Asia/Kolkata')).toBe('UTC');
  });
});

describe('validateSettings accepts and normalises', () => {
  it('a full valid set, trimming strings and normalising case and times', () => {
    const r = validate({
      cycleWeeks: 12,
      cadence: ' Fortnightly ',
      meetingMinutes: 45,
      firstMeetingDate: ' 2027-01-07 ',
      preferredWeekday: 'thursday',
      preferredTime: ' 9:05 ',
      timeZone: ' America/New_York ',
      findCommonTime: false,
      keepTeammatesApart: false,
      titleTemplate: '  Coaching {cycle}: {names}  ',
      googleMeet: false,
      sendInvitations: false,
      nextCycle: ' Manual ',
      headsUpDays: 10,
      noticeDays: 2,
      newcomersJoinRunningCycle: false,
      skipDates: ' 2027-04-05; 2026-12-21 .. 2027-01-03 ',
      keepMeetingCount: false,
      feedbackNudges: false,
    });
    expect(r).toEqual({
      ok: true,
      settings: {
        cycleWeeks: 12,
        cadence: 'fortnightly',
        meetingMinutes: 45,
        firstMeetingDate: '2027-01-07',
        preferredWeekday: 'Thu',
        preferredTime: '09:05',
        timeZone: 'America/New_York',
        findCommonTime: false,
        keepTeammatesApart: false,
        titleTemplate: 'Coaching {cycle}: {names}',
        googleMeet: false,
        sendInvitations: false,
        nextCycle: 'manual',
        headsUpDays: 10,
        noticeDays: 2,
        newcomersJoinRunningCycle: false,
        skipDates: '2026-12-21..2027-01-03, 2027-04-05',
        keepMeetingCount: false,
        feedbackNudges: false,
      },
    });
  });

  it('a partial update over the base, which it does not change', () => {
    const base = settings({ cycleWeeks: 4, preferredWeekday: 'Fri' });
    const r = validate({ meetingMinutes: 60, sendInvitations: false, cycleWeeks: undefined }, base);
    expect(r).toEqual({ ok: true, settings: { ...base, meetingMinutes: 60, sendInvitations: false } });
    expect(base.meetingMinutes).toBe(30);
  });

  it.each([
    ['cycleWeeks', 1], ['cycleWeeks', 12], ['meetingMinutes', 15], ['meetingMinutes', 120], ['meetingMinutes', 55],
    ['preferredTime', '00:00'], ['preferredTime', '23:30'], ['preferredWeekday', 'SUN'], ['preferredWeekday', 'Sat'],
    ['firstMeetingDate', ''], ['firstMeetingDate', null], ['firstMeetingDate', '   '], ['timeZone', ''], ['timeZone', null],
    ['titleTemplate', '{names}'], ['titleTemplate', '1:1 coaching'], ['cadence', 'WEEKLY'],
    ['nextCycle', 'automatic'], ['nextCycle', 'MANUAL'], ['headsUpDays', 1], ['headsUpDays', 28], ['noticeDays', 14], ['newcomersJoinRunningCycle', false],
  ])('%s = %j', (field, value) => {
    expect(validate({ [field]: value })).toMatchObject({ ok: true });
  });

  it('null for a date or zone means blank', () => {
    expect(validate({ firstMeetingDate: null, timeZone: null }, settings({ firstMeetingDate: '2027-01-05', timeZone: 'UTC' })))
      .toEqual({ ok: true, settings: DEFAULT_SETTINGS });
  });
});

describe('validateSettings rejects', () => {
  it.each<[string, unknown, RegExp]>([
    ['cycleWeeks', 0, /whole number of weeks from 1 to 12/],
    ['cycleWeeks', 13, /from 1 to 12/],
    ['cycleWeeks', 2.5, /whole number/],
    ['cycleWeeks', NaN, /whole number/],
    ['cycleWeeks', Infinity, /whole number/],
    ['cycleWeeks', -6, /from 1 to 12/],
    ['cycleWeeks', '6', /not text/],
    ['cycleWeeks', true, /not true/],
    ['cycleWeeks', [6], /not a list/],
    ['cycleWeeks', { valueOf: 6 }, /not an object/],
    ['cycleWeeks', null, /not empty/],
    ['meetingMinutes', 10, /from 15 to 120 in steps of 5/],
    ['meetingMinutes', 125, /from 15 to 120/],
    ['meetingMinutes', 31, /steps of 5/],
    ['meetingMinutes', '30', /not text/],
    ['cadence', 'daily', /weekly or fortnightly/],
    ['cadence', 'every two weeks', /weekly or fortnightly/],
    ['cadence', 1, /must be text, not a number/],
    ['cadence', '', /weekly or fortnightly/],
    ['preferredWeekday', 'Tu', /day of the week/],
    ['preferredWeekday', 2, /must be text/],
    ['preferredWeekday', 'Funday', /day of the week/],
    ['preferredTime', '24:00', /24-hour time/],
    ['preferredTime', '10:60', /24-hour time/],
    ['preferredTime', '10:07', /5-minute step/],
    ['preferredTime', '10am', /24-hour time/],
    ['preferredTime', '1000', /24-hour time/],
    ['preferredTime', '10:00:00', /24-hour time/],
    ['preferredTime', '', /24-hour time/],
    ['preferredTime', 600, /must be text/],
    ['firstMeetingDate', '2027-02-29', /real date/],
    ['firstMeetingDate', '2027-1-5', /real date/],
    ['firstMeetingDate', '05/01/2027', /YYYY-MM-DD/],
    ['firstMeetingDate', '1999-12-28', /2000 to 2099/],
    ['firstMeetingDate', '2100-01-05', /2000 to 2099/],
    ['firstMeetingDate', new Date('2027-01-05'), /not a date object/],
    ['firstMeetingDate', 1_800_000_000_000, /not a number/],
    ['timeZone', 'Mars/Olympus', /not a time zone/],
    ['timeZone', 'GMT+1', /not a time zone/],
    ['timeZone', 'x'.repeat(65), /not a time zone/],
    ['timeZone', 0, /must be text/],
    ['keepTeammatesApart', 'true', /true or false\), not text/],
    ['keepTeammatesApart', 1, /not a number/],
    ['keepTeammatesApart', null, /not empty/],
    ['googleMeet', 'off', /on or off/],
    ['sendInvitations', {}, /on or off/],
    ['titleTemplate', '', /must not be blank/],
    ['titleTemplate', '   ', /must not be blank/],
    ['titleTemplate', 'x'.repeat(101), /at most 100 characters/],
    ['titleTemplate', 'Coaching {name}', /unknown placeholder \{name\}/],
    ['titleTemplate', 'Coaching {NAMES}', /unknown placeholder/],
    ['titleTemplate', 'Coaching {}', /unknown placeholder \{\}/],
    ['titleTemplate', 'Coaching {names', /brace/],
    ['titleTemplate', 'Coaching } {names}', /brace/],
    ['titleTemplate', 'Coaching\n{names}', /one line/],
    ['titleTemplate', 'Coaching\u0000', /control characters/],
    ['titleTemplate', ['Peer coaching'], /must be text, not a list/],
  ])('%s = %p', (field, value, message) => {
    const r = validate({ [field]: value });
    expect(r.ok).toBe(false);
    expect(problems(r)).toEqual([{ field, message: expect.stringMatching(message) }]);
  });

  it('lists every problem at once, each under its field', () => {
    const r = validate({ cycleWeeks: '6', cadence: 'daily', meetingMinutes: 7, preferredTime: '25:00', googleMeet: 'yes' });
    expect(fieldsOf(r)).toEqual(['cycleWeeks', 'cadence', 'meetingMinutes', 'preferredTime', 'googleMeet']);
    expect(settingsProblemLines(problems(r))).toEqual([
      'Cycle length: must be a whole number of weeks from 1 to 12, not text.',
      'Cadence: must be weekly or fortnightly (every two weeks).',
      'Meeting length: must be a whole number of minutes from 15 to 120 in steps of 5.',
      'Time: must be a 24-hour time like 10:00 or 14:30.',
      'Google Meet: must be on or off (true or false), not text.',
    ]);
  });

  it('a first meeting date that is not on the preferred weekday', () => {
    const r = validate({ firstMeetingDate: '2027-01-06' }); // a Wednesday; the default weekday is Tuesday
    expect(settingsProblemLines(problems(r))).toEqual([
      'First meeting date: 2027-01-06 is a Wednesday, but meetings are on Tuesdays; pick a Tuesday or change the weekday.',
    ]);
    expect(validate({ firstMeetingDate: '2027-01-06', preferredWeekday: 'Wed' }).ok).toBe(true);
  });

  it('a meeting that would end after midnight', () => {
    expect(settingsProblemLines(problems(validate({ preferredTime: '23:45' })))).toEqual([
      'Time: a 30-minute meeting at 23:45 would end after midnight; choose an earlier time.',
    ]);
    expect(validate({ preferredTime: '23:30' }).ok).toBe(true);
    expect(fieldsOf(validate({ preferredTime: '23:00', meetingMinutes: 90 }))).toEqual(['preferredTime']);
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a string', '{"cycleWeeks":6}'],
    ['a number', 6],
    ['an array', [DEFAULT_SETTINGS]],
    ['a Date', new Date('2027-01-05')],
    ['a class instance', new (class Settings { cycleWeeks = 6; })()],
    ['a Map', new Map([['cycleWeeks', 6]])],
    ['a function', () => DEFAULT_SETTINGS],
  ])('%s instead of an object of settings', (_, input) => {
    const r = validate(input);
    expect(r.ok).toBe(false);
    expect(problems(r)).toEqual([{ field: 'settings', message: expect.stringMatching(/^must be an object of settings, not /) }]);
    expect(settingsProblemLines(problems(r))[0]).toMatch(/^Settings: must be an object/);
  });

  it('unknown fields, naming at most five of them', () => {
    const r = validate({ cycleWeeks: 6, colour: 'red', admin: true });
    expect(problems(r)).toEqual([{ field: 'settings', message: 'unknown settings "colour", "admin".' }]);
    const many = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]));
    const m = problems(validate(many));
    expect(m).toHaveLength(1);
    expect(m[0].message).toBe('unknown settings "k0", "k1", "k2", "k3", "k4" and 4995 more.');
    const long = problems(validate({ ['x'.repeat(10_000)]: 1 }))[0].message;
    expect(long.length).toBeLessThan(80);
  });

  it('prototype-pollution keys, without polluting anything', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true, "cycleWeeks": 99}, "constructor": {"prototype": {"polluted": true}}, "cycleWeeks": 4}');
    const r = validate(input);
    expect(problems(r)).toEqual([{ field: 'settings', message: 'unknown settings "__proto__", "constructor".' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    const okOnly = validate(JSON.parse('{"cycleWeeks": 4}'));
    expect(okOnly.ok && Object.getPrototypeOf(okOnly.settings)).toBe(Object.prototype);
  });

  it('a null-prototype object is fine; symbols and accessors are not', () => {
    const bare = Object.assign(Object.create(null), { cycleWeeks: 8 });
    expect(validate(bare)).toEqual({ ok: true, settings: { ...DEFAULT_SETTINGS, cycleWeeks: 8 } });
    expect(fieldsOf(validate({ [Symbol('x')]: 1 }))).toEqual(['settings']);
    let read = false;
    const getter = Object.defineProperty({}, 'cycleWeeks', { enumerable: true, get: () => ((read = true), 6) });
    expect(problems(validate(getter))).toEqual([{ field: 'cycleWeeks', message: 'must be a plain value.' }]);
    expect(read).toBe(false);
  });

  it('huge strings quickly, without echoing them', () => {
    const huge = ' '.repeat(50) + 'a'.repeat(5_000_000);
    const started = Date.now();
    const r = validate({ titleTemplate: huge, preferredTime: huge, firstMeetingDate: huge, timeZone: huge, cadence: huge, preferredWeekday: huge });
    expect(Date.now() - started).toBeLessThan(500);
    expect(fieldsOf(r)).toEqual(['cadence', 'firstMeetingDate', 'preferredWeekday', 'preferredTime', 'timeZone', 'titleTemplate']);
    for (const line of settingsProblemLines(problems(r))) expect(line.length).toBeLessThan(200);
  });

  it('a time zone by the default check (Intl) when none is passed in', () => {
    expect(validateSettings({ timeZone: 'Europe/Paris' }).ok).toBe(true);
    expect(validateSettings({ timeZone: 'europe/paris' }).ok).toBe(false);
  });

  it('never returns the input object or shares it', () => {
    const input = { cycleWeeks: 3 };
    const r = validate(input);
    expect(r.ok && r.settings).not.toBe(input);
  });
});

describe('the stored document', () => {
  const read = (raw: string | null) => readStoredSettings(raw, { isTimeZone: zones });

  it('nothing stored: the defaults, quietly', () => {
    expect(read(null)).toEqual({ settings: DEFAULT_SETTINGS, saved: false, notices: [] });
  });

  it('round-trips through its JSON, with a version', () => {
    const s = settings({ cycleWeeks: 8, cadence: 'fortnightly', firstMeetingDate: '2027-01-05', timeZone: 'UTC', titleTemplate: 'Café {names} ✓' });
    const json = storedSettingsJson(s);
    expect(JSON.parse(json).version).toBe(1);
    expect(read(json)).toEqual({ settings: s, saved: true, notices: [] });
  });

  it.each(['{not json', '', 'null', '[1,2]', '"settings"', '42'])('unreadable %j: every default, said once', (raw) => {
    expect(read(raw)).toEqual({
      settings: DEFAULT_SETTINGS,
      saved: true,
      notices: ['The saved settings could not be read, so every setting is back to its default. Save them again.'],
    });
  });

  it('takes a field added later (Find a common time) at its default, without a notice, from settings saved before it', () => {
    const older = JSON.parse(storedSettingsJson(settings({ cycleWeeks: 8 })));
    delete older.findCommonTime;
    const r = read(JSON.stringify(older));
    expect(r.settings).toEqual(settings({ cycleWeeks: 8, findCommonTime: true }));
    expect(r.notices).toEqual([]);
  });

  it('falls back field by field and says so; unknown (newer or older) fields are ignored', () => {
    const raw = JSON.stringify({ version: 0, cycleWeeks: 'six', cadence: 'fortnightly', meetingMinutes: 45, preferredTime: '9:30', timeZone: 'Mars/Base', retired: 1, __proto__: 1 });
    const r = read(raw);
    expect(r.settings).toEqual({ ...DEFAULT_SETTINGS, cadence: 'fortnightly', meetingMinutes: 45, preferredTime: '09:30' });
    expect(r.notices).toEqual([
      'Cycle length: the saved value must be a whole number of weeks from 1 to 12, not text; using the default (6).',
      'First meeting date was not saved; using the default (the next preferred weekday).',
      'Weekday was not saved; using the default (Tue).',
      'Time zone: the saved value "Mars/Base" is not a time zone; use an IANA name such as Europe/London or America/New_York, or leave it blank for the spreadsheet\'s; using the default (the spreadsheet\'s time zone).',
      'Keep teammates apart was not saved; using the default (on).',
      'Meeting title was not saved; using the default (Peer coaching: {names}).',
      'Google Meet was not saved; using the default (on).',
      'Send invitations was not saved; using the default (on).',
    ]);
  });

  it('repairs contradictions: the date decides the weekday, a meeting past midnight moves', () => {
    const r = read(storedSettingsJson(settings({ firstMeetingDate: '2027-01-06', preferredTime: '23:50' })));
    expect(r.settings).toEqual({ ...DEFAULT_SETTINGS, firstMeetingDate: '2027-01-06', preferredWeekday: 'Wed', preferredTime: '10:00' });
    expect(r.notices).toEqual([
      'Weekday: the saved first meeting date 2027-01-06 is a Wednesday, so meetings are on Wednesdays.',
      'Time: a 30-minute meeting at 23:50 would end after midnight; using 10:00.',
    ]);
  });

  it('whatever is stored, the result validates', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string(), fc.dictionary(fc.constantFrom(...Object.keys(DEFAULT_SETTINGS)), fc.jsonValue()).map((d) => JSON.stringify(d))), (raw) => {
        const r = read(raw);
        expect(validate(r.settings)).toEqual({ ok: true, settings: r.settings });
      }),
    );
  });

  it('the largest valid settings are far inside the 9 KB property limit', () => {
    const s = settings({ titleTemplate: '😀'.repeat(50), timeZone: 'America/New_York', firstMeetingDate: '2099-12-29' });
    expect(validate(s).ok).toBe(true);
    expect(Buffer.byteLength(storedSettingsJson(s), 'utf8')).toBeLessThan(1024);
  });
});

describe('dates', () => {
  it('reads, writes and moves calendar dates, across years and leap days', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(isoDate(dayNumber('2028-02-29')!)).toBe('2028-02-29');
    expect(dayNumber('2027-02-29')).toBeNull();
    expect(dayNumber('2027-13-01')).toBeNull();
    expect(dayNumber('0000-01-01')).toBeNull();
    expect(addDays('2026-12-29', 7)).toBe('2027-01-05');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-01-05', -7)).toBe('2026-12-29');
    expect(weekdayOf('2026-11-23')).toBe(1); // a Monday
    expect(weekdayOf('1969-12-31')).toBe(3); // before the epoch too
    expect(nextWeekdayAfter('2026-11-23', 2)).toBe('2026-11-24');
    expect(nextWeekdayAfter('2026-11-24', 2)).toBe('2026-12-01'); // strictly after
    expect(() => addDays('soon', 1)).toThrow(RangeError);
  });

  it('finds the date of an instant in a zone, not the machine’s', () => {
    const at = new Date('2026-12-31T23:30:00Z');
    expect(isoDateInZone(at, 'UTC')).toBe('2026-12-31');
    expect(isoDateInZone(at, 'Asia/Kolkata')).toBe('2027-01-01');
    expect(isoDateInZone(at, 'America/New_York')).toBe('2026-12-31');
    expect(isoDateInZone(at, 'Not/AZone')).toBe('2026-12-31'); // UTC when unknown
  });
});

describe('cycle dates', () => {
  const firstJan5 = settings({ firstMeetingDate: '2027-01-05' });

  it('cycle 1 starts on the first meeting date; each next one cycle-length weeks later', () => {
    expect(cycleDates(firstJan5, 1, '2026-11-23')).toEqual({ cycle: 1, starts: '2027-01-05', ends: '2027-02-15', meetings: 6 });
    expect(cycleDates(firstJan5, 2, '2026-11-23')).toEqual({ cycle: 2, starts: '2027-02-16', ends: '2027-03-29', meetings: 6 });
    expect(cycleDates(firstJan5, 9, '2030-01-01').starts).toBe('2027-12-07'); // today does not matter once set
  });

  it('blank first meeting date: the next preferred weekday strictly after today', () => {
    expect(firstCycleStart(DEFAULT_SETTINGS, '2026-11-23')).toBe('2026-11-24'); // Monday → Tuesday
    expect(firstCycleStart(DEFAULT_SETTINGS, '2026-11-24')).toBe('2026-12-01'); // a Tuesday → the next one
    expect(cycleDates(settings({ preferredWeekday: 'Fri' }), 1, '2026-12-28')).toEqual({ cycle: 1, starts: '2027-01-01', ends: '2027-02-11', meetings: 6 });
  });

  it('crosses year ends and leap days', () => {
    const s = settings({ firstMeetingDate: '2027-11-30', cycleWeeks: 6 });
    expect(cycleDates(s, 1, '2027-01-01')).toMatchObject({ starts: '2027-11-30', ends: '2028-01-10' });
    expect(cycleDates(s, 2, '2027-01-01')).toMatchObject({ starts: '2028-01-11', ends: '2028-02-21' });
    expect(cycleDates(s, 3, '2027-01-01')).toMatchObject({ starts: '2028-02-22', ends: '2028-04-03' }); // 2028-02-29 inside
    expect(cycleForDate(s, '2028-02-29')).toBe(3);
  });

  it('ignores daylight saving: a cycle over a clock change is still whole days long', () => {
    // Europe and the US change clocks on 2027-03-14 / 2027-03-28 and 2027-10-31 / 2027-11-07.
    const s = settings({ firstMeetingDate: '2027-03-09', timeZone: 'America/New_York' });
    expect(cycleDates(s, 1, '2027-01-01')).toMatchObject({ starts: '2027-03-09', ends: '2027-04-19' });
    expect(meetingDates(s, 1, '2027-01-01')).toEqual(['2027-03-09', '2027-03-16', '2027-03-23', '2027-03-30', '2027-04-06', '2027-04-13']);
    expect(cycleDates(settings({ firstMeetingDate: '2027-10-26' }), 1, '2027-01-01').ends).toBe('2027-12-06');
  });

  it('gives the same dates whatever the machine’s time zone', () => {
    const s = settings({ firstMeetingDate: '2027-03-09', cycleWeeks: 12 });
    const compute = () => [1, 2, 3, 4, 5].map((c) => cycleDates(s, c, '2027-01-01')).concat(cycleDates(DEFAULT_SETTINGS, 1, '2027-03-27'));
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      const expected = compute();
      for (const zone of ['America/Sao_Paulo', 'Pacific/Chatham', 'Pacific/Kiritimati', 'America/St_Johns', 'Europe/London']) {
        process.env.TZ = zone;
        expect(compute()).toEqual(expected);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('counts meetings by cadence', () => {
    expect(meetingsPerCycle({ cycleWeeks: 6, cadence: 'weekly' })).toBe(6);
    expect(meetingsPerCycle({ cycleWeeks: 6, cadence: 'fortnightly' })).toBe(3);
    expect(meetingsPerCycle({ cycleWeeks: 5, cadence: 'fortnightly' })).toBe(3);
    expect(meetingsPerCycle({ cycleWeeks: 1, cadence: 'fortnightly' })).toBe(1);
    const s = settings({ firstMeetingDate: '2027-01-05', cadence: 'fortnightly', cycleWeeks: 5 });
    expect(meetingDates(s, 1, '2027-01-01')).toEqual(['2027-01-05', '2027-01-19', '2027-02-02']);
  });

  it('finds the cycle of a date: 0 before cycle 1', () => {
    expect(cycleForDate(firstJan5, '2027-01-04')).toBe(0);
    expect(cycleForDate(firstJan5, '2027-01-05')).toBe(1);
    expect(cycleForDate(firstJan5, '2027-02-15')).toBe(1);
    expect(cycleForDate(firstJan5, '2027-02-16')).toBe(2);
    expect(cycleForDate(DEFAULT_SETTINGS, '2026-11-23')).toBe(0); // blank: cycle 1 is always ahead of today
    expect(cycleForDate(DEFAULT_SETTINGS, '2026-12-01', '2026-11-23')).toBe(1);
    expect(nextCycle(firstJan5, '2027-01-05')).toMatchObject({ cycle: 2, starts: '2027-02-16' });
    expect(nextCycle(firstJan5, '2026-11-23')).toMatchObject({ cycle: 1, starts: '2027-01-05' });
    expect(nextCycle(DEFAULT_SETTINGS, '2026-11-23')).toMatchObject({ cycle: 1, starts: '2026-11-24' });
  });

  it('refuses a cycle that is not 1, 2, …', () => {
    for (const c of [0, -1, 1.5, NaN]) expect(() => cycleDates(DEFAULT_SETTINGS, c, '2026-11-23')).toThrow(RangeError);
  });

  const arbitrarySettings = fc.record({
    cycleWeeks: fc.integer({ min: 1, max: 12 }),
    cadence: fc.constantFrom<Settings['cadence']>('weekly', 'fortnightly'),
    first: fc.option(fc.integer({ min: dayNumber('2000-01-01')!, max: dayNumber('2099-12-31')! }), { nil: undefined }),
    weekday: fc.constantFrom<Settings['preferredWeekday']>('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'),
  }).map(({ cycleWeeks, cadence, first, weekday }): Settings => {
    const firstMeetingDate = first === undefined ? '' : isoDate(first);
    const preferredWeekday = first === undefined ? weekday : (['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const)[weekdayOf(firstMeetingDate)];
    return settings({ cycleWeeks, cadence, firstMeetingDate, preferredWeekday });
  });
  const arbitraryToday = fc.integer({ min: dayNumber('2000-01-01')!, max: dayNumber('2099-12-31')! }).map(isoDate);

  it('property: the settings used are valid', () => {
    fc.assert(fc.property(arbitrarySettings, (s) => validate(s).ok));
  });

  it('property: consecutive cycles are contiguous, never overlap, start on one weekday', () => {
    fc.assert(
      fc.property(arbitrarySettings, arbitraryToday, fc.integer({ min: 1, max: 200 }), (s, today, c) => {
        const a = cycleDates(s, c, today);
        const b = cycleDates(s, c + 1, today);
        expect(addDays(a.ends, 1)).toBe(b.starts);
        expect(a.starts <= a.ends && a.ends < b.starts).toBe(true);
        expect(weekdayOf(a.starts)).toBe(weekdayOf(b.starts));
        expect(weekdayOf(a.starts)).toBe(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(s.preferredWeekday));
        expect(dayNumber(a.ends)! - dayNumber(a.starts)! + 1).toBe(s.cycleWeeks * 7);
        const dates = meetingDates(s, c, today);
        expect(dates).toHaveLength(a.meetings);
        expect(dates.every((d) => d >= a.starts && d <= a.ends && weekdayOf(d) === weekdayOf(a.starts))).toBe(true);
      }),
    );
  });

  it('property: a cycle’s start, end and every day between fall in that cycle', () => {
    fc.assert(
      fc.property(arbitrarySettings, arbitraryToday, fc.integer({ min: 1, max: 200 }), fc.nat(83), (s, today, c, offset) => {
        const { starts, ends } = cycleDates(s, c, today);
        expect(cycleForDate(s, starts, today)).toBe(c);
        expect(cycleForDate(s, ends, today)).toBe(c);
        const inside = addDays(starts, offset % (s.cycleWeeks * 7));
        expect(cycleForDate(s, inside, today)).toBe(c);
        expect(cycleForDate(s, addDays(starts, -1), today)).toBe(c - 1);
      }),
    );
  });

  it('property: the next cycle starts after today, and the one before it did not', () => {
    fc.assert(
      fc.property(arbitrarySettings, arbitraryToday, (s, today) => {
        const next = nextCycle(s, today);
        expect(next.starts > today).toBe(true);
        if (next.cycle > 1) expect(cycleDates(s, next.cycle - 1, today).starts <= today).toBe(true);
      }),
    );
  });
});

describe('meetingTitle', () => {
  it('fills {names} and {cycle}, every occurrence, and nothing else', () => {
    expect(meetingTitle(DEFAULT_SETTINGS.titleTemplate, { names: 'Ann & Bob', cycle: 3 })).toBe('Peer coaching: Ann & Bob');
    expect(meetingTitle('C{cycle} {names} / {cycle}', { names: '{cycle}', cycle: 2 })).toBe('C2 {cycle} / 2');
  });
});

describe('the lifecycle settings (issue 11)', () => {
  it.each([
    ['nextCycle', 'sometimes', /automatic .* or manual/],
    ['headsUpDays', 0, /from 1 to 28/],
    ['headsUpDays', 29, /from 1 to 28/],
    ['noticeDays', 2.5, /from 1 to 14/],
    ['noticeDays', '3', /from 1 to 14/],
    ['newcomersJoinRunningCycle', 'yes', /on or off/],
  ])('%s = %j is refused', (field, value, message) => {
    const r = validate({ [field]: value });
    expect(fieldsOf(r)).toEqual([field]);
    expect(problems(r)[0].message).toMatch(message);
  });

  it('planning is at most a day less than a cycle ahead, and booking never before planning', () => {
    expect(lifecycleDays(settings())).toEqual({ headsUpDays: 7, noticeDays: 3 });
    expect(lifecycleDays(settings({ cycleWeeks: 1 }))).toEqual({ headsUpDays: 6, noticeDays: 3 });
    expect(lifecycleDays(settings({ cycleWeeks: 1, headsUpDays: 10, noticeDays: 9 }))).toEqual({ headsUpDays: 6, noticeDays: 6 });
    expect(lifecycleDays(settings({ headsUpDays: 2, noticeDays: 5 }))).toEqual({ headsUpDays: 2, noticeDays: 2 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 14 }), (cycleWeeks, headsUpDays, noticeDays) => {
        const d = lifecycleDays({ cycleWeeks, headsUpDays, noticeDays });
        expect(d.headsUpDays).toBeGreaterThanOrEqual(1);
        expect(d.headsUpDays).toBeLessThan(cycleWeeks * 7);
        expect(d.noticeDays).toBeLessThanOrEqual(d.headsUpDays);
        expect(d.noticeDays).toBeLessThanOrEqual(noticeDays);
      }),
    );
  });

  it('settings stored before they existed read as their defaults, without a notice', () => {
    const stored = JSON.stringify({ version: 1, ...Object.fromEntries(Object.entries(DEFAULT_SETTINGS).filter(([k]) => !['nextCycle', 'headsUpDays', 'noticeDays', 'newcomersJoinRunningCycle'].includes(k))), cycleWeeks: 4 });
    expect(readStoredSettings(stored)).toEqual({ settings: { ...DEFAULT_SETTINGS, cycleWeeks: 4 }, saved: true, notices: [] });
  });
});

describe('feedback reminders (issue 13, item 3)', () => {
  it('are on by default, as core/nudge.ts NUDGE_SETTING says', () => {
    expect(DEFAULT_SETTINGS.feedbackNudges).toBe(NUDGE_SETTING.default);
    expect(NUDGE_SETTING.key).toBe('feedbackNudges');
    expect(validate({ feedbackNudges: false })).toEqual({ ok: true, settings: settings({ feedbackNudges: false }) });
  });

  it.each([['true'], [1], [null], [{}]])('a tampered value %j is refused, named', (value) => {
    const r = validate({ feedbackNudges: value });
    expect(fieldsOf(r)).toEqual(['feedbackNudges']);
    expect(settingsProblemLines(problems(r))[0]).toMatch(/^Feedback reminders: must be on or off \(true or false\)/);
  });

  it('settings stored before the switch existed read it as on, without a notice; a bad stored value is named', () => {
    const older = Object.fromEntries(Object.entries(DEFAULT_SETTINGS).filter(([k]) => k !== 'feedbackNudges'));
    expect(readStoredSettings(JSON.stringify({ version: 1, ...older }))).toEqual({ settings: { ...DEFAULT_SETTINGS }, saved: true, notices: [] });
    const bad = readStoredSettings(JSON.stringify({ version: 1, ...older, feedbackNudges: 'no' }));
    expect(bad.settings.feedbackNudges).toBe(true);
    expect(bad.notices).toEqual(['Feedback reminders: the saved value must be on or off (true or false), not text; using the default (on).']);
    expect(readStoredSettings(storedSettingsJson(settings({ feedbackNudges: false }))).settings.feedbackNudges).toBe(false);
  });
});
