// The Calendar side of scheduling a cycle (app/schedule.ts): inserting one group's series, finding
// it again when the insert's response was lost (409, then Events.get), listing the cycle's events
// once per chunk to compare them with Rotations (core/schedule-reconcile), recording an event in
// its row (Event ID, Meet link, Status, and Day and time / Time zone as the event states them),
// removing the events no row in force tracks, and collecting Meet links Google made since.
import { buildSeriesEvent, eventId, type CalendarEvent, eventTitle, insertOptions, seriesDescription, seriesProperties } from '../core/calendar-event';
import { invitationFeedback } from '../core/feedback-link';
import { sheetText } from '../core/feedback';
import { normaliseEmail } from '../core/people';
import { isKnownTimeZone } from '../core/roster';
import { MEET_PENDING, addRemovals, sameMembers, seriesTiming, versionOf, type ScheduleJob, type ScheduleRow, type SeriesTiming } from '../core/schedule';
import { ENDED_PROPERTY, eventSlot, orphanEnd, type Orphan } from '../core/schedule-reconcile';
import { apiError, getEvent, insertEvent, instancesFrom, listEventsWith, patchEvent, removeEvent } from '../gas/calendar';
import { FEEDBACK_LINK_KEY, nameOf, type Context, type Setter } from './schedule-context';

type Event = CalendarEvent;

const REMINDER_MINUTES = 10;
/** Versions tried in one go when ids are taken by other groups' events (a replaced cycle's). */
const MAX_VERSION_STEPS = 5;

export type Outcome =
  | { kind: 'scheduled'; event: Event; eventId: string }
  /** `final`: not retried automatically, only by Retry. */
  | { kind: 'failed'; message: string; final?: boolean }
  | { kind: 'stop'; message: string };

export function meetLinkOf(event: Event, meet: boolean): string {
  if (!meet) return '';
  const video = event.conferenceData?.entryPoints?.find((p) => p.entryPointType === 'video')?.uri;
  return event.hangoutLink || video || MEET_PENDING;
}

/**
 * The program's events of `cycle` on the organizer's calendar: one listing (2,500 a page) by the
 * private `cycle` property, so a year of past cycles is not read again every chunk; then filtered
 * by program (one constraint only: gas/calendar listEventsWith).
 */
export function listCycleEvents(c: Context, cycle: number): Event[] {
  return listEventsWith('cycle', String(cycle)).filter((e) => e.extendedProperties?.private?.program === c.programId);
}

/** Records `event` in its row: Event ID, Meet link, Status, and the time the event is booked at. */
export function recordEvent(c: Context, row: ScheduleRow, event: Event, id: string, set: Setter): void {
  set(row, 'Event ID', id);
  set(row, 'Meet link', meetLinkOf(event, c.settings.googleMeet));
  set(row, 'Status', 'scheduled');
  const slot = eventSlot(event);
  if (slot && slot.dayAndTime !== row.dayAndTime) set(row, 'Day and time', slot.dayAndTime);
  if (slot && slot.timeZone !== row.timeZone) set(row, 'Time zone', slot.timeZone);
}

/** Inserts one group's series, or finds it already there (a lost response), or says why not. */
export function scheduleGroup(c: Context, job: ScheduleJob, row: ScheduleRow, taken: ReadonlySet<string>): Outcome {
  try {
    // The members' Away dates (Roster) leave those meetings out of the series (EXDATE).
    const members = row.members.map((email) => c.people.get(email)).map((p) => (p ? { email: p.email, name: p.name, away: p.away ?? [] } : null));
    const timing = seriesTiming(row, c.settings, c.timeZone, isKnownTimeZone, members.filter((m): m is NonNullable<typeof m> => m !== null));
    if (!timing.ok) return { kind: 'failed', message: `Row ${row.index + 1}: ${timing.reason}` };
    if (row.members.length < 2) return { kind: 'failed', message: `Row ${row.index + 1} has fewer than two members.` };
    for (let step = 0; step < MAX_VERSION_STEPS; step++) {
      // An id the listing showed belongs to another event of the cycle: skip it without a call.
      const outcome = taken.has(eventId(c.programId, job.cycle, row.group, versionOf(job, row.group))) ? 'taken' : insertSeries(c, job, row, timing.timing);
      if (outcome !== 'taken') return outcome;
      // The id belongs to another group's event (the cycle was replaced): the next version.
      job.versions[row.group] = versionOf(job, row.group) + 1;
    }
    return { kind: 'failed', message: `The invitation ids of ${row.group} are all taken by other events. Retry tries further ones.` };
  } catch (error) {
    // A row Calendar cannot take (a meeting past midnight, a blank group id): this group only.
    if (error instanceof RangeError) return { kind: 'failed', message: `Row ${row.index + 1}: ${error.message}`, final: true };
    const api = apiError(error);
    if (!api) throw error;
    return { kind: 'failed', message: `Calendar refused the invitation of ${row.group}: ${api.message}` };
  }
}

