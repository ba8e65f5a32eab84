// The nudge: one email per person per session a day after it, only to those who did not answer,
// quiet groups first, within the mail quota; what waits is retried until the next session, then
// given up and logged once.
import fc from 'fast-check';
import { ALL, NO_NUDGE_MARKERS, nudgeEmail, nudgeMarkersJson, planNudges, pruneNudgeMarkers, readNudgeMarkers, type NudgeInput, type NudgeSession } from '../../src/core/nudge';

const m = (name: string) => ({ email: `${name.toLowerCase()}@example.org`, name });
const link = 'https://docs.google.com/forms/d/e/X/viewform?usp=pp_url&entry.12=K7QD-C3-01';
// Cycle 3, weekly on Tuesdays at 10:00 UTC from 2027-03-02.
const week = (s: number) => new Date(Date.parse('2027-03-02T10:00:00Z') + (s - 1) * 7 * 86_400_000).toISOString();
const session = (groupId: string, names: string[], s: number, extra: Partial<NudgeSession> = {}): NudgeSession => ({
  groupId,
  cycle: 3,
  session: s,
  start: week(s),
  nextStart: s < 6 ? week(s + 1) : null,
  members: names.map(m),
  feedbackLink: link,
  ...extra,
});
const answer = (name: string, group: string, s: number | '', submitted: string) => ({ Email: `${name.toLowerCase()}@example.org`, Group: group, Session: s, Met: 'Yes', Submitted: new Date(submitted) });

const base = (extra: Partial<NudgeInput> = {}): NudgeInput => ({
  now: '2027-03-03T11:00:00Z',
  zone: 'Europe/London',
  sessions: [session('C3-01', ['Ada', 'Bob'], 1), session('C3-02', ['Cy', 'Dee', 'Eve'], 1)],
  feedback: [answer('Ada', 'C3-01', 1, '2027-03-02T12:00:00Z'), answer('Dee', 'C3-02', '', '2027-03-02T18:00:00Z')],
  markers: NO_NUDGE_MARKERS,
  remainingQuota: 100,
  ...extra,
});

