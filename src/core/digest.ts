// The owner's daily digest: items accumulate through the day (a cycle planned or booked with its
// groups and times, automatic actions, mid-cycle changes, what needs a decision, failures, a
// cycle's end figures) and go out as one email {subject, text, html} at most once a day, when the
// mail quota allows. Plain text plus simple HTML, no images; every piece of user text is
// HTML-escaped. Pure: instants and the remaining quota are passed in.
//
// Google's rules followed (shared/reference/apps-script.md "Lifecycle", fidelity-audit.md B7):
// MailApp quotas count recipients per day (100 consumer, 1,500 Workspace) and
// `MailApp.getRemainingDailyQuota()` says what is left
// (https://developers.google.com/apps-script/guides/services/quotas,
// https://developers.google.com/apps-script/reference/mail/mail-app); the body is far below the
// 200 KB limit because the queue is capped.
import type { LogEntry } from './log';
import { toInstant } from './recurrence';
import { localTime } from './zones';

export interface DigestGroup {
  groupId: string;
  /** Names (or emails) of the members. */
  members: string[];
  /** When they meet, as Rotations says it: "Tue 10:00 (Europe/London)". */
  when: string;
}

export type DigestItem =
  | { kind: 'planned'; at: string; cycle: number; starts: string; ends: string; groups: DigestGroup[]; bookOn: string }
  | { kind: 'booked'; at: string; cycle: number; starts: string; ends: string; groups: DigestGroup[] }
  | { kind: 'automatic'; at: string; text: string }
  | { kind: 'change'; at: string; text: string }
  | { kind: 'decision'; at: string; text: string }
  | { kind: 'failure'; at: string; text: string }
  | {
      kind: 'cycle-end';
      at: string;
      cycle: number;
      starts: string;
      ends: string;
      sessionsHeld: number;
      sessionsPlanned: number;
      /** 0–1, or null when no response was expected. */
      responseRate: number | null;
      /** "Ada and Bob (C3-02)". */
      quietGroups: string[];
    };

/** The items waiting for the next digest (stored as JSON), and how many were dropped to keep it small. */
export interface DigestQueue {
  items: DigestItem[];
  omitted: number;
}

export const EMPTY_QUEUE: Readonly<DigestQueue> = Object.freeze({ items: [], omitted: 0 });

/** Items kept in the queue: a document property holds 9 kB, so the oldest routine items go first. */
export const QUEUE_CAP = 40;

const ORDER: Record<DigestItem['kind'], number> = { decision: 0, failure: 1, planned: 2, booked: 3, change: 4, automatic: 5, 'cycle-end': 6 };
/** Dropped first when the queue is full (the others always matter to the owner). */
const ROUTINE: ReadonlyArray<DigestItem['kind']> = ['automatic', 'change'];

/** The queue with `adding` appended; past QUEUE_CAP the oldest routine items, then the oldest, are dropped and counted. */
export function enqueue(queue: DigestQueue, adding: readonly DigestItem[], cap: number = QUEUE_CAP): DigestQueue {
  const items = [...queue.items, ...adding];
  let omitted = queue.omitted;
  while (items.length > cap) {
    const i = items.findIndex((x) => ROUTINE.includes(x.kind));
    items.splice(i >= 0 ? i : 0, 1);
    omitted++;
  }
  return { items, omitted };
}

export interface Email {
  subject: string;
  text: string;
  html: string;
}

export interface DigestContext {
  /** The settings' zone: times are shown in it. */
  zone: string;
  /** ISO instant the digest is made. */
  now: string;
  /** The spreadsheet's name, for the subject. */
  programName?: string;
}

