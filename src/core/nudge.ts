// The nudge (issue 13, item 3): a person who has not given feedback a day after a session gets one
// short email, never more than one per session, within what is left of the MailApp quota, quiet
// groups first; what could not be sent waits for the next tick and is given up (and logged) once
// the group's next session starts. Pure: the clock, the quota, the feedback and the markers are
// passed in; the caller records the returned markers (under the document lock) BEFORE sending, so
// a run that dies half-way can lose a nudge but never send one twice.
//
// Decisions:
//   - Due: from NUDGE_DELAY_MS (24 h) after the session's start until the group's next session
//     starts (the last session of a cycle: LAST_SESSION_WINDOW_MS, 7 days, after its start). Past
//     that the session is given up: marked handled, and logged once when someone was still owed one.
//   - Gave feedback: a response from that person naming the group (the Feedback row's Group) with
//     that session number, or submitted between the session's start and the next one (a wrong
//     session number still counts as an answer). A person no longer active is not nudged.
//   - Quota: MailApp counts recipients (reference §1, fidelity-audit B7: 100 a day consumer,
//     1,500 Workspace); one nudge is one recipient. `reserve` (default 1) is kept for the owner's
//     digest. A group's nudges for a session go together or wait together (a group has at most
//     three members), so one marker per group is enough.
//   - Order: groups listed as quiet first, then the session whose window closes soonest, then the
//     oldest session, then the group id.
//   - Markers: per group id, the latest session start handled (sent, nobody owed, or given up), in
//     epoch minutes (about 17 characters a group: 250 groups fit one 9 kB document property), and
//     the day the "waiting for quota" line was last logged (once a day, not every hour).
//   - The email: plain text plus simple HTML (paragraphs and one link), names escaped, no images.
import { rowOccurrences, type BriefRow } from './brief-timing';
import { escapeHtml, type Email } from './digest';
import { invitationFeedback } from './feedback-link';
import { readResponses, type CoachingResponse } from './coaching-feedback';
import type { FeedbackRecord } from './feedback';
import type { LogEntry } from './log';
import { normaliseEmail } from './people';
import { toInstant } from './recurrence';
import type { Settings } from './settings';
import { localTime } from './zones';

const MS_PER_MINUTE = 60 * 1000;
const MS_PER_DAY = 24 * 60 * MS_PER_MINUTE;

/** A nudge goes out this long after the session's start. */
export const NUDGE_DELAY_MS = MS_PER_DAY;
/** The last session of a cycle has no next one: its nudge window closes this long after it starts. */
export const LAST_SESSION_WINDOW_MS = 7 * MS_PER_DAY;

/** The setting for the lead to merge into the settings (sidebar label, default on). */
export const NUDGE_SETTING = Object.freeze({ key: 'feedbackNudges', label: 'Remind people who have not given feedback a day after a session (one email per session)', default: true });

export interface NudgeMember {
  email: string;
  name: string;
}

/** One session (an occurrence) of one group. */
export interface NudgeSession {
  groupId: string;
  cycle: number;
  /** 1-based session of the cycle. */
  session: number;
  /** The occurrence's start (ms or ISO). */
  start: number | string;
  /** The group's next occurrence's start, or null for the cycle's last session. */
  nextStart: number | string | null;
  /** Members in the Rotations order. */
  members: readonly NudgeMember[];
  /** The group's prefilled feedback link. */
  feedbackLink?: string;
}

export interface NudgeMarkers {
  /** Group id → the latest session start handled, in minutes since the epoch. */
  handled: Record<string, number>;
  /** 'YYYY-MM-DD' the quota wait was last logged. */
  waitingLoggedOn: string | null;
}

/** The marker key that stands for every group (written when stored markers could not be read). */
export const ALL = '*';

export const NO_NUDGE_MARKERS: Readonly<NudgeMarkers> = Object.freeze({ handled: {}, waitingLoggedOn: null });

