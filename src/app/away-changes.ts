// Away dates edited after booking (issue 14, item 3): the booked series follow the Roster's Away
// column from their next occurrence on (core/away-changes.ts decides). Called by the change step
// (app/roster-changes.ts) under the document lock, with what it read. An hourly run without an
// Away edit makes no call: the Away dates falling on booked meetings are kept as a key
// (AWAY_KEY) once the series agree with them. When the key differs: one listing per cycle with
// booked rows, one Calendar patch per series whose EXDATEs differ (the whole recurrence, guests
// told as "Send invitations" says), the rows' Notes in one write per column, then the key.
// Idempotent (a series already right is not patched) and resumable (the key is written last, so
// an execution that dies half way is finished by the next run, which patches only what is left).
import type { DigestItem } from '../core/digest';
import type { LogEntry } from '../core/log';
import type { AwayPerson } from '../core/away';
import { awayFingerprint, describeAwayPlan, planAwaySeries, type AwaySeriesPlan } from '../core/away-changes';
import { cadenceWeeks } from '../core/cycle-dates';
import { addDays, isoDateInZone } from '../core/dates';
import { sheetText } from '../core/feedback';
import { inForce, type ScheduleRow } from '../core/schedule';
import { readSkipDates } from '../core/skip-dates';
import { apiError, patchEvent } from '../gas/calendar';
import { writeDocumentProperties } from '../gas/properties';
import { Updates, writeUpdates, type Context } from './schedule-context';
import { listCycleEvents } from './schedule-events';

/** Document property: the key of the Away dates the booked series were last brought in line with. */
export const AWAY_KEY = 'away.applied';

export interface AwayOutcome {
  /** Series patched this run. */
  patched: number;
  log: LogEntry[];
  digest: DigestItem[];
}

const NOTHING: AwayOutcome = { patched: 0, log: [], digest: [] };

/** Brings the booked series in line with the members' Away dates at `now`. */
export function applyAwayChanges(c: Context, now: Date): AwayOutcome {
  const people = new Map<string, AwayPerson>();
  for (const [email, p] of c.people) people.set(email, { email: p.email, name: p.name, away: p.away ?? [] });
  // Rows with meetings still to come (a day's margin for series in zones ahead of the settings').
  const from = addDays(isoDateInZone(now, c.timeZone), -1);
  const rows = c.rows.filter((r) => inForce(r) && r.eventId !== '' && r.ends >= from);
  const key = awayFingerprint(rows, people, cadenceWeeks(c.settings.cadence));
  if (key === (c.properties[AWAY_KEY] ?? '')) return NOTHING;

  const at = now.toISOString();
  const skip = readSkipDates(c.settings.skipDates ?? '').ranges;
  const sendUpdates = c.settings.sendInvitations ? 'all' : 'none';
  const updates = new Updates();
  const log: LogEntry[] = [];
  const digest: DigestItem[] = [];
  let patched = 0;
  for (const cycle of [...new Set(rows.map((r) => r.cycle))].sort((a, b) => a - b)) {
    const events = new Map(listCycleEvents(c, cycle).map((e) => [e.id ?? '', e]));
    for (const row of rows.filter((r) => r.cycle === cycle)) {
      const event = events.get(row.eventId);
      if (!event || event.status === 'cancelled' || !event.start?.dateTime || !event.start.timeZone || !event.recurrence?.length) continue;
      let plan: AwaySeriesPlan;
      try {
        plan = planAwaySeries(
          { group: row.group, start: { dateTime: event.start.dateTime, timeZone: event.start.timeZone }, recurrence: event.recurrence, members: membersOf(row, people), notes: row.notes },
          skip,
          now.getTime(),
        );
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        log.push({ when: at, action: `away dates, cycle ${cycle}`, outcome: 'skipped', detail: `${row.group}: its invitation's recurrence was changed by hand (${error.message}); its Away dates were not applied.` });
        continue;
      }
      if (plan.recurrence) {
        try {
          patchEvent(row.eventId, { recurrence: plan.recurrence }, { sendUpdates });
          patched++;
        } catch (error) {
          const api = apiError(error);
          if (!api || (api.code !== 404 && api.code !== 410)) throw error; // the next run tries again
          continue; // deleted in Calendar meanwhile: scheduling's listing deals with it
        }
      }
      const notesChanged = plan.notes !== row.notes;
      if (notesChanged) updates.set(row, 'Notes', sheetText(plan.notes));
      if (plan.recurrence || notesChanged) {
        // The patch's own words; after a run that died between the patch and the Notes, the Notes'.
        const text = describeAwayPlan(plan) || `${row.group}: ${plan.notes || 'no meeting is skipped for an Away date any more.'}`;
        log.push({ when: at, action: `away dates, cycle ${cycle}`, outcome: 'ok', detail: text });
        digest.push({ kind: 'change', at, text: `Cycle ${cycle}, ${text}` });
      } else if (plan.warnings.length > 0) {
        // A change that was not made (it would empty the series): said once per Away edit.
        for (const w of plan.warnings) log.push({ when: at, action: `away dates, cycle ${cycle}`, outcome: 'skipped', detail: w });
      }
      for (const w of plan.warnings) digest.push({ kind: 'decision', at, text: `Cycle ${cycle}: ${w}` });
    }
  }
  writeUpdates(c, updates);
  writeDocumentProperties({ [AWAY_KEY]: key });
  return { patched, log, digest };
}

function membersOf(row: ScheduleRow, people: ReadonlyMap<string, AwayPerson>): AwayPerson[] {
  return row.members.map((e) => people.get(e)).filter((p): p is AwayPerson => p !== undefined);
}
