// Away dates edited after booking (issue 14, item 3, "Away dates added after booking skip those
// occurrences"): given one booked series as Calendar holds it (start and recurrence, as listed),
// its members' Away ranges, the "Skip these dates" ranges and `now`, the EXDATE set the series
// should have, the row's Notes line ("No meeting on 2027-01-19: Ada Lee away.") and what changed,
// in words. The orchestration (app/away-changes.ts) lists the series and patches them. Pure.
//
// Decisions:
//   - Only the future moves: an occurrence that has started (start <= now) keeps what it had,
//     held or excluded. From the next occurrence on, an occurrence is excluded when a member is
//     away that day (in the series' zone), or when it is excluded now and falls on a skipped date
//     ("Skip these dates" set at booking stays; a skipped date added to the setting later applies
//     from the next cycle, as every setting that shapes meetings does).
//   - Removing an Away date gives the occurrence back (unless it is a skipped date).
//   - The series never runs on for Away dates: RRULE (COUNT or UNTIL) is sent back unchanged, only
//     the EXDATE line changes. Only skipped dates with "Keep the number of meetings" run a cycle on.
//   - Someone now away for more than half of the meetings left still only has those meetings
//     skipped (their group meets on the others): taking a person out of a running cycle regroups
//     their partner, which is the owner's call (Status Paused). The owner's digest says so.
//   - A change that would leave a series with no meeting at all (none held, every one left away)
//     is not made: Calendar would hold an empty series. The owner is told to regroup instead.
import type { AwayPerson } from './away';
import { addDays, weekdayOf } from './dates';
import { hashString } from './pairing-circle';
import { exdateLine, occurrences, seriesOf } from './recurrence';
import { parseDayAndTime, type ScheduleRow } from './schedule';
import { isSkipped, type DateRange, type SkippedMeeting } from './skip-dates';

/** The start of the Notes line this file writes (and replaces). */
export const AWAY_NOTE_PREFIX = 'No meeting on ';
/** Separator of the parts of a Rotations Notes cell (as core/change-rows.ts writes them). */
const NOTE_SEPARATOR = ' · ';

/** One booked series as listed, with its row's group, members and Notes. */
export interface BookedSeries {
  group: string;
  /** start.dateTime (local; an offset after it is ignored) and start.timeZone, as the listing gives them. */
  start: { dateTime: string; timeZone: string };
  recurrence: readonly string[];
  members: readonly AwayPerson[];
  /** The row's Notes cell as read. */
  notes: string;
}

export interface AwaySeriesPlan {
  group: string;
  /** The whole recurrence array to patch (RRULE unchanged, one EXDATE line), or null: nothing to patch. */
  recurrence: string[] | null;
  /** Meetings still to come that are now skipped, with who is away. */
  skipped: SkippedMeeting[];
  /** Meetings still to come that are given back. */
  restored: string[];
  /** The row's Notes cell as it should read. */
  notes: string;
  /** Sentences for the owner: someone away for most of the meetings left, or a change not made. */
  warnings: string[];
}

/**
 * The EXDATE set `series` should have at `nowMs`, and the row's Notes. Throws RangeError when the
 * recurrence is not one the add-on writes (core/recurrence.ts parseRecurrence).
 *
 * @example
 *   planAwaySeries({ group: 'C1-02', start: { dateTime: '2027-01-05T10:00:00', timeZone: 'Europe/London' },
 *     recurrence: ['RRULE:FREQ=WEEKLY;COUNT=6'], members: [ada (away 2027-01-19), ben], notes: '' }, [], now)
 *   // { recurrence: ['RRULE:FREQ=WEEKLY;COUNT=6', 'EXDATE;TZID=Europe/London:20270119T100000'],
 *   //   skipped: [{ date: '2027-01-19', why: 'Ada Lee is away' }], restored: [],
 *   //   notes: 'No meeting on 2027-01-19: Ada Lee away.', warnings: [] }
 */
