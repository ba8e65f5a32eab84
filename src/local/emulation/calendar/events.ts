// `Calendar.Events` emulated: insert, get, patch, update, list (with singleEvents, orderBy, timeMin,
// timeMax), remove and instances, on series, single events and instances (opaque ids, exceptions).
// Sources are listed in index.ts; the rules for instances are in instances.ts.
//   [LIST-DEL] …/events/list, showDeleted: "Cancelled instances of recurring events (but not the
//              underlying recurring event) will still be included if showDeleted and singleEvents are
//              both False. If showDeleted and singleEvents are both True, only single instances of
//              deleted events (but not the underlying recurring events) are returned."
//   [LIST-T]   …/events/list: timeMin "Lower bound (exclusive) for an event's end time to filter by",
//              timeMax "Upper bound (exclusive) for an event's start time"; …/events/instances: the
//              same, except timeMin "Lower bound (inclusive) for an event's end time";
//              orderBy "startTime": "Order by the start date/time (ascending). This is only available
//              when querying single events (i.e. the parameter singleEvents is True)", "updated".
//   [INST]     …/events/instances: originalStart "The original start time of the instance in the
//              result", showDeleted, maxResults (default 250, at most 2500), pageToken, timeMin, timeMax.
import type { FakeCalendar, InstanceView, StoredEvent } from './calendar';
import type { SendUpdates } from './calendar';
import { CALENDAR_ERRORS, NotEmulatedError, type CalendarApiMethod } from './errors';
import { ID_PATTERN, clone, isPlainObject, mergePatch, parseInstant } from './util';
import { decodeInstanceId, diffFields, generatedInstance, visibilityRank } from './instances';
import { occursAt } from './recurrence';
import { createRequestOf, readConference, startConference } from './conference';

type SchemaEvent = GoogleAppsScript.Calendar.Schema.Event;
type SchemaEvents = GoogleAppsScript.Calendar.Schema.Events;
type OfficialEvents = GoogleAppsScript.Calendar.Collection.EventsCollection;

/** The optional arguments emulated per method; anything else throws NotEmulatedError. */
const WRITE = ['conferenceDataVersion', 'sendUpdates', 'sendNotifications', 'maxAttendees', 'supportsAttachments'];
const ALLOWED_ARGS: Record<string, readonly string[]> = {
  insert: WRITE,
  patch: WRITE,
  update: WRITE,
  get: ['maxAttendees', 'timeZone'],
  list: ['maxResults', 'pageToken', 'privateExtendedProperty', 'sharedExtendedProperty', 'showDeleted', 'singleEvents', 'orderBy', 'timeMin', 'timeMax'],
  instances: ['maxResults', 'pageToken', 'originalStart', 'showDeleted', 'timeMin', 'timeMax', 'maxAttendees'],
  remove: ['sendUpdates', 'sendNotifications'],
};

interface WriteArgs {
  conferenceDataVersion?: number;
  sendUpdates?: SendUpdates;
  sendNotifications?: boolean;
  maxAttendees?: number;
  supportsAttachments?: boolean;
}

interface ListArgs {
  maxResults?: number;
  pageToken?: string;
  privateExtendedProperty?: string | string[];
  sharedExtendedProperty?: string | string[];
  showDeleted?: boolean;
  singleEvents?: boolean;
  orderBy?: string;
  timeMin?: string;
  timeMax?: string;
  originalStart?: string;
}

/** What an event id names: a stored event, or one instance of a series. */
type Target =
  | { kind: 'event'; stored: StoredEvent }
  | { kind: 'instance'; series: StoredEvent; originalStart: number; exception: StoredEvent | undefined };

/**
 * `Calendar.Events`, checked by tsc against the official EventsCollection (every overload of each
 * method). Each call is recorded in the ledger first, so an injected fault changes nothing.
 */
export class FakeEventsCollection implements Pick<OfficialEvents, 'insert' | 'get' | 'patch' | 'update' | 'list' | 'remove' | 'instances'> {
  constructor(private readonly cal: FakeCalendar) {}