export interface NudgeInput {
  now: number | string;
  /** The settings' zone: dates in the email and the Log. */
  zone: string;
  sessions: readonly NudgeSession[];
  feedback: readonly FeedbackRecord[];
  markers: NudgeMarkers;
  /** MailApp.getRemainingDailyQuota(). */
  remainingQuota: number;
  /** Kept for the owner's digest. Default 1. */
  reserve?: number;
  /** Group ids listed as quiet (coverage.ts `quietGroups`): nudged first. */
  quietGroups?: readonly string[];
  /** Emails of the people who are Active now; absent: every member. */
  active?: ReadonlySet<string>;
  /** The setting; off: nothing is sent or recorded. */
  enabled?: boolean;
  /** The spreadsheet's name, for the subject. */
  programName?: string;
}

export interface NudgeEmail extends Email {
  to: string;
  groupId: string;
  session: number;
}

export interface NudgeWaiting {
  groupId: string;
  session: number;
  /** Emails still owed a nudge. */
  recipients: string[];
  /** ms: when the window closes. */
  until: number;
}

export interface NudgePlan {
  /** Send these, in order (one recipient each), after recording `markers`. */
  send: NudgeEmail[];
  /** Record before sending. */
  markers: NudgeMarkers;
  /** Owed but over the quota: the next tick tries again while the window is open. */
  waiting: NudgeWaiting[];
  /** Windows that closed with someone still owed a nudge: given up. */
  gaveUp: NudgeWaiting[];
  /** Lines for the Log (given up; waiting for quota, once a day). */
  log: LogEntry[];
}

const minute = (ms: number) => Math.floor(ms / MS_PER_MINUTE);
const oneLine = (t: string) => String(t ?? '').replace(/[\r\n]+/g, ' ').trim();

function windowEnd(s: NudgeSession, start: number): number {
  return s.nextStart === null || s.nextStart === undefined ? start + LAST_SESSION_WINDOW_MS : toInstant(s.nextStart);
}

