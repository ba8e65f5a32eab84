// A "Next cycle" answer against the Roster as read (issue 13, item 4): which row is the respondent's
// (by email, normaliseEmail), what core/steering.ts `steer` changes in it, and at which columns,
// the Away column included when the Roster has none yet (it is then added after the last header).
// Also the cycles a response's "next cycle" is chosen from: Rotations' cycles, and the one the
// settings would plan after the latest (cycle-dates.ts, as the planner and the tick compute it).
// Pure: the table is the Roster's getDataRange().getValues(), header first; app/steering.ts reads
// and writes the sheet.
//
// Decisions:
//   - A respondent on no Roster row, or on two, or a Roster without the column a choice needs
//     (Status for leave, with two Away columns for skip): nothing is written; the owner gets a
//     `decision` item naming the email and the fix, and the Log says so. "Count me in" from someone
//     unknown changes nothing and says nothing.
//   - An Away cell Sheets turned into a date is read as that date in the spreadsheet's zone.
//   - The table is updated in memory with what is written (`applyToTable`), so two responses of
//     one catch-up block steer the second from the first's result.
import { isIsoDate, isoDateInZone } from './dates';
import { cycleFrom, nextCycleStart } from './cycle-dates';
import type { DigestItem } from './digest';
import type { RotationGroup } from './feedback';
import type { LogEntry } from './log';
import { normaliseEmail } from './people';
import { ROSTER_AWAY, matchHeaders, normaliseHeader, ROSTER } from './schema';
import type { Settings } from './settings';
import { nextCycleAfter, steer, type CycleDates, type NextCycleChoice } from './steering';

/** The cycles of Rotations (cancelled rows left out), and the one the settings plan after the latest. */
export function knownCycles(groups: readonly RotationGroup[], settings: Settings, day: string): CycleDates[] {
  const by = new Map<number, CycleDates>();
  for (const g of groups) {
    if (g.status.trim().toLowerCase() === 'cancelled' || !isIsoDate(g.starts) || !isIsoDate(g.ends)) continue;
    const c = by.get(g.cycle);
    if (!c) by.set(g.cycle, { cycle: g.cycle, starts: g.starts, ends: g.ends });
    else by.set(g.cycle, { cycle: g.cycle, starts: g.starts < c.starts ? g.starts : c.starts, ends: g.ends > c.ends ? g.ends : c.ends });
  }
  const cycles = [...by.values()].sort((a, b) => a.cycle - b.cycle);
  const last = cycles[cycles.length - 1];
  if (last) {
    const next = cycleFrom(settings, last.cycle + 1, nextCycleStart(last.ends, settings, day));
    cycles.push({ cycle: next.cycle, starts: next.starts, ends: next.ends });
  }
  return cycles;
}

export interface SteeringPlan {
  /** The respondent's sheet row (header = 1), null when none is theirs. */
  row: number | null;
  /** Cells to write on that row: 0-based column → text (already `sheetText`). */
  writes: Array<{ column: number; value: string }>;
  /** The Away column to add first (0-based, after the last header), null when it is there or not needed. */
  addAway: number | null;
  digest: DigestItem | null;
  log: LogEntry | null;
  /** Status became Left: the change step must run (mark the tick due). */
  left: boolean;
}

export interface SteeringRequest {
  /** The Roster as getValues gives it, header first. */
  table: readonly (readonly unknown[])[];
  email: string;
  choice: NextCycleChoice;
  /** ISO instant of the response. */
  at: string;
  /** The settings' zone (the response's day). */
  zone: string;
  /** The spreadsheet's zone (an Away cell that is a Date). */
  sheetZone: string;
  cycles: readonly CycleDates[];
  cycleWeeks: number;
}

const WHAT: Record<NextCycleChoice, string> = { in: 'to be counted in', skip: 'to skip the next cycle', leave: 'to leave the program' };

function text(v: unknown, zone: string): string {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : isoDateInZone(v, zone);
  return v === null || v === undefined ? '' : String(v);
}

