// The Feedback sheet as the coaching loop reads it (issue 13): each row's respondent, group,
// session, "we met", submitted instant, commitment and end-of-cycle rating (`readResponses`, shared
// by the brief, the nudge and the Dashboard); quiet groups (no "we met" for two sessions in a row)
// with their last response date, for the Dashboard and the digest; and the pairing rating's average
// per cycle. Pure: the records, the groups, today and the zone are passed in.
//
// Decisions:
//   - Quiet: a group of a running cycle whose last two sessions dated before today have no member
//     answering Met Yes or Rescheduled. Sessions are numbered from the cycle's first day (rows
//     added mid-cycle keep the cycle's numbering); only sessions on or after the group's own Starts
//     count.
//   - The pairing rating: each member's latest rating for their group counts once.
import { addDays, isIsoDate } from './dates';
import { sessionDates, unescapeSheetText, type FeedbackRecord } from './feedback';
import { cycleFirstDays } from './cycle-dates';
import { normaliseEmail } from './people';
import { toInstant } from './recurrence';
import { normaliseHeader } from './schema';
import type { Settings } from './settings';
import { PAIRING_RATING_HEADER } from './steering';
import { localInstant, localTime } from './zones';

// ---- Feedback as the coaching loop reads it ------------------------------------------------------

/** One Feedback row, read for the brief, the nudge and quiet groups. */
export interface CoachingResponse {
  /** Normalised. */
  email: string;
  /** Upper case, like C3-01; '' when none. */
  groupId: string;
  session: number | null;
  /** 'yes' | 'rescheduled' | 'no' | other text, lower case. */
  met: string;
  /** Instant (ms), or null when the cell is not a date-time. */
  submitted: number | null;
  /** As the person wrote it (the apostrophe that kept it text removed). */
  commitment: string;
  /** The end-of-cycle rating 1–5, or null. */
  pairingRating: number | null;
  /** 0-based position among the records (later rows win ties). */
  index: number;
}

function text(value: unknown): string {
  return unescapeSheetText(value instanceof Date ? '' : value).trim();
}

/**
 * A Submitted cell as an instant: a Date (as getValues gives it), an ISO date-time with Z or an
 * offset, or 'YYYY-MM-DD HH:MM' / 'YYYY-MM-DD' read in `zone` (displayed values). Else null.
 */
export function submittedInstant(value: unknown, zone: string): number | null {
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.getTime() : null;
  const t = text(value);
  if (t === '') return null;
  try {
    return toInstant(t);
  } catch {
    const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2}))?/.exec(t);
    if (!m || !isIsoDate(m[1])) return null;
    const minutes = m[2] === undefined ? 0 : Number(m[2]) * 60 + Number(m[3]);
    return minutes < 24 * 60 ? localInstant(m[1], minutes, zone) : null;
  }
}

function wholeNumber(value: unknown): number | null {
  const n = typeof value === 'number' ? value : /^\s*\d+\s*$/.test(text(value)) ? Number(text(value)) : NaN;
  return Number.isSafeInteger(n) ? n : null;
}

function rating(value: unknown): number | null {
  const n = typeof value === 'number' ? value : /^\s*[1-5]\s*$/.test(text(value)) ? Number(text(value)) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : null;
}

/** The Feedback records (`readFeedbackRecords`) as the coaching loop reads them. */
export function readResponses(records: readonly FeedbackRecord[], zone: string): CoachingResponse[] {
  return records.map((r, index) => ({
    email: normaliseEmail(text(r.Email)),
    groupId: text(r.Group).toUpperCase(),
    session: wholeNumber(r.Session),
    met: text(r.Met).toLowerCase().replace(/\.$/, ''),
    submitted: submittedInstant(r.Submitted, zone),
    commitment: text(r.Commitment),
    pairingRating: rating(r[PAIRING_RATING_HEADER]),
    index,
  }));
}

const metYes = (r: CoachingResponse) => r.met === 'yes' || r.met === 'rescheduled';

// ---- Quiet groups --------------------------------------------------------------------------------

/** A Rotations row as quiet groups need it (feedback.ts RotationGroup fits). */
export interface CycleGroup {
  cycle: number;
  groupId: string;
  members: readonly string[];
  /** The row's Starts ('YYYY-MM-DD'). */
  starts: string;
  ends: string;
  status: string;
}

export interface QuietGroupInfo {
  cycle: number;
  groupId: string;
  members: string[];
  /** Sessions in a row, up to the latest one before today, without "we met". */
  sessionsWithoutMeeting: number;
  /** 'YYYY-MM-DD' (zone) of the group's latest response, any answer; null when none. */
  lastResponse: string | null;
}

/**
 * Groups of the cycles running on `today` (Starts ≤ today ≤ Ends + 1, so the last session still
 * counts the day after) whose last two sessions dated before today have no "we met" (Met Yes or
 * Rescheduled from any member for that session), oldest-quiet first (most sessions without).
 */
