// What the sandbox's own pages show besides the spreadsheet: the people's calendars, the .ics
// downloads of the confirmed cycle, and the feedback form a participant opens from an invitation.
// Everything here is the Node side looking at the emulated Workspace from outside, like a person
// looking at their calendar or opening a form: nothing is an add-on service call, so every read
// runs untracked (the ledger is the add-on's alone). Pure reads: nothing here changes the workspace.
import { eventId, eventTitle, seriesDescription } from '../../core/calendar-event';
import { invitationFeedback } from '../../core/feedback-link';
import { icsCalendar, type IcsEvent } from '../../core/ics';
import { normaliseEmail, type Person } from '../../core/people';
import { currentProgramId, parseSheetIds, PROGRAM_KEYS } from '../../core/program';
import { checkRoster, isKnownTimeZone } from '../../core/roster';
import { inForce, latestCycle, parseJob, readScheduleRows, rotationColumns, SCHEDULE_JOB_KEY, seriesTiming, type ScheduleRow } from '../../core/schedule';
import { ROSTER, ROTATIONS, type SheetSpec } from '../../core/schema';
import { readStoredSettings, settingsTimeZone, WEEKDAYS, type Settings } from '../../core/settings';
import { localTime } from '../../core/zones';
import { FEEDBACK_LINK_KEY } from '../../app/schedule';
import { SETTINGS_KEY } from '../../gas/settings-store';
import type { Workspace } from '../emulation';
import type { FormSnapshot } from '../emulation/forms';
import type { CalendarEventView, CalendarPersonView, CalendarView, FormView } from './transport';

/** The domain of the UIDs in the sandbox's .ics files (RFC 2606: never anyone's; as the planner's). */
export const ICS_UID_DOMAIN = 'peer-coaching.invalid';
/** Busy blocks listed per person in the calendar view. */
const BUSY_SHOWN = 12;

/** The document properties, read as a person would not see them: untracked. */
function documentProperties(ws: Workspace): Record<string, string> {
  return ws.ledger.untracked(() => ws.globals.PropertiesService.getDocumentProperties().getProperties());
}

/** A program sheet by the id set-up remembered, else by its canonical name; null when neither. */
function programSheet(ws: Workspace, spec: SheetSpec, properties: Record<string, string>) {
  return ws.ledger.untracked(() => {
    const ss = ws.spreadsheet;
    const id = parseSheetIds(properties[PROGRAM_KEYS.sheetIds])[spec.name];
    const byId = id === undefined ? undefined : ss.getSheets().find((s) => s.getSheetId() === id);
    return byId ?? ss.getSheetByName(spec.name);
  });
}

function sheetTable(ws: Workspace, spec: SheetSpec, properties: Record<string, string>): unknown[][] | null {
  const sheet = programSheet(ws, spec, properties);
  return sheet ? ws.ledger.untracked(() => sheet.getDataRange().getValues()) : null;
}

function rosterPeople(ws: Workspace, properties: Record<string, string>): Person[] {
  const table = sheetTable(ws, ROSTER, properties);
  return table ? checkRoster(table).people : [];
}

interface Program {
  settings: Settings;
  /** The settings' zone (the spreadsheet's when blank). */
  timeZone: string;
  spreadsheetTimeZone: string;
  properties: Record<string, string>;
  people: Map<string, Person>;
}

function program(ws: Workspace): Program {
  const properties = documentProperties(ws);
  const { settings } = readStoredSettings(properties[SETTINGS_KEY] ?? null);
  const spreadsheetTimeZone = ws.ledger.untracked(() => ws.spreadsheet.getSpreadsheetTimeZone());
  const people = new Map(rosterPeople(ws, properties).map((p) => [normaliseEmail(p.email), p]));
  return { settings, timeZone: settingsTimeZone(settings, spreadsheetTimeZone), spreadsheetTimeZone, properties, people };
}

/**
 * The program's settings, the zone its cycles are dated in and the Rotations rows (none before
 * set-up): what the sandbox's clock reads to find the next cycle.
 */
