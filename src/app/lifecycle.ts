// The program running itself (issue 11): the tick's cycle step. core/lifecycle.ts decides what is
// due (plan the next cycle heads-up days before it starts, book it notice days before, report a
// cycle's end); this file reads what the decision needs, records the decision's marker under the
// document lock before acting (so a second or overlapping run does nothing), then acts through the
// same functions the sidebar uses, and returns what to log and queue for the owner's digest.
//
// Cycle decisions move on day boundaries, so once a day is checked with nothing due the tick does
// not look again that day (`lifecycle.checkedOn`), unless something the add-on did changed
// Rotations (the sidebar's confirm and scheduling clear it). That keeps an idle tick at a few
// service calls.
import type { ConfirmResult, PlanPreview } from '../shared/api';
import type { DigestGroup, DigestItem } from '../core/digest';
import { lastResponseText } from '../core/dashboard';
import { UserError } from '../core/errors';
import { decideTick, markersJson, readMarkers, recordAction, type LifecycleAction, type RotationRowSummary } from '../core/lifecycle';
import type { LogEntry } from '../core/log';
import { lifecycleDays, meetingsPerCycle, readStoredSettings, settingsTimeZone, type Settings } from '../core/settings';
import { addDays, isoDateInZone } from '../core/dates';
import { readScheduleRows, rotationColumns } from '../core/schedule';
import { offHoursGroups, offHoursPhrase } from '../core/off-hours';
import { normaliseEmail, type Person } from '../core/people';
import { checkRoster } from '../core/roster';
import { ROSTER } from '../core/schema';
import { readTable } from '../gas/roster-sheet';
import { withDocumentLock } from '../gas/lock';
import { readDocumentProperties, writeDocumentProperties } from '../gas/properties';
import { readRotationsTable } from '../gas/rotations-sheet';
import { activeSpreadsheet, sheetNamed, spreadsheetZoneOf } from '../gas/sheets';
import { SETTINGS_KEY } from '../gas/settings-store';
import { cycleFigures } from './dashboard';
import { confirmPlanned, planRotation, plannedCycleDrift } from './plan';
import { releaseCycle } from './release';

export const LIFECYCLE_KEYS = {
  markers: 'lifecycle.markers',
  /** The settings' local date on which the tick last found nothing due. */
  checkedOn: 'lifecycle.checkedOn',
} as const;

/** What the cycle step did: lines for the Log, items for the digest, and a cycle to book now. */
export interface LifecycleOutcome {
  log: LogEntry[];
  digest: DigestItem[];
  /** The cycle released for booking now (the tick then continues scheduling). */
  book: number | null;
}

const NOTHING: LifecycleOutcome = { log: [], digest: [], book: null };

/** True when the cycle step may have something to do (from the properties alone). */
export function lifecycleMayAct(properties: Readonly<Record<string, string>>, now: Date): boolean {
  const { settings } = readStoredSettings(properties[SETTINGS_KEY] ?? null);
  const zone = settingsTimeZone(settings, 'UTC');
  return properties[LIFECYCLE_KEYS.checkedOn] !== isoDateInZone(now, zone);
}

/** Forgets that today was checked: Rotations changed, look again at the next tick. */
export const LIFECYCLE_DIRTY: Readonly<Record<string, string>> = Object.freeze({ [LIFECYCLE_KEYS.checkedOn]: '' });

function rowSummaries(timeZone: string): RotationRowSummary[] {
  const sheet = sheetNamed(activeSpreadsheet(), 'Rotations');
  if (!sheet) return [];
  const table = readRotationsTable(sheet);
  if (!table || table.length === 0) return [];
  const columns = rotationColumns(table[0]);
  if (!columns) return [];
  return readScheduleRows(table, columns, timeZone).map((r) => ({ cycle: r.cycle, starts: r.starts, ends: r.ends, status: r.status }));
}

