// Roster changes to a booked cycle (issue 11, "Changes to a booked cycle"): someone leaves, pauses
// or is deleted from the Roster, or a newcomer joins, while a cycle is booked. Found by the hourly
// run (marked due at once by the Roster's change trigger, app/roster-change-trigger.ts) or by the
// sidebar's "Apply roster changes now". Under the document lock this reads Roster and Rotations
// once, plans the change (core/changes.ts: who ends, who pairs with whom, who waits) and writes it
// to Rotations in one block: the old rows `changed` with their Ends cut to the day before their
// next meeting, the new rows `planned` from that meeting. Scheduling then does the Calendar work
// the Google way: the old series ends with UNTIL before the next occurrence (past meetings stay),
// a new series carries the new group (core/schedule-reconcile orphanEnd; app/schedule-events).
// Idempotent: once written, the same roster plans no change; resumable: the sheet write is one
// call, and scheduling resumes like any booking. Away dates edited after booking: app/away-changes.ts,
// when the roster asks for no regrouping.
import type { RosterChangesResult } from '../shared/api';
import type { DigestItem } from '../core/digest';
import type { LogEntry } from '../core/log';
import { changeRows, runningRows, type ChangeRows, type RunningRow } from '../core/change-rows';
import { planChanges } from '../core/changes';
import { peopleForCycle } from '../core/away-cycle';
import { cycleSpan, findCommonSlot, preferredSlot, scoreSlot, slotMember } from '../core/common-time';
import { cadenceWeeks } from '../core/cycle-dates';
import { isoDateInZone } from '../core/dates';
import { sheetText } from '../core/feedback';
import { readHistory } from '../core/history';
import { groupsKey, inForce, latestCycle, parseDayAndTime, serialiseJob, type ScheduleRow } from '../core/schedule';
import { ROTATIONS, columnFormat } from '../core/schema';
import { WEEKDAYS } from '../core/settings';
import { withDocumentLock } from '../gas/lock';
import { readDocumentProperties, writeDocumentProperties } from '../gas/properties';
import { applyAwayChanges } from './away-changes';
import { queueDigest } from './digest';
import { LIFECYCLE_KEYS } from './lifecycle';
import { writeLog } from './log';
import { continueScheduling } from './schedule';
import { releasedCycle } from './release';
import { load, type Context } from './schedule-context';
import { TICK_KEYS } from './tick-state';

/** What a change step did. */
export interface ChangeOutcome {
  cycle: number | null;
  changed: boolean;
  message: string;
  notes: string[];
  log: LogEntry[];
  digest: DigestItem[];
}

const NO_CYCLE = (message: string): ChangeOutcome => ({ cycle: null, changed: false, message, notes: [], log: [], digest: [] });

/** The booked cycle a change applies to: the released one (the running cycle while the next waits for its booking day). */
function bookedCycle(c: Context): number {
  const latest = latestCycle(c.rows);
  const released = releasedCycle(c.properties);
  return released === null ? latest : Math.min(released, latest);
}