export function quietGroups(input: {
  groups: readonly CycleGroup[];
  responses: readonly CoachingResponse[];
  settings: Pick<Settings, 'cycleWeeks' | 'cadence'>;
  today: string;
  zone: string;
}): QuietGroupInfo[] {
  const { today, zone } = input;
  const live = input.groups.filter((g) => !['replaced', 'planned', 'cancelled'].includes(normaliseHeader(g.status)) && isIsoDate(g.starts) && isIsoDate(g.ends));
  const cycleStart = cycleFirstDays(input.groups);
  // One entry per group id: the latest row (a changed group keeps its id), its earliest Starts.
  const byId = new Map<string, CycleGroup & { from: string }>();
  for (const g of live) {
    const id = g.groupId.trim().toUpperCase();
    const prev = byId.get(id);
    const from = prev && prev.from < g.starts ? prev.from : g.starts;
    byId.set(id, { ...g, groupId: id, from, ends: prev && prev.ends > g.ends ? prev.ends : g.ends });
  }
  const byGroup = new Map<string, CoachingResponse[]>();
  for (const r of input.responses) {
    const list = byGroup.get(r.groupId);
    if (list) list.push(r);
    else byGroup.set(r.groupId, [r]);
  }
  const out: QuietGroupInfo[] = [];
  for (const g of byId.values()) {
    if (!(g.from <= today && today <= addDays(g.ends, 1))) continue;
    const dates = sessionDates(cycleStart.get(g.cycle) ?? g.from, input.settings);
    const due = dates.map((d, i) => ({ d, session: i + 1 })).filter((x) => x.d >= g.from && x.d < today && x.d <= g.ends);
    const mine = byGroup.get(g.groupId) ?? [];
    let run = 0;
    for (let i = due.length - 1; i >= 0; i--) {
      if (mine.some((r) => r.session === due[i].session && metYes(r))) break;
      run++;
    }
    if (run < 2) continue;
    const last = mine.map((r) => r.submitted).filter((t): t is number => t !== null);
    out.push({
      cycle: g.cycle,
      groupId: g.groupId,
      members: [...g.members].map(normaliseEmail),
      sessionsWithoutMeeting: run,
      lastResponse: last.length === 0 ? null : localTime(Math.max(...last), zone).date,
    });
  }
  return out.sort((a, b) => b.sessionsWithoutMeeting - a.sessionsWithoutMeeting || (a.groupId < b.groupId ? -1 : 1));
}

// ---- The end-of-cycle pairing rating -------------------------------------------------------------

export interface PairingRatingFigure {
  cycle: number;
  /** Mean of the ratings counted, 2 decimals; null when none. */
  average: number | null;
  /** Ratings counted: one per member of each group (their latest). */
  ratings: number;
}

/**
 * The pairing rating's average per cycle, for the Dashboard: each member's latest rating for their
 * group counts once (a second answer replaces the first); responses from people not in the group
 * named, or naming no group of Rotations, do not count. Cycles oldest first, every cycle of `groups`.
 */
export function pairingRatings(groups: readonly CycleGroup[], responses: readonly CoachingResponse[]): PairingRatingFigure[] {
  const members = new Map<string, { cycle: number; members: Set<string> }>();
  for (const g of groups) {
    if (normaliseHeader(g.status) === 'replaced') continue;
    const id = g.groupId.trim().toUpperCase();
    const entry = members.get(id) ?? { cycle: g.cycle, members: new Set<string>() };
    for (const m of g.members) entry.members.add(normaliseEmail(m));
    members.set(id, entry);
  }
  const latest = new Map<string, { at: number; index: number; value: number; cycle: number }>();
  for (const r of responses) {
    if (r.pairingRating === null) continue;
    const g = members.get(r.groupId);
    if (!g || !g.members.has(r.email)) continue;
    const k = `${r.groupId}\u0000${r.email}`;
    const at = r.submitted ?? -Infinity;
    const prev = latest.get(k);
    if (!prev || at > prev.at || (at === prev.at && r.index > prev.index)) latest.set(k, { at, index: r.index, value: r.pairingRating, cycle: g.cycle });
  }
  const cycles = [...new Set([...members.values()].map((g) => g.cycle))].sort((a, b) => a - b);
  return cycles.map((cycle) => {
    const values = [...latest.values()].filter((x) => x.cycle === cycle).map((x) => x.value);
    return { cycle, average: values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100, ratings: values.length };
  });
}

// ---- Words for the digest ------------------------------------------------------------------------

/** A quiet group for the owner's digest (its cycle-end item's `quietGroups`): "Ada and Bob (C3-02): no meeting reported for 2 sessions, last response 2027-03-30". */
export function quietGroupLine(q: QuietGroupInfo, names: ReadonlyMap<string, string>): string {
  const who = q.members.map((e) => String(names.get(e) ?? e).replace(/[\r\n]+/g, ' ').trim() || e);
  const list = who.length <= 2 ? who.join(' and ') : `${who.slice(0, -1).join(', ')} and ${who[who.length - 1]}`;
  return `${list} (${q.groupId}): no meeting reported for ${q.sessionsWithoutMeeting} sessions, ${q.lastResponse === null ? 'no response yet' : `last response ${q.lastResponse}`}`;
}