  /** Creates an event [INSERT]. */
  insert(resource: SchemaEvent, calendarId: string, optionalArgs?: object, headers?: object): SchemaEvent {
    void headers;
    const cal = this.cal;
    cal.ctx.ledger.record('Calendar.Events.insert');
    const M: CalendarApiMethod = 'calendar.events.insert';
    const args = this.args('insert', optionalArgs) as WriteArgs;
    const event = clone(isPlainObject(resource) ? resource : {}) as SchemaEvent;
    cal.recordSent({ method: 'insert', calendarId: String(calendarId), eventId: event.id ?? null, resource: event, optionalArgs: { ...args } });
    const calendar = cal.writableCalendar(M, calendarId);
    cal.spendQuota(M, 1);
    const sendUpdates = this.sendUpdates(M, args);
    const conference = this.conferenceVersion(M, args);
    if (event.id !== undefined && (typeof event.id !== 'string' || !ID_PATTERN.test(event.id))) {
      throw cal.apiError(M, 400, CALENDAR_ERRORS.invalidId, 'global', 'invalid');
    }
    cal.validateTimes(M, event);
    cal.checkContent(M, event);
    const create = conference === 1 ? createRequestOf(this.cal, M, event) : null;
    const id = event.id ?? this.newId();
    if (cal.find(calendar, id)) {
      // Also for a deleted event: its id is never freed (python-client#210, ruby-client#1811).
      throw cal.apiError(M, 409, CALENDAR_ERRORS.duplicate, 'global', 'duplicate');
    }
    if (!cal.quotaLeft()) throw cal.apiError(M, 403, CALENDAR_ERRORS.usageLimits, 'usageLimits', 'quotaExceeded');

    // Accepted: from here on the "server" has the event.
    const now = cal.ctx.now().toISOString();
    if (conference !== 1) delete event.conferenceData; // "Version 0 … ignores conference data" [INSERT]
    const stored: StoredEvent = { calendar, event: this.serverFields(event, id, calendar, now) };
    if (create) startConference(this.cal, stored, create);
    cal.add(stored);
    cal.countCreation();
    cal.notify('invitation', 'insert', stored, sendUpdates);
    cal.maybeLoseResponse('insert', M);
    return clone(stored.event);
  }

  /**
   * Returns an event, a deleted one too (status 'cancelled') [EVREF]; an instance by its id (from
   * `instances` or `list` with singleEvents), a cancelled one too; 404 for an unknown id [ERR].
   */
  get(calendarId: string, eventId: string, optionalArgs?: object, headers?: object): SchemaEvent {
    void headers;
    const cal = this.cal;
    cal.ctx.ledger.record('Calendar.Events.get');
    const M: CalendarApiMethod = 'calendar.events.get';
    this.args('get', optionalArgs);
    const calendar = cal.writableCalendar(M, calendarId);
    cal.spendQuota(M, 1);
    const target = this.resolve(calendar, String(eventId));
    if (!target) throw cal.apiError(M, 404, CALENDAR_ERRORS.notFound, 'global', 'notFound');
    if (target.kind === 'event') {
      readConference(this.cal, target.stored);
      return clone(target.stored.event);
    }
    readConference(this.cal, target.series);
    return clone(cal.materialise(target.series, target.originalStart, target.exception).event);
  }

  /**
   * Updates an event with patch semantics [PATCH][PATCHSEM]: objects merge (so
   * extendedProperties.private merges by key, null deletes one [XP]), arrays replace. On a series,
   * its exceptions stay (⚠ instances.ts); on an instance id, the change is stored as that
   * instance's exception [GUIDE].
   */
  patch(resource: SchemaEvent, calendarId: string, eventId: string, optionalArgs?: object, headers?: object): SchemaEvent {
    void headers;
    this.cal.ctx.ledger.record('Calendar.Events.patch');
    return this.write('patch', resource, calendarId, eventId, optionalArgs);
  }