/** Decides under the lock and records the markers of what it will do; returns the actions. */
function decide(now: Date): { actions: LifecycleAction[]; settings: Settings; zone: string } {
  return withDocumentLock(() => {
    const properties = readDocumentProperties();
    const { settings } = readStoredSettings(properties[SETTINGS_KEY] ?? null);
    const zone = settingsTimeZone(settings, spreadsheetZoneOf(activeSpreadsheet()));
    const nowIso = now.toISOString();
    let markers = readMarkers(properties[LIFECYCLE_KEYS.markers]);
    const actions = decideTick({ now: nowIso, zone, settings, lifecycle: settings, rows: rowSummaries(zone), rosterValid: true, markers }).filter((a) => a.kind !== 'none');
    for (const a of actions) markers = recordAction(markers, a, nowIso);
    const writes: Record<string, string> = {};
    if (actions.length > 0) writes[LIFECYCLE_KEYS.markers] = markersJson(markers);
    // Nothing due today: no need to look again before tomorrow (or before Rotations changes).
    if (actions.length === 0) writes[LIFECYCLE_KEYS.checkedOn] = isoDateInZone(now, zone);
    writeDocumentProperties(writes);
    return { actions, settings, zone };
  }, 30_000);
}

function groupsOf(preview: PlanPreview, settings: Settings, zone: string): DigestGroup[] {
  const when = settings.findCommonTime ? 'a common free time, chosen when it is booked' : `${settings.preferredWeekday} ${settings.preferredTime} (${zone})`;
  return preview.groups.map((g, i) => ({ groupId: `C${preview.cycle}-${String(i + 1).padStart(2, '0')}`, members: g.members.map((m) => m.name || m.email), when }));
}

/** The digest's "booked" item for `cycle`, from its Rotations rows (their times as booked). */
export function bookedItem(cycle: number, now: Date): DigestItem | null {
  const ss = activeSpreadsheet();
  const sheet = sheetNamed(ss, 'Rotations');
  if (!sheet) return null;
  const table = readRotationsTable(sheet);
  const columns = table.length > 0 ? rotationColumns(table[0]) : null;
  if (!columns) return null;
  const zone = spreadsheetZoneOf(ss);
  const rows = readScheduleRows(table, columns, zone).filter((r) => r.cycle === cycle && r.status === 'scheduled');
  if (rows.length === 0) return null;
  // Groups meeting outside someone's working hours say so (issue 14, item 4).
  const roster = sheetNamed(ss, ROSTER.name);
  const people = new Map<string, Person>();
  if (roster) for (const p of checkRoster(readTable(roster)).people) people.set(normaliseEmail(p.email), p);
  const { settings } = readStoredSettings(readDocumentProperties()[SETTINGS_KEY] ?? null);
  const outside = new Map(offHoursGroups(rows, people, settings, settingsTimeZone(settings, zone)).map((g) => [g.group, offHoursPhrase(g)]));
  const groups = rows.map((r) => ({
    groupId: r.group,
    members: r.members.map((e) => people.get(e)?.name || e),
    when: `${r.dayAndTime} (${r.timeZone})${outside.has(r.group) ? `, ${outside.get(r.group)}` : ''}`,
  }));
  return { kind: 'booked', at: now.toISOString(), cycle, starts: rows[0].starts, ends: rows[0].ends, groups };
}

