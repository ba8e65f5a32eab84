// Participants steer themselves from the feedback form (issue 13, item 4): a filed response's
// "Next cycle" answer reaches the respondent's Roster row (core/steering-roster.ts decides:
// Away, Status Left, one Notes line), the owner's digest and the Log. Called by both paths that
// file responses (app/feedback-responses.ts: the trigger, and the tick's catch-up), under their
// document lock, for the rows they actually append, so a response steers once.
//
// Order, so that a failure anywhere and the catch-up's retry end the same, nothing twice:
//   1. the digest items (an item already queued is not queued again: a retry makes the same one)
//      and, after a Leave, the tick marked due (the change step re-homes the partner; a script's
//      own write to the Roster fires no onChange trigger), in one properties write;
//   2. the Roster cells, one format and one value write per run of adjacent cells (the Away
//      column added first when the Roster has none);
//   3. (the caller) the Feedback rows, which make the response filed;
//   4. the Log entries (`writeSteeringLog`): a retry after 2 writes the "already recorded" entry.
// A constant number of service calls per response, none when it has no answer to the question.
import type { DigestItem } from '../core/digest';
import type { RotationGroup } from '../core/feedback';
import type { LogEntry } from '../core/log';
import { ROSTER_AWAY } from '../core/schema';
import type { Settings } from '../core/settings';
import { answerOf, readNextCycle, STEERING_QUESTION } from '../core/steering';
import { applyToTable, knownCycles, planSteering, type SteeringPlan } from '../core/steering-roster';
import { isoDateInZone } from '../core/dates';
import { writeDocumentProperties } from '../gas/properties';
import { addTextColumn, writeRowCells } from '../gas/roster-sheet';
import { DIGEST_KEYS, queuedValue, readQueue } from './digest';
import { writeLog } from './log';
import { TICK_KEYS } from './tick-state';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** What steering needs, read once per execution by the caller. */
export interface SteeringContext {
  /** The Roster sheet and its table (getValues, header first); the table is updated as written. */
  roster: { sheet: Sheet | null; table: unknown[][] };
  groups: readonly RotationGroup[];
  settings: Settings;
  /** The settings' zone. */
  zone: string;
  /** The spreadsheet's zone. */
  sheetZone: string;
}

/** One filed response: who answered, their answers (namedValues), when. */
export interface SteeredResponse {
  email: string;
  namedValues: Readonly<Record<string, readonly string[] | string>>;
  at: Date;
}

/**
 * Applies the responses' choices (steps 1 and 2 above) and returns the Log entries for the
 * caller to write once the Feedback rows are (`writeSteeringLog`). The document properties are
 * those read under the lock; the digest queue in them is updated.
 */
export function applySteering(properties: Record<string, string>, context: SteeringContext, responses: readonly SteeredResponse[]): LogEntry[] {
  const plans: SteeringPlan[] = [];
  for (const r of responses) {
    const choice = readNextCycle(answerOf(r.namedValues, STEERING_QUESTION));
    if (choice === null || !context.roster.sheet || context.roster.table.length === 0) continue;
    const day = isoDateInZone(r.at, context.zone);
    const plan = planSteering({
      table: context.roster.table,
      email: r.email,
      choice,
      at: r.at.toISOString(),
      zone: context.zone,
      sheetZone: context.sheetZone,
      cycles: knownCycles(context.groups, context.settings, day),
      cycleWeeks: context.settings.cycleWeeks,
    });
    applyToTable(context.roster.table, plan);
    plans.push(plan);
  }
  if (plans.length === 0) return [];

  const queued = readQueue(properties);
  const seen = new Set(queued.items.map((i) => JSON.stringify(i)));
  const digest: DigestItem[] = [];
  for (const p of plans) {
    if (p.digest === null || seen.has(JSON.stringify(p.digest))) continue;
    seen.add(JSON.stringify(p.digest));
    digest.push(p.digest);
  }
  const writes: Record<string, string> = {};
  if (digest.length > 0) writes[DIGEST_KEYS.queue] = queuedValue(queued, digest);
  if (plans.some((p) => p.left)) writes[TICK_KEYS.due] = '1';
  if (Object.keys(writes).length > 0) {
    writeDocumentProperties(writes);
    Object.assign(properties, writes);
  }

  const sheet = context.roster.sheet as Sheet;
  for (const p of plans) {
    if (p.addAway !== null) addTextColumn(sheet, p.addAway, ROSTER_AWAY.header, ROSTER_AWAY.note);
    if (p.row !== null && p.writes.length > 0) writeRowCells(sheet, p.row, p.writes);
  }
  return plans.flatMap((p) => (p.log ? [p.log] : []));
}

/** Step 4: the Log entries of `applySteering`, after the Feedback rows are written. */
export function writeSteeringLog(entries: readonly LogEntry[]): void {
  writeLog(entries);
}