  /**
   * Replaces an event [UPDATE]: fields left out are cleared (server fields stay; ⚠ a Meet
   * conference stays when conferenceDataVersion is 0, which "ignores conference data"). On an
   * instance id: that instance's exception, as the guide does to cancel one [GUIDE].
   */
  update(resource: SchemaEvent, calendarId: string, eventId: string, optionalArgs?: object, headers?: object): SchemaEvent {
    void headers;
    this.cal.ctx.ledger.record('Calendar.Events.update');
    return this.write('update', resource, calendarId, eventId, optionalArgs);
  }

  private write(kind: 'patch' | 'update', resource: SchemaEvent, calendarId: string, eventId: string, optionalArgs: object | undefined): SchemaEvent {
    const cal = this.cal;
    const M: CalendarApiMethod = kind === 'patch' ? 'calendar.events.patch' : 'calendar.events.update';
    const args = this.args(kind, optionalArgs) as WriteArgs;
    const body = clone(isPlainObject(resource) ? resource : {}) as SchemaEvent;
    cal.recordSent({ method: kind, calendarId: String(calendarId), eventId: String(eventId), resource: body, optionalArgs: { ...args } });
    const calendar = cal.writableCalendar(M, calendarId);
    cal.spendQuota(M, kind === 'patch' ? 3 : 1); // "each patch request consumes three quota units" [PATCH]
    const sendUpdates = this.sendUpdates(M, args);
    const conference = this.conferenceVersion(M, args);
    const target = this.resolve(calendar, String(eventId));
    if (!target) throw cal.apiError(M, 404, CALENDAR_ERRORS.notFound, 'global', 'notFound');
    if (target.kind === 'instance') return this.writeInstance(kind, M, calendar, target, body, conference, sendUpdates);
    const stored = target.stored;
    if (body.id !== undefined && body.id !== stored.event.id) {
      throw cal.apiError(M, 400, CALENDAR_ERRORS.invalidId, 'global', 'invalid'); // ⚠ ids are immutable
    }
    if (conference !== 1) delete body.conferenceData; // [INSERT] conferenceDataVersion, same on patch
    let next: SchemaEvent;
    if (kind === 'patch') {
      next = mergePatch(clone(stored.event) as Record<string, unknown>, body as Record<string, unknown>) as SchemaEvent;
    } else {
      next = { ...body };
      const keep = ['kind', 'id', 'htmlLink', 'created', 'creator', 'organizer', 'iCalUID', 'eventType'] as const;
      for (const k of keep) if (stored.event[k] !== undefined) (next as Record<string, unknown>)[k] = clone(stored.event[k]);
      if (conference !== 1) {
        if (stored.event.conferenceData) next.conferenceData = clone(stored.event.conferenceData);
        if (stored.event.hangoutLink) next.hangoutLink = stored.event.hangoutLink;
      }
      if (next.reminders === undefined) next.reminders = { useDefault: true };
      if (next.status !== 'tentative' && next.status !== 'cancelled') next.status = 'confirmed';
    }
    cal.validateTimes(M, next);
    cal.checkContent(M, next);
    const create = conference === 1 && body.conferenceData ? createRequestOf(this.cal, M, body) : null;

    next.updated = cal.ctx.now().toISOString();
    next.sequence = (stored.event.sequence ?? 0) + 1;
    next.etag = `"${Date.parse(next.updated)}${next.sequence}"`;
    this.fillAttendees(next, calendar);
    stored.event = next;
    if (create) startConference(this.cal, stored, create);
    else if (conference === 1 && body.conferenceData) delete stored.meetGetsLeft;
    cal.notify('update', kind, stored, sendUpdates);
    cal.maybeLoseResponse(kind, M);
    return clone(stored.event);
  }