/** The tick's cycle step at `now`. Never throws for a roster problem: it is logged and digested. */
export function runLifecycle(now: Date): LifecycleOutcome {
  const { actions, settings, zone } = decide(now);
  if (actions.length === 0) return NOTHING;
  const at = now.toISOString();
  const out: LifecycleOutcome = { log: [], digest: [], book: null };
  for (const a of actions) {
    if (a.kind === 'plan-next') {
      try {
        const preview = planRotation({});
        if (preview.cycle !== a.cycle || preview.starts !== a.starts) {
          out.log.push({ when: at, action: `plan cycle ${a.cycle}`, outcome: 'skipped', detail: `The next cycle to plan is cycle ${preview.cycle} from ${preview.starts}, not cycle ${a.cycle} from ${a.starts}: the sidebar has it.` });
          continue;
        }
        const result: ConfirmResult = confirmPlanned(preview);
        if (result.status === 'replanned') throw new UserError(result.message);
        const bookOn = addDays(preview.starts, -lifecycleDays(settings).noticeDays);
        out.log.push({ when: at, action: `plan cycle ${a.cycle}`, outcome: 'ok', detail: `Planned ${preview.groups.length} groups for ${preview.starts} to ${preview.ends}; booked on ${bookOn} unless the owner books it first. ${preview.warnings.join(' ')}`.trim() });
        out.digest.push({ kind: 'planned', at, cycle: preview.cycle, starts: preview.starts, ends: preview.ends, groups: groupsOf(preview, settings, zone), bookOn });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        out.log.push({ when: at, action: `plan cycle ${a.cycle}`, outcome: 'failed', detail: `${message} The next hourly run tries again.` });
        out.digest.push({ kind: error instanceof UserError ? 'decision' : 'failure', at, text: `Cycle ${a.cycle} (from ${a.starts}) could not be planned: ${message}` });
      }
    } else if (a.kind === 'confirm-next') {
      // Someone paused, left, away for most of it (a skip from the form) or new since it was
      // planned: plan it again first, so the invitations follow the roster as it is now.
      try {
        const drift = plannedCycleDrift(a.cycle);
        if (drift) {
          const preview = planRotation({ replace: !drift.cutShort });
          if (preview.cycle !== a.cycle) throw new UserError(`Cycle ${a.cycle} could not be planned again: the cycle to plan is ${preview.cycle}.`);
          const result = confirmPlanned(preview);
          if (result.status === 'replanned') throw new UserError(result.message);
          const said = [drift.gone.length ? `no longer taking part: ${drift.gone.join(', ')}` : '', drift.joined.length ? `new: ${drift.joined.join(', ')}` : '', drift.cutShort ? 'the plan before was cut short' : ''].filter(Boolean).join('; ');
          out.log.push({ when: at, action: `plan cycle ${a.cycle}`, outcome: 'ok', detail: `Planned cycle ${a.cycle} again before booking it (${said}).` });
          out.digest.push({ kind: 'change', at, text: `Cycle ${a.cycle} was planned again before its invitations went out (${said}).` });
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        out.log.push({ when: at, action: `book cycle ${a.cycle}`, outcome: 'failed', detail: `${message} The next hourly run tries again.` });
        out.digest.push({ kind: error instanceof UserError ? 'decision' : 'failure', at, text: `Cycle ${a.cycle} (from ${a.starts}) changed since it was planned and could not be planned again: ${message}` });
        continue;
      }
      releaseCycle(a.cycle);
      out.book = a.cycle;
      out.log.push({ when: at, action: `book cycle ${a.cycle}`, outcome: 'ok', detail: `Booking the invitations of cycle ${a.cycle} (${a.starts} to ${a.ends})${a.late ? '; its first meetings have passed' : ''}.` });
    } else if (a.kind === 'cycle-ended') {
      const figures = cycleFigures(a.cycle);
      out.digest.push({
        kind: 'cycle-end',
        at,
        cycle: a.cycle,
        starts: a.starts,
        ends: a.ends,
        sessionsHeld: figures?.sessionsHeld ?? 0,
        sessionsPlanned: figures ? figures.groups * meetingsPerCycle(settings) : 0,
        responseRate: figures?.responseRate ?? null,
        quietGroups: (figures?.quietGroups ?? []).map((q) => `${q.members.join(' and ')} (${q.groupId}, ${lastResponseText(q.lastResponse)})`),
      });
      out.log.push({ when: at, action: `cycle ${a.cycle} ended`, outcome: 'ok', detail: `Cycle ${a.cycle} ran from ${a.starts} to ${a.ends}.` });
    }
  }
  return out;
}