describe('nudge', () => {
  test('a day after a session, only those who did not answer; an answer without the session number counts', () => {
    const plan = planNudges(base());
    expect(plan.send.map((e) => [e.to, e.groupId, e.session])).toEqual([
      ['bob@example.org', 'C3-01', 1],
      ['cy@example.org', 'C3-02', 1],
      ['eve@example.org', 'C3-02', 1],
    ]);
    expect(plan.waiting).toEqual([]);
    expect(plan.log).toEqual([]);
    // Not before a day has passed.
    expect(planNudges(base({ now: '2027-03-03T09:59:00Z' })).send).toEqual([]);
  });

  test('never more than one per person per session: the markers stop a second run', () => {
    const first = planNudges(base());
    const stored = readNudgeMarkers(nudgeMarkersJson(first.markers), '2027-03-03T12:00:00Z');
    expect(planNudges(base({ now: '2027-03-03T12:00:00Z', markers: stored })).send).toEqual([]);
    expect(planNudges(base({ now: '2027-03-08T12:00:00Z', markers: stored })).send).toEqual([]);
    // The next session is its own.
    const week2 = planNudges(base({ now: '2027-03-10T11:00:00Z', markers: stored, sessions: [session('C3-01', ['Ada', 'Bob'], 2)] }));
    expect(week2.send.map((e) => e.to)).toEqual(['ada@example.org', 'bob@example.org']);
    // Unreadable stored markers: nothing already started is nudged again.
    const lost = readNudgeMarkers('{broken', '2027-03-03T12:00:00Z');
    expect(lost.handled[ALL]).toBeDefined();
    expect(planNudges(base({ now: '2027-03-03T12:00:00Z', markers: lost })).send).toEqual([]);
    expect(readNudgeMarkers(null, '2027-03-03T12:00:00Z')).toEqual({ handled: {}, waitingLoggedOn: null });
  });

  test('quota: quiet groups first, a group goes whole or waits, the digest keeps one, waiting logged once a day', () => {
    const plan = planNudges(base({ remainingQuota: 3, quietGroups: ['c3-02'] }));
    expect(plan.send.map((e) => e.to)).toEqual(['cy@example.org', 'eve@example.org']);
    expect(plan.waiting).toEqual([{ groupId: 'C3-01', session: 1, recipients: ['bob@example.org'], until: Date.parse('2027-03-09T10:00:00Z') }]);
    expect(plan.log.map((l) => [l.action, l.outcome])).toEqual([['nudge', 'waiting']]);
    expect(plan.log[0].detail).toBe("1 feedback reminder waits for email quota (3 left today); they go out when it allows, until each group's next session.");
    // An hour later, still no quota: no second waiting line today.
    const later = planNudges(base({ now: '2027-03-03T12:00:00Z', remainingQuota: 1, markers: plan.markers }));
    expect(later.send).toEqual([]);
    expect(later.waiting).toHaveLength(1);
    expect(later.log).toEqual([]);
    // Quota back the next day: sent.
    expect(planNudges(base({ now: '2027-03-04T09:00:00Z', remainingQuota: 50, markers: later.markers })).send.map((e) => e.to)).toEqual(['bob@example.org']);
  });

  test('not retried forever: given up when the next session starts, logged once', () => {
    const waited = planNudges(base({ remainingQuota: 1 }));
    expect(waited.send).toEqual([]);
    const late = planNudges(base({ now: '2027-03-09T10:00:00Z', remainingQuota: 100, markers: waited.markers }));
    expect(late.send).toEqual([]);
    expect(late.gaveUp.map((g) => [g.groupId, g.recipients])).toEqual([
      ['C3-01', ['bob@example.org']],
      ['C3-02', ['cy@example.org', 'eve@example.org']],
    ]);
    expect(late.log.map((l) => l.detail)).toEqual([
      '3 feedback reminders were not sent before the next session (C3-01 session 1, C3-02 session 1): the email quota ran out. Given up.',
    ]);
    const after = planNudges(base({ now: '2027-03-09T11:00:00Z', remainingQuota: 100, markers: late.markers }));
    expect([after.send, after.gaveUp, after.log]).toEqual([[], [], []]);
    // The last session of a cycle: its window closes 7 days after it.
    const last = session('C3-01', ['Ada', 'Bob'], 6);
    expect(planNudges(base({ now: '2027-04-07T10:00:00Z', sessions: [last], feedback: [] })).send).toHaveLength(2);
    expect(planNudges(base({ now: '2027-04-13T10:00:00Z', sessions: [last], feedback: [] })).gaveUp).toHaveLength(1);
  });

  test('off, or a member no longer active: nothing to them', () => {
    expect(planNudges(base({ enabled: false })).send).toEqual([]);
    expect(planNudges(base({ active: new Set(['cy@example.org', 'bob@example.org']) })).send.map((e) => e.to)).toEqual(['bob@example.org', 'cy@example.org']);
  });

  test('the email: short, plain text and simple HTML, names escaped, the prefilled link', () => {
    const e = nudgeEmail({ name: 'Ada', partners: ['<b>Bob</b> & Co'], session: 3, start: '2027-03-16T10:00:00Z', zone: 'Europe/London', feedbackLink: link, programName: 'Eng' });
    expect(e.subject).toBe('Eng: one minute on your peer-coaching session with <b>Bob</b> & Co?');
    expect(e.text).toBe(
      [
        'Hi Ada,',
        '',
        "How did session 3 with <b>Bob</b> & Co on 2027-03-16 go? One minute of feedback helps the program, and what you commit to appears in your next meeting's brief.",
        '',
        'The form, already filled in with your group:',
        link,
        '',
        'If you have already answered, thank you, and please ignore this. You get at most one reminder per session.',
      ].join('\n'),
    );
    expect(e.html).toContain('&lt;b&gt;Bob&lt;/b&gt; &amp; Co');
    expect(e.html).toContain(`<a href="${link.replace(/&/g, '&amp;')}">`);
    expect(e.html).not.toMatch(/<img|<script/i);
  });

  test('property: never more than one nudge per person per session, and never over the quota', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        (quotas, answered) => {
          const groups = [['A1', 'B1'], ['A2', 'B2', 'C2'], ['A3', 'B3'], ['A4', 'B4', 'C4']];
          const sessions = groups.flatMap((g, i) => [1, 2].map((s) => session(`C3-0${i + 1}`, g, s)));
          const names = groups.flat();
          const feedback = names.filter((_, i) => answered[i]).map((n) => answer(n, `C3-0${groups.findIndex((g) => g.includes(n)) + 1}`, 1, '2027-03-02T12:00:00Z'));
          let markers = NO_NUDGE_MARKERS;
          const sent = new Map<string, number>();
          let hour = Date.parse('2027-03-02T10:00:00Z');
          for (const q of quotas) {
            hour += 6 * 60 * 60 * 1000;
            const plan = planNudges(base({ now: hour, sessions, feedback, markers, remainingQuota: q }));
            expect(plan.send.length).toBeLessThanOrEqual(Math.max(0, q - 1));
            for (const e of plan.send) sent.set(`${e.to}/${e.session}`, (sent.get(`${e.to}/${e.session}`) ?? 0) + 1);
            markers = readNudgeMarkers(nudgeMarkersJson(plan.markers), hour);
          }
          for (const [k, n] of sent) {
            expect(n).toBe(1);
            const [to, s] = k.split('/');
            const i = names.findIndex((n2) => `${n2.toLowerCase()}@example.org` === to);
            if (s === '1') expect(answered[i]).toBe(false);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  test('markers stay small: 250 groups in one document property, pruned after two weeks', () => {
    const handled = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`C12-${String(i + 1).padStart(3, '0')}`, 28_000_000]));
    expect(nudgeMarkersJson({ handled, waitingLoggedOn: '2027-03-03' }).length).toBeLessThan(9 * 1024);
    expect(Object.keys(pruneNudgeMarkers({ handled, waitingLoggedOn: null }, 28_000_000 * 60_000 + 15 * 86_400_000).handled)).toHaveLength(0);
  });
});
