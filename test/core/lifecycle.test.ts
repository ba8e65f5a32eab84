// The tick's cycle decisions: when to plan, book, report an invalid roster, digest a cycle's end;
// and that repeated or overlapping runs never make two cycles for the same dates.
import fc from 'fast-check';
import {
  NO_MARKERS,
  decideTick,
  markersJson,
  readMarkers,
  recordAction,
  runningCycle,
  summariseCycles,
} from '../../src/core/lifecycle';
import type { LifecycleAction, LifecycleMarkers, RotationRowSummary, TickState } from '../../src/core/lifecycle';
import { addDays } from '../../src/core/dates';

const settings = { cycleWeeks: 6, cadence: 'weekly' as const };
const LIFECYCLE = { nextCycle: 'automatic' as const, headsUpDays: 7, noticeDays: 3, newcomersJoinRunningCycle: true };
const cycle1: RotationRowSummary[] = [
  { cycle: 1, starts: '2027-01-05', ends: '2027-02-15', status: 'scheduled' },
  { cycle: 1, starts: '2027-01-05', ends: '2027-02-15', status: 'scheduled' },
];
const state = (now: string, extra: Partial<TickState> = {}): TickState => ({
  now,
  zone: 'Europe/London',
  settings,
  lifecycle: { ...LIFECYCLE },
  rows: cycle1,
  rosterValid: true,
  markers: { ...NO_MARKERS, plannedAt: {}, confirmedAt: {} },
  ...extra,
});
const kinds = (a: LifecycleAction[]) => a.map((x) => x.kind);

describe('summariseCycles', () => {
  test('a cycle is booked once any row is scheduled or changed, cancelled when no row is live', () => {
    expect(
      summariseCycles([
        { cycle: 2, starts: '2027-02-16', ends: '2027-03-29', status: 'planned' },
        { cycle: 1, starts: '2027-01-19', ends: '2027-02-15', status: 'scheduled' },
        { cycle: 1, starts: '2027-01-05', ends: '2027-02-15', status: 'changed' },
        { cycle: 3, starts: '2027-03-30', ends: '2027-05-10', status: 'cancelled' },
        { cycle: 3, starts: '2027-03-30', ends: '2027-05-10', status: 'replaced' },
        { cycle: 0, starts: 'x', ends: '', status: 'planned' },
      ]),
    ).toEqual([
      { cycle: 1, starts: '2027-01-05', ends: '2027-02-15', state: 'booked' },
      { cycle: 2, starts: '2027-02-16', ends: '2027-03-29', state: 'planned' },
      { cycle: 3, starts: '2027-03-30', ends: '2027-05-10', state: 'cancelled' },
    ]);
  });
});

describe('runningCycle', () => {
  test('the booked cycle today falls in, else null', () => {
    const cycles = summariseCycles([...cycle1, { cycle: 2, starts: '2027-02-16', ends: '2027-03-29', status: 'planned' }]);
    expect(runningCycle(cycles, '2027-01-04')).toBeNull();
    expect(runningCycle(cycles, '2027-01-05')).toMatchObject({ cycle: 1 });
    expect(runningCycle(cycles, '2027-02-15')).toMatchObject({ cycle: 1 });
    expect(runningCycle(cycles, '2027-02-16')).toBeNull(); // cycle 2 is planned, not booked
  });
});