/** One insert of the group's series at its current version; 'taken' when the id is another group's. */
function insertSeries(c: Context, job: ScheduleJob, row: ScheduleRow, timing: SeriesTiming): Outcome | 'taken' {
  const version = versionOf(job, row.group);
  const id = eventId(c.programId, job.cycle, row.group, version);
  const names = row.members.map(nameOf(c));
  const { feedbackLink, groupCode } = invitationFeedback(c.properties[FEEDBACK_LINK_KEY], c.programId, row.group);
  const resource = buildSeriesEvent({
    id,
    title: eventTitle(c.settings.titleTemplate, names, job.cycle),
    description: seriesDescription({ meetings: timing.count - timing.exdates.length, feedbackLink, groupCode }),
    startDate: timing.startDate,
    startTime: timing.startTime,
    minutes: c.settings.meetingMinutes,
    timeZone: timing.timeZone,
    count: timing.count,
    intervalWeeks: timing.intervalWeeks,
    exdates: timing.exdates,
    attendees: row.members.map((email, i) => ({ email, name: names[i] })),
    meet: c.settings.googleMeet,
    reminderMinutes: REMINDER_MINUTES,
    properties: seriesProperties({ programId: c.programId, cycle: job.cycle, groupId: row.group, version }),
    organizerEmail: c.organizer,
  });
  const options = insertOptions({ meet: c.settings.googleMeet, sendInvitations: c.settings.sendInvitations });
  try {
    const created = insertEvent(resource, options);
    return { kind: 'scheduled', event: created, eventId: created.id ?? id };
  } catch (error) {
    const api = apiError(error);
    if (api && (api.code === 409 || /already exists/i.test(api.message))) {
      // Already created: by an earlier run whose response was lost — or, after the cycle was
      // replaced, for another group that had this group id. Read it back and compare.
      const existing = getEvent(id);
      if (existing.status === 'cancelled') {
        job.versions[row.group] = version + 1;
        return { kind: 'failed', message: `The invitation of ${row.group} was deleted in Calendar before it was recorded. Retry books it again.`, final: true };
      }
      if (!sameMembers(existing.attendees, row.members)) return 'taken';
      return { kind: 'scheduled', event: existing, eventId: existing.id ?? id };
    }
    if (api && (api.code === 403 || api.code === 429) && isLimit(api.reason, api.message)) {
      return { kind: 'stop', message: `Calendar's limit was reached (${api.message}). Scheduling continues on the next hourly run.` };
    }
    throw error;
  }
}

const isLimit = (reason: string, message: string) => /usage limits|quota|rate limit/i.test(`${reason} ${message}`);

/**
 * Takes one event no row in force tracks off the calendars: removed when its first meeting is
 * still to come, else ended now (the meetings held stay). 'gone' also when Calendar says it is
 * already deleted (404, 410); 'stop' with a sentence when Calendar refuses.
 */
export function retireOrphan(c: Context, orphan: Orphan, nowMs: number): { kind: 'gone' } | { kind: 'stop'; message: string } {
  const id = orphan.event.id ?? '';
  const sendUpdates = c.settings.sendInvitations ? 'all' : 'none';
  try {
    const how = orphanEnd(orphan.event, nowMs, orphan.keepThrough, orphan.reason === 'replaced');
    if (how.kind === 'remove') removeEvent(id, { sendUpdates });
    else {
      patchEvent(id, how.patch, { sendUpdates });
      // An instance changed on its own (this week's brief) outlives a trim with UNTIL: Google keeps
      // materialised exceptions past the cutoff (emulation: calendar/instances.ts). Cancel them.
      const cut = how.patch.extendedProperties?.private?.[ENDED_PROPERTY];
      if (cut) for (const late of instancesFrom(id, cut)) if (late.id) removeEvent(late.id, { sendUpdates });
    }
    return { kind: 'gone' };
  } catch (error) {
    const api = apiError(error);
    if (!api) throw error;
    if (api.code === 404 || api.code === 410) return { kind: 'gone' };
    const limit = (api.code === 403 || api.code === 429) && isLimit(api.reason, api.message);
    return {
      kind: 'stop',
      message: limit
        ? `Calendar's limit was reached (${api.message}). Scheduling continues on the next hourly run.`
        : `Calendar did not remove the invitation of ${orphan.groupId}, which no row of Rotations tracks (${api.message}); the next run tries again.`,
    };
  }
}

/** Counts the events removed in a chunk in the job's record, naming deleted rows' groups and members. */
export function recordRemovals(c: Context, job: ScheduleJob, removed: readonly Orphan[]): void {
  const names = nameOf(c);
  for (const reason of ['replaced', 'cancelled', 'duplicate'] as const) addRemovals(job.removed, reason, removed.filter((o) => o.reason === reason).length);
  const deleted = removed.filter((o) => o.reason === 'deleted');
  addRemovals(
    job.removed,
    'deleted',
    deleted.length,
    deleted.map((o) => `${o.groupId} (${(o.event.attendees ?? []).map((a) => names(normaliseEmail(a.email))).join(', ')})`),
  );
}

/**
 * Fills "pending" Meet links from the chunk's listing of the cycle's events. A conference Google
 * failed to make, or still not made after MAX_MEET_PASSES passes (`giveUp`), is left blank with a
 * note: the series stands, a link can be added in Calendar.
 */
export function collectMeetLinks(events: readonly Event[], rows: ScheduleRow[], set: Setter, giveUp: boolean): void {
  const byId = new Map(events.map((e) => [e.id ?? '', e]));
  for (const row of rows) {
    const event = byId.get(row.eventId);
    const failed = event?.conferenceData?.createRequest?.status?.statusCode === 'failure';
    const link = event && !failed ? meetLinkOf(event, true) : MEET_PENDING;
    if (link !== MEET_PENDING) set(row, 'Meet link', link);
    else if (failed || giveUp) {
      set(row, 'Meet link', '');
      const note = failed ? 'Google could not add a Meet link; add one to the event by hand.' : 'Google made no Meet link in time; add one to the event by hand.';
      set(row, 'Notes', sheetText(row.notes ? `${row.notes} · ${note}` : note));
    }
  }
}
