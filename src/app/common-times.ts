// "Find a common time" for a cycle's groups still without an event: free/busy for every member in
// ⌈n/50⌉ queries over the cycle (the rows' Starts to Ends), then the best weekly slot per group
// inside everyone's working hours (core/common-time), written to the rows' Day and time and Time
// zone. The caller writes these to the sheet before booking anything, so a failure later never
// leaves an event at a time the sheet does not state.
import { cycleSpan, findCommonSlot, freeBusyBatches, freeBusyWindow, preferredSlot, readFreeBusy, slotMember, type Availability, type SlotMember } from '../core/common-time';
import { isoDateInZone } from '../core/dates';
import { sheetText } from '../core/feedback';
import { formatDayAndTime, meetingsBetween, type ScheduleJob, type ScheduleRow } from '../core/schedule';
import { cadenceWeeks, cycleDates } from '../core/settings';
import { apiError, queryFreeBusy } from '../gas/calendar';
import type { Context, Setter } from './schedule-context';

export function chooseTimes(c: Context, job: ScheduleJob, rows: ScheduleRow[], set: Setter): void {
  const dates = cycleDates(c.settings, job.cycle, isoDateInZone(new Date(), c.timeZone));
  const member = (email: string): SlotMember => {
    const person = c.people.get(email);
    return person ? slotMember(person, c.timeZone) : slotMember({ email, name: email, timeZone: '', workingHours: '' }, c.timeZone);
  };
  // The cycle as its rows state it (settings may have changed since the confirm).
  const spanOf = (row: ScheduleRow) => {
    const starts = row.starts || dates.starts;
    const meetings = row.ends ? Math.max(1, meetingsBetween(starts, row.ends, cadenceWeeks(c.settings.cadence))) : dates.meetings;
    return cycleSpan(c.settings, { starts, meetings });
  };
  const emails = [...new Set(rows.flatMap((r) => r.members))];
  const span = spanOf(rows[0]);
  const zones = [...new Set([...emails.map((e) => member(e).timeZone), c.timeZone])];
  const range = freeBusyWindow(span, zones, c.settings.meetingMinutes);
  const availability: Availability = new Map();
  try {
    for (const batch of freeBusyBatches(emails)) {
      const response = queryFreeBusy({ timeMin: range.timeMin, timeMax: range.timeMax, items: batch.map((id) => ({ id })) });
      for (const [email, a] of readFreeBusy(response, batch)) availability.set(email, a);
    }
  } catch (error) {
    const api = apiError(error);
    if (!api) throw error; // not Calendar's answer: the execution itself failed
    availability.clear(); // everyone counts as free: times from working hours alone
    job.notice = `Calendar did not answer the free/busy query (${api.message}); times were chosen from working hours only.`;
  }
  const preferred = preferredSlot(c.settings, c.timeZone);
  for (const row of rows) {
    const slot = findCommonSlot({
      members: row.members.map(member),
      availability,
      cycle: spanOf(row),
      minutes: c.settings.meetingMinutes,
      preferred,
    });
    set(row, 'Day and time', formatDayAndTime(slot.weekday, slot.time));
    set(row, 'Time zone', slot.timeZone);
    if (slot.note) set(row, 'Notes', sheetText(row.notes ? `${row.notes} · ${slot.note}` : slot.note));
  }
}
