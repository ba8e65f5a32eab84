// The feedback nudge (issue 13, item 3), as a step of the hourly tick: a person who has not given
// feedback a day after a session gets one short email, never more than one per session, within
// the MailApp quota left (a reserve kept for the owner's digest), quiet groups first. core/nudge.ts
// decides; this file reads what the decision needs, records the markers under the document lock
// BEFORE sending (a run that dies half-way loses a nudge, never sends one twice), then sends.
//
// Cost: the setting and the markers come from the document properties; Rotations is read in one
// block and, only when some session is past its delay and not yet handled (`nudgesPending`),
// Feedback and the Roster in one block each, the quota, and the lock. A sweep with nothing due
// reads the properties and Rotations and stops. It returns the next instant a nudge becomes due
// (the tick's `wakeAt`), so a nudge due at 14:30 goes out at the 15:00 tick.
import type { DigestItem } from '../core/digest';
import { isoDateInZone } from '../core/dates';
import { readFeedbackRecords, readRotationGroups } from '../core/feedback';
import { quietGroups, readResponses } from '../core/coaching-feedback';
import { rowOccurrences } from '../core/brief-timing';
import type { LogEntry } from '../core/log';
import { NUDGE_DELAY_MS, nudgeMarkersJson, nudgeSessions, nudgesPending, planNudges, pruneNudgeMarkers, readNudgeMarkers, type NudgeEmail, type NudgeMarkers, type NudgePlan } from '../core/nudge';
import { PROGRAM_KEYS, currentProgramId, parseSheetIds } from '../core/program';
import { readScheduleRows, rotationColumns } from '../core/schedule';
import { FEEDBACK } from '../core/schema';
import { settingsTimeZone } from '../core/settings';
import { withDocumentLock } from '../gas/lock';
import { remainingMailQuota, sendMail } from '../gas/mail';
import { readDocumentProperties, writeDocumentProperties } from '../gas/properties';
import { readTable } from '../gas/roster-sheet';
import { activeSpreadsheet, findSheet, spreadsheetIdOf, spreadsheetNameOf, spreadsheetZoneOf } from '../gas/sheets';
import { FEEDBACK_KEYS, people, rotationsTable, settingsOf } from './feedback-shared';

export const NUDGE_KEYS = {
  /** JSON core/nudge.ts NudgeMarkers: per group, the latest session handled; the day the quota wait was last logged. */
  markers: 'nudge.markers',
} as const;

/** Recipients kept for the owner's digest (and the tick's "no document" email). */
export const DIGEST_RESERVE = 2;

/** What the step did: lines for the Log, items for the digest, and when to look again. */
export interface NudgeOutcome {
  log: LogEntry[];
  digest: DigestItem[];
  /** Epoch ms the next nudge becomes due (a session's start + NUDGE_DELAY_MS), null when none is booked. */
  wakeAt: number | null;
}

const MS_PER_DAY = 24 * 60 * 60 * 1000;

