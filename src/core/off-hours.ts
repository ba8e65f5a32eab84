// Groups that meet outside someone's working hours (issue 14, item 4): the scheduler falls back to
// the preferred time when a group shares no slot, and a roster change may keep a time that does
// not suit a newcomer. From the Rotations rows as booked (Day and time, Time zone, Starts, Ends)
// and each member's Working hours in their own zone (daylight saving included), this lists who
// meets outside their hours and in how many of the group's meetings, for the sidebar and the
// owner's digest. Pure.
import { preferredSlot, scoreSlot, slotMember } from './common-time';
import { addDays, weekdayOf } from './dates';
import type { Person } from './people';
import { meetingsBetween, parseDayAndTime, type ScheduleRow } from './schedule';
import type { Settings } from './settings';
import { cadenceWeeks } from './cycle-dates';

export interface OffHoursGroup {
  group: string;
  /** Members' names (emails when not on the roster), in row order. */
  members: string[];
  /** "Tue 10:00 (Europe/London)". */
  when: string;
  /** Each member for whom some meeting lies outside their working hours, with how many. */
  outside: Array<{ name: string; meetings: number }>;
  /** The group's meetings. */
  meetings: number;
}

/**
 * The rows' groups meeting outside someone's working hours, in row order. Rows without a readable
 * time or dates are skipped (scheduling names those itself).
 */
export function offHoursGroups(
  rows: readonly ScheduleRow[],
  people: ReadonlyMap<string, Person>,
  settings: Pick<Settings, 'cadence' | 'meetingMinutes' | 'preferredWeekday' | 'preferredTime'>,
  fallbackZone: string,
): OffHoursGroup[] {
  const out: OffHoursGroup[] = [];
  const intervalWeeks = cadenceWeeks(settings.cadence);
  for (const row of rows) {
    const slot = parseDayAndTime(row.dayAndTime);
    if (!slot || !row.starts || !row.ends) continue;
    const zone = row.timeZone || fallbackZone;
    const first = addDays(row.starts, (slot.weekday - weekdayOf(row.starts) + 7) % 7);
    const meetings = meetingsBetween(first, row.ends, intervalWeeks);
    if (meetings < 1) continue;
    const name = (email: string) => people.get(email)?.name || email;
    const members = row.members.map((email) => slotMember(people.get(email) ?? { email, name: email, timeZone: '', workingHours: '' }, fallbackZone));
    let score;
    try {
      score = scoreSlot(
        { members, availability: new Map(), cycle: { starts: first, meetings, intervalWeeks }, minutes: settings.meetingMinutes, preferred: preferredSlot(settings, fallbackZone) },
        { weekday: slot.weekday, time: Number(slot.time.slice(0, 2)) * 60 + Number(slot.time.slice(3, 5)), timeZone: zone },
      );
    } catch {
      continue; // an unknown zone: scheduling says so
    }
    const counts = new Map<string, number>();
    for (const m of score.meetings) for (const e of m.outside) counts.set(e, (counts.get(e) ?? 0) + 1);
    if (counts.size === 0) continue;
    out.push({
      group: row.group,
      members: row.members.map(name),
      when: `${row.dayAndTime} (${zone})`,
      outside: row.members.filter((e) => counts.has(e)).map((e) => ({ name: name(e), meetings: counts.get(e)! })),
      meetings,
    });
  }
  return out;
}

/** "outside working hours for Grace Liu (6 of 6 meetings)". */
export function offHoursPhrase(g: OffHoursGroup): string {
  return `outside working hours for ${g.outside.map((o) => `${o.name} (${o.meetings} of ${g.meetings} meeting${g.meetings === 1 ? '' : 's'})`).join(', ')}`;
}
