// This week's brief (brief.ts) and when it is written (brief-timing.ts): session k of n, alternating
// roles, the prompt, each member's last commitment, the feedback link; escaped and bounded; due a day
// before each occurrence, once.
import fc from 'fast-check';
import { BRIEF_LIMIT, buildBrief, latestCommitments, planBriefs, rolesFor, type BriefInput, type Commitment } from '../../src/core/brief';
import {
  briefKey,
  briefMarkersJson,
  briefsDue,
  forgetBriefs,
  markBriefed,
  pruneBriefMarkers,
  readBriefMarkers,
  rowOccurrences,
  type BriefRow,
} from '../../src/core/brief-timing';
import { NO_NUDGE_MARKERS, nudgeSessions, nudgesPending, planNudges } from '../../src/core/nudge';
import { promptFor, SEEDED_PROMPTS } from '../../src/core/prompts';

const ada = { email: 'ada@example.org', name: 'Ada' };
const bob = { email: 'bob@example.org', name: 'Bob' };
const cy = { email: 'cy@example.org', name: 'Cy' };
const link = 'https://docs.google.com/forms/d/e/X/viewform?usp=pp_url&entry.12=K7QD-C3-01';

const base = (extra: Partial<BriefInput> = {}): BriefInput => ({
  cycle: 3,
  session: 3,
  sessions: 6,
  members: [ada, bob],
  prompt: promptFor(3, 3, 6, SEEDED_PROMPTS),
  commitments: new Map(),
  feedbackLink: link,
  groupCode: 'K7QD-C3-01',
  ...extra,
});

