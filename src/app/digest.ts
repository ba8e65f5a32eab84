// The owner's digest (issue 11): whoever acts (the tick, a roster change) queues items in a
// document property; the tick sends them as one email at most once a day, when the mail quota
// allows (core/digest.ts decides and writes the email). The queue is kept under the property size
// limit: a cycle's groups are listed up to GROUPS_LISTED, and the oldest items go first.
import { buildDigest, decideDigest, enqueue, EMPTY_QUEUE, type DigestItem, type DigestQueue } from '../core/digest';
import type { LogEntry } from '../core/log';
import { utf8Length } from '../core/utf8';
import { remainingMailQuota, sendMail } from '../gas/mail';
import { MAX_PROPERTY_BYTES, writeDocumentProperties } from '../gas/properties';

export const DIGEST_KEYS = { queue: 'digest.queue', sentAt: 'digest.sentAt' } as const;

/** Groups a planned or booked cycle lists in the digest; the rest are counted (Rotations has them). */
export const GROUPS_LISTED = 25;

/** The queue as stored (an unreadable value reads as empty: a digest is never worth a failure). */
export function readQueue(properties: Readonly<Record<string, string>>): DigestQueue {
  try {
    const parsed = JSON.parse(properties[DIGEST_KEYS.queue] ?? '') as DigestQueue;
    if (parsed && Array.isArray(parsed.items) && typeof parsed.omitted === 'number') return parsed;
  } catch {
    // fall through
  }
  return { items: [], omitted: 0 };
}

function shortened(item: DigestItem): DigestItem {
  if ((item.kind !== 'planned' && item.kind !== 'booked') || item.groups.length <= GROUPS_LISTED) return item;
  const more = item.groups.length - GROUPS_LISTED;
  return { ...item, groups: [...item.groups.slice(0, GROUPS_LISTED), { groupId: '…', members: [`and ${more} more group${more === 1 ? '' : 's'}: see the Rotations sheet`], when: '' }] };
}

/** The queue with `items` added, as the property value to store (under the size limit). */
export function queuedValue(queue: DigestQueue, items: readonly DigestItem[]): string {
  let next = enqueue(queue, items.map(shortened));
  let json = JSON.stringify(next);
  while (utf8Length(json) > MAX_PROPERTY_BYTES && next.items.length > 0) {
    next = { items: next.items.slice(1), omitted: next.omitted + 1 };
    json = JSON.stringify(next);
  }
  return json;
}

/** Adds items to the queue (the caller holds the document lock and read `properties` under it). */
export function queueDigest(properties: Readonly<Record<string, string>>, items: readonly DigestItem[]): void {
  if (items.length === 0) return;
  writeDocumentProperties({ [DIGEST_KEYS.queue]: queuedValue(readQueue(properties), items) });
}

/**
 * Sends the queued digest to `owner` when one is due (none sent today, items waiting, quota left),
 * then empties the queue. Returns what to log: the email sent, or why it waits.
 */
export function sendDigestIfDue(properties: Readonly<Record<string, string>>, input: { now: Date; zone: string; owner: string; programName: string }): LogEntry[] {
  const queue = readQueue(properties);
  if (queue.items.length === 0) return [];
  const now = input.now.toISOString();
  const lastSentAt = properties[DIGEST_KEYS.sentAt] ?? null;
  // The quota is read only when a digest could go: an idle tick must stay cheap.
  const due = decideDigest({ queue, lastSentAt, now, zone: input.zone, remainingQuota: Number.MAX_SAFE_INTEGER });
  if (!due.send) return [];
  const decision = decideDigest({ queue, lastSentAt, now, zone: input.zone, remainingQuota: remainingMailQuota() });
  if (!decision.send) return decision.reason === 'no-quota' ? [decision.log] : [];
  const email = buildDigest(queue, { zone: input.zone, now, programName: input.programName });
  sendMail({ to: [input.owner], subject: email.subject, body: email.text, htmlBody: email.html, name: 'Peer coaching' });
  writeDocumentProperties({ [DIGEST_KEYS.queue]: JSON.stringify(EMPTY_QUEUE), [DIGEST_KEYS.sentAt]: now });
  return [{ when: now, action: 'digest', outcome: 'ok', detail: `Sent the digest to ${input.owner}: ${email.subject}` }];
}
