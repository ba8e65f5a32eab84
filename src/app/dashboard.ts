// The Dashboard and the sidebar's feedback summary (PRODUCT.md "Dashboard"; issue 6).
//
// - refreshDashboard (sidebar): reads Feedback, Rotations and the roster once each, writes one
//   row per cycle into Dashboard (formats, then values, one call each; with the pairing rating
//   and relationship coverage, issue 13) and points the four trend charts at them (found again by
//   remembered chart id or by title; never a second copy); below the cycle rows, after a blank
//   row, one line: today's coverage among the active people; then rewrites the Connections sheet
//   (app/connections.ts, one block).
// - refreshDashboardIfStale (the hourly tick): the same, only when Feedback or Rotations changed
//   size or the day changed since the last refresh; a few reads otherwise.
// - getFeedbackSummary (sidebar): the same figures computed fresh from the sheets (three reads,
//   no write), so the sidebar is never behind the sheet; the form's links from document
//   properties (the form itself is not opened: "Repair the form" does that).
import type { FeedbackSummaryView } from '../shared/api';
import type { DigestItem } from '../core/digest';
import { computeDashboard, dashboardCharts, dashboardValues, feedbackSummary, lastResponseText, type CycleFigures, type DashboardResult } from '../core/dashboard';
import { isoDateInZone } from '../core/dates';
import { UserError } from '../core/errors';
import { readFeedbackRecords, readRotationGroups, type RotationGroup } from '../core/feedback';
import type { Person } from '../core/people';
import { PROGRAM_KEYS, currentProgramId, parseSheetIds } from '../core/program';
import { DASHBOARD, FEEDBACK, ROTATIONS } from '../core/schema';
import { settingsTimeZone } from '../core/settings';
import { insertLineChart, listCharts, removeChart, updateLineChart, type LineChart } from '../gas/charts';
import { clearRows, ensureRow, lastRow, writeRows } from '../gas/feedback-sheet';
import { withDocumentLock } from '../gas/lock';
import { writeConnections } from './connections';
import { todayCoverageText } from '../core/dashboard-network';
import { readDocumentProperties, writeDocumentProperties } from '../gas/properties';
import { readTable } from '../gas/roster-sheet';
import { activeSpreadsheet, findSheet, spreadsheetIdOf, spreadsheetZoneOf } from '../gas/sheets';
import {
  FEEDBACK_KEYS,
  headerColumns,
  integerMap,
  jsonObject,
  people,
  programSheet,
  rotationsTable,
  rowFormats,
  settingsOf,
  type Sheet,
  type Spreadsheet,
} from './feedback-shared';

interface Figures {
  ss: Spreadsheet;
  groups: RotationGroup[];
  roster: Person[];
  properties: Record<string, string>;
  result: DashboardResult;
  feedbackRows: number;
  rotationsRows: number;
}

/** The dashboard's figures from Feedback, Rotations and the roster, each read once. */
function figures(): Figures {
  const ss = activeSpreadsheet();
  const properties = readDocumentProperties();
  if (!currentProgramId(properties, spreadsheetIdOf(ss))) throw new UserError('This spreadsheet is not set up yet. Click "Set up this spreadsheet" first.');
  const ids = parseSheetIds(properties[PROGRAM_KEYS.sheetIds]);
  const settings = settingsOf(properties);
  const spreadsheetZone = spreadsheetZoneOf(ss);
  const timeZone = settingsTimeZone(settings, spreadsheetZone);
  const feedbackSheet = findSheet(ss, ids[FEEDBACK.name], FEEDBACK.name);
  const feedback = feedbackSheet ? readTable(feedbackSheet) : [];
  const rotations = rotationsTable(ss, ids);
  const groups = readRotationGroups(rotations, spreadsheetZone);
  const roster = people(ss, ids);
  const result = computeDashboard({
    feedback: readFeedbackRecords(feedback),
    groups,
    settings,
    today: isoDateInZone(new Date(), timeZone),
    timeZone,
    people: roster,
  });
  return { ss, groups, roster, properties, result, feedbackRows: feedback.length, rotationsRows: rotations.length };
}