export function programSchedule(ws: Workspace): { settings: Settings; timeZone: string; spreadsheetTimeZone: string; rows: ScheduleRow[] } {
  const properties = documentProperties(ws);
  const { settings } = readStoredSettings(properties[SETTINGS_KEY] ?? null);
  const spreadsheetTimeZone = ws.ledger.untracked(() => ws.spreadsheet.getSpreadsheetTimeZone());
  const timeZone = settingsTimeZone(settings, spreadsheetTimeZone);
  const table = sheetTable(ws, ROTATIONS, properties);
  const columns = table ? rotationColumns(table[0] ?? []) : null;
  const rows = table && columns ? readScheduleRows(table, columns, timeZone) : [];
  return { settings, timeZone, spreadsheetTimeZone, rows };
}

// ---- Times in a person's zone -----------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** "Tue 2027-01-05 10:00" for an instant in `zone`. */
function dayAndClock(ms: number, zone: string): string {
  const t = localTime(ms, zone);
  return `${WEEKDAYS[t.weekday]} ${t.date} ${clock(t.minutes)}`;
}

/** "Mon 2027-01-04 09:00–10:00" for a block in `zone` (the end's day is added when it differs). */
function span(startMs: number, endMs: number, zone: string): string {
  const end = localTime(endMs, zone);
  const sameDay = end.date === localTime(startMs, zone).date;
  return `${dayAndClock(startMs, zone)}–${sameDay ? clock(end.minutes) : dayAndClock(endMs, zone)}`;
}

// ---- The calendar view ------------------------------------------------------------------------