  /**
   * A patch or update of one instance: stored as the exception keyed by (recurringEventId,
   * originalStartTime), only the fields that differ from the generated instance [instances.ts].
   * `recurringEventId` and `originalStartTime` are immutable [EVREF] (⚠ 400 Invalid Value here).
   * A more restrictive `visibility` goes to the whole series; a less restrictive one is ignored
   * [EVREF visibility].
   */
  private writeInstance(
    kind: 'patch' | 'update',
    M: CalendarApiMethod,
    calendar: string,
    target: Extract<Target, { kind: 'instance' }>,
    body: SchemaEvent,
    conference: 0 | 1,
    sendUpdates: SendUpdates | undefined,
  ): SchemaEvent {
    const cal = this.cal;
    const { series, originalStart } = target;
    const current = cal.materialise(series, originalStart, target.exception);
    const invalid = (location: string) => cal.apiError(M, 400, CALENDAR_ERRORS.invalidValue, 'global', 'invalid', { locationType: 'other', location });
    if (body.id !== undefined && body.id !== current.event.id) throw cal.apiError(M, 400, CALENDAR_ERRORS.invalidId, 'global', 'invalid');
    if (body.recurringEventId !== undefined && body.recurringEventId !== series.event.id) throw invalid('recurringEventId');
    if (body.originalStartTime !== undefined && body.originalStartTime !== null) {
      const given = cal.instantOf(M, body.originalStartTime, 'start').ms;
      if (given !== originalStart) throw invalid('originalStartTime');
    }
    if (body.recurrence !== undefined && body.recurrence !== null && (body.recurrence as unknown[]).length > 0) {
      throw new NotEmulatedError('a recurrence on one instance');
    }
    if (conference === 1 && body.conferenceData?.createRequest) throw new NotEmulatedError('a Meet createRequest on one instance');
    if (conference !== 1) delete body.conferenceData;
    let next: SchemaEvent;
    if (kind === 'patch') {
      next = mergePatch(clone(current.event) as Record<string, unknown>, body as Record<string, unknown>) as SchemaEvent;
    } else {
      next = { ...body };
      const keep = ['kind', 'htmlLink', 'created', 'creator', 'organizer', 'iCalUID', 'eventType'] as const;
      for (const k of keep) if (current.event[k] !== undefined) (next as Record<string, unknown>)[k] = clone(current.event[k]);
      if (current.event.conferenceData && conference !== 1) next.conferenceData = clone(current.event.conferenceData);
      if (current.event.hangoutLink && conference !== 1) next.hangoutLink = current.event.hangoutLink;
      if (next.reminders === undefined) next.reminders = { useDefault: true };
      if (next.status !== 'tentative' && next.status !== 'cancelled') next.status = 'confirmed';
    }
    next.id = current.event.id;
    next.recurringEventId = series.event.id;
    next.originalStartTime = clone(current.event.originalStartTime);
    delete next.recurrence;
    cal.validateTimes(M, next);
    cal.checkContent(M, next);

    const now = cal.ctx.now().toISOString();
    // Visibility [EVREF]: stricter → the whole series; looser → ignored.
    if (visibilityRank(next.visibility) > visibilityRank(series.event.visibility)) {
      series.event.visibility = next.visibility;
      series.event.updated = now;
    }
    if (series.event.visibility === undefined) delete next.visibility;
    else next.visibility = series.event.visibility;

    next.updated = now;
    next.sequence = (current.event.sequence ?? 0) + 1;
    next.etag = `"${Date.parse(now)}${next.sequence}"`;
    this.fillAttendees(next, calendar);
    const t = cal.timingOf(series.event);
    const base = generatedInstance(series.event, originalStart, t.durationMs, t.allDay, t.zone);
    const changes = { ...diffFields(base, next), id: next.id } as SchemaEvent;
    if (target.exception) target.exception.event = changes;
    else cal.add({ calendar, event: changes, exceptionOf: { seriesId: series.event.id!, originalStart } }, next.id!);
    const after = cal.materialise(series, originalStart, cal.exceptionsOf(series).get(originalStart), t);
    const cancelledNow = after.cancelled && !current.cancelled;
    cal.notify(cancelledNow ? 'cancellation' : 'update', kind, { calendar, event: after.event }, sendUpdates);
    cal.maybeLoseResponse(kind, M);
    return clone(after.event);
  }

