// The invariant of the lifecycle work: every participant's calendar holds exactly the meetings the
// Rotations sheet states. From Rotations' displayed rows (Starts, Ends, Day and time, Time zone,
// Event ID, members) this computes each person's expected occurrences and lists every difference
// with what the simulator reports (`calendars`).
import { addDays, weekdayOf } from '../../src/core/dates';
import { normaliseEmail } from '../../src/core/people';
import { localInstant } from '../../src/core/zones';
import type { SimCalendars } from '../../src/local/simulate/result';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** Rows whose meetings are (or were) in calendars, between their Starts and Ends. */
const BOOKED = new Set(['scheduled', 'changed', 'cancelled', 'replaced']);

export interface ExpectedMeeting {
  eventId: string;
  /** Epoch ms of the start. */
  at: number;
}

/** Each member's expected meetings from a displayed Rotations table (header first). */
export function expectedFromRotations(rotations: string[][], cadenceWeeks = 1): Map<string, ExpectedMeeting[]> {
  const [header, ...rows] = rotations;
  const col = (h: string) => header.indexOf(h);
  const out = new Map<string, ExpectedMeeting[]>();
  for (const row of rows) {
    if (!BOOKED.has(row[col('Status')]) || row[col('Event ID')] === '') continue;
    const m = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (\d{2}):(\d{2})$/.exec(row[col('Day and time')]);
    if (!m) throw new Error(`Rotations row ${row[col('Group')]}: Day and time ${JSON.stringify(row[col('Day and time')])} is not like "Tue 10:00"`);
    const weekday = DAYS.indexOf(m[1]);
    const minutes = Number(m[2]) * 60 + Number(m[3]);
    const zone = row[col('Time zone')];
    let date = row[col('Starts')];
    while (weekdayOf(date) !== weekday) date = addDays(date, 1);
    const members = ['Member 1', 'Member 2', 'Member 3'].map((h) => normaliseEmail(row[col(h)] ?? '')).filter(Boolean);
    for (; date <= row[col('Ends')]; date = addDays(date, 7 * cadenceWeeks)) {
      const at = localInstant(date, minutes, zone);
      for (const email of members) {
        const list = out.get(email) ?? [];
        list.push({ eventId: row[col('Event ID')], at });
        out.set(email, list);
      }
    }
  }
  return out;
}

/** Every difference between the calendars and Rotations, as sentences (empty when they agree). */
export function calendarDifferences(calendars: SimCalendars, rotations: string[][], cadenceWeeks = 1): string[] {
  const expected = expectedFromRotations(rotations, cadenceWeeks);
  const problems: string[] = [];
  const key = (m: ExpectedMeeting) => `${new Date(m.at).toISOString()} ${m.eventId}`;
  for (const email of new Set([...Object.keys(calendars), ...expected.keys()])) {
    const want = new Set((expected.get(email) ?? []).map(key));
    const have = new Set((calendars[email] ?? []).map((o) => key({ eventId: o.eventId, at: Date.parse(o.start) })));
    for (const k of want) if (!have.has(k)) problems.push(`${email}: Rotations states a meeting at ${k} that is not in the calendar`);
    for (const k of have) if (!want.has(k)) problems.push(`${email}: the calendar holds a meeting at ${k} that Rotations does not state`);
    if ((calendars[email] ?? []).length !== have.size) problems.push(`${email}: the calendar holds the same meeting twice`);
  }
  return problems;
}