/** HTML-escapes text for an element's content or a quoted attribute. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** One email for the queued items, most urgent first. Throws on an empty queue (nothing to send). */
export function buildDigest(queue: DigestQueue, context: DigestContext): Email {
  if (queue.items.length === 0) throw new RangeError('The digest has no items.');
  const today = localTime(toInstant(context.now), context.zone).date;
  const items = queue.items.map((item, i) => ({ item, i })).sort((a, b) => ORDER[a.item.kind] - ORDER[b.item.kind] || a.i - b.i).map((x) => x.item);
  const count = (k: DigestItem['kind']) => items.filter((x) => x.kind === k).length;

  const headline: string[] = [];
  if (count('decision')) headline.push(`${count('decision')} ${count('decision') === 1 ? 'needs' : 'need'} a decision`);
  if (count('failure')) headline.push(`${count('failure')} failed`);
  for (const x of items) {
    if (x.kind === 'planned') headline.push(`cycle ${x.cycle} planned`);
    if (x.kind === 'booked') headline.push(`cycle ${x.cycle} booked`);
    if (x.kind === 'cycle-end') headline.push(`cycle ${x.cycle} ended`);
  }
  if (count('change')) headline.push(`${count('change')} ${count('change') === 1 ? 'change' : 'changes'}`);
  if (count('automatic') && headline.length === 0) headline.push(`${count('automatic')} automatic ${count('automatic') === 1 ? 'action' : 'actions'}`);
  const name = oneLine(context.programName ?? '').slice(0, 60);
  const subject = oneLine(`${name ? `${name}: ` : ''}peer coaching, ${today}: ${headline.join(', ')}`).slice(0, 250);

  const text: string[] = [`Peer coaching, ${today}`, ''];
  const html: string[] = [`<div style="font-family:sans-serif;font-size:14px;line-height:1.4">`, `<h2 style="font-size:16px">Peer coaching, ${escapeHtml(today)}</h2>`];
  const section = (title: string, kinds: ReadonlyArray<DigestItem['kind']>, render: (x: DigestItem) => { text: string[]; html: string }) => {
    const mine = items.filter((x) => kinds.includes(x.kind));
    if (mine.length === 0) return;
    text.push(title.toUpperCase());
    html.push(`<h3 style="font-size:15px">${escapeHtml(title)}</h3><ul>`);
    for (const x of mine) {
      const r = render(x);
      text.push(...r.text.map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`)));
      html.push(`<li>${r.html}</li>`);
    }
    text.push('');
    html.push('</ul>');
  };
  const stamp = (at: string) => {
    const t = localTime(toInstant(at), context.zone);
    return `${t.date} ${String(Math.floor(t.minutes / 60)).padStart(2, '0')}:${String(t.minutes % 60).padStart(2, '0')}`;
  };
  const plain = (x: DigestItem) => {
    const at = stamp(x.at);
    const body = 'text' in x ? x.text : '';
    return { text: [`${at} ${oneLine(body)}`], html: `<span style="color:#555">${escapeHtml(at)}</span> ${escapeHtml(oneLine(body))}` };
  };
  const groups = (gs: readonly DigestGroup[]) => ({
    text: gs.map((g) => `${oneLine(g.groupId)}: ${oneLine(g.members.join(', '))}, ${oneLine(g.when)}`),
    html: `<table style="border-collapse:collapse">${gs
      .map((g) => `<tr><td style="padding:2px 8px 2px 0">${escapeHtml(g.groupId)}</td><td style="padding:2px 8px">${escapeHtml(g.members.join(', '))}</td><td style="padding:2px 0 2px 8px">${escapeHtml(g.when)}</td></tr>`)
      .join('')}</table>`,
  });

  section('Needs a decision', ['decision'], plain);
  section('Failed', ['failure'], plain);
  section('Next cycle', ['planned', 'booked'], (x) => {
    if (x.kind !== 'planned' && x.kind !== 'booked') return plain(x);
    const g = groups(x.groups);
    const head =
      x.kind === 'planned'
        ? `Cycle ${x.cycle} (${x.starts} to ${x.ends}) is planned: ${x.groups.length} groups. Swap, lock or re-plan in the sidebar; it is booked on ${x.bookOn} unless you do it first.`
        : `Cycle ${x.cycle} (${x.starts} to ${x.ends}) is booked: ${x.groups.length} groups, invitations sent.`;
    return { text: [head, ...g.text], html: `${escapeHtml(head)}${g.html}` };
  });
  section('Changes to the running cycle', ['change'], plain);
  section('Done automatically', ['automatic'], plain);
  section('Cycle ended', ['cycle-end'], (x) => {
    if (x.kind !== 'cycle-end') return plain(x);
    const rate = x.responseRate === null ? 'no responses expected' : `response rate ${Math.round(x.responseRate * 100)}%`;
    const head = `Cycle ${x.cycle} (${x.starts} to ${x.ends}): ${x.sessionsHeld} of ${x.sessionsPlanned} sessions held, ${rate}.`;
    const quiet = x.quietGroups.length ? `Quiet groups: ${x.quietGroups.join('; ')}.` : 'No quiet groups.';
    return { text: [head, oneLine(quiet)], html: `${escapeHtml(head)}<br>${escapeHtml(oneLine(quiet))}` };
  });
  if (queue.omitted > 0) {
    const more = `${queue.omitted} earlier routine ${queue.omitted === 1 ? 'entry was' : 'entries were'} left out; the Log sheet has them all.`;
    text.push(more, '');
    html.push(`<p>${escapeHtml(more)}</p>`);
  }
  const footer = 'Open the spreadsheet, then Extensions › Peer Coaching Rotations › Open, to act on this.';
  text.push(footer);
  html.push(`<p style="color:#555">${escapeHtml(footer)}</p></div>`);
  return { subject, text: text.join('\n'), html: html.join('\n') };
}

/** At most one digest a day: due when none was sent on today's local date. */
export function digestDue(lastSentAt: string | null, now: string, zone: string): boolean {
  if (lastSentAt === null || lastSentAt === '') return true;
  let last: number;
  try {
    last = toInstant(lastSentAt);
  } catch {
    return true; // an unreadable marker never blocks the digest forever
  }
  const nowMs = toInstant(now);
  return last > nowMs || localTime(last, zone).date !== localTime(nowMs, zone).date;
}

export type DigestDecision =
  | { send: true }
  | { send: false; reason: 'empty' | 'sent-today' }
  | { send: false; reason: 'no-quota'; log: LogEntry };

/**
 * Whether to send the digest now: items waiting, none sent today, and the remaining daily quota
 * (MailApp.getRemainingDailyQuota(), which counts recipients) covers the `recipients` (1: the
 * owner). Without quota the items stay queued for tomorrow and the Log says so.
 */
export function decideDigest(input: { queue: DigestQueue; lastSentAt: string | null; now: string; zone: string; remainingQuota: number; recipients?: number }): DigestDecision {
  if (input.queue.items.length === 0) return { send: false, reason: 'empty' };
  if (!digestDue(input.lastSentAt, input.now, input.zone)) return { send: false, reason: 'sent-today' };
  const need = input.recipients ?? 1;
  const left = Number.isFinite(input.remainingQuota) ? Math.max(0, Math.floor(input.remainingQuota)) : 0;
  if (left < need) {
    return {
      send: false,
      reason: 'no-quota',
      log: {
        when: new Date(toInstant(input.now)).toISOString(),
        action: 'digest',
        outcome: 'waiting',
        detail: `The daily digest (${input.queue.items.length} ${input.queue.items.length === 1 ? 'item' : 'items'}) was not sent: the email quota has ${left} left today. It goes with the next digest.`,
      },
    };
  }
  return { send: true };
}

function oneLine(text: string): string {
  return String(text ?? '').replace(/[\r\n]+/g, ' ').trim();
}
