// One organizer as pure decisions (core/organizer.ts): a take-over at any instant splits each
// booked row's meetings exactly (the old row keeps those up to the take-over, the new row holds
// the rest, none lost or doubled), a run again after the new rows were added adds none twice, the
// old organizer's events are cut at the end of their row's Ends day, and the stored record is
// read tolerantly.
import fc from 'fast-check';
import { eventId, type CalendarEvent } from '../../src/core/calendar-event';
import { addDays } from '../../src/core/dates';
import { formerOrganizerOrphans, isOrganizer, parseHandovers, planRehome, serialiseHandovers } from '../../src/core/organizer';
import { seriesTiming, type ScheduleRow } from '../../src/core/schedule';
import { isKnownTimeZone } from '../../src/core/roster';
import { localInstant } from '../../src/core/zones';

const ZONE = 'Europe/London';

function row(index: number, group: string, over: Partial<ScheduleRow> = {}): ScheduleRow {
  return {
    index,
    cycle: 1,
    starts: '2027-01-05',
    ends: '2027-02-15',
    group,
    members: [`${group.toLowerCase()}a@example.com`, `${group.toLowerCase()}b@example.com`],
    dayAndTime: 'Tue 10:00',
    timeZone: ZONE,
    status: 'scheduled',
    eventId: eventId('p1', 1, group, 0),
    meetLink: '',
    notes: '',
    ...over,
  };
}

/** The meeting dates a row's series holds. */
function meetings(r: ScheduleRow, weeks = 1): string[] {
  const t = seriesTiming(r, { cadence: weeks === 1 ? 'weekly' : 'fortnightly' }, ZONE, isKnownTimeZone);
  if (!t.ok) return [];
  return Array.from({ length: t.timing.count }, (_, k) => addDays(t.timing.startDate, 7 * t.timing.intervalWeeks * k));
}

describe('planRehome', () => {
  it('at any instant, the old rows keep the meetings up to it and the new rows hold the rest, once', () => {
    const start = localInstant('2027-01-04', 0, ZONE);
    const end = localInstant('2027-02-16', 0, ZONE);
    fc.assert(
      fc.property(fc.integer({ min: start, max: end }), fc.constantFrom<'weekly' | 'fortnightly'>('weekly', 'fortnightly'), (at, cadence) => {
        const rows = [row(1, 'C1-01'), row(2, 'C1-02', { dayAndTime: 'Thu 16:30', timeZone: 'America/New_York' }), row(3, 'C1-03', { eventId: '' })];
        const plan = planRehome(rows, at, { cadence }, ZONE);
        const weeks = cadence === 'weekly' ? 1 : 2;
        expect(plan.retire.map((r) => r.row.group)).toEqual(plan.add.map((a) => a.row.group));
        expect(plan.retire.some((r) => r.row.group === 'C1-03')).toBe(false); // not booked: the new organizer books it
        for (const { row: old, ends } of plan.retire) {
          const added = plan.add.find((a) => a.row === old)!;
          const kept = meetings({ ...old, ends }, weeks);
          const moved = meetings({ ...old, starts: added.starts }, weeks);
          expect([...kept, ...moved]).toEqual(meetings(old, weeks));
          expect(moved.length).toBeGreaterThan(0);
          // Every kept meeting starts by the take-over, every moved one after it.
          const t = seriesTiming(old, { cadence }, ZONE, isKnownTimeZone);
          const minutes = (d: string) => localInstant(d, Number(old.dayAndTime.slice(4, 6)) * 60 + Number(old.dayAndTime.slice(7, 9)), t.ok ? t.timing.timeZone : ZONE);
          expect(kept.every((d) => minutes(d) <= at)).toBe(true);
          expect(moved.every((d) => minutes(d) > at)).toBe(true);
        }
        // Rows whose meetings are all past are left alone.
        for (const r of rows.filter((x) => x.eventId !== '' && !plan.retire.some((p) => p.row === x))) expect(meetings(r, weeks).length).toBeGreaterThan(0);
      }),
    );
  });

  it('run again after the new rows were written (the old ones not yet), it adds none twice', () => {
    const at = Date.parse('2027-01-20T12:00:00Z');
    const rows = [row(1, 'C1-01'), row(2, 'C1-02')];
    const first = planRehome(rows, at, { cadence: 'weekly' }, ZONE);
    expect(first.add.map((a) => a.starts)).toEqual(['2027-01-26', '2027-01-26']);
    const written = [...rows, ...first.add.map((a, k) => ({ ...a.row, index: 3 + k, starts: a.starts, eventId: '' }))];
    const again = planRehome(written, at, { cadence: 'weekly' }, ZONE);
    expect(again.retire.map((r) => [r.row.index, r.ends])).toEqual([[1, '2027-01-25'], [2, '2027-01-25']]);
    expect(again.add).toEqual([]);
  });

  it('the version floor is above every id the cycle recorded; an empty or finished program moves nothing', () => {
    const rows = [row(1, 'C1-01', { eventId: eventId('p1', 1, 'C1-01', 3), status: 'replaced' }), row(2, 'C1-01')];
    expect(planRehome(rows, Date.parse('2027-01-01T00:00:00Z'), { cadence: 'weekly' }, ZONE).base).toBe(4);
    expect(planRehome([], 0, { cadence: 'weekly' }, ZONE)).toEqual({ cycle: 0, retire: [], add: [], base: 0 });
    expect(planRehome(rows, Date.parse('2027-03-01T00:00:00Z'), { cadence: 'weekly' }, ZONE).retire).toEqual([]);
  });
});