describe('brief', () => {
  test('roles alternate in a pair and rotate in a trio: each member holds each role', () => {
    expect([1, 2, 3, 4].map((s) => rolesFor(['A', 'B'], s))).toEqual([
      { coach: 'A', coachee: 'B', observer: null },
      { coach: 'B', coachee: 'A', observer: null },
      { coach: 'A', coachee: 'B', observer: null },
      { coach: 'B', coachee: 'A', observer: null },
    ]);
    const trio = [1, 2, 3].map((s) => rolesFor(['A', 'B', 'C'], s));
    expect(trio).toEqual([
      { coach: 'A', coachee: 'B', observer: 'C' },
      { coach: 'B', coachee: 'C', observer: 'A' },
      { coach: 'C', coachee: 'A', observer: 'B' },
    ]);
    expect(() => rolesFor(['A'], 1)).toThrow(RangeError);
  });

  test('the brief: session k of n, who coaches whom, the prompt, commitments, the link', () => {
    const commitments = new Map<string, Commitment>([['ada@example.org', { email: 'ada@example.org', text: 'talk to my skip about the re-org', given: '2027-02-09' }]]);
    const b = buildBrief(base({ commitments }));
    expect(b.description).toBe(
      [
        '<b>Session 3 of 6</b> · cycle 3',
        '<b>This week Ada coaches Bob</b>: Bob brings a real situation, Ada asks more than tells. You swap roles each session.',
        '',
        '<b>This week’s prompt</b>',
        promptFor(3, 3, 6, SEEDED_PROMPTS)!.text.replace(/’/g, '’'),
        '',
        '<b>Commitments to follow up</b><ul><li>Last time Ada committed to: talk to my skip about the re-org <i>(2027-02-09)</i></li></ul>',
        `After the session, one minute of feedback: <a href="${link.replace(/&/g, '&amp;')}">the feedback form</a>`,
        'Group code K7QD-C3-01',
        '',
        '<i>Why we meet: relationships first, then coaching practice (talk less, question more), then accountability.</i>',
      ].join('<br>'),
    );
    expect(b.carriesCommitments).toBe(true);
    expect(b.roles).toEqual({ coach: 'ada@example.org', coachee: 'bob@example.org', observer: null });
    const none = buildBrief(base({ session: 4 }));
    expect(none.carriesCommitments).toBe(false);
    expect(none.description).toContain('This week Bob coaches Ada');
    expect(none.description).not.toContain('Commitments');
  });

  test('a trio names the observer; no prompt and a bad link are left out', () => {
    const b = buildBrief(base({ members: [ada, bob, cy], session: 2, prompt: null, feedbackLink: 'javascript:alert(1)' }));
    expect(b.description).toContain('<b>This week Bob coaches Cy</b>');
    expect(b.description).toContain('Ada observes, and at the end tells Bob what helped.');
    expect(b.description).not.toContain('prompt');
    expect(b.description).not.toContain('<a ');
    expect(() => buildBrief(base({ session: 7 }))).toThrow(RangeError);
  });

  test('property: user text never reaches the HTML unescaped, and the brief stays under the limit', () => {
    const tags = /<(?!\/?(b|i|br|ul|li|a)\b)[^>]*>/i;
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 3000 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.string({ maxLength: 300 }), { minLength: 3, maxLength: 3 }),
        fc.string({ maxLength: 3000 }),
        fc.constantFrom(2, 3),
        fc.constantFrom('&', '<', "'", '"', 'x'),
        (texts, names, prompt, size, fill) => {
          const members = [ada, bob, cy].slice(0, size).map((m, i) => ({ ...m, name: names[i] + fill.repeat(200) }));
          const commitments = new Map(members.map((m, i) => [m.email, { email: m.email, text: texts[i] + fill.repeat(2000), given: '2027-02-09' }]));
          const b = buildBrief(base({ members, commitments, prompt: { text: prompt + fill.repeat(3000) }, feedbackLink: `${link}&x=${'&'.repeat(300)}` }));
          expect(b.description.length).toBeLessThanOrEqual(BRIEF_LIMIT);
          expect(b.description).not.toMatch(tags);
          // Every < in the output starts one of our tags.
          expect(b.description.replace(/<\/?(b|i|br|ul|li)>|<a href="[^"<>]*">|<\/a>/g, '')).not.toMatch(/[<>]/);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('commitments: the latest before the occurrence, any group, blanks skipped, not too old', () => {
    const rec = (email: string, commitment: string, submitted: unknown, group = 'C2-01') => ({ Email: email, Group: group, Commitment: commitment, Submitted: submitted });
    const feedback = [
      rec('Ada@Example.org', 'old one', new Date('2027-01-20T18:00:00Z'), 'C1-01'),
      rec('ada@example.org', "'=ask for help", new Date('2027-02-09T18:00:00Z')),
      rec('ada@example.org', '', new Date('2027-02-10T18:00:00Z')),
      rec('ada@example.org', 'after the meeting', new Date('2027-02-16T12:00:00Z')),
      rec('bob@example.org', 'very old', new Date('2026-10-01T18:00:00Z')),
      rec('cy@example.org', 'not a member', new Date('2027-02-09T18:00:00Z')),
    ];
    const got = latestCommitments(feedback, ['ada@example.org', 'bob@example.org'], '2027-02-16T10:00:00Z', { zone: 'Europe/London' });
    expect([...got.values()]).toEqual([{ email: 'ada@example.org', text: '=ask for help', given: '2027-02-09' }]);
  });

  test('due a day before each occurrence, once per group and original start; missed ones reported', () => {
    const occ = (groupId: string, start: string) => ({ groupId, cycle: 3, start });
    const occurrences = [
      occ('C3-01', '2027-03-09T10:00:00Z'),
      occ('C3-02', '2027-03-09T09:00:00Z'),
      occ('C3-03', '2027-03-10T11:00:00Z'), // more than a day ahead
      occ('C3-04', '2027-03-08T07:00:00Z'), // started: missed
      occ('c3-01', '2027-03-09T10:00:00Z'), // the same occurrence again
    ];
    const now = '2027-03-08T10:00:00Z';
    const first = briefsDue(now, occurrences, {});
    expect(first.due.map((d) => d.key)).toEqual(['C3-02@2027-03-09T09:00Z', 'C3-01@2027-03-09T10:00Z']);
    expect(first.missed.map((d) => d.key)).toEqual(['C3-04@2027-03-08T07:00Z']);
    let markers = {};
    for (const d of [...first.due, ...first.missed]) markers = markBriefed(markers, d.groupId, d.start);
    const again = briefsDue('2027-03-08T11:00:00Z', occurrences, readBriefMarkers(briefMarkersJson(markers)));
    expect(again.due).toEqual([]);
    expect(again.missed).toEqual([]);
    // The next week's occurrence of the same group is due in its own window.
    const next = briefsDue('2027-03-15T10:30:00Z', [occ('C3-01', '2027-03-16T10:00:00Z')], markers);
    expect(next.due.map((d) => d.key)).toEqual(['C3-01@2027-03-16T10:00Z']);
    // The limit defers the rest to the next tick.
    const limited = briefsDue(now, occurrences, {}, { limit: 1 });
    expect([limited.due.length, limited.deferred]).toEqual([1, 1]);
    // A series patch makes the brief be written again.
    expect(briefsDue(now, occurrences, forgetBriefs(markers, 'C3-01', '2027-03-09T10:00:00Z')).due.map((d) => d.groupId)).toEqual(['C3-01']);
    expect(briefKey('c3-01', Date.parse('2027-03-09T10:00:30Z'))).toBe('C3-01@2027-03-09T10:00:30.000Z');
  });

  test('markers: compact, pruned, read leniently', () => {
    let m = {};
    for (let i = 1; i <= 250; i++) m = markBriefed(m, `C12-${String(i).padStart(3, '0')}`, '2027-03-09T10:00:00Z');
    expect(briefMarkersJson(m).length).toBeLessThan(9 * 1024);
    expect(Object.keys(pruneBriefMarkers(m, '2027-03-30T10:00:00Z'))).toHaveLength(0);
    expect(Object.keys(pruneBriefMarkers(m, '2027-03-20T10:00:00Z'))).toHaveLength(250);
    expect(readBriefMarkers('nonsense')).toEqual({});
    expect(readBriefMarkers('{"C1-01": 5, "x": "y"}')).toEqual({ 'C1-01': 5 });
    // Never moves back.
    expect(markBriefed({ 'C1-01': 100 }, 'C1-01', 0)).toEqual({ 'C1-01': 100 });
  });
});

describe('rowOccurrences', () => {
  const settings = { cycleWeeks: 6, cadence: 'weekly' as const };
  const row = (extra: Partial<BriefRow> = {}) => ({
    cycle: 3,
    group: 'C3-01',
    members: ['Ada@example.org', 'bob@example.org'],
    starts: '2027-03-02',
    ends: '2027-04-12',
    dayAndTime: 'Tue 10:00',
    timeZone: 'Europe/London',
    status: 'scheduled',
    ...extra,
  });

  test('a booked row: its slot every week from Starts to Ends, sessions numbered, DST-correct', () => {
    const occ = rowOccurrences([row()], settings, { from: '2027-03-01T00:00:00Z', to: '2027-05-01T00:00:00Z' }, 'UTC');
    expect(occ.map((o) => [new Date(o.start).toISOString(), o.session, o.sessions])).toEqual([
      ['2027-03-02T10:00:00.000Z', 1, 6],
      ['2027-03-09T10:00:00.000Z', 2, 6],
      ['2027-03-16T10:00:00.000Z', 3, 6],
      ['2027-03-23T10:00:00.000Z', 4, 6],
      ['2027-03-30T09:00:00.000Z', 5, 6], // BST from 2027-03-28: 10:00 local
      ['2027-04-06T09:00:00.000Z', 6, 6],
    ]);
    expect(occ[0].members).toEqual(['ada@example.org', 'bob@example.org']);
  });

  test('a row added mid-cycle goes on counting; other statuses have no occurrences; a common time on another weekday', () => {
    const rows = [
      row({ status: 'changed' }),
      row({ starts: '2027-03-23', members: ['ada@example.org', 'bob@example.org', 'cy@example.org'] }),
      row({ group: 'C3-02', dayAndTime: 'Thu 15:30' }),
      row({ group: 'C3-03', status: 'cancelled' }),
      row({ group: 'C3-04', status: 'planned' }),
      row({ group: 'C3-05', dayAndTime: 'someday' }),
    ];
    const occ = rowOccurrences(rows, settings, { from: '2027-03-20T00:00:00Z', to: '2027-03-26T00:00:00Z' }, 'UTC');
    expect(occ.map((o) => [o.groupId, new Date(o.start).toISOString(), o.session, o.members.length])).toEqual([
      ['C3-01', '2027-03-23T10:00:00.000Z', 4, 3],
      ['C3-02', '2027-03-25T15:30:00.000Z', 4, 2],
    ]);
  });

  test('over the holidays: skipped dates have no occurrence and the sessions are counted over the meetings held', () => {
    const holidays = { ...settings, skipDates: '2026-12-21..2027-01-03', keepMeetingCount: true };
    const occ = rowOccurrences([row({ cycle: 1, starts: '2026-12-08', ends: '2027-02-01', dayAndTime: 'Tue 10:00', timeZone: 'UTC' })], holidays, { from: '2026-12-01T00:00:00Z', to: '2027-03-01T00:00:00Z' }, 'UTC');
    expect(occ.map((o) => [new Date(o.start).toISOString().slice(0, 10), o.session, o.sessions])).toEqual([
      ['2026-12-08', 1, 6],
      ['2026-12-15', 2, 6],
      ['2027-01-05', 3, 6],
      ['2027-01-12', 4, 6],
      ['2027-01-19', 5, 6],
      ['2027-01-26', 6, 6],
    ]);
    const shrunk = rowOccurrences([row({ cycle: 1, starts: '2026-12-08', ends: '2027-01-18', timeZone: 'UTC' })], { ...holidays, keepMeetingCount: false }, { from: '2026-12-01T00:00:00Z', to: '2027-03-01T00:00:00Z' }, 'UTC');
    expect(shrunk.map((o) => `${o.session}/${o.sessions}`)).toEqual(['1/4', '2/4', '3/4', '4/4']);
  });

  test('a cycle replaced while running goes on counting its sessions; rows replaced before it began count for nothing', () => {
    const four = { cycleWeeks: 4, cadence: 'weekly' as const };
    const at = (rows: BriefRow[]) =>
      rowOccurrences(rows, four, { from: '2027-08-01T00:00:00Z', to: '2027-10-01T00:00:00Z' }, 'UTC').map((o) => [new Date(o.start).toISOString().slice(0, 10), o.session, o.sessions]);
    const base = { cycle: 7, group: 'C7-01', members: ['a@example.org', 'b@example.org'], dayAndTime: 'Tue 10:00', timeZone: 'UTC' };
    // Replaced on 09-14 after three meetings: the new rows start the next day.
    expect(at([{ ...base, starts: '2027-08-31', ends: '2027-09-14', status: 'replaced' }, { ...base, group: 'C7-02', starts: '2027-09-15', ends: '2027-09-27', status: 'scheduled' }])).toEqual([['2027-09-21', 4, 4]]);
    // Replaced before its first meeting, with other dates: the new rows' first day is session 1.
    expect(at([{ ...base, starts: '2027-08-24', ends: '2027-09-20', status: 'replaced' }, { ...base, group: 'C7-02', starts: '2027-08-31', ends: '2027-09-27', status: 'scheduled' }]).map((o) => o[1])).toEqual([1, 2, 3, 4]);
  });

  test('a cycle booked before the cycle length changed keeps its six sessions', () => {
    const four = { cycleWeeks: 4, cadence: 'weekly' as const };
    const occ = rowOccurrences([row({ cycle: 4, starts: '2027-05-11', ends: '2027-06-21', timeZone: 'UTC' })], four, { from: '2027-05-01T00:00:00Z', to: '2027-07-01T00:00:00Z' }, 'UTC');
    expect(occ.map((o) => `${o.session}/${o.sessions}`)).toEqual(['1/6', '2/6', '3/6', '4/6', '5/6', '6/6']);
  });

  test('feeds briefsDue: a day ahead, once', () => {
    const occ = rowOccurrences([row()], settings, { from: '2027-03-08T10:30:00Z', to: '2027-03-09T10:30:00Z' }, 'UTC');
    const due = briefsDue('2027-03-08T10:30:00Z', occ, {});
    expect(due.due.map((d) => d.key)).toEqual(['C3-01@2027-03-09T10:00Z']);
  });
});

describe('a cycle of hourly ticks (briefs and nudges together)', () => {
  test('every occurrence briefed once, a day ahead, with its session, coach and the members’ previous commitments; nudges only to those who did not answer', () => {
    const settings = { cycleWeeks: 6, cadence: 'weekly' as const };
    const rows = [
      { cycle: 3, group: 'C3-01', members: [ada.email, bob.email], starts: '2027-03-02', ends: '2027-04-12', dayAndTime: 'Tue 10:00', timeZone: 'Europe/London', status: 'scheduled' },
      { cycle: 3, group: 'C3-02', members: [cy.email, 'dee@example.org', 'eve@example.org'], starts: '2027-03-02', ends: '2027-04-12', dayAndTime: 'Wed 15:00', timeZone: '', status: 'scheduled' },
    ];
    const names = new Map([ada, bob, cy, { email: 'dee@example.org', name: 'Dee' }, { email: 'eve@example.org', name: 'Eve' }].map((p) => [p.email, p.name]));
    const template = 'https://docs.google.com/forms/d/e/X/viewform?usp=pp_url&entry.12={group}';
    const feedback: Array<Record<string, unknown>> = [];
    let briefMarkers = {};
    let nudgeMarkers = NO_NUDGE_MARKERS;
    const written: Array<{ key: string; session: number; at: number; description: string; coach: string }> = [];
    const mails: Array<{ to: string; groupId: string; session: number }> = [];
    let idleNudgeTicks = 0;
    let pending = 0;
    for (let t = Date.parse('2027-02-28T00:17:00Z'); t < Date.parse('2027-04-15T00:00:00Z'); t += 3_600_000) {
      const plan = planBriefs({ now: t, zone: 'Europe/London', settings, rows, feedback, prompts: SEEDED_PROMPTS, names, programId: 'prog-1', feedbackTemplate: template, markers: briefMarkers });
      for (const b of plan.briefs) {
        written.push({ key: b.key, session: b.session, at: t, description: b.brief.description, coach: b.brief.roles.coach });
        briefMarkers = markBriefed(briefMarkers, b.groupId, b.start);
      }
      expect(plan.missed).toEqual([]);
      const sessions = nudgeSessions(rows, settings, t, 'Europe/London', names, { programId: 'prog-1', template });
      if (nudgesPending(t, sessions, nudgeMarkers)) {
        const nudges = planNudges({ now: t, zone: 'Europe/London', sessions, feedback, markers: nudgeMarkers, remainingQuota: 100 });
        nudgeMarkers = nudges.markers;
        mails.push(...nudges.send.map((e) => ({ to: e.to, groupId: e.groupId, session: e.session })));
        pending++;
      } else idleNudgeTicks++;
      // Ada answers every session two hours after it, with a commitment; nobody else ever does.
      for (const o of rowOccurrences(rows.slice(0, 1), settings, { from: t - 2 * 3_600_000 - 3_600_000, to: t - 2 * 3_600_000 }, 'Europe/London')) {
        feedback.push({ Email: ada.email, Group: o.groupId, Session: o.session, Met: 'Yes', Submitted: new Date(o.start + 2 * 3_600_000), Commitment: `commitment after session ${o.session}` });
      }
    }
    // 12 occurrences, each briefed once, between 24 h and 23 h before it.
    expect(written).toHaveLength(12);
    expect(new Set(written.map((w) => w.key)).size).toBe(12);
    for (const w of written) {
      const start = Date.parse(w.key.replace(/^C3-0\d@/, '').replace(/Z$/, ':00Z'));
      expect(start - w.at).toBeGreaterThan(23 * 3_600_000);
      expect(start - w.at).toBeLessThanOrEqual(24 * 3_600_000);
    }
    const pair = written.filter((w) => w.key.startsWith('C3-01'));
    expect(pair.map((w) => w.session)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(pair.map((w) => w.coach)).toEqual([ada.email, bob.email, ada.email, bob.email, ada.email, bob.email]);
    expect(pair[0].description).not.toContain('committed');
    for (let s = 2; s <= 6; s++) expect(pair[s - 1].description).toContain(`Last time Ada committed to: commitment after session ${s - 1}`);
    expect(pair[2].description).toContain('<b>Session 3 of 6</b>');
    const trio = written.filter((w) => w.key.startsWith('C3-02'));
    expect(trio.map((w) => w.coach)).toEqual([cy.email, 'dee@example.org', 'eve@example.org', cy.email, 'dee@example.org', 'eve@example.org']);
    // Nudges: Bob for each of his 6 sessions, Cy, Dee and Eve for each of theirs; never Ada; once each.
    const count = (to: string) => mails.filter((m) => m.to === to).length;
    expect([count(ada.email), count(bob.email), count(cy.email), count('dee@example.org'), count('eve@example.org')]).toEqual([0, 6, 6, 6, 6]);
    expect(new Set(mails.map((m) => `${m.to}/${m.session}`)).size).toBe(mails.length);
    // Feedback is read only in the ticks where a nudge may be due: once per group and session.
    expect(pending).toBe(12);
    expect(idleNudgeTicks).toBeGreaterThan(1000);
  });
});
