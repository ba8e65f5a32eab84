// This week's brief in this week's meeting (issue 13, item 1): for one occurrence of a group's
// series, "Session 3 of 6", who coaches whom this week, the session's prompt, each member's
// commitment from their last feedback ("Last time Ada committed to: …") and the feedback link, as
// the instance's description (HTML, every user text escaped, far below Calendar's size); and
// `planBriefs`, the tick's whole decision for this hour (which occurrences: brief-timing.ts). Pure:
// the clock and the data are passed in.
//
// Decisions:
//   - Roles alternate so each member coaches and is coached: in a pair, session s has member
//     (s − 1) mod 2 as the coach and the other as the coachee; in a trio, coach (s − 1) mod 3,
//     coachee s mod 3, and the third observes (tells the coach at the end what helped), so over
//     three sessions each member holds each role once. Members in the Rotations row's order.
//   - A member's commitment: the Commitment of their latest response submitted before the
//     occurrence, from any group (a new partner in session 1 sees what they committed to last),
//     at most COMMITMENT_MAX_AGE_DAYS old, blank answers skipped. Shown with its date.
//   - Sizes: every user text is cut (with "…") to a budget measured after escaping, so the
//     description stays under BRIEF_LIMIT (7,000) whatever people typed; Calendar documents no
//     limit and about 8,000 characters is reported (calendar-event.ts DESCRIPTION_LIMIT).
//   - Only tags Calendar shows: b, i, br, ul, li, a (href http(s) only; otherwise the link is left out).
//   - Privacy: a brief with a commitment `carriesCommitments`. Google applies `visibility: private`
//     set on one instance to the whole series and cannot relax it per instance (reference
//     "Lifecycle", fidelity-audit B4), so set it on the series (at booking, or one series patch the
//     first time a brief carries commitments), never on the instance. Private hides the details
//     from people who can see a member's calendar, not from the guests.
//   - When: brief-timing.ts (a day before each occurrence, once per group and original start).
import { BRIEF_LEAD_MS, briefsDue, rowOccurrences, type BriefMarkers, type BriefRow, type DueOccurrence, type RowOccurrence } from './brief-timing';
import { readResponses, type CoachingResponse } from './coaching-feedback';
import { escapeHtml } from './digest';
import type { FeedbackRecord } from './feedback';
import { invitationFeedback } from './feedback-link';
import { normaliseEmail } from './people';
import { promptFor, type Prompt } from './prompts';
import { toInstant } from './recurrence';
import type { CycleShape } from './cycle-dates';
import { localTime } from './zones';

const MS_PER_MINUTE = 60 * 1000;
const MS_PER_DAY = 24 * 60 * MS_PER_MINUTE;

/** The description's ceiling, well under the ≈8,000 characters Calendar is reported to keep. */
export const BRIEF_LIMIT = 7000;
/** Escaped characters kept of each text. */
const BUDGET = { name: 80, prompt: 1200, commitment: 900, link: 800 };
/** Commitments older than this are not shown. */
export const COMMITMENT_MAX_AGE_DAYS = 56;

// ---- Roles ---------------------------------------------------------------------------------------

export interface BriefMember {
  email: string;
  /** The roster name; the email when blank. */
  name: string;
}

export interface Roles<T> {
  coach: T;
  coachee: T;
  /** The third member of a trio; null in a pair. */
  observer: T | null;
}

/** Who coaches whom in session `session` (from 1), members in the Rotations order (2 or 3). */
export function rolesFor<T>(members: readonly T[], session: number): Roles<T> {
  if (members.length !== 2 && members.length !== 3) throw new RangeError(`A group has 2 or 3 members, not ${members.length}.`);
  if (!Number.isInteger(session) || session < 1) throw new RangeError(`A session is a whole number from 1, not ${String(session)}.`);
  const n = members.length;
  return { coach: members[(session - 1) % n], coachee: members[session % n], observer: n === 3 ? members[(session + 1) % n] : null };
}

// ---- Commitments ---------------------------------------------------------------------------------

export interface Commitment {
  email: string;
  text: string;
  /** 'YYYY-MM-DD' in the zone: the day it was given. */
  given: string;
}

/**
 * Each member's latest commitment before `before` (ms or ISO): from the Feedback records, any
 * group, blank commitments skipped, at most `maxAgeDays` old. Members without one are absent.
 */
export function latestCommitments(
  feedback: readonly FeedbackRecord[],
  emails: readonly string[],
  before: number | string,
  options: { zone: string; maxAgeDays?: number },
): Map<string, Commitment> {
  return commitmentsFrom(readResponses(feedback, options.zone), emails, before, options);
}