  /**
   * Lists events [LIST]. Without singleEvents: single events, series (one event each) and
   * exceptions, cancelled exceptions included even without showDeleted [LIST-DEL]. With singleEvents:
   * single events and every instance, exceptions applied, cancelled ones only with showDeleted.
   * timeMin/timeMax filter on the end/start [LIST-T]; orderBy 'startTime' (singleEvents only, else
   * 400 ⚠ wording) or 'updated'; extended-property constraints; pages (maxResults default 250, at
   * most 2500, nextPageToken). An open-ended series without timeMax yields `maxOccurrences` instances.
   */
  list(calendarId: string, optionalArgs?: object, headers?: object): SchemaEvents {
    void headers;
    const cal = this.cal;
    cal.ctx.ledger.record('Calendar.Events.list');
    const M: CalendarApiMethod = 'calendar.events.list';
    const args = this.args('list', optionalArgs) as ListArgs;
    const calendar = cal.writableCalendar(M, calendarId);
    cal.spendQuota(M, 1);
    const { from, to } = this.window(M, args);
    const single = args.singleEvents === true;
    if (args.orderBy !== undefined) {
      if (args.orderBy !== 'startTime' && args.orderBy !== 'updated') throw this.invalidParam(M, 'orderBy');
      if (args.orderBy === 'startTime' && !single) throw cal.apiError(M, 400, CALENDAR_ERRORS.orderByUnavailable, 'global', 'badRequest'); // ⚠ reason
    }
    const showDeleted = args.showDeleted === true;
    const priv = this.constraints(M, args.privateExtendedProperty, 'privateExtendedProperty');
    const shared = this.constraints(M, args.sharedExtendedProperty, 'sharedExtendedProperty');
    const matches = (props: Record<string, string> | undefined, cs: Array<[string, string]>) => {
      if (cs.length === 0) return true;
      const hit = ([k, v]: [string, string]) => props?.[k] === v;
      return cal.options.extendedPropertyMatch === 'all' ? cs.every(hit) : cs.some(hit);
    };
    const rows: Array<{ event: SchemaEvent; start: number; stored: StoredEvent }> = [];
    for (const s of cal.allEvents()) {
      if (s.calendar !== calendar) continue;
      if (s.exceptionOf) {
        if (single) continue; // shown through its series
        const series = cal.find(calendar, s.exceptionOf.seriesId);
        if (!series || (series.event.status === 'cancelled' && !showDeleted)) continue;
        const v = cal.materialise(series, s.exceptionOf.originalStart, s);
        if (!overlaps(v, from, to)) continue;
        rows.push({ event: v.event, start: v.start, stored: series }); // cancelled ones too [LIST-DEL]
      } else if (cal.isSeries(s)) {
        const views = cal.viewsOf(s, from, to);
        if (single) {
          for (const v of views) if (!v.cancelled || showDeleted) rows.push({ event: v.event, start: v.start, stored: s });
        } else {
          if (s.event.status === 'cancelled' && !showDeleted) continue;
          if (views.length === 0 && (from !== -Infinity || to !== Infinity)) continue;
          rows.push({ event: s.event, start: views[0]?.start ?? cal.timingOf(s.event).startMs, stored: s });
        }
      } else {
        if (s.event.status === 'cancelled' && !showDeleted) continue;
        const v = cal.viewsOf(s, from, to);
        if (v.length === 0) continue;
        rows.push({ event: s.event, start: v[0].start, stored: s });
      }
    }
    const all = rows.filter((r) => matches(r.event.extendedProperties?.private, priv) && matches(r.event.extendedProperties?.shared, shared));
    if (args.orderBy === 'startTime') all.sort((a, b) => a.start - b.start);
    if (args.orderBy === 'updated') all.sort((a, b) => Date.parse(a.event.updated ?? '') - Date.parse(b.event.updated ?? ''));
    return this.page(M, calendar, args, all.map((r) => r.event), all.map((r) => r.stored));
  }

