// Calendar emulation: the instances of a recurring event. An instance is generated from its series
// (same fields, no `recurrence`, its own start/end, `recurringEventId`, `originalStartTime`); an
// exception is a stored change to one instance, keyed by (recurringEventId, originalStartTime).
//
// Sources:
//   [GUIDE]  https://developers.google.com/workspace/calendar/api/guides/recurringevents — instances
//            are reached only through `events.instances()`; modifying one instance = updating it by
//            its instance id (the example cancels one with `status: "cancelled"`).
//   [EVREF]  https://developers.google.com/workspace/calendar/api/v3/reference/events — `id`: "Opaque
//            identifier of the event"; `recurringEventId` / `originalStartTime` (Immutable): "uniquely
//            identifies the instance within the recurring event series even if the instance was
//            moved"; `visibility`: "Changing the visibility of a single instance of a recurring event
//            can affect all instances of the series. If the new setting is more restrictive (e.g.
//            public to private), it is applied to all instances"; a less restrictive one is ignored.
//   [IDS]    Google announced (Oct 2025, quoted in
//            https://github.com/phw198/OutlookGoogleCalendarSync/issues/2205) that from Q3 2026 new
//            instance ids of recurring events change format and "must be treated as opaque
//            identifiers". So the emulation's instance ids are deliberately not Google's old
//            `seriesId_YYYYMMDDTHHMMSSZ`: code that builds or parses them fails here.
//   ⚠ Not documented, chosen here: an exception stores only the fields that differ from its
//     generated instance, so a later series patch changes the other fields and leaves the changed
//     ones (re-apply per-instance changes after a series patch anyway); an exception whose original
//     start is no longer an occurrence (after a trim with UNTIL/COUNT, or an EXDATE) is kept and
//     still listed ("truncating the master does not remove materialized exceptions after the
//     cutoff", https://github.com/BuilderIO/agent-native/pull/3488).
import { instantToWallTime } from '../../../core/zones';
import { addDays, clone, formatInstant, pad } from './util';

type SchemaEvent = GoogleAppsScript.Calendar.Schema.Event;

// --- opaque ids -------------------------------------------------------------------------------

/** The instance id of (series, original start): base32hex-valid, and not meant to be parsed. */
export function instanceId(seriesId: string, originalStart: number): string {
  const payload = `${originalStart.toString(32)}.${seriesId}`;
  let out = '';
  for (let i = 0; i < payload.length; i++) out += ((payload.charCodeAt(i) ^ (0x5c + 7 * i)) & 0xff).toString(16).padStart(2, '0');
  return out;
}

/** The (series id, original start) an instance id stands for, or null for any other id. */
export function decodeInstanceId(id: string): { seriesId: string; originalStart: number } | null {
  if (!/^(?:[0-9a-f]{2})+$/.test(id)) return null;
  let payload = '';
  for (let i = 0; i < id.length / 2; i++) payload += String.fromCharCode((parseInt(id.slice(2 * i, 2 * i + 2), 16) ^ (0x5c + 7 * i)) & 0xff);
  const m = /^(-?[0-9a-v]+)\.([a-v0-9]{5,1024})$/.exec(payload);
  if (!m) return null;
  const originalStart = parseInt(m[1], 32);
  return Number.isFinite(originalStart) ? { seriesId: m[2], originalStart } : null;
}

// --- generated instances ----------------------------------------------------------------------

/** An EventDateTime for an instant: `date` for an all-day series, else dateTime with the zone's offset. */
export function eventDateTime(ms: number, allDay: boolean, zone: string, dayOffset = 0): GoogleAppsScript.Calendar.Schema.EventDateTime {
  if (allDay) {
    const w = instantToWallTime(ms, zone);
    const [y, m, d] = addDays(w.year, w.month, w.day, dayOffset);
    return { date: `${pad(y, 4)}-${pad(m)}-${pad(d)}` };
  }
  return { dateTime: formatInstant(ms, zone === 'UTC' ? undefined : zone), timeZone: zone };
}

/**
 * The instance of `series` whose original start is `originalStart`, as Google generates it [EVREF]:
 * the series' fields without `recurrence`, start/end of this occurrence, `recurringEventId`,
 * `originalStartTime`, an opaque id [IDS].
 */
export function generatedInstance(series: SchemaEvent, originalStart: number, durationMs: number, allDay: boolean, zone: string): SchemaEvent {
  const out = clone(series);
  delete out.recurrence;
  out.id = instanceId(series.id!, originalStart);
  out.recurringEventId = series.id;
  if (allDay) {
    const days = Math.round(durationMs / 86_400_000);
    out.start = eventDateTime(originalStart, true, zone);
    out.end = eventDateTime(originalStart, true, zone, days);
    out.originalStartTime = eventDateTime(originalStart, true, zone);
  } else {
    out.start = eventDateTime(originalStart, false, zone);
    out.end = eventDateTime(originalStart + durationMs, false, zone);
    out.originalStartTime = eventDateTime(originalStart, false, zone);
  }
  return out;
}

/** Fields the server owns on an instance: never stored as an exception's change. */
const IDENTITY = new Set(['id', 'recurringEventId', 'originalStartTime', 'kind', 'iCalUID', 'htmlLink', 'created', 'creator', 'organizer']);

/**
 * The change that turns `base` into `next`, top-level field by field: a changed or new field with
 * its value, a removed one as null (patch semantics), identity fields left out.
 */
export function diffFields(base: SchemaEvent, next: SchemaEvent): Record<string, unknown> {
  const b = base as Record<string, unknown>;
  const n = next as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(n)])) {
    if (IDENTITY.has(key)) continue;
    if (!(key in n) || n[key] === undefined) {
      if (key in b) out[key] = null;
    } else if (JSON.stringify(b[key]) !== JSON.stringify(n[key])) out[key] = clone(n[key]);
  }
  return out;
}

/** How restrictive a visibility is [EVREF]: public < default < private = confidential. */
export function visibilityRank(v: string | undefined): number {
  if (v === 'public') return 0;
  if (v === 'private' || v === 'confidential') return 2;
  return 1;
}
