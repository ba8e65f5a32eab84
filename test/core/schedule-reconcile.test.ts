// Comparing a cycle's events with its Rotations rows (core/schedule-reconcile), the series' meetings
// from the row's own dates, and the job record's bound however many groups were replaced.
import fc from 'fast-check';
import { eventId, type CalendarEvent } from '../../src/core/calendar-event';
import { MAX_JOB_BYTES, addRemovals, newJob, removalsNote, parseJob, pruneJob, serialiseJob, seriesTiming, versionOf } from '../../src/core/schedule';
import { ENDED_PROPERTY, eventSlot, orphanEnd, reconcileCycle } from '../../src/core/schedule-reconcile';
import { row } from './schedule-fixtures';

const P = 'prog1';
const event = (group: string, members: string[], version = 0, over: Partial<CalendarEvent> = {}): CalendarEvent => ({
  id: eventId(P, 1, group, version),
  status: 'confirmed',
  attendees: members.map((email) => ({ email })),
  start: { dateTime: '2027-01-08T14:30:00', timeZone: 'Europe/Paris' },
  recurrence: ['RRULE:FREQ=WEEKLY;COUNT=6'],
  extendedProperties: { private: { program: P, cycle: '1', group, version: String(version) } },
  ...over,
});
const zones = () => true;

describe('reconcileCycle', () => {
  it('adopts the event booked for a row without an Event ID, leaves recorded ones, and finds the untracked', () => {
    const rows = [
      row({ group: 'C1-01' }),
      row({ index: 2, group: 'C1-02', members: ['c@x.org', 'd@x.org'], eventId: eventId(P, 1, 'C1-02', 0), status: 'scheduled' }),
    ];
    const events = [event('C1-01', ['a@x.org', 'b@x.org']), event('C1-02', ['c@x.org', 'd@x.org']), event('C1-03', ['e@x.org', 'f@x.org'])];
    const r = reconcileCycle(rows, events, P, 1, 0);
    expect(r.adopt.map((a) => a.row.group)).toEqual(['C1-01']);
    expect(r.orphans.map((o) => [o.groupId, o.reason])).toEqual([['C1-03', 'deleted']]);
    expect(r.base).toBe(1);
    expect(r.taken.size).toBe(3);
  });

  it('never adopts a replaced row\'s event for the new group with the same id and members; it is removed, and new ids go above it', () => {
    const old = eventId(P, 1, 'C1-01', 0);
    const rows = [row({ status: 'replaced', eventId: old }), row({ index: 2 })];
    const r = reconcileCycle(rows, [event('C1-01', ['a@x.org', 'b@x.org'])], P, 1, 0);
    expect(r.adopt).toEqual([]);
    expect(r.orphans.map((o) => o.reason)).toEqual(['replaced']);
    expect(r.base).toBe(1);
  });

  it('of two bookings of one group, adopts the newest and removes the other as a duplicate', () => {
    const r = reconcileCycle([row()], [event('C1-01', ['a@x.org', 'b@x.org'], 0), event('C1-01', ['a@x.org', 'b@x.org'], 2)], P, 1, 0);
    expect(r.adopt.map((a) => a.event.id)).toEqual([eventId(P, 1, 'C1-01', 2)]);
    expect(r.orphans.map((o) => [o.version, o.reason])).toEqual([[0, 'duplicate']]);
  });

  it('ignores deleted and ended events, other cycles and other programs', () => {
    const events = [
      event('C1-05', ['a@x.org', 'z@x.org'], 0, { status: 'cancelled' }),
      event('C1-06', ['a@x.org', 'z@x.org'], 0, { extendedProperties: { private: { program: P, cycle: '1', [ENDED_PROPERTY]: '2027-01-20T00:00:00Z' } } }),
      { ...event('C1-07', ['a@x.org', 'z@x.org']), id: eventId(P, 2, 'C1-07', 0) },
      { ...event('C1-08', ['a@x.org', 'z@x.org']), id: eventId('other', 1, 'C1-08', 0) },
      { ...event('C1-09', ['a@x.org', 'z@x.org']), id: 'someoneelse1234' },
    ];
    const r = reconcileCycle([row()], events, P, 1, 3);
    expect(r).toMatchObject({ adopt: [], orphans: [], base: 3 });
  });

  it('property: every listed event of the cycle is tracked, adopted or an orphan, exactly once; no row adopts two', () => {
    const groups = ['C1-01', 'C1-02', 'C1-03', 'C1-04'];
    const pairs = [['a@x.org', 'b@x.org'], ['c@x.org', 'd@x.org'], ['a@x.org', 'c@x.org']];
    fc.assert(
      fc.property(
        fc.array(fc.record({ g: fc.integer({ min: 0, max: 3 }), p: fc.integer({ min: 0, max: 2 }), status: fc.constantFrom('planned', 'scheduled', 'replaced'), recorded: fc.integer({ min: -1, max: 3 }) }), { maxLength: 6 }),
        fc.array(fc.record({ g: fc.integer({ min: 0, max: 3 }), p: fc.integer({ min: 0, max: 2 }), v: fc.integer({ min: 0, max: 3 }) }), { maxLength: 8 }),
        (rs, es) => {
          const seen = new Set<string>();
          const events = es.map((e) => event(groups[e.g], pairs[e.p], e.v)).filter((e) => !seen.has(e.id!) && seen.add(e.id!));
          const rows = rs.map((x, i) => row({ index: i + 1, group: groups[x.g], members: pairs[x.p], status: x.status, eventId: x.recorded >= 0 ? eventId(P, 1, groups[x.g], x.recorded) : '' }));
          const r = reconcileCycle(rows, events, P, 1, 0);
          const live = new Set(rows.filter((x) => x.status !== 'replaced').map((x) => x.eventId));
          const tracked = events.filter((e) => live.has(e.id!)).map((e) => e.id);
          const all = [...tracked, ...r.adopt.map((a) => a.event.id), ...r.orphans.map((o) => o.event.id)].sort();
          expect(all).toEqual(events.map((e) => e.id).sort());
          expect(new Set(r.adopt.map((a) => a.row)).size).toBe(r.adopt.length);
          for (const a of r.adopt) expect(a.row.eventId).toBe('');
          for (const o of r.orphans) expect(r.base).toBeGreaterThan(o.version);
        },
      ),
    );
  });
});