describe('decideTick', () => {
  test('nothing before cycle 1: the owner starts the program', () => {
    expect(decideTick(state('2027-01-01T09:00:00Z', { rows: [] }))).toEqual([{ kind: 'none' }]);
  });

  test('plans the next cycle heads-up days before it starts, on the local date, with dates from the previous Starts', () => {
    expect(decideTick(state('2027-02-08T23:30:00Z'))).toEqual([{ kind: 'none' }]);
    expect(decideTick(state('2027-02-09T00:30:00Z'))).toEqual([
      { kind: 'plan-next', cycle: 2, starts: '2027-02-16', ends: '2027-03-29', meetings: 6, key: '2@2027-02-16' },
    ]);
    // 23:30Z on the 8th is already the 9th in Tokyo.
    expect(kinds(decideTick(state('2027-02-08T23:30:00Z', { zone: 'Asia/Tokyo' })))).toEqual(['plan-next']);
  });

  test('firing twice in the same hour, or an overlapping run that still sees no rows, plans once; a failed plan is retried after the hour', () => {
    const first = decideTick(state('2027-02-09T08:05:00Z'));
    expect(kinds(first)).toEqual(['plan-next']);
    const markers = recordAction(NO_MARKERS, first[0], '2027-02-09T08:05:00Z');
    expect(decideTick(state('2027-02-09T08:05:00Z', { markers }))).toEqual([{ kind: 'none' }]);
    expect(decideTick(state('2027-02-09T08:59:00Z', { markers }))).toEqual([{ kind: 'none' }]);
    expect(kinds(decideTick(state('2027-02-09T09:06:00Z', { markers })))).toEqual(['plan-next']);
    const planned = [...cycle1, { cycle: 2, starts: '2027-02-16', ends: '2027-03-29', status: 'planned' }];
    expect(decideTick(state('2027-02-09T09:06:00Z', { markers, rows: planned }))).toEqual([{ kind: 'none' }]);
  });

  test('books a planned cycle notice days before, once, unless the owner did; late when the start has passed', () => {
    const planned = [...cycle1, { cycle: 2, starts: '2027-02-16', ends: '2027-03-29', status: 'planned' }];
    expect(decideTick(state('2027-02-12T12:00:00Z', { rows: planned }))).toEqual([{ kind: 'none' }]);
    const due = decideTick(state('2027-02-13T07:00:00Z', { rows: planned }));
    expect(due).toEqual([{ kind: 'confirm-next', late: false, cycle: 2, starts: '2027-02-16', ends: '2027-03-29', meetings: 6, key: '2@2027-02-16' }]);
    const markers = recordAction(NO_MARKERS, due[0], '2027-02-13T07:00:00Z');
    expect(decideTick(state('2027-02-13T07:30:00Z', { rows: planned, markers }))).toEqual([{ kind: 'none' }]);
    const booked = [...cycle1, { cycle: 2, starts: '2027-02-16', ends: '2027-03-29', status: 'scheduled' }];
    expect(decideTick(state('2027-02-13T09:00:00Z', { rows: booked, markers }))).toEqual([{ kind: 'none' }]);
    expect(decideTick(state('2027-02-17T09:00:00Z', { rows: planned }))).toMatchObject([{ kind: 'cycle-ended', cycle: 1 }, { kind: 'confirm-next', late: true }]);
  });

  test('manual: the tick neither plans nor books, but still digests a cycle’s end', () => {
    const manual = { ...LIFECYCLE, nextCycle: 'manual' as const };
    expect(decideTick(state('2027-02-10T09:00:00Z', { lifecycle: manual }))).toEqual([{ kind: 'none' }]);
    expect(decideTick(state('2027-02-16T09:00:00Z', { lifecycle: manual }))).toEqual([{ kind: 'cycle-ended', cycle: 1, starts: '2027-01-05', ends: '2027-02-15' }]);
  });

  test('an invalid roster plans nothing and is reported at most once a local day', () => {
    const r = decideTick(state('2027-02-10T09:00:00Z', { rosterValid: false }));
    expect(r).toEqual([{ kind: 'report-invalid-roster', blocked: 'plan-next', cycle: 2, starts: '2027-02-16' }]);
    const markers = recordAction(NO_MARKERS, r[0], '2027-02-10T09:00:00Z');
    expect(decideTick(state('2027-02-10T23:30:00Z', { rosterValid: false, markers }))).toEqual([{ kind: 'none' }]);
    expect(kinds(decideTick(state('2027-02-11T00:10:00Z', { rosterValid: false, markers })))).toEqual(['report-invalid-roster']);
    expect(kinds(decideTick(state('2027-02-10T10:00:00Z', { markers })))).toEqual(['plan-next']);
    const planned = [...cycle1, { cycle: 2, starts: '2027-02-16', ends: '2027-03-29', status: 'planned' }];
    expect(decideTick(state('2027-02-14T09:00:00Z', { rosterValid: false, rows: planned }))).toMatchObject([{ kind: 'report-invalid-roster', blocked: 'confirm-next' }]);
  });

  test('a cycle’s end is digested once, the day after it ends', () => {
    const manual = { lifecycle: { ...LIFECYCLE, nextCycle: 'manual' as const } };
    expect(kinds(decideTick(state('2027-02-15T22:00:00Z', manual)))).toEqual(['none']);
    const r = decideTick(state('2027-02-16T00:30:00Z', manual));
    expect(r[0]).toEqual({ kind: 'cycle-ended', cycle: 1, starts: '2027-01-05', ends: '2027-02-15' });
    const markers = recordAction(NO_MARKERS, r[0], '2027-02-16T00:30:00Z');
    expect(kinds(decideTick(state('2027-02-16T01:30:00Z', { markers })))).not.toContain('cycle-ended');
  });

  test('after a long outage the next cycle keeps the weekday grid and never starts in the past; a cancelled cycle is followed by the next', () => {
    expect(decideTick(state('2027-03-25T09:00:00Z'))).toMatchObject([{ kind: 'cycle-ended' }, { kind: 'plan-next', cycle: 2, starts: '2027-03-30' }]);
    const cancelled = [...cycle1, { cycle: 2, starts: '2027-02-16', ends: '2027-03-29', status: 'cancelled' }];
    expect(decideTick(state('2027-03-25T09:00:00Z', { rows: cancelled, markers: { ...NO_MARKERS, cycleEndReported: 1 } }))).toEqual([
      { kind: 'plan-next', cycle: 3, starts: '2027-03-30', ends: '2027-05-10', meetings: 6, key: '3@2027-03-30' },
    ]);
  });

  test('markers survive storage; unreadable ones count as not done', () => {
    const m: LifecycleMarkers = { plannedAt: { '2@2027-02-16': '2027-02-09T08:05:00.000Z' }, confirmedAt: {}, toldOwnerInvalidAt: null, cycleEndReported: 1 };
    expect(readMarkers(markersJson(m))).toEqual(m);
    expect(readMarkers('{oops')).toEqual(NO_MARKERS);
    expect(readMarkers(JSON.stringify({ plannedAt: { a: 'never' }, cycleEndReported: -1 }))).toEqual(NO_MARKERS);
  });

  test('property: half a year of hourly ticks, fired 1–3 times an hour, some runs on stale rows, gives consecutive cycles, each planned and booked once, never overlapping', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 24 * 7, maxLength: 24 * 7 }),
        fc.array(fc.boolean(), { minLength: 37, maxLength: 37 }),
        fc.integer({ min: 1, max: 14 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom('Europe/London', 'Asia/Tokyo', 'America/Los_Angeles'),
        (firings, staleness, headsUp, notice, zone) => {
          const lifecycle = { ...LIFECYCLE, headsUpDays: headsUp, noticeDays: Math.min(notice, headsUp) };
          let rows: RotationRowSummary[] = [...cycle1];
          let markers: LifecycleMarkers = { ...NO_MARKERS, plannedAt: {}, confirmedAt: {} };
          const planned: string[] = [];
          const booked: string[] = [];
          let staleRows = rows;
          const start = Date.parse('2027-01-10T00:17:00Z');
          for (let h = 0; h < 190 * 24; h++) {
            const now = new Date(start + h * 3_600_000).toISOString();
            const times = firings[h % firings.length];
            for (let k = 0; k < times; k++) {
              // An overlapping run may have read the rows before the previous run wrote them; it
              // reads the markers under the lock, after the previous run recorded them.
              const view = k > 0 && staleness[(h + k) % staleness.length] ? staleRows : rows;
              for (const a of decideTick({ now, zone, settings, lifecycle, rows: view, rosterValid: true, markers })) {
                markers = recordAction(markers, a, now);
                if (a.kind === 'plan-next') {
                  planned.push(a.key);
                  rows = [...rows, { cycle: a.cycle, starts: a.starts, ends: a.ends, status: 'planned' }];
                } else if (a.kind === 'confirm-next') {
                  booked.push(a.key);
                  rows = rows.map((r) => (r.cycle === a.cycle ? { ...r, status: 'scheduled' } : r));
                }
              }
            }
            staleRows = rows;
          }
          expect(new Set(planned).size).toBe(planned.length);
          // The last cycle planned may not be due for booking yet when the run stops.
          expect(booked).toEqual(planned.slice(0, booked.length));
          expect(booked.length).toBeGreaterThanOrEqual(planned.length - 1);
          const cycles = summariseCycles(rows);
          expect(cycles.map((c) => c.cycle)).toEqual(cycles.map((_, i) => i + 1));
          for (let i = 1; i < cycles.length; i++) expect(cycles[i].starts).toBe(addDays(cycles[i - 1].ends, 1));
          expect(cycles.length).toBeGreaterThanOrEqual(4);
        },
      ),
      { numRuns: 4 },
    );
  });
});
