// Participants steer themselves from the feedback form (issue 13, items 4 and 5): the two questions
// the form gains ("Next cycle: count me in / skip the next cycle / leave the program", and on the
// last session "How well did this pairing work? (1–5)"), as data like feedback-form.ts's questions,
// with the Feedback and Dashboard columns that hold their answers; then what a "next cycle" answer
// does to the person's Roster row (Away, Status, Notes), the owner's digest item and the Log entry.
// Pure: the response's instant, the person's row and the next cycle's dates are passed in.
//
// Decisions:
//   - Skip: the next cycle's dates (the first cycle starting after the response's day) go into the
//     person's Away cell as a range `YYYY-MM-DD..YYYY-MM-DD` (issue 14's syntax), appended after
//     what the owner wrote, never rewriting it, and not again when a range already covers them. Away
//     for a whole cycle makes the pairing leave them out of it; after it they are back by themselves.
//   - Leave: Status becomes Left (issue 11's changes then re-home the partner).
//   - Count me in: nothing changes for an Active person (no Notes line, no digest item); a skip of
//     that same next cycle written by the form is taken back (the exact range removed from Away).
//     A Paused or Left person is not re-activated by a form: the owner gets a `decision` item.
//   - Every change adds one Notes line "2027-02-20: chose to skip cycle 4 (2027-03-02..2027-04-12)
//     on the feedback form." (never twice), and one digest item: "Ada chose to skip cycle 4
//     (2027-03-02..2027-04-12) on 2027-02-20".
//   - Cells are returned as text for plain-text columns (`sheetText`: never a formula).
//   - Which response to apply: only a Feedback row appended now (the caller dedupes by its Key, as
//     for the Feedback sheet), so a response filed twice is applied once; applying the same choice
//     again changes nothing anyway.
import { addDays, isIsoDate } from './dates';
import type { DigestItem } from './digest';
import { sheetText, unescapeSheetText } from './feedback';
import type { FormQuestion } from './feedback-form';
import type { LogEntry } from './log';
import { toInstant } from './recurrence';
import { normaliseHeader, type ColumnSpec } from './schema';
import { localTime } from './zones';

// ---- The form's new questions --------------------------------------------------------------------

export type CoachingQuestionKey = 'pairingRating' | 'nextCycle';

/** A question the form gains, shaped like feedback-form.ts's (which the lead extends with these). */
export interface CoachingQuestion extends Omit<FormQuestion, 'key'> {
  readonly key: CoachingQuestionKey;
}

/** The "next cycle" choices, in order. */
export const NEXT_CYCLE_CHOICES = ['Count me in', 'Skip the next cycle', 'Leave the program'] as const;

export type NextCycleChoice = 'in' | 'skip' | 'leave';

/** Asked on every response, optional: blank carries on as before. */
export const STEERING_QUESTION: CoachingQuestion = {
  key: 'nextCycle',
  title: 'Next cycle',
  type: 'multipleChoice',
  required: false,
  helpText:
    'Leave blank to carry on as you are. Skip: you sit the next cycle out and are paired again after it, without doing anything. Leave: you take no further part; your partner is paired with someone else.',
  choices: NEXT_CYCLE_CHOICES,
};

/** The end-of-cycle rating: on the same form, answered after the last session of a cycle. */
export const PAIRING_RATING_QUESTION: CoachingQuestion = {
  key: 'pairingRating',
  title: 'How well did this pairing work?',
  type: 'scale',
  required: false,
  helpText: 'After the last session of the cycle only: the cycle as a whole, with this partner (or these partners).',
  bounds: { low: 1, high: 5 },
  labels: { low: 'Not well', high: 'Very well' },
};

/** Added after the form's last question (commitment), in this order. Titles are unique in the form. */
export const COACHING_QUESTIONS: readonly CoachingQuestion[] = [PAIRING_RATING_QUESTION, STEERING_QUESTION];

/** The Feedback columns holding their answers (appended after Commitment, before Flag and Key). */
export const PAIRING_RATING_HEADER = 'Pairing';
export const NEXT_CYCLE_HEADER = 'Next cycle';

export const FEEDBACK_COLUMNS_ADDED: readonly ColumnSpec[] = [
  { header: PAIRING_RATING_HEADER, note: 'End of cycle: how well the pairing worked, 1-5.', numberFormat: '0', width: 90 },
  { header: NEXT_CYCLE_HEADER, note: 'Count me in, Skip the next cycle or Leave the program, as answered. Skip and Leave are applied to the Roster.', plainText: true, width: 140 },
];

/** The Dashboard column for the rating's average per cycle (coverage.ts `pairingRatings`). */
export const DASHBOARD_COLUMNS_ADDED: readonly ColumnSpec[] = [
  { header: PAIRING_RATING_HEADER, note: 'Average end-of-cycle rating 1-5: how well the pairings worked.', numberFormat: '0.0', width: 90 },
];