describe('what the sheet states of an event, and how an untracked one leaves', () => {
  it('the Day and time and Time zone of an event\'s first meeting', () => {
    expect(eventSlot(event('C1-01', []))).toEqual({ dayAndTime: 'Fri 14:30', timeZone: 'Europe/Paris' });
    expect(eventSlot({ start: { dateTime: '2027-01-08T14:30:00Z' } })).toBeNull();
  });

  it('removed before its first meeting; ended at now after it, with UNTIL in UTC and the ended mark', () => {
    const e = event('C1-01', [], 0, { recurrence: ['RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=3'] });
    expect(orphanEnd(e, Date.parse('2027-01-08T13:29:00Z'))).toEqual({ kind: 'remove' });
    const ended = orphanEnd(e, Date.parse('2027-01-20T09:15:30.123Z'));
    expect(ended).toEqual({
      kind: 'end',
      patch: { recurrence: ['RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20270120T091530Z'], extendedProperties: { private: { [ENDED_PROPERTY]: '2027-01-20T09:15:30.123Z' } } },
    });
  });
});

describe('a series\' meetings come from its row', () => {
  it('from the first meeting to Ends, whatever cycle length the settings say now', () => {
    expect(seriesTiming(row(), { cycleWeeks: 12, cadence: 'weekly' }, 'Europe/London', zones)).toMatchObject({ ok: true, timing: { startDate: '2027-01-05', count: 6 } });
    expect(seriesTiming(row({ dayAndTime: 'Mon 09:00' }), { cycleWeeks: 2, cadence: 'weekly' }, 'Europe/London', zones)).toMatchObject({ timing: { startDate: '2027-01-11', count: 6 } });
    expect(seriesTiming(row({ dayAndTime: 'Fri 09:00' }), { cadence: 'fortnightly' }, 'Europe/London', zones)).toMatchObject({ timing: { startDate: '2027-01-08', count: 3 } });
  });

  it('refuses a row without Ends, or whose weekday never falls inside its dates, naming the cell', () => {
    expect(seriesTiming(row({ ends: '' }), { cadence: 'weekly' }, 'Europe/London', zones)).toEqual({ ok: false, reason: 'Ends is not a date.' });
    expect(seriesTiming(row({ ends: '2027-01-07', dayAndTime: 'Fri 09:00' }), { cadence: 'weekly' }, 'Europe/London', zones)).toEqual({
      ok: false,
      reason: 'No Fri falls between Starts 2027-01-05 and Ends 2027-01-07.',
    });
  });
});

describe('the job record keeps only what the running job needs', () => {
  it('counts what was removed, naming the first deleted rows\' groups, in one note', () => {
    const job = newJob(1, new Date(0));
    addRemovals(job.removed, 'replaced', 50);
    addRemovals(job.removed, 'replaced', 651);
    addRemovals(job.removed, 'deleted', 1, ['C1-02 (Ann, Bob)']);
    expect(removalsNote(parseJob(serialiseJob(job))!.removed)).toBe(
      'Rows deleted from Rotations: the invitations of C1-02 (Ann, Bob) were removed from calendars. 701 replaced invitations were removed from calendars.',
    );
    addRemovals(job.removed, 'deleted', 6, ['a', 'b', 'c', 'd', 'e', 'f']);
    expect(removalsNote(job.removed)).toMatch(/C1-02 \(Ann, Bob\); a; b; c; d and 2 more groups were removed/);
  });

  it('prunes errors and version bumps of groups no longer to book', () => {
    const job = { ...newJob(1, new Date(0)), base: 1, errors: { 'C1-01': { message: 'x', attempts: 1 }, 'C1-02': { message: 'y', attempts: 1 } }, versions: { 'C1-01': 3, 'C1-02': 2, 'C1-03': 1 } };
    pruneJob(job, ['C1-01', 'C1-03']);
    expect(job.errors).toEqual({ 'C1-01': { message: 'x', attempts: 1 } });
    expect(job.versions).toEqual({ 'C1-01': 3 }); // C1-03's bump is not above the base
  });

  it('property: whatever the number of bumped groups, the record fits, and no group\'s version goes down', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 3 }), (groups, errors, base) => {
        const job = newJob(7, new Date(0));
        job.base = base;
        for (let i = 0; i < groups; i++) job.versions[`C7-${String(i + 1).padStart(4, '0')}`] = base + 1 + (i % 3);
        for (let i = 0; i < errors; i++) job.errors[`C7-${i}`] = { message: 'é'.repeat(300), attempts: 1 };
        addRemovals(job.removed, 'deleted', 40, Array.from({ length: 40 }, (_, i) => `C7-${i} (${'é'.repeat(300)})`));
        const raw = serialiseJob(job);
        expect(Buffer.byteLength(raw, 'utf8')).toBeLessThanOrEqual(MAX_JOB_BYTES);
        const back = parseJob(raw)!;
        for (const g of Object.keys(job.versions)) expect(versionOf(back, g)).toBeGreaterThanOrEqual(versionOf(job, g));
      }),
      { numRuns: 40 },
    );
  });
});
