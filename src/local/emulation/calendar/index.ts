// The Calendar ADVANCED service (Calendar API v3) as Apps Script exposes it: the global `Calendar`
// with `Calendar.Events.insert/get/patch/update/list/remove/instances` and `Calendar.Freebusy.query`,
// in memory,
// typed against @types/google-apps-script, every call recorded in the ledger, saved/loaded as a
// JSON-safe snapshot. Around it, Node-side helpers for tests and the sandbox (never recorded): a
// directory of people with their busy times, the events on a person's calendar with their
// occurrences, the invitations that would have been sent, every resource the add-on sent.
//
// Sources, cited next to each rule:
//   [EVREF]  https://developers.google.com/workspace/calendar/api/v3/reference/events (Event.id rules:
//            base32hex a–v0–9, length 5–1024, unique per calendar; start.timeZone "for recurring events
//            this field is required and specifies the time zone in which the recurrence is expanded";
//            dateTime "a time zone offset is required unless a time zone is explicitly specified in
//            timeZone"; ConferenceData.createRequest "The data is generated asynchronously. To see
//            whether the data is present check the status field."; ConferenceRequestStatus.statusCode
//            "pending" / "success" (entry points populated) / "failure" (no entry points);
//            CreateConferenceRequest.requestId "If an ID provided is the same as for the previous
//            request, the request is ignored.")
//   [INSERT] …/events/insert — conferenceDataVersion "Version 0 assumes no conference data support and
//            ignores conference data in the event's body. Version 1 enables … creating new conferences
//            using the createRequest field … The default is 0."; sendUpdates "all": sent to all guests,
//            "externalOnly": "sent to non-Google Calendar guests only", "none"; "The default is false."
//   [LIST]   …/events/list — maxResults "By default the value is 250 events. The page size can never be
//            larger than 2500 events."; showDeleted "Whether to include deleted events (with status
//            equals "cancelled") in the result … The default is False."; privateExtendedProperty
//            "propertyName=value … This parameter might be repeated multiple times to return events
//            that match all given constraints." (but see [XP]); order "an unspecified, stable order".
//   [PATCH]  …/events/patch — "The field values you specify replace the existing values. Fields that
//            you don't specify in the request remain unchanged. Array fields, if specified, overwrite
//            the existing arrays". [PATCHSEM] Google APIs' "Semantics of a patch request"
//            (https://developers.google.com/calendar/api/guides/performance#patch, same text in every
//            API's performance guide): the data sent "is merged into the data for the parent object";
//            "To delete a field, specify the field and set it to null".
//   [XP]     https://developers.google.com/calendar/api/guides/extended-properties — patch "Adding a new
//            property with the same key will overwrite any existing properties with the same key";
//            null deletes one; list: "You can repeat these fields multiple times and the constraints
//            are OR'ed together … constraints on private and shared properties are AND'ed together".
//            ⚠ This contradicts [LIST] ("match all given constraints"); default here: the guide's OR,
//            option `extendedPropertyMatch: 'all'` for the reference's AND. Code should not depend on
//            it: search with one constraint.
//   [FB]     …/freebusy/query — request {timeMin, timeMax, timeZone ("The default is UTC"),
//            groupExpansionMax (max 100), calendarExpansionMax ("Maximal number of calendars for which
//            FreeBusy information is to be provided … Maximum value is 50."), items[{id}]}; response
//            calendars.{id}.busy[{start (inclusive), end (exclusive)}] and errors[{domain, reason}]
//            with reasons "groupTooBig", "tooManyCalendarsRequested" ("The number of calendars
//            requested is too large for a single query"), "notFound", "internalError".
//   [ERR]    https://developers.google.com/workspace/calendar/api/guides/errors — exact JSON of 400
//            timeRangeEmpty "The specified time range is empty." (domain calendar, location timeMax),
//            403 quotaExceeded "Calendar usage limits exceeded." (domain usageLimits), 404 notFound
//            "Not Found" ("when accessing a calendar that the user can not access"), 409 duplicate
//            "The requested identifier already exists." (domain global), 410 deleted "Resource has been
//            deleted" ("a request attempts to delete an event that has already been deleted"), 500
//            backendError "Backend Error".
//   [Q]      https://developers.google.com/apps-script/guides/services/quotas — calendar events created
//            5,000/day (consumer), 10,000 (Workspace); quotas reset 24 h after the first request.
//   [GJRE]   How Apps Script throws an advanced service's API error: a GoogleJsonResponseException whose
//            message is "API call to calendar.events.<method> failed with error: <message>" and whose
//            `details` is {code, message, errors}. Seen verbatim in derekantrican/GAS-ICS-Sync#238
//            ("…calendar.events.insert failed with error: The specified time range is empty."), #297
//            and #472 ("…calendar.events.delete failed with error: Resource has been deleted" — note
//            the REST name `delete` for Apps Script's `remove`), a logged exception quoted in an Apps
//            Script calendar-sync project ("{ [GoogleJsonResponseException: API call to
//            calendar.events.delete failed with error: Not Found] details: { message: 'Not Found',
//            errors: [ [Object] ], code: 404 }, name: 'GoogleJsonResponseException' }"), and scripts
//            that branch on `e.details.code === 409` / `e.details.errors[0].reason`
//            (Elijas/auto-youtube-subscription-playlist-2, sheetScript.gs, YouTube advanced service).
// Error wordings, besides [ERR]:
//   "Invalid resource id value." 400 global/invalid — wanasit/google-calendar#25, odoo/odoo#18180.
//   "Missing time zone definition for start time." 400 reason `required` — openclaw/gogcli#347
//     ("Google API error (400 required)", recurring event whose dateTime had an offset); the same
//     message for a bare wall-clock dateTime without timeZone is reported in several projects' notes
//     (e.g. a GAM runbook: "bare times … leaves GAM erroring with 'Missing time zone definition for
//     start time'").
//   "Missing end time." 400 global/required — googleapis/google-api-nodejs-client#565,
//     jrmdayn/googleapis-batcher#4. ⚠ "Missing start time." by symmetry.
//   insert with end before start → 400 timeRangeEmpty — kewisch/gdata-provider#12 (POST …/events),
//     GAS-ICS-Sync#238. ⚠ end == start is accepted here (a zero-length event).
//   409 also after deletion, and the deleted event still readable with status "cancelled" —
//     googleapis/google-api-python-client#210 and #846, googleapis/google-api-ruby-client#1811,
//     bobuk/gcalsync#14. ⚠ ruby#1811 saw 403 when *updating* such an event; patch is allowed here.
//   "The requested time range is too long." 400 reason timeRangeTooLong — reported by several
//     projects that chunk their freeBusy calls; ⚠ the limit is undocumented: cal.com found 90 days
//     (calcom PRs #11696, #11962, #18237), one project reports 3 calendar months already refused.
//   "Missing timeMin parameter." reason required — aaronsb/google-workspace-mcp#98.
//   [UPDATE] …/events/update — replaces the event: "This method does not support patch semantics and
//            always updates the entire event resource".
//   [QUOTA]  https://developers.google.com/workspace/calendar/api/guides/quota — 600 requests per
//            minute per user per project, sliding window; over it 403 usageLimits / 429, reason
//            rateLimitExceeded [ERR] ("Rate Limit Exceeded"). [PATCH] "each patch request consumes
//            three quota units".
//   [XPLIM]  [XP] "Limits": a key at most 44 characters (longer: the property is silently dropped), a
//            value at most 1024 characters (longer: silently truncated), at most 300 properties and
//            32 kB in total per event (⚠ the error past those two is not documented: 400 here).
//   [DESC]   `description` "Can contain HTML"; no documented size (community ≈ 8,000 characters:
//            rjhorniii/ical2org#16, discourse/discourse-calendar#14); refused past 8,192 here ⚠.
// ⚠ marks wording or behaviour from reasoning or a single community report, to confirm against the
// real API.
//
// Layout: errors.ts (GoogleJsonResponseException, texts), types.ts (options, snapshot, views'
// types), util.ts (pure helpers), recurrence.ts (RRULE/EXDATE parsing and expansion), instances.ts
// (opaque instance ids, generated instances, exceptions), calendar.ts (FakeCalendar: storage,
// directory, expansion, quotas, notifications), views.ts (eventsOn, occurrencesFor, busy blocks),
// events.ts (Calendar.Events), conference.ts (Meet), freebusy.ts (Calendar.Freebusy). This file
// re-exports the public surface.
export {
  CALENDAR_ERRORS,
  NotEmulatedError,
  isGoogleJsonResponseException,
  type CalendarApiMethod,
  type GoogleJsonErrorDetails,
  type GoogleJsonErrorItem,
  type GoogleJsonResponseException,
} from './errors';
export {
  FakeCalendar,
  type BusyInput,
  type CalendarEntry,
  type CalendarOptions,
  type CalendarSnapshot,
  type FreeBusyCalendarResult,
  type FreeBusyErrorReason,
  type LosableMethod,
  type PersonOccurrence,
  type PersonOptions,
  type SendUpdates,
  type SentInvitation,
  type SentResource,
} from './calendar';
export { FakeEventsCollection } from './events';
export { FakeFreebusyCollection } from './freebusy';