/** What the respondent's choice writes to the Roster (see the module comment). */
export function planSteering(r: SteeringRequest): SteeringPlan {
  const email = normaliseEmail(r.email);
  const at = new Date(r.at).toISOString();
  const day = isoDateInZone(new Date(r.at), r.zone);
  const none = (text: string | null): SteeringPlan => ({
    row: null,
    writes: [],
    addAway: null,
    digest: text === null ? null : { kind: 'decision', at, text },
    log: text === null ? null : { when: at, action: 'steering', outcome: 'skipped', detail: text },
    left: false,
  });
  const header = r.table[0] ?? [];
  const { columns } = matchHeaders(header, ROSTER);
  const awayAt = header.flatMap((cell, i) => (normaliseHeader(cell) === normaliseHeader(ROSTER_AWAY.header) ? [i] : []));
  const emailAt = columns.Email;
  const rows = emailAt === undefined ? [] : r.table.flatMap((values, i) => (i > 0 && normaliseEmail(values[emailAt]) === email && email !== '' ? [i] : []));
  const ask = `${email || 'someone without an email'} asked ${WHAT[r.choice]} on ${day} on the feedback form`;
  if (rows.length === 0) return none(r.choice === 'in' ? null : `${ask}, but no Roster row has that email: change their row by hand if they are on the Roster under another email.`);
  if (rows.length > 1) return none(`${ask}, but Roster rows ${rows.map((i) => i + 1).join(' and ')} have that email: keep one row, then apply it by hand.`);
  if (r.choice === 'leave' && columns.Status === undefined) return none(`${ask}, but the Roster has no Status column: add it (Set up) and set their Status to Left.`);
  if (r.choice !== 'leave' && awayAt.length > 1) return none(`${ask}, but the Roster has ${awayAt.length} Away columns: keep one, then apply it by hand.`);

  const index = rows[0];
  const values = r.table[index];
  const cell = (at: number | undefined) => (at === undefined ? '' : text(values[at], r.sheetZone));
  const outcome = steer({
    choice: r.choice,
    at,
    zone: r.zone,
    person: { name: cell(columns.Name), email, status: cell(columns.Status), away: cell(awayAt[0]), notes: cell(columns.Notes) },
    nextCycle: nextCycleAfter(day, r.cycles, r.cycleWeeks),
  });
  // In the order to write them: Notes first, Status last. A retry after a failure between them
  // sees the Status as before and steers again (the Notes line is not written twice); Status
  // first would leave a Left without its Notes line (steer does nothing for someone Left).
  const writes: SteeringPlan['writes'] = [];
  let addAway: number | null = null;
  // Without a Notes column the Log and the digest still say it.
  if (outcome.cells.Notes !== undefined && columns.Notes !== undefined) writes.push({ column: columns.Notes, value: outcome.cells.Notes });
  if (outcome.cells.Away !== undefined) {
    if (awayAt.length === 0) addAway = Math.max(header.length, ...r.table.map((v) => v.length));
    writes.push({ column: awayAt[0] ?? (addAway as number), value: outcome.cells.Away });
  }
  if (outcome.cells.Status !== undefined && columns.Status !== undefined) writes.push({ column: columns.Status, value: outcome.cells.Status });
  const quiet = r.choice === 'in' && writes.length === 0 && outcome.digest === null;
  return { row: index + 1, writes, addAway, digest: outcome.digest, log: quiet ? null : outcome.log, left: outcome.cells.Status === 'Left' };
}

/** The table with the plan's cells written (and the Away header added), so the next plan sees them. */
export function applyToTable(table: unknown[][], plan: SteeringPlan): void {
  if (plan.addAway !== null) {
    const width = plan.addAway + 1;
    for (const values of table) while (values.length < width) values.push('');
    table[0][plan.addAway] = ROSTER_AWAY.header;
  }
  if (plan.row === null) return;
  const values = table[plan.row - 1];
  for (const w of plan.writes) {
    while (values.length <= w.column) values.push('');
    values[w.column] = w.value;
  }
}