  /**
   * The instances of a recurring event [INST][GUIDE]: generated from the series, exceptions applied
   * (a moved one where it moved to, cancelled ones only with showDeleted), in start order, each
   * with an opaque id, `recurringEventId` and `originalStartTime`. `originalStart` picks the one
   * instance with that original start. ⚠ For a single event: that event alone; for an instance id:
   * 404. An open-ended series without timeMax yields `maxOccurrences` instances.
   */
  instances(calendarId: string, eventId: string, optionalArgs?: object, headers?: object): SchemaEvents {
    void headers;
    const cal = this.cal;
    cal.ctx.ledger.record('Calendar.Events.instances');
    const M: CalendarApiMethod = 'calendar.events.instances';
    const args = this.args('instances', optionalArgs) as ListArgs;
    const calendar = cal.writableCalendar(M, calendarId);
    cal.spendQuota(M, 1);
    const window = this.window(M, args);
    // instances' timeMin is inclusive on the end [LIST-T]: end >= timeMin, i.e. end > timeMin − 1 ms.
    const from = window.from - 1;
    const to = window.to;
    const target = this.resolve(calendar, String(eventId));
    if (!target || target.kind !== 'event') throw cal.apiError(M, 404, CALENDAR_ERRORS.notFound, 'global', 'notFound');
    const stored = target.stored;
    let views: InstanceView[];
    if (args.originalStart !== undefined) {
      const ms = typeof args.originalStart === 'string' ? cal.instantOf(M, /^\d{4}-\d{2}-\d{2}$/.test(args.originalStart) ? { date: args.originalStart, timeZone: stored.event.start?.timeZone } : { dateTime: args.originalStart }, 'start').ms : NaN;
      if (Number.isNaN(ms)) throw this.invalidParam(M, 'originalStart');
      const v = cal.isSeries(stored) ? cal.instanceAt(stored, ms) : null;
      views = v && overlaps(v, from, to) ? [v] : [];
    } else {
      views = cal.viewsOf(stored, from, to);
    }
    const shown = views.filter((v) => !v.cancelled || args.showDeleted === true);
    readConference(this.cal, stored);
    return this.page(M, calendar, args, shown.map((v) => v.event), [], false);
  }

  /**
   * Deletes an event: it stays, with status 'cancelled', readable by get and kept from reuse
   * [ERR 409/410]. A second remove → 410 "Resource has been deleted". On an instance id: that
   * instance becomes a cancelled exception (⚠ equivalent to `status: 'cancelled'`, not documented;
   * no EXDATE is added to the series, ruby-client#129).
   */
  remove(calendarId: string, eventId: string, optionalArgs?: object, headers?: object): void {
    void headers;
    const cal = this.cal;
    cal.ctx.ledger.record('Calendar.Events.remove');
    const M: CalendarApiMethod = 'calendar.events.delete';
    const args = this.args('remove', optionalArgs) as WriteArgs;
    const sendUpdates = this.sendUpdates(M, args);
    const calendar = cal.writableCalendar(M, calendarId);
    cal.spendQuota(M, 1);
    const target = this.resolve(calendar, String(eventId));
    if (!target) throw cal.apiError(M, 404, CALENDAR_ERRORS.notFound, 'global', 'notFound');
    if (target.kind === 'instance') {
      const current = cal.materialise(target.series, target.originalStart, target.exception);
      if (current.cancelled) throw cal.apiError(M, 410, CALENDAR_ERRORS.deleted, 'global', 'deleted');
      const now = cal.ctx.now().toISOString();
      const changes = { ...(target.exception?.event ?? { id: current.event.id }), status: 'cancelled', updated: now } as SchemaEvent;
      if (target.exception) target.exception.event = changes;
      else cal.add({ calendar, event: changes, exceptionOf: { seriesId: target.series.event.id!, originalStart: target.originalStart } }, current.event.id!);
      cal.notify('cancellation', 'remove', { calendar, event: current.event }, sendUpdates);
      cal.maybeLoseResponse('remove', M);
      return;
    }
    const stored = target.stored;
    if (stored.event.status === 'cancelled') throw cal.apiError(M, 410, CALENDAR_ERRORS.deleted, 'global', 'deleted');
    stored.event.status = 'cancelled';
    stored.event.updated = cal.ctx.now().toISOString();
    cal.notify('cancellation', 'remove', stored, sendUpdates);
    cal.maybeLoseResponse('remove', M);
  }