function summaryView(properties: Readonly<Record<string, string>>, result: DashboardResult): FeedbackSummaryView {
  const summary = feedbackSummary(result);
  const url = properties[FEEDBACK_KEYS.formUrl];
  const form = properties[FEEDBACK_KEYS.formId] && url ? { url, editUrl: properties[FEEDBACK_KEYS.editUrl] ?? '' } : null;
  const counted = `${summary.responses} response${summary.responses === 1 ? '' : 's'}${summary.flagged ? `, ${summary.flagged} flagged` : ''}`;
  const message = form ? `${counted}.` : summary.responses > 0 ? `${counted}; the feedback form is missing: create it again.` : 'No feedback form yet.';
  return { form, ...summary, message };
}

/** The sidebar's feedback summary, computed from the sheets (nothing is written). */
export function getFeedbackSummary(): FeedbackSummaryView {
  const f = figures();
  return summaryView(f.properties, f.result);
}

/** One cycle's figures (sessions held, responses, quiet groups), computed from the sheets; null when it has none. */
export function cycleFigures(cycle: number): CycleFigures | null {
  return figures().result.cycles.find((c) => c.cycle === cycle) ?? null;
}

/** Recomputes the Dashboard sheet (values and the three trend charts) and returns the summary. */
export function refreshDashboard(): FeedbackSummaryView {
  return withDocumentLock(() => {
    const f = figures();
    const { ss, properties, result } = f;
    const sheet = programSheet(ss, properties, DASHBOARD);
    const columns = headerColumns(sheet, DASHBOARD);
    const width = Math.max(...Object.values(columns)) + 1;
    const pad = (r: ReadonlyArray<string | number>) => [...r, ...Array<string>(Math.max(0, width - r.length)).fill('')];
    const cycleRows = dashboardValues(result, columns).map(pad);
    // Below the cycle rows, after a blank row: today's coverage among the active people.
    const active = f.roster.filter((p) => p.status === 'Active');
    const values = cycleRows.length === 0 ? [] : [...cycleRows, pad(['']), pad([todayCoverageText(f.groups, active, result.today)])];

    // One row per cycle below the header, then the coverage line; rows a previous run wrote beyond them are emptied.
    const before = lastRow(sheet);
    if (values.length > 0) {
      ensureRow(sheet, 1 + values.length, 0);
      writeRows(sheet, 2, values, rowFormats(sheet, DASHBOARD, columns, 2, values.length, width));
    }
    if (before > 1 + values.length) clearRows(sheet, 2 + values.length, before - 1 - values.length, width);

    const chartIds = drawCharts(sheet, columns, width, cycleRows.length, integerMap(properties[FEEDBACK_KEYS.charts]));
    writeConnections(ss, f.groups, f.roster, result.today);
    const marker = JSON.stringify({ day: result.today, feedbackRows: f.feedbackRows, rotationsRows: f.rotationsRows });
    const wanted: Record<string, string> = { [FEEDBACK_KEYS.charts]: JSON.stringify(chartIds), [FEEDBACK_KEYS.refreshed]: marker };
    writeDocumentProperties(Object.fromEntries(Object.entries(wanted).filter(([k, v]) => properties[k] !== v)));
    return summaryView(properties, result);
  });
}

/**
 * The trend charts (one per goal): each found again by its remembered id, else by its title, and
 * pointed at the current rows; a missing one is inserted; a second chart with one of their titles
 * is removed. Returns spec id → chart id.
 */
function drawCharts(sheet: Sheet, columns: Readonly<Record<string, number>>, width: number, rows: number, remembered: Record<string, number>): Record<string, number> {
  const specs = dashboardCharts(rows).map((spec) => ({
    spec,
    chart: {
      title: spec.title,
      ranges: spec.columns.map((header) => ({ row: spec.firstRow, column: columns[header] + 1, numRows: spec.lastRow - spec.firstRow + 1, numColumns: 1 })),
      anchor: { row: spec.anchor.row, column: Math.max(spec.anchor.column, width + 2) },
      hAxisTitle: spec.hAxisTitle,
      vAxis: spec.vAxis,
      legend: spec.columns.length > 2,
    } satisfies LineChart,
  }));
  const onSheet = listCharts(sheet);
  const used = new Set<number | null>();
  const ids: Record<string, number> = {};
  const missing: typeof specs = [];
  for (const s of specs) {
    const free = onSheet.filter((c) => !used.has(c.id));
    const found = free.find((c) => c.id !== null && c.id === remembered[s.spec.id]) ?? free.find((c) => c.title === s.spec.title);
    if (!found) {
      missing.push(s);
      continue;
    }
    used.add(found.id);
    if (found.id !== null) ids[s.spec.id] = found.id;
    updateLineChart(sheet, found.chart, s.chart);
  }
  const titles = new Set(specs.map((s) => s.spec.title));
  for (const c of onSheet) if (!used.has(c.id) && titles.has(c.title)) removeChart(sheet, c.chart);
  for (const s of missing) insertLineChart(sheet, s.chart);
  if (missing.length > 0) {
    const known = new Set(Object.values(ids));
    for (const c of listCharts(sheet)) {
      const s = missing.find((m) => m.chart.title === c.title && ids[m.spec.id] === undefined);
      if (s && c.id !== null && !known.has(c.id)) {
        ids[s.spec.id] = c.id;
        known.add(c.id);
      }
    }
  }
  return ids;
}