/** A question's answer in the form-submit event's namedValues (title matched ignoring case and spaces), or ''. */
export function answerOf(namedValues: Readonly<Record<string, readonly string[] | string>> | null | undefined, question: CoachingQuestion): string {
  const values = namedValues ?? {};
  const key = Object.keys(values).find((k) => normaliseHeader(k) === normaliseHeader(question.title));
  if (key === undefined) return '';
  const raw = values[key];
  return (Array.isArray(raw) ? raw : [raw]).map((v) => String(v ?? '').trim()).filter((v) => v !== '').join(', ');
}

/** The choice an answer (or a Feedback cell) names, read tolerantly; null when blank or unknown. */
export function readNextCycle(answer: unknown): NextCycleChoice | null {
  const t = unescapeSheetText(answer).trim().toLowerCase().replace(/[.!]+$/, '').replace(/\s+/g, ' ');
  if (t === '') return null;
  if (t === 'count me in' || t === 'in' || t === 'yes') return 'in';
  if (t === 'skip the next cycle' || t === 'skip' || t === 'skip next cycle') return 'skip';
  if (t === 'leave the program' || t === 'leave' || t === 'leave the programme') return 'leave';
  return null;
}

// ---- Away ranges ---------------------------------------------------------------------------------

export interface DateRange {
  from: string;
  to: string;
}

const TOKEN = /(\d{4}-\d{2}-\d{2})(?:\s*(?:\.\.|–|—)\s*(\d{4}-\d{2}-\d{2}))?/;

/** The ranges written in an Away cell (single dates and `a..b`, also with an en or em dash); others ignored. */
export function awayRanges(text: string): DateRange[] {
  const out: DateRange[] = [];
  const re = new RegExp(TOKEN.source, 'g');
  for (let m = re.exec(String(text ?? '')); m !== null; m = re.exec(String(text ?? ''))) {
    const from = m[1];
    const to = m[2] ?? m[1];
    if (isIsoDate(from) && isIsoDate(to) && from <= to) out.push({ from, to });
  }
  return out;
}

export function rangeText(r: DateRange): string {
  return r.from === r.to ? r.from : `${r.from}..${r.to}`;
}

/** The Away cell with `range` added after what is written (", " between), unchanged when a written range covers it. */
export function mergeAway(existing: string, range: DateRange): { text: string; changed: boolean } {
  const current = unescapeSheetText(existing).trim();
  if (awayRanges(current).some((r) => r.from <= range.from && range.to <= r.to)) return { text: current, changed: false };
  return { text: current === '' ? rangeText(range) : `${current.replace(/[,;\s]+$/, '')}, ${rangeText(range)}`, changed: true };
}

/** The Away cell without the exact range `range` (as the form writes it), with its separator. */
export function removeAway(existing: string, range: DateRange): { text: string; changed: boolean } {
  const current = unescapeSheetText(existing).trim();
  const exact = rangeText(range).replace(/\./g, '\\.');
  const re = new RegExp(`(^|[,;\\s]+)${exact}(?=$|[,;\\s])`);
  if (!re.test(current)) return { text: current, changed: false };
  return { text: current.replace(re, '').replace(/^[,;\s]+/, '').trim(), changed: true };
}

// ---- Applying a choice ---------------------------------------------------------------------------

export interface CycleDates {
  cycle: number;
  /** 'YYYY-MM-DD'. */
  starts: string;
  /** 'YYYY-MM-DD', the cycle's last day. */
  ends: string;
}

/**
 * The next cycle for a response on `day`: the first known cycle (Rotations, not cancelled) starting
 * after `day`; else the latest known cycle's start plus whole cycles past `day`. Null when no cycle
 * is known (the program has not started).
 */
export function nextCycleAfter(day: string, cycles: readonly CycleDates[], cycleWeeks: number): CycleDates | null {
  const sorted = cycles.filter((c) => isIsoDate(c.starts)).sort((a, b) => a.cycle - b.cycle);
  const later = sorted.find((c) => c.starts > day);
  if (later) return { cycle: later.cycle, starts: later.starts, ends: later.ends };
  const last = sorted[sorted.length - 1];
  if (!last || !Number.isInteger(cycleWeeks) || cycleWeeks < 1) return null;
  let cycle = last.cycle + 1;
  let starts = addDays(last.starts, cycleWeeks * 7);
  while (starts <= day) {
    starts = addDays(starts, cycleWeeks * 7);
    cycle++;
  }
  return { cycle, starts, ends: addDays(starts, cycleWeeks * 7 - 1) };
}

export interface SteeringPerson {
  name: string;
  email: string;
  /** The Roster's Status as written (blank is Active). */
  status: string;
  /** The Away cell as read ('' when the column is absent: the caller adds it). */
  away: string;
  notes: string;
}