/** Who gets a nudge now, and what is recorded (see the module comment). */
export function planNudges(input: NudgeInput): NudgePlan {
  const now = toInstant(input.now);
  const today = localTime(now, input.zone).date;
  const markers: NudgeMarkers = { handled: { ...input.markers.handled }, waitingLoggedOn: input.markers.waitingLoggedOn };
  const empty: NudgePlan = { send: [], markers, waiting: [], gaveUp: [], log: [] };
  if (input.enabled === false) return empty;
  const byGroup = new Map<string, CoachingResponse[]>();
  for (const r of readResponses(input.feedback, input.zone)) {
    const list = byGroup.get(r.groupId);
    if (list) list.push(r);
    else byGroup.set(r.groupId, [r]);
  }
  const quiet = new Set((input.quietGroups ?? []).map((g) => g.trim().toUpperCase()));
  const handle = (groupId: string, start: number) => {
    markers.handled[groupId] = Math.max(markers.handled[groupId] ?? -Infinity, minute(start));
  };

  interface Owed {
    s: NudgeSession;
    groupId: string;
    start: number;
    until: number;
    owed: NudgeMember[];
  }
  const open: Owed[] = [];
  const gaveUp: NudgeWaiting[] = [];
  const seen = new Set<string>();
  for (const s of input.sessions) {
    const groupId = String(s.groupId).trim().toUpperCase();
    const start = toInstant(s.start);
    const key = `${groupId}@${start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const done = Math.max(markers.handled[groupId] ?? -Infinity, markers.handled[ALL] ?? -Infinity);
    if (minute(start) <= done) continue;
    if (now < start + NUDGE_DELAY_MS) continue;
    const until = windowEnd(s, start);
    const members = s.members.map((m) => ({ email: normaliseEmail(m.email), name: oneLine(m.name) || normaliseEmail(m.email) }));
    const owed = members.filter((m) => {
      if (input.active && !input.active.has(m.email)) return false;
      return !(byGroup.get(groupId) ?? []).some(
        (r) => r.email === m.email && (r.session === s.session || (r.submitted !== null && r.submitted >= start && r.submitted < until)),
      );
    });
    if (owed.length === 0) {
      handle(groupId, start);
      continue;
    }
    if (now >= until) {
      handle(groupId, start);
      gaveUp.push({ groupId, session: s.session, recipients: owed.map((m) => m.email), until });
      continue;
    }
    open.push({ s: { ...s, members }, groupId, start, until, owed });
  }

  open.sort(
    (a, b) =>
      Number(quiet.has(b.groupId)) - Number(quiet.has(a.groupId)) || a.until - b.until || a.start - b.start || (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0),
  );
  let left = Math.max(0, Math.floor(Number.isFinite(input.remainingQuota) ? input.remainingQuota : 0) - Math.max(0, input.reserve ?? 1));
  const send: NudgeEmail[] = [];
  const waiting: NudgeWaiting[] = [];
  for (const o of open) {
    if (o.owed.length > left) {
      waiting.push({ groupId: o.groupId, session: o.s.session, recipients: o.owed.map((m) => m.email), until: o.until });
      continue;
    }
    left -= o.owed.length;
    handle(o.groupId, o.start);
    for (const m of o.owed) {
      const partners = o.s.members.filter((x) => x.email !== m.email).map((x) => x.name);
      send.push({ to: m.email, groupId: o.groupId, session: o.s.session, ...nudgeEmail({ name: m.name, partners, session: o.s.session, start: o.start, zone: input.zone, feedbackLink: o.s.feedbackLink, programName: input.programName }) });
    }
  }

  const log: LogEntry[] = [];
  const when = new Date(now).toISOString();
  if (gaveUp.length > 0) {
    const people = gaveUp.reduce((n, g) => n + g.recipients.length, 0);
    log.push({
      when,
      action: 'nudge',
      outcome: 'skipped',
      detail: `${people} feedback ${people === 1 ? 'reminder was' : 'reminders were'} not sent before the next session (${gaveUp.map((g) => `${g.groupId} session ${g.session}`).join(', ')}): the email quota ran out. Given up.`,
    });
  }
  if (waiting.length > 0 && markers.waitingLoggedOn !== today) {
    const people = waiting.reduce((n, g) => n + g.recipients.length, 0);
    markers.waitingLoggedOn = today;
    log.push({
      when,
      action: 'nudge',
      outcome: 'waiting',
      detail: `${people} feedback ${people === 1 ? 'reminder waits' : 'reminders wait'} for email quota (${Math.max(0, Math.floor(input.remainingQuota))} left today); they go out when it allows, until each group's next session.`,
    });
  }
  return { send, markers, waiting, gaveUp, log };
}

/**
 * Whether any session may need a nudge at `now` (past its delay and not yet handled), without the
 * Feedback sheet: an idle tick stays within its service-call budget by reading Feedback only when
 * this is true.
 */
export function nudgesPending(now: number | string, sessions: readonly NudgeSession[], markers: NudgeMarkers): boolean {
  const at = toInstant(now);
  const all = markers.handled[ALL] ?? -Infinity;
  return sessions.some((s) => {
    const start = toInstant(s.start);
    return at >= start + NUDGE_DELAY_MS && minute(start) > Math.max(markers.handled[String(s.groupId).trim().toUpperCase()] ?? -Infinity, all);
  });
}

