// seriesTiming with the members' Away dates (issue 14, item 3): the group's meetings on a date a
// member is away are EXDATEs of its one series, with the settings' skipped dates; not made up.
import { seriesTiming } from '../../src/core/schedule';
import { row } from './schedule-fixtures';

const zones = () => true;
const weekly = { cadence: 'weekly' as const };
// row(): Tue 10:00, 2027-01-05 to 2027-02-15: 01-05, 01-12, 01-19, 01-26, 02-02, 02-09.
const ann = { email: 'a@x.org', name: 'Ann', away: [{ from: '2027-01-19', to: '2027-01-19' }] };
const bob = { email: 'b@x.org', name: 'Bob', away: [] };

describe('seriesTiming with members away', () => {
  it('a member away one Tuesday: that date is an EXDATE, the series keeps its six-week grid', () => {
    expect(seriesTiming(row(), weekly, 'Europe/London', zones, [ann, bob])).toEqual({
      ok: true,
      timing: { startDate: '2027-01-05', startTime: '10:00', timeZone: 'Europe/London', count: 6, intervalWeeks: 1, exdates: ['2027-01-19'] },
    });
  });

  it("nobody away, or no members given: as before (no EXDATE)", () => {
    const plain = seriesTiming(row(), weekly, 'Europe/London', zones);
    expect(seriesTiming(row(), weekly, 'Europe/London', zones, [bob])).toEqual(plain);
    expect(plain).toMatchObject({ ok: true, timing: { count: 6, exdates: [] } });
  });

  it("with the settings' skipped dates: both are left out, in date order", () => {
    const t = seriesTiming(row(), { ...weekly, skipDates: '2027-02-02' }, 'Europe/London', zones, [ann, bob]);
    expect(t).toMatchObject({ ok: true, timing: { count: 6, exdates: ['2027-01-19', '2027-02-02'] } });
  });

  it('away for the first and last meetings: the series starts and ends inside, not made up elsewhere', () => {
    const edges = { ...ann, away: [{ from: '2027-01-01', to: '2027-01-05' }, { from: '2027-02-09', to: '2027-02-28' }] };
    expect(seriesTiming(row(), weekly, 'Europe/London', zones, [edges, bob])).toMatchObject({
      ok: true,
      timing: { startDate: '2027-01-12', count: 4, exdates: [] },
    });
  });

  it('a member away for every meeting: the row cannot be scheduled, and the reason names who', () => {
    const always = { ...ann, away: [{ from: '2027-01-01', to: '2027-03-01' }] };
    const t = seriesTiming(row(), weekly, 'Europe/London', zones, [always, bob]);
    expect(t.ok).toBe(false);
    if (!t.ok) expect(t.reason).toMatch(/^Every meeting between Starts 2027-01-05 and Ends 2027-02-15 falls on a date a member is away \(Ann is away\): check the Roster's Away dates, or regroup them\.$/);
  });
});