export interface SteeringInput {
  choice: NextCycleChoice;
  /** ISO instant the response was submitted. */
  at: string;
  /** The settings' zone: the day of the response. */
  zone: string;
  person: SteeringPerson;
  /** `nextCycleAfter(day of at, …)`. */
  nextCycle: CycleDates | null;
}

export interface SteeringOutcome {
  /** New cell values, only for the cells that change. */
  cells: { Status?: 'Left'; Away?: string; Notes?: string };
  /** A digest item (digest.ts `enqueue`): automatic (skip), change (leave) or decision. */
  digest: Extract<DigestItem, { kind: 'automatic' | 'change' | 'decision' }> | null;
  log: LogEntry;
}

function statusOf(s: string): 'Active' | 'Paused' | 'Left' | 'other' {
  const t = String(s ?? '').trim().toLowerCase();
  if (t === '' || t === 'active') return 'Active';
  if (t === 'paused') return 'Paused';
  if (t === 'left') return 'Left';
  return 'other';
}

function withNote(notes: string, line: string): string | undefined {
  const current = unescapeSheetText(notes).trim();
  if (current.split(/\r?\n/).some((l) => l.trim() === line)) return undefined;
  return sheetText(current === '' ? line : `${current}\n${line}`);
}

/** What a person's "next cycle" answer does (see the module comment). */
export function steer(input: SteeringInput): SteeringOutcome {
  const at = new Date(toInstant(input.at)).toISOString();
  const day = localTime(toInstant(input.at), input.zone).date;
  const p = input.person;
  const who = String(p.name ?? '').replace(/[\r\n]+/g, ' ').trim() || String(p.email).trim();
  const status = statusOf(p.status);
  const cells: SteeringOutcome['cells'] = {};
  const next = input.nextCycle;
  const span = next ? `cycle ${next.cycle} (${rangeText({ from: next.starts, to: next.ends })})` : 'the next cycle';
  const log = (outcome: LogEntry['outcome'], detail: string): LogEntry => ({ when: at, action: 'steering', outcome, detail });

  if (input.choice === 'leave') {
    if (status === 'Left') return { cells, digest: null, log: log('skipped', `${who} chose to leave the program on ${day}; their status was already Left.`) };
    const line = `${day}: chose to leave the program on the feedback form.`;
    cells.Status = 'Left';
    const notes = withNote(p.notes, line);
    if (notes !== undefined) cells.Notes = notes;
    const text = `${who} chose to leave the program on ${day}`;
    return { cells, digest: { kind: 'change', at, text }, log: log('ok', `${text}: Status set to Left.`) };
  }

  if (input.choice === 'skip') {
    if (status === 'Left') return { cells, digest: null, log: log('skipped', `${who} chose to skip ${span} on ${day}; their status is Left, so nothing changed.`) };
    if (!next) {
      const text = `${who} chose to skip the next cycle on ${day}, but no cycle is known yet: write the dates in their Away cell, or set them to Paused.`;
      return { cells, digest: { kind: 'decision', at, text }, log: log('waiting', text) };
    }
    const merged = mergeAway(p.away, { from: next.starts, to: next.ends });
    const line = `${day}: chose to skip ${span} on the feedback form.`;
    if (merged.changed) cells.Away = sheetText(merged.text);
    const notes = withNote(p.notes, line);
    if (notes !== undefined) cells.Notes = notes;
    if (!merged.changed && notes === undefined) return { cells, digest: null, log: log('skipped', `${who} chose to skip ${span} on ${day} again; already recorded.`) };
    const text = `${who} chose to skip ${span} on ${day}`;
    return { cells, digest: { kind: 'automatic', at, text }, log: log('ok', `${text}: Away ${merged.changed ? 'now includes' : 'already covered'} ${rangeText({ from: next.starts, to: next.ends })}.`) };
  }

  // Count me in.
  if (status === 'Paused' || status === 'Left') {
    const text = `${who} asked to be counted in for ${span} on ${day}, but their status is ${status}: set it to Active to bring them back.`;
    return { cells, digest: { kind: 'decision', at, text }, log: log('waiting', text) };
  }
  if (next) {
    const removed = removeAway(p.away, { from: next.starts, to: next.ends });
    if (removed.changed) {
      cells.Away = sheetText(removed.text);
      const notes = withNote(p.notes, `${day}: chose to take part in ${span} after all, on the feedback form.`);
      if (notes !== undefined) cells.Notes = notes;
      const text = `${who} chose to take part in ${span} after all, on ${day}`;
      return { cells, digest: { kind: 'automatic', at, text }, log: log('ok', `${text}: the skip was taken out of Away.`) };
    }
  }
  return { cells, digest: null, log: log('skipped', `${who} chose to be counted in on ${day}; nothing to change.`) };
}
