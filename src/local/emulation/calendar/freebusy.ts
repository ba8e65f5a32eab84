// `Calendar.Freebusy.query` emulated: busy blocks per calendar from seeded busy time and the events each
// person attends (instances, exceptions, EXDATE and UNTIL honoured), errors per calendar. Sources in
// index.ts ([FB], [ERR]).
import type { FakeCalendar, FreeBusyCalendarResult } from './calendar';
import { CALENDAR_ERRORS, type CalendarApiMethod } from './errors';
import { MS_PER_DAY, clone, formatInstant, isPlainObject, isValidZone, parseInstant } from './util';

type FreeBusyRequest = GoogleAppsScript.Calendar.Schema.FreeBusyRequest;
type FreeBusyResponse = GoogleAppsScript.Calendar.Schema.FreeBusyResponse;
type OfficialFreebusy = GoogleAppsScript.Calendar.Collection.FreebusyCollection;

/** `Calendar.Freebusy`, checked by tsc against the official FreebusyCollection. */
export class FakeFreebusyCollection implements Pick<OfficialFreebusy, 'query'> {
  constructor(private readonly cal: FakeCalendar) {}

  /**
   * Free/busy of up to calendarExpansionMax (≤ 50) calendars [FB]. Per calendar: busy blocks, or
   * `errors` (notFound for an unknown calendar, the person's configured error) with `busy: []`.
   * Items past the cap get reason tooManyCalendarsRequested (⚠ two community reports say Google
   * answers that per calendar rather than failing the request; domain 'global' ⚠).
   * Busy times are UTC ('…Z') by default, in `timeZone`'s offset when given ("Time zone used in
   * the response" [FB]) — parse them, never compare them as strings.
   */
  query(resource: FreeBusyRequest, optionalArgs?: object, headers?: object): FreeBusyResponse {
    void optionalArgs;
    void headers;
    const cal = this.cal;
    cal.ctx.ledger.record('Calendar.Freebusy.query');
    const M: CalendarApiMethod = 'calendar.freebusy.query';
    cal.spendQuota(M, 1);
    const req = (isPlainObject(resource) ? clone(resource) : {}) as FreeBusyRequest;
    if (req.timeMin === undefined) throw cal.apiError(M, 400, CALENDAR_ERRORS.missingParameter('timeMin'), 'global', 'required');
    if (req.timeMax === undefined) throw cal.apiError(M, 400, CALENDAR_ERRORS.missingParameter('timeMax'), 'global', 'required'); // ⚠ by symmetry
    const from = parseInstant(req.timeMin);
    const to = parseInstant(req.timeMax);
    if (Number.isNaN(from) || Number.isNaN(to)) {
      throw cal.apiError(M, 400, CALENDAR_ERRORS.invalidValue, 'global', 'invalid', { locationType: 'parameter', location: Number.isNaN(from) ? 'timeMin' : 'timeMax' }); // ⚠
    }
    if (req.timeZone !== undefined && (typeof req.timeZone !== 'string' || !isValidZone(req.timeZone))) {
      throw cal.apiError(M, 400, CALENDAR_ERRORS.invalidValue, 'global', 'invalid', { locationType: 'parameter', location: 'timeZone' }); // ⚠
    }
    if (to <= from) {
      throw cal.apiError(M, 400, CALENDAR_ERRORS.timeRangeEmpty, 'calendar', 'timeRangeEmpty', { locationType: 'parameter', location: 'timeMax' });
    }
    if (to - from > cal.options.freeBusyMaxRangeDays * MS_PER_DAY) {
      throw cal.apiError(M, 400, CALENDAR_ERRORS.timeRangeTooLong, 'calendar', 'timeRangeTooLong'); // domain ⚠
    }
    let cap = cal.options.defaultCalendarExpansionMax;
    if (req.calendarExpansionMax !== undefined) {
      const v = req.calendarExpansionMax;
      if (!Number.isInteger(v) || v < 1 || v > 50) {
        throw cal.apiError(M, 400, CALENDAR_ERRORS.invalidValue, 'global', 'invalid', { locationType: 'parameter', location: 'calendarExpansionMax' }); // ⚠ "Maximum value is 50" [FB]
      }
      cap = v;
    }
    const items = Array.isArray(req.items) ? req.items : [];
    const calendars: Record<string, FreeBusyCalendarResult> = {};
    const fmt = (ms: number) => formatInstant(ms, req.timeZone);
    let n = 0;
    for (const item of items) {
      const id = String(item?.id ?? '');
      if (id in calendars) continue;
      n += 1;
      if (n > cap) {
        calendars[id] = { errors: [{ domain: 'global', reason: 'tooManyCalendarsRequested' }], busy: [] };
        continue;
      }
      const who = cal.resolveCalendar(id);
      const person = cal.person(who);
      if (!cal.isKnown(who)) {
        calendars[id] = { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] };
      } else if (person?.error) {
        calendars[id] = { errors: [{ domain: 'global', reason: person.error }], busy: [] };
      } else {
        calendars[id] = { busy: cal.busyOf(who, from, to).map(([s, e]) => ({ start: fmt(s), end: fmt(e) })) };
      }
    }
    return {
      kind: 'calendar#freeBusy',
      timeMin: new Date(from).toISOString(),
      timeMax: new Date(to).toISOString(),
      calendars,
    };
  }
}
