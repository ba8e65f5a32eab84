// The Calendar advanced service (API v3): the only code that calls it. One insert per group (a
// recurring series), free/busy in batches of at most 50 calendars, a list of the program's events
// (to compare with Rotations and collect Meet links), a patch or a delete for an event no row tracks,
// and one occurrence's instance (this week's brief). Reads are tried again when Calendar fails for a
// moment (retry.ts); an insert, a patch (it may email the guests) or a delete is not.
// https://developers.google.com/apps-script/advanced/calendar
import { UserError } from '../core/errors';
import { retryTransient as retried } from './retry';

type Event = GoogleAppsScript.Calendar.Schema.Event;

function service(): GoogleAppsScript.Calendar {
  // `Calendar` is declared `| undefined` by @types: it exists only when the manifest enables it.
  if (typeof Calendar === 'undefined' || !Calendar || !Calendar.Events || !Calendar.Freebusy) {
    throw new UserError('The Calendar service is not enabled for this add-on. Ask whoever deployed it to enable the Calendar API (advanced service).');
  }
  return Calendar;
}

/** An API error as the advanced service throws it, read tolerantly: HTTP code, reason, message. */
export interface ApiError {
  code: number;
  reason: string;
  message: string;
}

/**
 * Reads an error thrown by an advanced service call. Apps Script throws a
 * GoogleJsonResponseException whose message is "API call to calendar.events.insert failed with
 * error: <message>" and whose `details` hold {code, message, errors: [{reason}]}. Anything else (an
 * execution fault, a bug) gives null.
 */
export function apiError(error: unknown): ApiError | null {
  if (!(error instanceof Error) && (typeof error !== 'object' || error === null)) return null;
  const e = error as { message?: unknown; details?: { code?: unknown; message?: unknown; errors?: Array<{ reason?: unknown }> } };
  const details = e.details;
  if (details && typeof details.code === 'number') {
    return {
      code: details.code,
      reason: String(details.errors?.[0]?.reason ?? ''),
      message: String(details.message ?? e.message ?? ''),
    };
  }
  const m = /^API call to [\w.]+ failed with error: (.*)$/s.exec(String(e.message ?? ''));
  return m ? { code: 0, reason: '', message: m[1] } : null;
}

export function insertEvent(resource: Event, options: { conferenceDataVersion?: number; sendUpdates?: string }): Event {
  return service().Events!.insert(resource, 'primary', options);
}

export function getEvent(eventId: string): Event {
  return retried(() => service().Events!.get('primary', eventId));
}

export function patchEvent(eventId: string, patch: Event, options: { conferenceDataVersion?: number; sendUpdates?: string }): Event {
  return service().Events!.patch(patch, 'primary', eventId, options);
}

/**
 * The instance of series `eventId` whose original start is `originalStart` (RFC 3339), or null when
 * the series has none there (an EXDATE'd date, a cancelled occurrence, past its end). One call.
 * Instance ids are opaque (shared reference "Lifecycle"): they are only ever read from here.
 */
export function instanceAt(eventId: string, originalStart: string): Event | null {
  const page = retried(() => service().Events!.instances('primary', eventId, { originalStart, maxResults: 1 }));
  const item = (page.items ?? [])[0];
  return item && item.status !== 'cancelled' ? item : null;
}

/** The instances of series `eventId` that start from `timeMin` on (RFC 3339), up to 250. One call. */
export function instancesFrom(eventId: string, timeMin: string): Event[] {
  const page = retried(() => service().Events!.instances('primary', eventId, { timeMin, maxResults: 250 }));
  return (page.items ?? []).filter((e) => e.status !== 'cancelled');
}

/** Deletes an event (its id is never freed); the guests are told as `sendUpdates` says. */
export function removeEvent(eventId: string, options: { sendUpdates?: string }): void {
  service().Events!.remove('primary', eventId, options);
}

/**
 * Every event of the running user's calendar whose private extended property `key` is `value`,
 * following pages (2,500 per call). One constraint only: Google's two pages disagree on whether
 * repeated constraints are ANDed (events/list reference) or ORed (extended-properties guide), so
 * callers filter further themselves.
 */
export function listEventsWith(key: string, value: string): Event[] {
  const out: Event[] = [];
  let pageToken: string | undefined;
  do {
    const token = pageToken;
    const page = retried(() =>
      service().Events!.list('primary', {
        privateExtendedProperty: `${key}=${value}`,
        maxResults: 2500,
        ...(token ? { pageToken: token } : {}),
      }),
    );
    out.push(...(page.items ?? []));
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
  return out;
}

/** One free/busy query (at most 50 calendars). */
export function queryFreeBusy(request: { timeMin: string; timeMax: string; items: Array<{ id: string }> }): GoogleAppsScript.Calendar.Schema.FreeBusyResponse {
  // calendarExpansionMax explicitly: the default may be lower than the maximum, 50 (⚠ community report).
  return retried(() => service().Freebusy!.query({ ...request, calendarExpansionMax: 50 }));
}
