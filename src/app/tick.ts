// The hourly tick: the one time-driven trigger an add-on may hold per user and document (PRODUCT.md
// "Limits"). It runs 8,760 times a year inside the daily trigger-time quota, so an idle tick reads
// the document properties and stops (2 service calls). It sweeps (tick-state.ts) once a day, and
// at the next tick whenever an execution left work behind: then it takes the cycle step (plan or
// book the next cycle, a cycle's end: app/lifecycle.ts), applies roster changes to the booked cycle
// (app/roster-changes.ts), continues scheduling, files the form
// responses whose trigger failed, writes the briefs due (app/briefs.ts), reminds who has not given
// feedback (app/nudges.ts), refreshes the Dashboard, logs what it did and sends the owner's digest;
// it wakes at the instant the next brief or reminder falls due.
// A step that fails is logged and digested, never lost, and the next tick sweeps again.
//
// Whether a clock trigger of an editor add-on has a document is not documented
// (shared reference "Lifecycle"): when it has none, the tick says so to its owner by email, at
// most once a day, instead of skipping silently.
import type { DigestItem } from '../core/digest';
import type { LogEntry } from '../core/log';
import { readStoredSettings, settingsTimeZone } from '../core/settings';
import { isoDateInZone } from '../core/dates';
import { withDocumentLock } from '../gas/lock';
import { sendMail } from '../gas/mail';
import { readDocumentProperties, writeDocumentProperties } from '../gas/properties';
import { effectiveUserEmail } from '../gas/session';
import { activeSpreadsheet, spreadsheetNameOf, spreadsheetZoneOf } from '../gas/sheets';
import { SETTINGS_KEY } from '../gas/settings-store';
import { quietGroupsDigest, refreshDashboardIfStale } from './dashboard';
import { queueDigest, sendDigestIfDue } from './digest';
import { fileMissedResponses } from './feedback-responses';
import { sendNudgesAt } from './nudges';
import { bookedItem, runLifecycle } from './lifecycle';
import { writeBriefsAt } from './briefs';
import { applyChangesAt } from './roster-changes';
import { writeLog } from './log';
import { continueScheduling } from './schedule';
import { tickMayRun } from './organizer';
import { TICK_KEYS, markTickDue, sweepStarted, tickProperties, userMarker, wakeAtValue } from './tick-state';

/** The tick's budget: far inside the 6-minute limit of an execution. */
export const TICK_MS = 4.5 * 60_000;

/**
 * True for what a time-driven trigger passes (an object with its triggerUid). Every top-level
 * function of Code.js can also be called from the sidebar through google.script.run, which passes
 * no such object.
 */
function isTimeDriven(e: unknown): e is GoogleAppsScript.Events.TimeDriven {
  return e !== null && typeof e === 'object' && !Array.isArray(e) && typeof (e as { triggerUid?: unknown }).triggerUid === 'string';
}

export function onTick(e?: GoogleAppsScript.Events.TimeDriven): void {
  if (!isTimeDriven(e)) return;
  const started = Date.now();
  const now = new Date();
  const properties = tickProperties();
  if (properties === null) return noDocument(now);
  if (!tickMayRun(properties, now)) return; // another editor's trigger: the organizer's run does the work (app/organizer.ts)
  const sweep = sweepStarted(properties, now);
  if (!sweep) return; // idle: nothing due since the last sweep

  const log: LogEntry[] = [];
  const digest: DigestItem[] = [];
  let failure: unknown = null;
  let again = false;
  /** Instants a step has timed work at (a brief, a nudge): the earliest is written as TICK_KEYS.wakeAt. */
  const wakes: Array<number | null> = [];
  const step = (name: string, work: () => void): void => {
    if (Date.now() - started >= TICK_MS) {
      again = true; // out of time: the next tick goes on
      return;
    }
    try {
      work();
    } catch (error) {
      failure = failure ?? error;
      again = true;
      const message = error instanceof Error ? error.message : String(error);
      log.push({ when: new Date().toISOString(), action: name, outcome: 'failed', detail: message });
      digest.push({ kind: 'failure', at: new Date().toISOString(), text: `The hourly run could not ${name}: ${message}` });
    }
  };

  let booking: number | null = null;
  step('take the cycle step', () => {
    const cycle = runLifecycle(now);
    log.push(...cycle.log);
    digest.push(...cycle.digest);
    booking = cycle.book;
    if (cycle.log.length > 0) again = true; // look again next hour (a retry, or the booking's end)
  });
  step('apply roster changes', () => {
    const change = applyChangesAt(now);
    log.push(...change.log);
    digest.push(...change.digest);
    if (change.changed) again = true; // booking the new arrangement goes on next hour if not done now
  });
  step('continue booking the invitations', () => {
    const v = continueScheduling(TICK_MS - 60_000 - (Date.now() - started));
    if (v && !v.done) again = true;
    // A cycle the tick released is in the digest once booked, with its times.
    const booked = v && v.done && booking !== null && v.cycle === booking ? bookedItem(booking, now) : null;
    if (booked) digest.push(booked);
  });
  step('file the feedback responses', () => fileMissedResponses());
  step("write this week's briefs", () => {
    const briefs = writeBriefsAt(now);
    log.push(...briefs.log);
    wakes.push(briefs.wakeAt);
  });
  step('remind people about their feedback', () => {
    const r = sendNudgesAt(now);
    log.push(...r.log);
    digest.push(...r.digest);
    wakes.push(r.wakeAt);
  });
  step('refresh the Dashboard', () => refreshDashboardIfStale());
  step('look for quiet groups', () => digest.push(...quietGroupsDigest(now)));
  step('write the Log and the digest', () =>
    withDocumentLock(() => {
      const current = readDocumentProperties();
      const wake = wakeAtValue(wakes);
      if ((current[TICK_KEYS.wakeAt] ?? '') !== wake) writeDocumentProperties({ [TICK_KEYS.wakeAt]: wake });
      queueDigest(current, digest);
      const after = digest.length > 0 ? readDocumentProperties() : current;
      const { settings } = readStoredSettings(after[SETTINGS_KEY] ?? null);
      const ss = activeSpreadsheet();
      log.push(...sendDigestIfDue(after, { now, zone: settingsTimeZone(settings, spreadsheetZoneOf(ss)), owner: effectiveUserEmail(), programName: spreadsheetNameOf(ss) }));
      writeLog(log);
    }, 30_000),
  );
  if (again) markTickDue();
  if (failure) throw failure; // an execution that failed shows as failed in the owner's executions list
}

/** The tick ran without a document: tell its owner (once a day), since nothing else will. */
function noDocument(now: Date): void {
  const owner = effectiveUserEmail();
  const today = isoDateInZone(now, 'UTC');
  if (!owner || !userMarker('tick.noDocumentMailedOn', today)) return;
  sendMail({
    to: [owner],
    subject: 'Peer coaching: the hourly run could not open its spreadsheet',
    body:
      'The hourly run of Peer Coaching Rotations started without its spreadsheet, so it could not plan, book or file anything today. ' +
      'Open the spreadsheet and choose Extensions › Peer Coaching Rotations › Open: the sidebar does the pending work and sets the hourly run up again.',
    name: 'Peer coaching',
  });
}
