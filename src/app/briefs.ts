// This week's brief in this week's meeting (issue 13, item 1): the tick step that writes, a day
// before each occurrence of a booked group, that occurrence's description ("Session 3 of 6", who
// coaches whom, the prompt, the members' last commitments, the feedback link). What a brief says
// and when it is due are pure (core/brief.ts, core/brief-timing.ts); this file reads the sheets,
// fetches each due occurrence's instance and patches it.
//
// Cost: a sweep with nothing due reads Rotations only (one block) and says when to wake (the next
// brief's due instant, so the tick sweeps then and not at tomorrow's sweep). With briefs due it also
// reads Feedback, the Roster and Prompts once, then per occurrence one `Events.instances` (ids are
// opaque: never built) and one instance patch with `sendUpdates: 'none'` (nobody gets an email);
// the first brief showing a commitment also makes its series `visibility: private` (one series patch:
// Google applies a more restrictive visibility set on one instance to the whole series anyway).
// The markers are written after the patches, even when one failed: writing a brief twice is
// harmless, losing one is not. An occurrence the series does not hold (an away or skipped date) is
// marked and passed over; one that started unbriefed (the tick was down) is logged once.
import { readBriefMarkers, briefMarkersJson, briefsDue, markBriefed, nextBriefAt, pruneBriefMarkers, rowOccurrences, type BriefMarkers } from '../core/brief-timing';
import { briefPatch, planBriefs } from '../core/brief';
import type { DigestItem } from '../core/digest';
import { readFeedbackRecords } from '../core/feedback';
import type { LogEntry } from '../core/log';
import { PROGRAM_KEYS, currentProgramId, parseSheetIds } from '../core/program';
import { PROMPTS, SEEDED_PROMPTS, formatPromptProblem, readPrompts } from '../core/prompts';
import { readScheduleRows, rotationColumns } from '../core/schedule';
import { FEEDBACK } from '../core/schema';
import { settingsTimeZone } from '../core/settings';
import { instanceAt, patchEvent } from '../gas/calendar';
import { readDocumentProperties, writeDocumentProperties } from '../gas/properties';
import { readTable } from '../gas/roster-sheet';
import { activeSpreadsheet, findSheet, spreadsheetIdOf, spreadsheetZoneOf } from '../gas/sheets';
import { people, rotationsTable, settingsOf } from './feedback-shared';
import { FEEDBACK_LINK_KEY } from './schedule';

const MS_PER_DAY = 86_400_000;

/** Document property: per group, the latest occurrence briefed (core/brief-timing.ts). */
export const BRIEF_MARKERS_KEY = 'briefs.markers';

export interface BriefsRun {
  log: LogEntry[];
  digest: DigestItem[];
  /** The next instant a brief falls due (null: none booked ahead). */
  wakeAt: number | null;
  /** Instances patched with their brief this run. */
  written: number;
}

const NOTHING: BriefsRun = { log: [], digest: [], wakeAt: null, written: 0 };

/** Writes the briefs due at `now` (see the header). Throws a Calendar error after recording what was done. */
export function writeBriefsAt(now: Date): BriefsRun {
  const ss = activeSpreadsheet();
  const properties = readDocumentProperties();
  const programId = currentProgramId(properties, spreadsheetIdOf(ss));
  if (!programId) return NOTHING;
  const ids = parseSheetIds(properties[PROGRAM_KEYS.sheetIds]);
  const settings = settingsOf(properties);
  const spreadsheetZone = spreadsheetZoneOf(ss);
  const zone = settingsTimeZone(settings, spreadsheetZone);
  const table = rotationsTable(ss, ids);
  const columns = rotationColumns(table[0] ?? []);
  if (!columns) return NOTHING;
  const rows = readScheduleRows(table, columns, spreadsheetZone);
  const stored = readBriefMarkers(properties[BRIEF_MARKERS_KEY]);
  let markers: BriefMarkers = stored;
  const t = now.getTime();
  const ahead = rowOccurrences(rows, settings, { from: t - 7 * MS_PER_DAY, to: t + 8 * MS_PER_DAY }, zone);
  const due = briefsDue(t, ahead, markers);
  const log: LogEntry[] = [];
  const when = now.toISOString();
  let written = 0;
  let failure: unknown = null;

  if (due.due.length > 0 || due.missed.length > 0) {
    const feedbackSheet = findSheet(ss, ids[FEEDBACK.name], FEEDBACK.name);
    const promptsSheet = findSheet(ss, ids[PROMPTS.name], PROMPTS.name);
    const prompts = promptsSheet ? readPrompts(readTable(promptsSheet)) : null;
    if (prompts && prompts.problems.length > 0) {
      log.push({ when, action: 'write the briefs', outcome: 'skipped', detail: `Prompts left out until fixed: ${prompts.problems.map(formatPromptProblem).join(' ')}` });
    }
    const names = new Map(people(ss, ids).map((p) => [p.email, p.name]));
    const plan = planBriefs({
      now: t,
      zone,
      settings,
      rows,
      feedback: feedbackSheet ? readFeedbackRecords(readTable(feedbackSheet)) : [],
      prompts: prompts ? prompts.prompts : SEEDED_PROMPTS,
      names,
      programId,
      feedbackTemplate: properties[FEEDBACK_LINK_KEY] ?? null,
      markers,
    });
    for (const m of plan.missed) {
      log.push({ when, action: 'write the briefs', outcome: 'skipped', detail: `${m.groupId}'s session of ${new Date(m.start).toISOString()} started before its brief was written.` });
      markers = markBriefed(markers, m.groupId, m.start);
    }
    const privateSeries = new Set<string>();
    try {
      for (const b of plan.briefs) {
        if (b.eventId !== '') {
          const instance = instanceAt(b.eventId, new Date(b.start).toISOString());
          if (instance && instance.id) {
            patchEvent(instance.id, briefPatch(b.brief), { sendUpdates: 'none' });
            written++;
            if (b.brief.carriesCommitments && instance.visibility !== 'private' && !privateSeries.has(b.eventId)) {
              patchEvent(b.eventId, { visibility: 'private' }, { sendUpdates: 'none' });
              privateSeries.add(b.eventId);
            }
          }
        }
        markers = markBriefed(markers, b.groupId, b.start); // none to write (away, skipped): passed over
      }
    } catch (error) {
      failure = error;
    }
    if (written > 0) log.push({ when, action: 'write the briefs', outcome: 'ok', detail: `Wrote this week's brief into ${written} meeting${written === 1 ? '' : 's'}.` });
  }

  markers = pruneBriefMarkers(markers, t);
  const json = briefMarkersJson(markers);
  if (json !== briefMarkersJson(stored)) writeDocumentProperties({ [BRIEF_MARKERS_KEY]: json });
  if (failure) throw failure;
  const left = briefsDue(t, ahead, markers);
  const wakeAt = left.due.length > 0 ? t : nextBriefAt(t, ahead, markers);
  return { log, digest: [], wakeAt, written };
}