  // --- ids, windows, pages ------------------------------------------------------------------------

  /** What `id` names on `calendar`: a stored event, an exception, or a generated instance. */
  private resolve(calendar: string, id: string): Target | null {
    const cal = this.cal;
    const stored = cal.find(calendar, id);
    if (stored && !stored.exceptionOf) return { kind: 'event', stored };
    if (stored?.exceptionOf) {
      const series = cal.find(calendar, stored.exceptionOf.seriesId);
      return series ? { kind: 'instance', series, originalStart: stored.exceptionOf.originalStart, exception: stored } : null;
    }
    const decoded = decodeInstanceId(id);
    if (!decoded) return null;
    const series = cal.find(calendar, decoded.seriesId);
    if (!series || !cal.isSeries(series)) return null;
    const t = cal.timingOf(series.event);
    if (!occursAt(t.rec, t, decoded.originalStart, cal.options.maxOccurrences)) return null;
    return { kind: 'instance', series, originalStart: decoded.originalStart, exception: undefined };
  }

  /** timeMin/timeMax as instants [LIST-T]; 400 for a bad value or an empty range [ERR]. */
  private window(M: CalendarApiMethod, args: ListArgs): { from: number; to: number } {
    const from = args.timeMin === undefined ? -Infinity : parseInstant(args.timeMin);
    const to = args.timeMax === undefined ? Infinity : parseInstant(args.timeMax);
    if (Number.isNaN(from)) throw this.invalidParam(M, 'timeMin');
    if (Number.isNaN(to)) throw this.invalidParam(M, 'timeMax');
    if (to <= from) throw this.cal.apiError(M, 400, CALENDAR_ERRORS.timeRangeEmpty, 'calendar', 'timeRangeEmpty', { locationType: 'parameter', location: 'timeMax' });
    return { from, to };
  }

  private invalidParam(M: CalendarApiMethod, name: string) {
    return this.cal.apiError(M, 400, CALENDAR_ERRORS.invalidValue, 'global', 'invalid', { locationType: 'parameter', location: name }); // ⚠
  }

  /** One page of `events` (maxResults default 250, at most 2500 [LIST]); each returned stored event is a read. */
  private page(M: CalendarApiMethod, calendar: string, args: ListArgs, events: SchemaEvent[], stores: StoredEvent[], readEach = true): SchemaEvents {
    const cal = this.cal;
    let pageSize = 250;
    if (args.maxResults !== undefined) {
      if (!Number.isInteger(args.maxResults) || args.maxResults < 1) throw this.invalidParam(M, 'maxResults');
      pageSize = Math.min(args.maxResults, 2500); // "can never be larger than 2500" [LIST]
    }
    let offset = 0;
    if (args.pageToken !== undefined) {
      const m = typeof args.pageToken === 'string' ? /^p(\d+)$/.exec(args.pageToken) : null;
      if (!m) throw this.invalidParam(M, 'pageToken'); // ⚠
      offset = Number(m[1]);
    }
    const read = new Set<StoredEvent>();
    const items = events.slice(offset, offset + pageSize).map((e, i) => {
      const s = stores[offset + i];
      if (readEach && s && !read.has(s)) {
        read.add(s);
        readConference(this.cal, s);
        if (s.event.id === e.id) return clone(s.event); // the conference may have just completed
      }
      return clone(e);
    });
    const result: SchemaEvents = {
      kind: 'calendar#events',
      etag: `"p${events.length}"`,
      summary: calendar,
      updated: cal.ctx.now().toISOString(),
      timeZone: cal.ctx.timeZone,
      accessRole: 'owner',
      defaultReminders: [],
      items,
    };
    if (offset + pageSize < events.length) result.nextPageToken = `p${offset + pageSize}`;
    return result;
  }