/**
 * For the hourly tick: refreshes the Dashboard when Feedback or Rotations changed size since the
 * last refresh, or the day changed (the response rate and quiet groups depend on today). A few
 * reads when nothing changed. True when it refreshed.
 */
export function refreshDashboardIfStale(): boolean {
  const ss = activeSpreadsheet();
  const properties = readDocumentProperties();
  if (!currentProgramId(properties, spreadsheetIdOf(ss))) return false;
  const ids = parseSheetIds(properties[PROGRAM_KEYS.sheetIds]);
  const marker = jsonObject(properties[FEEDBACK_KEYS.refreshed]);
  const feedback = findSheet(ss, ids[FEEDBACK.name], FEEDBACK.name);
  const rotations = findSheet(ss, ids[ROTATIONS.name], ROTATIONS.name);
  if (!feedback || !rotations) return false;
  const timeZone = settingsTimeZone(settingsOf(properties), spreadsheetZoneOf(ss));
  const fresh =
    marker.day === isoDateInZone(new Date(), timeZone) && marker.feedbackRows === lastRow(feedback) && marker.rotationsRows === lastRow(rotations);
  if (fresh) return false;
  refreshDashboard();
  return true;
}

/** Document property: the day quiet groups were last looked at, and those already told to the owner. */
export const QUIET_TOLD_KEY = 'quiet.told';

/**
 * The owner's digest item for groups of the running cycle that went quiet since they were last
 * told (issue 13, item 6): looked at once a day (the Dashboard's figures: Feedback, Rotations and
 * the Roster read once), each group told once per cycle, with the date of its last response.
 */
export function quietGroupsDigest(now: Date): DigestItem[] {
  const properties = readDocumentProperties();
  const told = parseQuietTold(properties[QUIET_TOLD_KEY]);
  const today = isoDateInZone(now, settingsTimeZone(settingsOf(properties), 'UTC')); // as the tick's day (tick-state.ts)
  if (told.day === today || !currentProgramId(properties, spreadsheetIdOf(activeSpreadsheet()))) return [];
  const f = figures();
  const running = f.result.cycles.find((c) => c.running) ?? null;
  const before = running && told.cycle === running.cycle ? told.groups : [];
  const fresh = running ? running.quietGroups.filter((q) => !before.includes(q.groupId)) : [];
  const next = { day: today, cycle: running ? running.cycle : null, groups: [...before, ...fresh.map((q) => q.groupId)] };
  writeDocumentProperties({ [QUIET_TOLD_KEY]: JSON.stringify(next) });
  if (fresh.length === 0) return [];
  const list = fresh.map((q) => `${q.groupId} (${q.members.join(', ')}; ${lastResponseText(q.lastResponse)})`).join('; ');
  return [{ kind: 'change', at: now.toISOString(), text: `Gone quiet in cycle ${running!.cycle} (no “we met” for two sessions in a row): ${list}.` }];
}

function parseQuietTold(raw: string | undefined): { day: string; cycle: number | null; groups: string[] } {
  const v = jsonObject(raw);
  return {
    day: typeof v.day === 'string' ? v.day : '',
    cycle: typeof v.cycle === 'number' ? v.cycle : null,
    groups: Array.isArray(v.groups) ? v.groups.filter((g): g is string => typeof g === 'string') : [],
  };
}
