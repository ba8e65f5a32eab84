// Calendar emulation, the people's side (Node-only, never recorded): what each person's calendar
// shows — events with their occurrences (eventsOn), every occurrence a person attends
// (occurrencesFor, for tests and a simulator), and busy blocks (free/busy). All built on the same
// expansion: recurrences in the series' zone, EXDATE'd dates out, exceptions applied.
import type { FakeCalendar } from './calendar';
import type { CalendarEntry, PersonOccurrence } from './types';
import { clone, formatInstant } from './util';

/**
 * The events on a calendar ('primary', the user's email or a person's), cancelled ones left out,
 * each with its occurrences overlapping `window` (default: all of them, at most `maxOccurrences`
 * for an open-ended series): recurrences expanded in start.timeZone, EXDATE'd dates left out,
 * exceptions applied (a moved instance at its new time, a cancelled one left out, an instance
 * the person is not invited to left out). A guest's copy has no `extendedProperties.private`
 * (those belong to the organizer's copy [XP]).
 */
export function eventsOn(cal: FakeCalendar, calendarIdOrEmail: string, window: { from?: string | Date; to?: string | Date } = {}): CalendarEntry[] {
  const who = cal.resolveCalendar(calendarIdOrEmail);
  if (!cal.isKnown(who)) return [];
  const from = window.from === undefined ? -Infinity : new Date(window.from).getTime();
  const to = window.to === undefined ? Infinity : new Date(window.to).getTime();
  const out: CalendarEntry[] = [];
  for (const stored of cal.allEvents()) {
    if (stored.exceptionOf || stored.event.status === 'cancelled') continue;
    const organizer = stored.calendar === who;
    const attendee = cal.attends(stored.event, who);
    const mine = cal.viewsOf(stored, from, to).filter((v) => !v.cancelled && (organizer || cal.attends(v.event, who)));
    if (!organizer && !attendee && mine.length === 0) continue;
    const occurrences = mine.map((v) => ({ start: new Date(v.start).toISOString(), end: new Date(v.end).toISOString() }));
    out.push({ calendarId: who, event: organizer ? clone(stored.event) : cal.guestCopy(stored.event, who), occurrences });
  }
  return out;
}

/**
 * Every occurrence `email` attends, as organizer or guest, between timeMin and timeMax (overlap;
 * default: all, at most `maxOccurrences` per open-ended series), sorted by start: recurrences
 * expanded, EXDATE'd dates and cancelled instances left out, each instance's own fields (a moved
 * start, its description, its guests). Times are ISO strings with the event's zone offset. For a
 * simulator: what each person's calendar shows.
 */
export function occurrencesFor(cal: FakeCalendar, email: string, window: { timeMin?: string | Date; timeMax?: string | Date } = {}): PersonOccurrence[] {
  const who = cal.resolveCalendar(email);
  const from = window.timeMin === undefined ? -Infinity : new Date(window.timeMin).getTime();
  const to = window.timeMax === undefined ? Infinity : new Date(window.timeMax).getTime();
  const out: Array<PersonOccurrence & { ms: number }> = [];
  for (const stored of cal.allEvents()) {
    if (stored.exceptionOf || stored.event.status === 'cancelled') continue;
    const organizer = stored.calendar === who;
    for (const v of cal.viewsOf(stored, from, to)) {
      if (v.cancelled) continue;
      const me = (v.event.attendees ?? []).find((a) => cal.norm(a.email ?? '') === who);
      if (!organizer && !me) continue;
      const zone = v.event.start?.timeZone ?? stored.event.start?.timeZone ?? cal.ctx.timeZone;
      out.push({
        ms: v.start,
        eventId: stored.event.id!,
        ...(v.originalStart !== null ? { instanceId: v.event.id!, originalStart: formatInstant(v.originalStart, zone) } : {}),
        start: formatInstant(v.start, zone),
        end: formatInstant(v.end, zone),
        summary: v.event.summary ?? '',
        description: v.event.description ?? '',
        organizer: stored.calendar,
        attendees: (v.event.attendees ?? []).map((a) => cal.norm(a.email ?? '')).filter((e) => e !== ''),
        responseStatus: organizer && !me ? 'accepted' : (me?.responseStatus ?? 'needsAction'),
        visibility: v.event.visibility ?? 'default',
      });
    }
  }
  out.sort((a, b) => a.ms - b.ms || a.eventId.localeCompare(b.eventId));
  return out.map(({ ms, ...rest }) => {
    void ms;
    return rest;
  });
}

/**
 * Busy blocks of a known calendar: the person's seeded blocks plus every non-cancelled, opaque
 * occurrence they organize or attend and have not declined (per instance: an exception may
 * change the guests, the time, the transparency); merged, clipped.
 * 
 */
export function busyOf(cal: FakeCalendar, who: string, from: number, to: number): Array<[number, number]> {
  const blocks: Array<[number, number]> = [];
  for (const [s, e] of cal.person(who)?.busy ?? []) if (s < to && e > from) blocks.push([s, e]);
  for (const stored of cal.allEvents()) {
    if (stored.exceptionOf || stored.event.status === 'cancelled') continue;
    const organizes = stored.calendar === who;
    for (const v of cal.viewsOf(stored, from, to)) {
      if (v.cancelled || v.event.transparency === 'transparent') continue;
      const me = (v.event.attendees ?? []).find((a) => cal.norm(a.email ?? '') === who);
      if (!organizes && !me) continue;
      if (me?.responseStatus === 'declined') continue;
      blocks.push([v.start, v.end]);
    }
  }
  blocks.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const [s0, e0] of blocks) {
    const s = Math.max(s0, from);
    const e = Math.min(e0, to);
    if (e <= s) continue;
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}