  // --- helpers ----------------------------------------------------------------------------------

  private args(method: keyof typeof ALLOWED_ARGS, optionalArgs: object | undefined): Record<string, unknown> {
    if (optionalArgs === undefined || optionalArgs === null) return {};
    const args = clone(optionalArgs) as Record<string, unknown>;
    for (const k of Object.keys(args)) {
      if (!ALLOWED_ARGS[method].includes(k)) throw new NotEmulatedError(`Events.${method} optional argument '${k}'`);
    }
    return args;
  }

  /** sendUpdates, or the deprecated sendNotifications: true meaning 'all' [INSERT]. Default: none. */
  private sendUpdates(M: CalendarApiMethod, args: WriteArgs): SendUpdates | undefined {
    if (args.sendUpdates !== undefined) {
      if (!['all', 'externalOnly', 'none'].includes(args.sendUpdates as string)) {
        throw this.cal.apiError(M, 400, CALENDAR_ERRORS.invalidValue, 'global', 'invalid', { locationType: 'parameter', location: 'sendUpdates' });
      }
      return args.sendUpdates;
    }
    return args.sendNotifications === true ? 'all' : undefined;
  }

  /** conferenceDataVersion: 0 (default) or 1 [INSERT]; ⚠ other values → 400 Invalid Value. */
  private conferenceVersion(M: CalendarApiMethod, args: WriteArgs): 0 | 1 {
    const v = args.conferenceDataVersion;
    if (v === undefined || v === 0) return 0;
    if (v === 1) return 1;
    throw this.cal.apiError(M, 400, CALENDAR_ERRORS.invalidValue, 'global', 'invalid', { locationType: 'parameter', location: 'conferenceDataVersion' });
  }

  /** Fields the server sets on a new event [EVREF]. */
  private serverFields(event: SchemaEvent, id: string, calendar: string, now: string): SchemaEvent {
    const out: SchemaEvent = {
      ...event,
      kind: 'calendar#event',
      etag: `"${Date.parse(now)}0"`,
      id,
      status: event.status === 'tentative' ? 'tentative' : 'confirmed',
      htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${id} ${calendar}`).toString('base64').replace(/=+$/, '')}`,
      created: now,
      updated: now,
      creator: { email: calendar, self: true },
      organizer: { email: calendar, self: true },
      iCalUID: `${id}@google.com`,
      sequence: 0,
      reminders: event.reminders ?? { useDefault: true },
      eventType: event.eventType ?? 'default',
    };
    this.fillAttendees(out, calendar);
    return out;
  }

  /** Guests start as 'needsAction'; the organizer's own entry is marked organizer/self (⚠). */
  private fillAttendees(event: SchemaEvent, calendar: string): void {
    for (const a of event.attendees ?? []) {
      if (!a.responseStatus) a.responseStatus = 'needsAction';
      if (this.cal.norm(a.email ?? '') === calendar) {
        a.organizer = true;
        a.self = true;
      }
    }
  }

  private newId(): string {
    // Hex digits are base32hex digits, so a UUID's are a valid id [EVREF].
    return this.cal.ctx.uuid().replace(/-/g, '').toLowerCase();
  }

  private constraints(M: CalendarApiMethod, value: unknown, name: string): Array<[string, string]> {
    if (value === undefined) return [];
    const list = Array.isArray(value) ? value : [value];
    return list.map((c) => {
      const s = String(c);
      const eq = s.indexOf('=');
      if (eq <= 0) throw this.cal.apiError(M, 400, CALENDAR_ERRORS.invalidValue, 'global', 'invalid', { locationType: 'parameter', location: name }); // ⚠
      return [s.slice(0, eq), s.slice(eq + 1)] as [string, string];
    });
  }
}



/** True when the instance overlaps [from, to) [LIST-T] (a zero-length one at `from` counts). */
function overlaps(v: { start: number; end: number }, from: number, to: number): boolean {
  return v.start < to && (v.end > from || v.start >= from);
}
