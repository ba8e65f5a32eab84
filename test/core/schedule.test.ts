// The pure decisions of scheduling: the Day and time cell, a series' first meeting, the job record
// kept in document properties (under its byte budget), which groups a pass must book.
import {
  MAX_ATTEMPTS,
  MAX_JOB_BYTES,
  formatDayAndTime,
  groupsKey,
  newJob,
  parseDayAndTime,
  parseJob,
  sameMembers,
  scheduleWork,
  serialiseJob,
  seriesTiming,
} from '../../src/core/schedule';
import { row } from './schedule-fixtures';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('the Day and time cell', () => {
  it.each([
    ['Tue 10:00', { weekday: 2, time: '10:00' }],
    ['thursday 9:30', { weekday: 4, time: '09:30' }],
    [' Sun 23:05 ', { weekday: 0, time: '23:05' }],
  ])('reads %j', (text, want) => expect(parseDayAndTime(text)).toEqual(want));

  it.each(['10:00', 'Tue', 'Tue 24:00', 'Xyz 10:00', 'Tue 10.00', ''])('refuses %j', (text) => expect(parseDayAndTime(text)).toBeNull());

  it('writes what it reads', () => expect(parseDayAndTime(formatDayAndTime(3, '14:45'))).toEqual({ weekday: 3, time: '14:45' }));
});

describe('seriesTiming', () => {
  const settings = { cycleWeeks: 6, cadence: 'weekly' as const };
  const zones = (z: string) => ['Europe/London', 'Asia/Tokyo'].includes(z);

  it('starts on the first day of the cycle with the slot\'s weekday', () => {
    expect(seriesTiming(row({ dayAndTime: 'Mon 09:15' }), settings, 'Europe/London', zones)).toEqual({
      ok: true,
      timing: { startDate: '2027-01-11', startTime: '09:15', timeZone: 'Europe/London', count: 6, intervalWeeks: 1, exdates: [] },
    });
    expect(seriesTiming(row(), { cycleWeeks: 6, cadence: 'fortnightly' }, 'Europe/London', zones)).toMatchObject({ timing: { startDate: '2027-01-05', count: 3, intervalWeeks: 2 } });
  });

  it('takes the settings\' zone for a blank Time zone, and names the cell to fix otherwise', () => {
    expect(seriesTiming(row({ timeZone: '' }), settings, 'Asia/Tokyo', zones)).toMatchObject({ timing: { timeZone: 'Asia/Tokyo' } });
    expect(seriesTiming(row({ timeZone: 'Mars/Base' }), settings, 'Asia/Tokyo', zones)).toEqual({ ok: false, reason: 'Time zone "Mars/Base" is not an IANA time zone like Europe/London.' });
    expect(seriesTiming(row({ dayAndTime: 'soon' }), settings, 'Asia/Tokyo', zones)).toEqual({ ok: false, reason: 'Day and time "soon" is not like Tue 10:00.' });
    expect(seriesTiming(row({ starts: '' }), settings, 'Asia/Tokyo', zones)).toEqual({ ok: false, reason: 'Starts is not a date.' });
  });

  it('leaves the meetings on skipped dates out (EXDATE), and says when every meeting is skipped', () => {
    const skip = { ...settings, skipDates: '2027-01-18..2027-01-26' };
    expect(seriesTiming(row({ dayAndTime: 'Mon 09:15' }), skip, 'Europe/London', zones)).toMatchObject({
      timing: { startDate: '2027-01-11', count: 6, exdates: ['2027-01-18', '2027-01-25'] },
    });
    expect(seriesTiming(row({ dayAndTime: 'Mon 09:15' }), { ...settings, skipDates: '2027-01-01..2027-03-31' }, 'Europe/London', zones)).toMatchObject({ ok: false, reason: expect.stringMatching(/^Every meeting between Starts .* falls on a skipped date/) });
  });
});

describe('the job record', () => {
  it('round-trips, and anything unreadable is no job', () => {
    const job = { ...newJob(3, new Date('2027-01-01T00:00:00Z')), slotsFor: 'k', meetPasses: 2, errors: { 'C3-01': { message: 'x', attempts: 2 } }, versions: { 'C3-01': 1 } };
    expect(parseJob(serialiseJob(job))).toEqual(job);
    for (const raw of [null, '', 'not json', '[]', '{"cycle":0}', '{"cycle":"3"}']) expect(parseJob(raw)).toBeNull();
  });

  it('stays under its byte budget with many long non-ASCII errors, counting the groups left out', () => {
    const job = newJob(1, new Date());
    for (let i = 0; i < 250; i++) job.errors[`C1-${String(i).padStart(3, '0')}`] = { message: 'Календарь отказал: '.repeat(20), attempts: 1 };
    const json = serialiseJob(job);
    expect(bytes(json)).toBeLessThanOrEqual(MAX_JOB_BYTES);
    const back = parseJob(json)!;
    const kept = Object.keys(back.errors).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(30);
    expect(back.notice).toBe(`${250 - kept} more groups failed; Retry tries them all.`);
  });
});

describe('groupsKey and sameMembers', () => {
  it('groupsKey changes when the cycle\'s groups change, not with the order of rows or members', () => {
    const a = [row(), row({ group: 'C1-02', members: ['c@x.org', 'd@x.org'] })];
    expect(groupsKey(a)).toBe(groupsKey([a[1], { ...a[0], members: ['b@x.org', 'a@x.org'] }]));
    expect(groupsKey(a)).not.toBe(groupsKey([row({ members: ['a@x.org', 'c@x.org'] }), row({ group: 'C1-02', members: ['b@x.org', 'd@x.org'] })]));
  });

  it('sameMembers compares the guests with the members, case and order aside', () => {
    expect(sameMembers([{ email: 'B@x.org' }, { email: 'a@x.org' }], ['a@x.org', 'b@x.org'])).toBe(true);
    expect(sameMembers([{ email: 'a@x.org' }, { email: 'c@x.org' }], ['a@x.org', 'b@x.org'])).toBe(false);
    expect(sameMembers(undefined, ['a@x.org', 'b@x.org'])).toBe(false);
  });
});

describe('scheduleWork', () => {
  it('books the cycle\'s rows in force without an event, skipping groups given up until Retry', () => {
    const rows = [
      row(),
      row({ index: 2, group: 'C1-02', eventId: 'abcde', meetLink: 'pending', status: 'scheduled' }),
      row({ index: 3, group: 'C1-03', status: 'replaced' }),
      row({ index: 4, group: 'C1-04' }),
      row({ index: 5, cycle: 2, group: 'C2-01' }),
    ];
    const job = { ...newJob(1, new Date()), errors: { 'C1-04': { message: 'no', attempts: MAX_ATTEMPTS } } };
    const work = scheduleWork(rows, job, false);
    expect(work.rows.map((r) => r.group)).toEqual(['C1-01', 'C1-02', 'C1-04']);
    expect(work.unscheduled.map((r) => r.group)).toEqual(['C1-01', 'C1-04']);
    expect(work.toInsert.map((r) => r.group)).toEqual(['C1-01']);
    expect(work.meetPending.map((r) => r.group)).toEqual(['C1-02']);
    expect(scheduleWork(rows, job, true).toInsert.map((r) => r.group)).toEqual(['C1-01', 'C1-04']);
  });
});
