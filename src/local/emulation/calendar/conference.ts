// Calendar emulation: Google Meet through conferenceData.createRequest — asynchronous (pending until a
// later read), a repeated requestId ignored, success or (option meetOutcome) failure [EVREF] [INSERT].
import type { FakeCalendar, StoredEvent } from './calendar';
import { CALENDAR_ERRORS, NotEmulatedError, type CalendarApiMethod } from './errors';
import { clone } from './util';

type SchemaEvent = GoogleAppsScript.Calendar.Schema.Event;

/**
 * A read of a stored event (a get, or a list returning it) lets time pass for its pending Meet
 * conference: Google creates it asynchronously [EVREF createRequest], so a later read sees it.
 */
export function readConference(cal: FakeCalendar, stored: StoredEvent): void {
  if (stored.meetGetsLeft === undefined) return;
  stored.meetGetsLeft -= 1;
  if (stored.meetGetsLeft <= 0) completeConference(cal, stored);
}

/** The createRequest to act on, null when there is none or its requestId was used before. */
export function createRequestOf(cal: FakeCalendar, M: CalendarApiMethod, event: SchemaEvent): { requestId: string; type: string } | null {
  const req = event.conferenceData?.createRequest;
  if (!req) return null;
  const type = req.conferenceSolutionKey?.type;
  if (typeof req.requestId !== 'string' || req.requestId === '') {
    throw cal.apiError(M, 400, CALENDAR_ERRORS.invalidValue, 'global', 'invalid'); // ⚠
  }
  if (type !== 'hangoutsMeet') {
    if (type === 'addOn' || type === 'eventHangout' || type === 'eventNamedHangout') {
      throw new NotEmulatedError(`conference solution '${type}'`);
    }
    throw cal.apiError(M, 400, CALENDAR_ERRORS.invalidConferenceType, 'global', 'invalid');
  }
  return { requestId: req.requestId, type };
}

/** A pending Meet conference, completed by later gets (or now, when meetReadyAfterGets is 0). */
export function startConference(cal: FakeCalendar, stored: StoredEvent, create: { requestId: string; type: string }): void {
  if (!cal.claimRequestId(create.requestId)) {
    // "If an ID provided is the same as for the previous request, the request is ignored." [EVREF]
    if (cal.allEvents().includes(stored)) return; // a patch repeating it: the conference stays as it is
    const prev = cal.allEvents().find((s) => !s.exceptionOf && s.event.conferenceData?.createRequest?.requestId === create.requestId && s !== stored);
    if (prev?.event.conferenceData) stored.event.conferenceData = clone(prev.event.conferenceData);
    else delete stored.event.conferenceData;
    return;
  }
  delete stored.event.hangoutLink;
  stored.event.conferenceData = {
    createRequest: {
      requestId: create.requestId,
      conferenceSolutionKey: { type: create.type },
      status: { statusCode: 'pending' },
    },
  };
  stored.meetGetsLeft = cal.options.meetReadyAfterGets;
  if (stored.meetGetsLeft <= 0) completeConference(cal, stored);
}

/**
 * The Meet request completes [EVREF]: statusCode 'success' with entry points and hangoutLink, or,
 * with the option meetOutcome 'failure', statusCode 'failure' and no entry points.
 */
export function completeConference(cal: FakeCalendar, stored: StoredEvent): void {
  delete stored.meetGetsLeft;
  const req = stored.event.conferenceData?.createRequest;
  if (!req) return;
  if (cal.options.meetOutcome === 'failure') {
    stored.event.conferenceData = { createRequest: { ...req, status: { statusCode: 'failure' } } };
    delete stored.event.hangoutLink;
    return;
  }
  const code = meetCode(`${stored.event.id}|${req.requestId}`);
  const uri = `https://meet.google.com/${code}`;
  stored.event.conferenceData = {
    createRequest: { ...req, status: { statusCode: 'success' } },
    conferenceId: code,
    conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet' },
    entryPoints: [{ entryPointType: 'video', uri, label: `meet.google.com/${code}` }],
  };
  stored.event.hangoutLink = uri;
}
/** A Meet code like 'abc-defg-hij' derived from `seed` (FNV-1a; letters only). */
function meetCode(seed: string): string {
  let h = 0x811c9dc5;
  const letters: string[] = [];
  for (let round = 0; letters.length < 10; round++) {
    for (let i = 0; i < seed.length; i++) {
      h ^= seed.charCodeAt(i) + round;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    letters.push(String.fromCharCode(97 + (h % 26)));
  }
  const s = letters.join('');
  return `${s.slice(0, 3)}-${s.slice(3, 7)}-${s.slice(7, 10)}`;
}