export function planAwaySeries(series: BookedSeries, skip: readonly DateRange[], nowMs: number): AwaySeriesPlan {
  // A listed start may carry its offset (2027-01-05T10:00:00+01:00): its wall time is the local one.
  const local = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?/.exec(series.start.dateTime)?.[0] ?? series.start.dateTime;
  const ws = seriesOf({ dateTime: local, timeZone: series.start.timeZone }, series.recurrence);
  const step = 7 * (ws.intervalWeeks ?? 1);
  const starts = occurrences({ ...ws, exdates: [] });
  const excludedNow = new Set(ws.exdates ?? []);
  const away = series.members.filter((m) => m.away.length > 0);
  const grid = starts.map((at, i) => {
    const date = addDays(ws.startDate, i * step);
    const awayBy = away.filter((m) => isSkipped(m.away, date));
    const was = excludedNow.has(at);
    const past = at <= nowMs;
    const now = past ? was : awayBy.length > 0 || (was && isSkipped(skip, date));
    return { date, at, past, was, now, awayBy };
  });

  const skipped = grid.filter((g) => !g.past && g.now && !g.was).map((g) => ({ date: g.date, why: `${names(g.awayBy)} ${g.awayBy.length === 1 ? 'is' : 'are'} away` }));
  const restored = grid.filter((g) => !g.past && !g.now && g.was).map((g) => g.date);
  const warnings: string[] = [];
  const changed = skipped.length > 0 || restored.length > 0;
  const empty = grid.every((g) => g.now);
  let recurrence: string[] | null = null;
  if (changed && empty) {
    warnings.push(
      `Every meeting of ${series.group} falls on a date a member is away (${skipped.map((s) => `${s.date}: ${s.why}`).join('; ')}), so its invitation was left as it is. Set the away member's Status to Paused to regroup their partner, or change the Away dates.`,
    );
  } else if (changed) {
    const exdates = grid.filter((g) => g.now).map((g) => `${g.date}T${ws.startTime}`);
    recurrence = [...series.recurrence.filter((line) => !/^EXDATE[;:]/i.test(line.trim())), ...(exdates.length > 0 ? [exdateLine(ws.timeZone, exdates)] : [])];
    // The meetings left: those to come, skipped dates the series carries aside.
    const left = grid.filter((g) => !g.past && !(g.was && isSkipped(skip, g.date)));
    for (const m of away) {
      const mine = left.filter((g) => isSkipped(m.away, g.date)).length;
      if (mine > 0 && mine * 2 > left.length) {
        warnings.push(
          `${label(m)} is away for ${mine} of the ${left.length} meetings left of ${series.group}: those meetings are skipped and the group meets on the others. To take ${label(m)} out of this cycle instead, set their Status to Paused.`,
        );
      }
    }
  }
  // The Notes line: every meeting of the series skipped because a member is away, past ones included.
  const final = grid.filter((g) => (recurrence === null ? g.was : g.now) && g.awayBy.length > 0);
  const line = final.length === 0 ? '' : `${AWAY_NOTE_PREFIX}${final.map((g) => `${g.date}: ${names(g.awayBy)} away`).join('; ')}.`;
  return { group: series.group, recurrence, skipped, restored, notes: withAwayNote(series.notes, line), warnings };
}

/** `notes` with its away line replaced by `line` (removed when blank), other parts kept in order. */
export function withAwayNote(notes: string, line: string): string {
  const parts = notes
    .split(NOTE_SEPARATOR)
    .map((p) => p.trim())
    .filter((p) => p !== '' && !p.startsWith(AWAY_NOTE_PREFIX));
  if (line !== '') parts.push(line);
  return parts.join(NOTE_SEPARATOR).slice(0, 2000);
}

/** One sentence for the Log and the digest about a series' change ('' when nothing changed). */
export function describeAwayPlan(plan: AwaySeriesPlan): string {
  const parts: string[] = [];
  if (plan.skipped.length > 0) parts.push(`no meeting on ${plan.skipped.map((s) => `${s.date} (${s.why})`).join(', ')}`);
  if (plan.restored.length > 0) parts.push(`the meeting${plan.restored.length === 1 ? '' : 's'} on ${list(plan.restored)} ${plan.restored.length === 1 ? 'is' : 'are'} back`);
  if (parts.length === 0) return '';
  return `${plan.group}: ${parts.join('; ')}.`;
}

/**
 * A short key of the Away dates that fall on booked rows' meetings (rows with an Event ID, their
 * dates from Starts, Day and time and Ends): '' when none does. The change step compares it with the
 * key it stored when it last brought the series in line, so an hourly run with no Away edit makes
 * no Calendar call.
 */
export function awayFingerprint(rows: readonly ScheduleRow[], people: ReadonlyMap<string, AwayPerson>, intervalWeeks: number): string {
  const parts: string[] = [];
  for (const row of rows) {
    if (row.eventId === '' || !row.starts || !row.ends) continue;
    const slot = parseDayAndTime(row.dayAndTime);
    if (!slot) continue;
    const members = row.members.map((e) => people.get(e)).filter((p): p is AwayPerson => p !== undefined && p.away.length > 0);
    if (members.length === 0) continue;
    const dates: string[] = [];
    for (let d = addDays(row.starts, (slot.weekday - weekdayOf(row.starts) + 7) % 7); d <= row.ends; d = addDays(d, 7 * intervalWeeks)) {
      if (members.some((m) => isSkipped(m.away, d))) dates.push(d);
    }
    if (dates.length > 0) parts.push(`${row.eventId}:${dates.join(',')}`);
  }
  if (parts.length === 0) return '';
  const text = parts.sort().join(';');
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  return hex(hashString(text)) + hex(hashString(`away\u0000${text}`));
}

function label(p: AwayPerson): string {
  return p.name && p.name.trim() !== '' ? p.name.trim() : p.email;
}

function names(people: readonly AwayPerson[]): string {
  return list(people.map(label));
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
