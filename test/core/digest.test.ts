// The owner's digest: one email a day, urgent first, user text escaped, the quota respected.
import fc from 'fast-check';
import { EMPTY_QUEUE, QUEUE_CAP, buildDigest, decideDigest, digestDue, enqueue, escapeHtml } from '../../src/core/digest';
import type { DigestItem } from '../../src/core/digest';

const ctx = { zone: 'Europe/London', now: '2027-02-09T18:00:00Z', programName: 'Eng managers' };
const booked: DigestItem = {
  kind: 'booked',
  at: '2027-02-13T07:00:00Z',
  cycle: 2,
  starts: '2027-02-16',
  ends: '2027-03-29',
  groups: [
    { groupId: 'C2-01', members: ['Ada <script>', 'Bob & Co'], when: 'Tue 10:00 (Europe/London)' },
    { groupId: 'C2-02', members: ['Cy', 'Dee', 'Eve'], when: 'Wed 15:30 (Europe/London)' },
  ],
};

describe('digest', () => {
  test('escapeHtml escapes the five characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  test('one email: urgent items first, groups with times, user text escaped in HTML, no images', () => {
    const queue = enqueue(EMPTY_QUEUE, [
      { kind: 'change', at: '2027-02-09T09:10:00Z', text: 'Bob left on 2027-02-09; Ada joined group C1-03 as its third.' },
      booked,
      { kind: 'decision', at: '2027-02-09T10:00:00Z', text: 'Eve has no group: <img src=x onerror=alert(1)>' },
      { kind: 'cycle-end', at: '2027-02-16T00:30:00Z', cycle: 1, starts: '2027-01-05', ends: '2027-02-15', sessionsHeld: 20, sessionsPlanned: 24, responseRate: 0.625, quietGroups: ['Fin and Gus (C1-04)'] },
    ]);
    const mail = buildDigest(queue, ctx);
    expect(mail.subject).toBe('Eng managers: peer coaching, 2027-02-09: 1 needs a decision, cycle 2 booked, cycle 1 ended, 1 change');
    expect(mail.text.split('\n')).toEqual([
      'Peer coaching, 2027-02-09',
      '',
      'NEEDS A DECISION',
      '- 2027-02-09 10:00 Eve has no group: <img src=x onerror=alert(1)>',
      '',
      'NEXT CYCLE',
      '- Cycle 2 (2027-02-16 to 2027-03-29) is booked: 2 groups, invitations sent.',
      '  C2-01: Ada <script>, Bob & Co, Tue 10:00 (Europe/London)',
      '  C2-02: Cy, Dee, Eve, Wed 15:30 (Europe/London)',
      '',
      'CHANGES TO THE RUNNING CYCLE',
      '- 2027-02-09 09:10 Bob left on 2027-02-09; Ada joined group C1-03 as its third.',
      '',
      'CYCLE ENDED',
      '- Cycle 1 (2027-01-05 to 2027-02-15): 20 of 24 sessions held, response rate 63%.',
      '  Quiet groups: Fin and Gus (C1-04).',
      '',
      'Open the spreadsheet, then Extensions › Peer Coaching Rotations › Open, to act on this.',
    ]);
    expect(mail.html).toContain('Ada &lt;script&gt;, Bob &amp; Co');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mail.html).not.toMatch(/<img|<script/i);
    expect(() => buildDigest(EMPTY_QUEUE, ctx)).toThrow();
  });

  test('property: no user text reaches the HTML unescaped, and the subject is one line', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (a, b, name) => {
        const mail = buildDigest(
          enqueue(EMPTY_QUEUE, [
            { kind: 'failure', at: '2027-02-09T09:00:00Z', text: a },
            { ...booked, groups: [{ groupId: b, members: [a, b], when: a }] },
          ]),
          { ...ctx, programName: name },
        );
        const tags = mail.html.match(/<\/?[a-z0-9]+/gi) ?? [];
        expect(tags.every((t) => /^<\/?(div|h2|h3|ul|li|span|table|tr|td|p|br)$/i.test(t))).toBe(true);
        expect(mail.subject).not.toMatch(/[\r\n]/);
      }),
    );
  });

  test('the queue stays small: routine items go first, and the digest says how many were left out', () => {
    let q = enqueue(EMPTY_QUEUE, [{ kind: 'decision', at: '2027-02-09T09:00:00Z', text: 'keep me' }]);
    for (let i = 0; i < QUEUE_CAP + 5; i++) q = enqueue(q, [{ kind: 'automatic', at: '2027-02-09T09:00:00Z', text: `tick ${i}` }]);
    expect(q.items).toHaveLength(QUEUE_CAP);
    expect(q.omitted).toBe(6);
    expect(q.items[0]).toMatchObject({ kind: 'decision' });
    expect(buildDigest(q, ctx).text).toContain('6 earlier routine entries were left out; the Log sheet has them all.');
  });

  test('at most one a day, on the local date', () => {
    expect(digestDue(null, '2027-02-09T08:00:00Z', 'Europe/London')).toBe(true);
    expect(digestDue('2027-02-09T08:00:00Z', '2027-02-09T23:30:00Z', 'Europe/London')).toBe(false);
    expect(digestDue('2027-02-09T08:00:00Z', '2027-02-10T00:05:00Z', 'Europe/London')).toBe(true);
    // 23:30Z on the 9th is the 10th in Tokyo.
    expect(digestDue('2027-02-09T08:00:00Z', '2027-02-09T23:30:00Z', 'Asia/Tokyo')).toBe(true);
    expect(digestDue('garbage', '2027-02-09T23:30:00Z', 'Asia/Tokyo')).toBe(true);
  });

  test('sends only with items, once a day, when the quota covers the owner; otherwise says so for the Log', () => {
    const queue = enqueue(EMPTY_QUEUE, [booked]);
    const base = { queue, lastSentAt: '2027-02-08T18:00:00Z', now: '2027-02-09T18:00:00Z', zone: 'Europe/London', remainingQuota: 100 };
    expect(decideDigest(base)).toEqual({ send: true });
    expect(decideDigest({ ...base, queue: EMPTY_QUEUE })).toEqual({ send: false, reason: 'empty' });
    expect(decideDigest({ ...base, lastSentAt: '2027-02-09T07:00:00Z' })).toEqual({ send: false, reason: 'sent-today' });
    expect(decideDigest({ ...base, remainingQuota: 0 })).toEqual({
      send: false,
      reason: 'no-quota',
      log: { when: '2027-02-09T18:00:00.000Z', action: 'digest', outcome: 'waiting', detail: 'The daily digest (1 item) was not sent: the email quota has 0 left today. It goes with the next digest.' },
    });
    expect(decideDigest({ ...base, remainingQuota: 1, recipients: 2 })).toMatchObject({ send: false, reason: 'no-quota' });
  });
});