/** Plans and writes the roster changes to the booked cycle at `now`. Holds the document lock. */
export function applyChangesAt(now: Date): ChangeOutcome {
  return withDocumentLock(() => {
    const c = load();
    if (!c.hasRoster) return NO_CYCLE('There is no Roster sheet.');
    const cycle = bookedCycle(c);
    const rows = c.rows.filter((r) => r.cycle === cycle && inForce(r));
    const today = isoDateInZone(now, c.timeZone);
    if (cycle === 0 || rows.length === 0 || rows.every((r) => r.ends < today)) return NO_CYCLE('No booked cycle has meetings left: roster changes shape the next cycle.');
    const at = now.toISOString();
    if (c.rosterProblems.length > 0) {
      const n = c.rosterProblems.length;
      const text = `Roster changes were not applied to cycle ${cycle}: fix the ${n} roster problem${n === 1 ? '' : 's'} first (Check roster). ${c.rosterProblems[0]}`;
      return { cycle, changed: false, message: text, notes: [], log: [{ when: at, action: 'apply roster changes', outcome: 'skipped', detail: text }], digest: [{ kind: 'decision', at, text }] };
    }
    const running = runningRows(rows, now.getTime(), c.timeZone, cadenceWeeks(c.settings.cadence));
    // Away for more than half of the cycle's meetings (a skip chosen on the form, say): they sit
    // it out as in planning, so they join no group, and their group goes on without them.
    const firstDay = rows.map((r) => r.starts).filter((d) => d !== '').sort()[0] ?? today;
    const plan = planChanges({
      groups: running.map((r) => r.group),
      people: peopleForCycle([...c.people.values()], c.settings, firstDay).people,
      history: readHistory(c.table).groups,
      options: {
        cycle,
        today,
        keepTeamsApart: c.settings.keepTeammatesApart,
        newcomersJoinRunningCycle: c.settings.newcomersJoinRunningCycle,
        seed: `${c.programId}:${cycle}`,
        usedGroupIds: c.rows.filter((r) => r.cycle === cycle).map((r) => r.group),
        fitsSlot: c.settings.findCommonTime ? slotFits(c, running) : undefined,
      },
    });
    if (!plan.changed) {
      // No regrouping: the booked series follow the members' Away dates (after a regrouping, the
      // next run does, once the new groups are booked with them).
      const away = applyAwayChanges(c, now);
      const updated = away.log.filter((l) => l.outcome === 'ok').map((l) => l.detail);
      const message = updated.length === 0 ? `The roster asks for no change to cycle ${cycle}.` : `Away dates: ${updated.length} group${updated.length === 1 ? '' : 's'} of the booked cycle updated (${away.patched} invitation${away.patched === 1 ? '' : 's'} changed).`;
      return { cycle, changed: false, message, notes: [...plan.notes, ...updated], log: away.log, digest: away.digest };
    }

    const edits = changeRows(plan, running, cycle, c.timeZone, (members, starts, meetings) => newcomerSlot(c, members, starts, meetings));
    writeChange(c, edits);
    // The kept times stand: scheduling must not choose them again (newcomers' were chosen here).
    const writes: Record<string, string> = { [TICK_KEYS.due]: '1', [LIFECYCLE_KEYS.checkedOn]: '' };
    if (c.job && c.job.cycle === cycle) {
      const ended = new Set(edits.ended.map((e) => e.index));
      const after = [...rows.filter((r) => !ended.has(r.index)), ...edits.created.map((n) => ({ group: n.Group, members: n.members }) as ScheduleRow)];
      c.job.slotsFor = groupsKey(after);
      c.job.updatedAt = at;
      writes['schedule.job'] = serialiseJob(c.job);
    }
    writeDocumentProperties(writes);
    const message = `Cycle ${cycle} changed: ${plan.ended.length} group${plan.ended.length === 1 ? '' : 's'} end${plan.ended.length === 1 ? 's' : ''} before ${plural(plan.ended.length, 'its', 'their')} next meeting, ${plan.created.length} new group${plan.created.length === 1 ? '' : 's'} from ${plural(plan.created.length, 'its', 'their')} next meeting.`;
    const log: LogEntry[] = plan.notes.map((n) => ({ when: at, action: `change cycle ${cycle}`, outcome: 'ok', detail: n }));
    const digest: DigestItem[] = plan.notes.map((n) => ({ kind: 'change', at, text: `Cycle ${cycle}: ${n}` }));
    for (const e of plan.undecided) digest.push({ kind: 'decision', at, text: `${c.people.get(e)?.name || e} has no group in cycle ${cycle}: every possible group is ruled out by an avoid list. Re-plan the cycle in the sidebar, or wait for the next one.` });
    return { cycle, changed: true, message, notes: plan.notes, log, digest };
  }, 30_000);
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/**
 * With "Find a common time" on: whether every meeting left of a running group's slot lies inside
 * `email`'s working hours (in their own zone, DST included), so a person joins a group whose
 * time suits them where one exists (core/changes.ts weighs a slot that does not fit above repeats).
 */
function slotFits(c: Context, running: readonly RunningRow[]): (email: string, groupId: string) => boolean {
  const memo = new Map<string, boolean>();
  const intervalWeeks = cadenceWeeks(c.settings.cadence);
  return (email, groupId) => {
    const key = `${email}\u0000${groupId}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const r = running.find((x) => x.group.groupId === groupId);
    const slot = r ? parseDayAndTime(r.row.dayAndTime) : null;
    let fits = true;
    if (r && slot && r.group.nextOccurrence && r.group.occurrencesLeft > 0) {
      const zone = r.row.timeZone || c.timeZone;
      const person = c.people.get(email) ?? { email, name: email, timeZone: '', workingHours: '' };
      const score = scoreSlot(
        {
          members: [slotMember(person, c.timeZone)],
          availability: new Map(),
          cycle: { starts: isoDateInZone(new Date(r.group.nextOccurrence), zone), meetings: r.group.occurrencesLeft, intervalWeeks },
          minutes: c.settings.meetingMinutes,
          preferred: preferredSlot(c.settings, c.timeZone),
        },
        { weekday: slot.weekday, time: Number(slot.time.slice(0, 2)) * 60 + Number(slot.time.slice(3, 5)), timeZone: zone },
      );
      fits = score.meetings.every((m) => m.outside.length === 0);
    }
    memo.set(key, fits);
    return fits;
  };
}

/** A newcomers' group's time: inside their working hours when "Find a common time" is on, else the preferred one. */
function newcomerSlot(c: Context, members: readonly string[], starts: string, meetings: number): { weekday: number; time: string; timeZone: string } {
  const preferred = preferredSlot(c.settings, c.timeZone);
  if (!c.settings.findCommonTime) {
    return { weekday: WEEKDAYS.indexOf(c.settings.preferredWeekday), time: c.settings.preferredTime, timeZone: c.timeZone };
  }
  const slot = findCommonSlot({
    members: members.map((e) => slotMember(c.people.get(e) ?? { email: e, name: e, timeZone: '', workingHours: '' }, c.timeZone)),
    availability: new Map(),
    cycle: cycleSpan(c.settings, { starts, meetings: Math.max(1, meetings) }),
    minutes: c.settings.meetingMinutes,
    preferred,
  });
  return { weekday: slot.weekday, time: slot.time, timeZone: slot.timeZone };
}

/**
 * Writes the change in one call: the rows from the first ended one to the last new one, the rows
 * in between as they were read. The new rows' number formats are set first (text stays text).
 */
function writeChange(c: Context, edits: ChangeRows): void {
  const width = c.table[0].length;
  const col = c.columns;
  const last = c.table.length; // rows read (header included): new rows go below
  const first = edits.ended.length > 0 ? Math.min(...edits.ended.map((e) => e.index)) : last;
  const block: unknown[][] = [];
  for (let r = first; r < last; r++) block.push(c.table[r].slice());
  for (const e of edits.ended) {
    const row = block[e.index - first];
    row[col.Status] = 'changed';
    row[col.Ends] = e.ends;
    row[col.Notes] = sheetText(e.notes);
  }
  for (const n of edits.created) {
    const row: unknown[] = Array(width).fill('');
    row[col.Cycle] = n.Cycle;
    row[col.Starts] = n.Starts;
    row[col.Ends] = n.Ends;
    row[col.Group] = n.Group;
    row[col['Member 1']] = n.members[0] ?? '';
    row[col['Member 2']] = n.members[1] ?? '';
    row[col['Member 3']] = n.members[2] ?? '';
    row[col['Day and time']] = n['Day and time'];
    row[col['Time zone']] = n['Time zone'];
    row[col.Status] = n.Status;
    row[col.Notes] = sheetText(n.Notes);
    block.push(row);
  }
  const needed = first + block.length;
  const max = c.sheet.getMaxRows();
  if (needed > max) c.sheet.insertRowsAfter(max, needed - max + 20);
  if (edits.created.length > 0) {
    const formats: string[] = Array(width).fill('@');
    for (const spec of ROTATIONS.columns) formats[col[spec.header]] = columnFormat(spec) ?? '@';
    c.sheet.getRange(last + 1, 1, edits.created.length, width).setNumberFormats(edits.created.map(() => formats.slice()));
  }
  c.sheet.getRange(first + 1, 1, block.length, width).setValues(block);
}

/** "Apply roster changes now" (the sidebar): the change, then its booking as far as one call goes. */
export function applyRosterChanges(): RosterChangesResult {
  const outcome = applyChangesAt(new Date());
  if (outcome.log.length > 0 || outcome.digest.length > 0) {
    withDocumentLock(() => {
      writeLog(outcome.log);
      queueDigest(readDocumentProperties(), outcome.digest);
    }, 30_000);
  }
  const schedule = outcome.changed ? continueScheduling(4 * 60_000) : null;
  return { cycle: outcome.cycle, changed: outcome.changed, message: outcome.message, notes: outcome.notes, schedule };
}