const FORM_LINK = /https:\/\/docs\.google\.com(\/forms\/d\/e\/[A-Za-z0-9_-]+\/viewform(?:\?[^\s<>"]*)?)/g;

/** The feedback-form links in a text, as paths of the sandbox's form page. */
export function sandboxFormLinks(text: string): string[] {
  return [...text.matchAll(FORM_LINK)].map((m) => m[1]);
}

type Event = ReturnType<Workspace['calendar']['eventsOn']>[number]['event'];

function meetOf(event: Event): string {
  const video = event.conferenceData?.entryPoints?.find((p) => p.entryPointType === 'video')?.uri;
  if (event.hangoutLink || video) return event.hangoutLink || video || '';
  return event.conferenceData?.createRequest?.status?.statusCode === 'pending' ? 'pending' : '';
}

/** Everyone's calendar as the sandbox's /calendar page shows it. */
export function calendarView(ws: Workspace): CalendarView {
  const p = program(ws);
  const snapshot = ws.calendar.toJSON();
  const owner = normaliseEmail(ws.ctx.userEmail);
  const now = ws.ctx.now();
  // The owner first, then the roster's order, then anyone else the calendar knows.
  const emails = [owner, ...p.people.keys(), ...snapshot.people.map((x) => normaliseEmail(x.email))];
  const seen = new Set<string>();
  const people: CalendarPersonView[] = [];
  for (const email of emails) {
    if (seen.has(email)) continue;
    seen.add(email);
    const person = p.people.get(email);
    const stored = snapshot.people.find((x) => normaliseEmail(x.email) === email);
    const timeZone = person?.timeZone || (email === owner ? p.spreadsheetTimeZone : p.timeZone);
    const known = ws.calendar.isKnown(email);
    const busy = (stored?.busy ?? [])
      .filter((b) => Date.parse(b.end) > now.getTime())
      .slice(0, BUSY_SHOWN)
      .map((b) => span(Date.parse(b.start), Date.parse(b.end), timeZone));
    const events = ws.calendar.eventsOn(email).map((entry): CalendarEventView => {
      const e = entry.event;
      const first = entry.occurrences[0];
      const description = e.description ?? '';
      return {
        id: e.id ?? '',
        title: e.summary ?? '(no title)',
        status: e.status ?? '',
        when: first ? `${WEEKDAYS[localTime(Date.parse(first.start), timeZone).weekday]} ${clock(localTime(Date.parse(first.start), timeZone).minutes)}–${clock(localTime(Date.parse(first.end), timeZone).minutes)}` : '',
        timeZone,
        eventTimeZone: e.start?.timeZone ?? '',
        recurrence: e.recurrence ?? [],
        occurrences: entry.occurrences.map((o) => dayAndClock(Date.parse(o.start), timeZone)),
        guests: (e.attendees ?? []).map((a) => {
          const guest = normaliseEmail(a.email ?? '');
          return { email: guest, name: a.displayName || p.people.get(guest)?.name || '', response: a.responseStatus ?? '', organizer: a.organizer === true };
        }),
        meet: meetOf(e),
        description,
        formLinks: sandboxFormLinks(description),
      };
    });
    people.push({
      email,
      name: person?.name ?? (email === owner ? 'You (the program owner)' : ''),
      timeZone,
      owner: email === owner,
      known,
      freeBusy: !known ? 'notFound (not a calendar the emulation knows)' : stored?.error ?? 'busy blocks',
      busy,
      events,
    });
  }
  const ics = icsLinks(ws, p);
  return {
    spreadsheet: ws.ledger.untracked(() => ws.spreadsheet.getName()),
    now: now.toISOString(),
    people,
    invitations: ws.calendar.sentInvitations().map((i) => ({
      kind: i.kind,
      to: i.to,
      summary: i.summary ?? '',
      eventId: i.eventId,
      at: i.at,
      sendUpdates: i.sendUpdates,
    })),
    ics,
  };
}

// ---- iCalendar --------------------------------------------------------------------------------

interface CycleSeries {
  cycle: number;
  /** Each group of the cycle with its series, or the reason it has none. */
  groups: Array<{ row: ScheduleRow; names: string[]; event: IcsEvent | null; problem: string }>;
}

/** The latest confirmed cycle's groups as .ics events, or why there is nothing to export. */
function cycleSeries(ws: Workspace, p: Program): CycleSeries | { problem: string } {
  const table = sheetTable(ws, ROTATIONS, p.properties);
  const columns = table ? rotationColumns(table[0] ?? []) : null;
  if (!table || !columns) return { problem: 'There is no Rotations sheet with all its columns yet: set up the spreadsheet from the sidebar.' };
  const rows = readScheduleRows(table, columns, p.timeZone);
  const cycle = latestCycle(rows);
  if (cycle === 0) return { problem: 'No cycle is confirmed yet: plan and confirm a rotation from the sidebar.' };
  const programId = ws.ledger.untracked(() => currentProgramId(p.properties, ws.spreadsheet.getId()));
  if (!programId) return { problem: 'This spreadsheet has no program id: set it up from the sidebar.' };
  const versions = parseJob(p.properties[SCHEDULE_JOB_KEY] ?? null)?.versions ?? {};
  const template = p.properties[FEEDBACK_LINK_KEY];
  const groups = rows
    .filter((r) => r.cycle === cycle && inForce(r))
    .map((row) => {
      const names = row.members.map((email) => p.people.get(email)?.name || email);
      const timing = seriesTiming(row, p.settings, p.timeZone, isKnownTimeZone);
      if (!timing.ok) return { row, names, event: null, problem: `Row ${row.index + 1}: ${timing.reason}` };
      if (row.members.length < 2) return { row, names, event: null, problem: `Row ${row.index + 1} has fewer than two members.` };
      const t = timing.timing;
      const id = row.eventId || eventId(programId, cycle, row.group, versions[row.group] ?? 0);
      const event: IcsEvent = {
        uid: `${id}@${ICS_UID_DOMAIN}`,
        title: eventTitle(p.settings.titleTemplate, names, cycle),
        // The same description as the add-on's Calendar event (app/schedule.ts): feedback link and group code.
        description: seriesDescription({ meetings: t.count, ...invitationFeedback(template, programId, row.group) }),
        startDate: t.startDate,
        startTime: t.startTime,
        minutes: p.settings.meetingMinutes,
        timeZone: t.timeZone,
        count: t.count,
        intervalWeeks: t.intervalWeeks,
        attendees: row.members.map((email, i) => ({ email, name: names[i] })),
      };
      return { row, names, event, problem: '' };
    });
  return { cycle, groups };
}

function icsLinks(ws: Workspace, p: Program): CalendarView['ics'] {
  const series = cycleSeries(ws, p);
  if ('problem' in series) return series;
  return {
    cycle: series.cycle,
    all: '/ics/all.ics',
    groups: series.groups.map((g) => ({ group: g.row.group, names: g.names.join(', '), href: `/ics/${encodeURIComponent(g.row.group)}.ics` })),
  };
}

/** An .ics file, or why it cannot be made (`status` is the HTTP status to answer). */
export type IcsFile = { ok: true; filename: string; text: string } | { ok: false; status: number; message: string };

/**
 * The iCalendar text of the latest confirmed cycle: every group (`which` = 'all') or one group by
 * its id ('C1-01'), built with core/ics.ts from the Rotations rows and the settings, the same
 * title and description as the Calendar events. DTSTAMP is the sandbox's clock.
 */
export function icsFile(ws: Workspace, which: string): IcsFile {
  const p = program(ws);
  const series = cycleSeries(ws, p);
  if ('problem' in series) return { ok: false, status: 404, message: series.problem };
  const chosen = which === 'all' ? series.groups : series.groups.filter((g) => g.row.group.toUpperCase() === which.toUpperCase());
  if (chosen.length === 0) return { ok: false, status: 404, message: `Cycle ${series.cycle} has no group ${which}.` };
  const events = chosen.flatMap((g) => (g.event ? [g.event] : []));
  if (events.length === 0) return { ok: false, status: 409, message: chosen.map((g) => g.problem).join('\n') };
  const text = icsCalendar({ method: 'PUBLISH', events, stamp: ws.ctx.now() });
  return { ok: true, filename: which === 'all' ? 'all.ics' : `${chosen[0].row.group}.ics`, text };
}

// ---- The feedback form ------------------------------------------------------------------------

/**
 * The program's feedback form: the form a document property names (by id or URL, whatever key the
 * add-on keeps it under), else the latest form sending its responses to this spreadsheet, else the
 * latest form. Null when there is none.
 */
export function programForm(ws: Workspace): FormSnapshot | null {
  const forms = ws.forms.toJSON().forms;
  if (forms.length === 0) return null;
  const values = Object.entries(documentProperties(ws))
    .filter(([key]) => /form/i.test(key))
    .map(([, value]) => value);
  const named = forms.find((f) => values.some((v) => v === f.id || v.includes(`/forms/d/${f.id}/`) || v.includes(`/forms/d/e/${f.publishedId}/`)));
  if (named) return named;
  const spreadsheetId = ws.ledger.untracked(() => ws.spreadsheet.getId());
  const linked = forms.filter((f) => f.destination?.spreadsheetId === spreadsheetId);
  return (linked.length > 0 ? linked : forms)[(linked.length > 0 ? linked : forms).length - 1];
}

/** A form by its published id (the id in the respondents' URL). */
export function formByPublishedId(ws: Workspace, publishedId: string): FormSnapshot | null {
  return ws.forms.toJSON().forms.find((f) => f.publishedId === publishedId) ?? null;
}

/** The sandbox path of a form's page (Google's /forms/d/e/<id>/viewform, on 127.0.0.1). */
export function formPath(form: FormSnapshot): string {
  return `/forms/d/e/${form.publishedId}/viewform`;
}

/** What the form page draws. */
export function formView(form: FormSnapshot): FormView {
  return {
    publishedId: form.publishedId,
    title: form.title,
    description: form.description,
    collectEmail: form.collectEmail,
    acceptingResponses: form.acceptingResponses,
    published: form.published,
    confirmationMessage: form.confirmationMessage,
    items: form.items.map((i) => ({
      id: i.id,
      type: i.type,
      title: i.title,
      helpText: i.helpText,
      required: i.required,
      ...(i.choices ? { choices: i.choices.slice() } : {}),
      ...(i.type === 'SCALE'
        ? { lowerBound: i.lowerBound ?? 1, upperBound: i.upperBound ?? 5, leftLabel: i.leftLabel ?? '', rightLabel: i.rightLabel ?? '' }
        : {}),
    })),
  };
}