/** The tick step: plans and sends the nudges due at `now` (see the module comment). */
export function sendNudgesAt(now: Date): NudgeOutcome {
  const properties = readDocumentProperties();
  const settings = settingsOf(properties);
  if (!settings.feedbackNudges) return { log: [], digest: [], wakeAt: null };
  const ss = activeSpreadsheet();
  const programId = currentProgramId(properties, spreadsheetIdOf(ss));
  if (!programId) return { log: [], digest: [], wakeAt: null };
  const ids = parseSheetIds(properties[PROGRAM_KEYS.sheetIds]);
  const spreadsheetZone = spreadsheetZoneOf(ss);
  const zone = settingsTimeZone(settings, spreadsheetZone);

  const table = rotationsTable(ss, ids);
  const columns = table.length > 0 ? rotationColumns(table[0]) : null;
  if (!columns) return { log: [], digest: [], wakeAt: null };
  const rows = readScheduleRows(table, columns, spreadsheetZone);
  const at = now.getTime();
  // The next session to become due: the wake-up instant, whatever happens now.
  const upcoming = rowOccurrences(rows, settings, { from: at - NUDGE_DELAY_MS + 1, to: at + 15 * MS_PER_DAY }, zone);
  const wakeAt = upcoming.length === 0 ? null : Math.min(...upcoming.map((o) => o.start + NUDGE_DELAY_MS));

  const feedbackLinks = { programId, template: properties[FEEDBACK_KEYS.prefill] || null };
  const stored = readNudgeMarkers(properties[NUDGE_KEYS.markers], now.toISOString());
  if (!nudgesPending(at, nudgeSessions(rows, settings, at, zone, new Map(), feedbackLinks), stored)) return { log: [], digest: [], wakeAt };

  // Some session is due: read Feedback and the Roster (one block each) and the quota.
  const feedbackSheet = findSheet(ss, ids[FEEDBACK.name], FEEDBACK.name);
  const feedback = readFeedbackRecords(feedbackSheet ? readTable(feedbackSheet) : []);
  const roster = people(ss, ids);
  const names = new Map(roster.map((p) => [p.email, p.name]));
  const active = new Set(roster.filter((p) => p.status === 'Active').map((p) => p.email));
  const sessions = nudgeSessions(rows, settings, at, zone, names, feedbackLinks);
  const quiet = quietGroups({ groups: readRotationGroups(table, spreadsheetZone), responses: readResponses(feedback, zone), settings, today: isoDateInZone(now, zone), zone });
  const remainingQuota = remainingMailQuota();

  const plan = recordPlan(now, (markers, enabled) =>
    planNudges({
      now: at,
      zone,
      sessions,
      feedback,
      markers,
      remainingQuota,
      reserve: DIGEST_RESERVE,
      quietGroups: quiet.map((q) => q.groupId),
      active,
      enabled,
      programName: spreadsheetNameOf(ss),
    }),
  );

  const log = [...plan.log];
  const digest: DigestItem[] = [];
  const { failed, reason } = send(plan.send);
  const sent = plan.send.length - failed.length;
  const when = new Date().toISOString();
  if (sent > 0) {
    log.push({ when, action: 'nudge', outcome: 'ok', detail: `Sent ${sent} feedback ${sent === 1 ? 'reminder' : 'reminders'} (${summary(plan.send.filter((e) => !failed.includes(e)))}).` });
  }
  if (failed.length > 0) {
    const detail = `${failed.length} feedback ${failed.length === 1 ? 'reminder' : 'reminders'} could not be sent (${summary(failed)}): ${reason}. Not tried again: one reminder per session at most.`;
    log.push({ when, action: 'nudge', outcome: 'failed', detail });
    digest.push({ kind: 'failure', at: when, text: detail });
  }
  if (plan.gaveUp.length > 0) {
    const people = plan.gaveUp.reduce((n, g) => n + g.recipients.length, 0);
    digest.push({ kind: 'decision', at: when, text: `${people} feedback ${people === 1 ? 'reminder was' : 'reminders were'} not sent: the email quota ran out before each group's next session.` });
  }
  return { log, digest, wakeAt };
}

/**
 * Decides under the lock from the markers as they are now (another run may have sent since), and
 * records them before anything is sent. Once they are written the nudges go, even if releasing the
 * lock then fails (its flush): they are recorded, so not sending them would lose them all.
 */
function recordPlan(now: Date, decide: (markers: NudgeMarkers, enabled: boolean) => NudgePlan): NudgePlan {
  const held: { plan: NudgePlan | null } = { plan: null };
  try {
    withDocumentLock(() => {
      const current = readDocumentProperties();
      const plan = decide(readNudgeMarkers(current[NUDGE_KEYS.markers], now.toISOString()), settingsOf(current).feedbackNudges);
      const value = nudgeMarkersJson(pruneNudgeMarkers(plan.markers, now.getTime()));
      if ((current[NUDGE_KEYS.markers] ?? '') !== value) writeDocumentProperties({ [NUDGE_KEYS.markers]: value });
      held.plan = plan;
    }, 30_000);
  } catch (error) {
    if (held.plan === null) throw error; // nothing recorded: the next sweep decides again
  }
  return held.plan as NudgePlan;
}

/** Sends each nudge (one recipient each); returns those MailApp refused (their markers stay: never twice) and the first reason. */
function send(emails: readonly NudgeEmail[]): { failed: NudgeEmail[]; reason: string } {
  const failed: NudgeEmail[] = [];
  let reason = '';
  for (const e of emails) {
    try {
      sendMail({ to: [e.to], subject: e.subject, body: e.text, htmlBody: e.html, name: 'Peer coaching' });
    } catch (error) {
      failed.push(e);
      if (!reason) reason = error instanceof Error ? error.message : String(error);
    }
  }
  return { failed, reason };
}

/** "C1-01 session 2 (2), C1-02 session 2 (1)". */
function summary(emails: readonly NudgeEmail[]): string {
  const counts = new Map<string, number>();
  for (const e of emails) counts.set(`${e.groupId} session ${e.session}`, (counts.get(`${e.groupId} session ${e.session}`) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${k}${n > 1 ? ` ×${n}` : ''}`).join(', ');
}