describe('formerOrganizerOrphans', () => {
  const event = (group: string, version: number, extra: Partial<CalendarEvent> = {}): CalendarEvent => ({
    id: eventId('p1', 1, group, version),
    start: { dateTime: '2027-01-05T10:00:00', timeZone: ZONE },
    ...extra,
  });

  it('the events no row in force tracks, each cut at the end of its retired row’s Ends day, never after now', () => {
    const now = Date.parse('2027-01-30T12:00:00Z');
    const rows = [row(1, 'C1-01', { status: 'changed', ends: '2027-01-25' }), row(2, 'C1-01', { starts: '2027-01-26', eventId: eventId('p1', 1, 'C1-01', 1) })];
    const got = formerOrganizerOrphans(rows, [event('C1-01', 0), event('C1-01', 1), event('C1-02', 0, { status: 'cancelled' }), event('C1-03', 0, { extendedProperties: { private: { ended: 'x' } } })], 'p1', 1, now);
    expect(got.map((o) => [o.orphan.groupId, o.orphan.version, new Date(o.cutMs).toISOString()])).toEqual([['C1-01', 0, '2027-01-25T23:59:59.000Z']]);
    // Another program's or cycle's events are not this one's.
    expect(formerOrganizerOrphans(rows, [{ ...event('C1-01', 0), id: eventId('p2', 1, 'C1-01', 0) }, { ...event('C1-01', 0), id: eventId('p1', 2, 'C1-01', 0) }], 'p1', 1, now)).toEqual([]);
    // Cut before now only: a take-over later than now (a clock behind) ends it now.
    expect(formerOrganizerOrphans(rows, [event('C1-01', 0)], 'p1', 1, Date.parse('2027-01-21T00:00:00Z'))[0].cutMs).toBe(Date.parse('2027-01-21T00:00:00Z'));
  });
});

describe('the record', () => {
  it('reads take-overs tolerantly and keeps the newest 20', () => {
    const h = { from: 'A@example.com', to: 'b@example.com', at: '2027-01-20T12:00:00.000Z', cycle: 1, rehomed: true };
    expect(parseHandovers(JSON.stringify([h, { ...h, cycle: -1 }, { ...h, at: 'soon' }, null, 'x']))).toEqual([{ ...h, from: 'a@example.com' }]);
    expect(parseHandovers('{')).toEqual([]);
    expect(parseHandovers(undefined)).toEqual([]);
    expect(parseHandovers(serialiseHandovers(Array.from({ length: 25 }, (_, i) => ({ ...h, cycle: i }))))).toHaveLength(20);
  });

  it('the organizer books; anyone while none is recorded or Google withholds the email', () => {
    expect(isOrganizer('A@example.com', 'a@example.com')).toBe(true);
    expect(isOrganizer('a@example.com', 'b@example.com')).toBe(false);
    expect(isOrganizer('', 'b@example.com')).toBe(true);
    expect(isOrganizer('a@example.com', '')).toBe(true);
  });
});