/** `latestCommitments` over responses already read (coverage.ts `readResponses`). */
export function commitmentsFrom(
  responses: readonly CoachingResponse[],
  emails: readonly string[],
  before: number | string,
  options: { zone: string; maxAgeDays?: number },
): Map<string, Commitment> {
  const until = toInstant(before);
  const from = until - (options.maxAgeDays ?? COMMITMENT_MAX_AGE_DAYS) * MS_PER_DAY;
  const wanted = new Set(emails.map(normaliseEmail));
  const best = new Map<string, { at: number; index: number; text: string }>();
  for (const r of responses) {
    if (!wanted.has(r.email) || r.commitment === '' || r.submitted === null) continue;
    if (r.submitted >= until || r.submitted < from) continue;
    const prev = best.get(r.email);
    if (!prev || r.submitted > prev.at || (r.submitted === prev.at && r.index > prev.index)) best.set(r.email, { at: r.submitted, index: r.index, text: r.commitment });
  }
  const out = new Map<string, Commitment>();
  for (const [email, c] of best) out.set(email, { email, text: c.text, given: localTime(c.at, options.zone).date });
  return out;
}

// ---- The brief -----------------------------------------------------------------------------------

export interface BriefInput {
  cycle: number;
  /** 1-based session of the cycle (feedback.ts `sessionForDate` of the occurrence's local date). */
  session: number;
  /** Sessions in the cycle (settings.ts `meetingsPerCycle`). */
  sessions: number;
  /** Members in the Rotations row's order. */
  members: readonly BriefMember[];
  /** prompts.ts `promptFor(cycle, session, sessions, prompts)`; null: no prompt line. */
  prompt: Pick<Prompt, 'text'> | null;
  commitments: ReadonlyMap<string, Commitment>;
  /** The group's prefilled feedback link (feedback-link.ts `invitationFeedback`). */
  feedbackLink?: string;
  /** Like K7QD-C3-01. */
  groupCode?: string;
}

export interface Brief {
  /** The instance's description: HTML, user text escaped, at most BRIEF_LIMIT characters. */
  description: string;
  /** Some member's commitment is shown: the series should be `visibility: private`. */
  carriesCommitments: boolean;
  roles: Roles<string>;
}

/** Escapes `text` (one line) and cuts it so the escaped form has at most `budget` characters, ending with "…". */
export function clipEscaped(text: string, budget: number): string {
  const flat = String(text ?? '').replace(/\s+/g, ' ').trim();
  const whole = escapeHtml(flat);
  if (whole.length <= budget) return whole;
  const chars = Array.from(flat);
  let out = '';
  for (const ch of chars) {
    const e = escapeHtml(ch);
    if (out.length + e.length + 1 > budget) break;
    out += e;
  }
  return `${out}…`;
}