/** The nudge itself: short, plain text plus simple HTML, names escaped. */
export function nudgeEmail(input: { name: string; partners: readonly string[]; session: number; start: number | string; zone: string; feedbackLink?: string; programName?: string }): Email {
  const name = oneLine(input.name).slice(0, 80);
  const partners = input.partners.map((p) => oneLine(p).slice(0, 80));
  const withWhom = partners.length === 0 ? '' : ` with ${partners.join(' and ')}`;
  const day = localTime(toInstant(input.start), input.zone).date;
  const link = /^https?:\/\/[^\s<>"'`]+$/.test(String(input.feedbackLink ?? '').trim()) ? String(input.feedbackLink).trim() : null;
  const program = oneLine(input.programName ?? '').slice(0, 60);
  const subject = oneLine(`${program ? `${program}: ` : ''}one minute on your peer-coaching session${withWhom}?`).slice(0, 250);
  const ask = `How did session ${input.session}${withWhom} on ${day} go? One minute of feedback helps the program, and what you commit to appears in your next meeting's brief.`;
  const where = link ? 'The form, already filled in with your group:' : 'Use the feedback link in your meeting invitation.';
  const close = 'If you have already answered, thank you, and please ignore this. You get at most one reminder per session.';
  const text = [`Hi ${name},`, '', ask, '', where, ...(link ? [link] : []), '', close].join('\n');
  const html = [
    '<div style="font-family:sans-serif;font-size:14px;line-height:1.4">',
    `<p>Hi ${escapeHtml(name)},</p>`,
    `<p>${escapeHtml(ask)}</p>`,
    link ? `<p><a href="${escapeHtml(link)}">Give feedback (one minute)</a></p>` : `<p>${escapeHtml(where)}</p>`,
    `<p style="color:#555">${escapeHtml(close)}</p>`,
    '</div>',
  ].join('\n');
  return { subject, text, html };
}

/** The markers as stored (a document property). */
export function nudgeMarkersJson(markers: NudgeMarkers): string {
  return JSON.stringify(markers);
}

/** Stored markers without groups whose latest handled session is older than `keepDays`. */
export function pruneNudgeMarkers(markers: NudgeMarkers, now: number | string, keepDays = 14): NudgeMarkers {
  const cutoff = minute(toInstant(now) - keepDays * MS_PER_DAY);
  return { handled: Object.fromEntries(Object.entries(markers.handled).filter(([, m]) => m >= cutoff)), waitingLoggedOn: markers.waitingLoggedOn };
}

/**
 * Stored markers, read leniently. Nothing stored: nothing handled yet. Stored but unreadable: every
 * session that started before `now` counts as handled (`ALL`), since a lost marker must not send
 * anyone a second nudge; later sessions are nudged as usual.
 */
export function readNudgeMarkers(raw: string | null | undefined, now: number | string): NudgeMarkers {
  if (raw === null || raw === undefined || String(raw).trim() === '') return { handled: {}, waitingLoggedOn: null };
  const lost = (): NudgeMarkers => ({ handled: { [ALL]: minute(toInstant(now)) }, waitingLoggedOn: null });
  let v: unknown;
  try {
    v = JSON.parse(String(raw));
  } catch {
    return lost();
  }
  if (typeof v !== 'object' || v === null || typeof (v as Record<string, unknown>).handled !== 'object') return lost();
  const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  const handled: Record<string, number> = {};
  if (typeof o.handled === 'object' && o.handled !== null) {
    for (const [k, m] of Object.entries(o.handled)) if (typeof m === 'number' && Number.isSafeInteger(m)) handled[k] = m;
  }
  return { handled, waitingLoggedOn: typeof o.waitingLoggedOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(o.waitingLoggedOn) ? o.waitingLoggedOn : null };
}

/**
 * The sessions to consider for nudges at `now`, from the Rotations rows (brief.ts
 * `rowOccurrences`): those that started in the last LAST_SESSION_WINDOW_MS + a day, each with the
 * group's next occurrence (null for the cycle's last session, or when the group has none left) and
 * its prefilled feedback link.
 */
export function nudgeSessions(
  rows: readonly BriefRow[],
  settings: Pick<Settings, 'cycleWeeks' | 'cadence'>,
  now: number | string,
  zone: string,
  names: ReadonlyMap<string, string>,
  feedback: { programId: string; template: string | null },
): NudgeSession[] {
  const at = toInstant(now);
  const all = rowOccurrences(rows, settings, { from: at - LAST_SESSION_WINDOW_MS - MS_PER_DAY, to: at + 15 * MS_PER_DAY }, zone);
  return all
    .filter((o) => o.start <= at - NUDGE_DELAY_MS)
    .map((o) => {
      const next = o.session >= o.sessions ? undefined : all.find((x) => x.groupId === o.groupId && x.start > o.start);
      return {
        groupId: o.groupId,
        cycle: o.cycle,
        session: o.session,
        start: o.start,
        nextStart: next ? next.start : null,
        members: o.members.map((email) => ({ email, name: names.get(email) ?? email })),
        feedbackLink: invitationFeedback(feedback.template, feedback.programId, o.groupId).feedbackLink,
      };
    });
}