const safeLink = (link: string | undefined): string | null => {
  const t = String(link ?? '').trim();
  return /^https?:\/\/[^\s<>"'`]+$/.test(t) && escapeHtml(t).length <= BUDGET.link ? t : null;
};

/** This week's brief for one occurrence (see the module comment). */
export function buildBrief(input: BriefInput): Brief {
  const { cycle, session, sessions } = input;
  if (!Number.isInteger(sessions) || sessions < 1 || !Number.isInteger(session) || session < 1 || session > sessions) {
    throw new RangeError(`Session ${String(session)} of ${String(sessions)} is not a session of the cycle.`);
  }
  const members = input.members.map((m) => ({ email: normaliseEmail(m.email), name: String(m.name ?? '').trim() || normaliseEmail(m.email) }));
  const roles = rolesFor(members, session);
  const name = (m: BriefMember) => clipEscaped(m.name, BUDGET.name);
  const html: string[] = [];
  html.push(`<b>Session ${session} of ${sessions}</b> · cycle ${cycle}`);
  const roleLine = roles.observer
    ? `<b>This week ${name(roles.coach)} coaches ${name(roles.coachee)}</b>: ${name(roles.coachee)} brings a real situation, ${name(roles.coach)} asks more than tells. ${name(roles.observer)} observes, and at the end tells ${name(roles.coach)} what helped.`
    : `<b>This week ${name(roles.coach)} coaches ${name(roles.coachee)}</b>: ${name(roles.coachee)} brings a real situation, ${name(roles.coach)} asks more than tells. You swap roles each session.`;
  html.push(roleLine);
  if (input.prompt && String(input.prompt.text ?? '').trim() !== '') {
    html.push('', `<b>This week’s prompt</b>`, clipEscaped(input.prompt.text, BUDGET.prompt));
  }
  const shown = members.filter((m) => input.commitments.has(m.email));
  if (shown.length > 0) {
    const items = shown.map((m) => {
      const c = input.commitments.get(m.email) as Commitment;
      return `<li>Last time ${name(m)} committed to: ${clipEscaped(c.text, BUDGET.commitment)} <i>(${escapeHtml(c.given)})</i></li>`;
    });
    html.push('', '<b>Commitments to follow up</b>', `<ul>${items.join('')}</ul>`);
  }
  const link = safeLink(input.feedbackLink);
  const after: string[] = [];
  if (link) after.push(`After the session, one minute of feedback: <a href="${escapeHtml(link)}">the feedback form</a>`);
  if (input.groupCode && input.groupCode.trim() !== '') after.push(`Group code ${clipEscaped(input.groupCode, 40)}`);
  if (after.length > 0) html.push('', ...after);
  html.push('', '<i>Why we meet: relationships first, then coaching practice (talk less, question more), then accountability.</i>');
  const description = html.join('<br>').replace(/<br><ul>/g, '<ul>').replace(/<\/ul><br>/g, '</ul>');
  if (description.length > BRIEF_LIMIT) throw new RangeError(`The brief has ${description.length} characters, over ${BRIEF_LIMIT}.`); // unreachable with the budgets
  return { description, carriesCommitments: shown.length > 0, roles: { coach: roles.coach.email, coachee: roles.coachee.email, observer: roles.observer?.email ?? null } };
}

/**
 * The instance patch for a brief: `Calendar.Events.patch(patch, calendarId, instanceId,
 * { sendUpdates: 'none' })`. Only the description: visibility goes on the series (see the header).
 */
export function briefPatch(brief: Brief): { description: string } {
  return { description: brief.description };
}

// ---- The whole decision, for the tick ------------------------------------------------------------

export interface BriefPlanInput {
  now: number | string;
  /** The settings' zone (a blank Time zone cell; dates of commitments). */
  zone: string;
  settings: CycleShape;
  /** Rotations rows (schedule.ts `readScheduleRows`). */
  rows: readonly BriefRow[];
  /** Feedback records (feedback.ts `readFeedbackRecords`). */
  feedback: readonly FeedbackRecord[];
  /** prompts.ts `readPrompts(...).prompts` (or SEEDED_PROMPTS when the sheet is missing). */
  prompts: readonly Prompt[];
  /** Names by normalised email (the roster); the email when absent. */
  names: ReadonlyMap<string, string>;
  programId: string;
  /** The stored prefilled-link template (feedback-link.ts). */
  feedbackTemplate: string | null;
  markers: BriefMarkers;
  /** At most this many briefs this run (default 120). */
  limit?: number;
}

export interface PlannedBrief extends DueOccurrence {
  session: number;
  sessions: number;
  /** The series the occurrence belongs to (its row's Event ID). */
  eventId: string;
  brief: Brief;
}

/**
 * Everything the tick needs to write this hour's briefs: for each occurrence due (rows → occurrences
 * → `briefsDue`), its brief; the missed ones to log and mark; how many wait for the next run. The
 * tick then, per brief: `Events.instances(calendarId, eventId, { originalStart: <start ISO> })`
 * (none: a skipped date, mark it), `Events.patch(briefPatch(b.brief), calendarId, instance.id,
 * { sendUpdates: 'none' })`, and `markBriefed` once the patch succeeded.
 */
export function planBriefs(input: BriefPlanInput): { briefs: PlannedBrief[]; missed: DueOccurrence[]; deferred: number } {
  const now = toInstant(input.now);
  const occurrences = rowOccurrences(input.rows, input.settings, { from: now - 7 * MS_PER_DAY, to: now + BRIEF_LEAD_MS + 1 }, input.zone);
  const byKey = new Map(occurrences.map((o) => [o.key, o]));
  const due = briefsDue(now, occurrences, input.markers, { limit: input.limit });
  if (due.due.length === 0) return { briefs: [], missed: due.missed, deferred: due.deferred };
  const byEmail = new Map<string, CoachingResponse[]>();
  for (const r of readResponses(input.feedback, input.zone)) {
    if (r.commitment === '') continue;
    const list = byEmail.get(r.email);
    if (list) list.push(r);
    else byEmail.set(r.email, [r]);
  }
  const briefs = due.due.map((d): PlannedBrief => {
    const o = byKey.get(d.key) as RowOccurrence;
    const members = o.members.map((email) => ({ email, name: input.names.get(email) ?? email }));
    const link = invitationFeedback(input.feedbackTemplate, input.programId, o.groupId);
    const brief = buildBrief({
      cycle: o.cycle,
      session: o.session,
      sessions: o.sessions,
      members,
      prompt: promptFor(o.cycle, o.session, o.sessions, input.prompts),
      commitments: commitmentsFrom(o.members.flatMap((e) => byEmail.get(e) ?? []), o.members, o.start, { zone: input.zone }),
      feedbackLink: link.feedbackLink,
      groupCode: link.groupCode,
    });
    return { ...d, session: o.session, sessions: o.sessions, eventId: o.eventId, brief };
  });
  return { briefs, missed: due.missed, deferred: due.deferred };
}
