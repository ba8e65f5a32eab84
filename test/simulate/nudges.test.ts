// The feedback nudge in the simulated program (issue 13, item 3), on the real bundle: the first
// weeks of the sample roster, some people answering the form after their meetings. Nudges go only
// to those who did not respond for that session, once per session, a day or more after it, never
// to someone who is not Active; the owner still gets at most one digest a day.
import { readFileSync } from 'node:fs';
import { readCsv } from '../../src/local/planner/csv';
import { simulate, type Simulation } from '../../src/local/simulate/run';
import { readEvents } from '../../src/local/simulate/events';
import { ROOT, SAMPLE_ROSTER, jsonl } from './run';

const CODE = readFileSync(`${ROOT}/build/Code.js`, 'utf8');
const roster = readCsv(readFileSync(SAMPLE_ROSTER));
const OWNER = 'owner@example.org';
/** Who answers, and when (Europe/London): each answers their latest meeting before then. */
const ANSWERS = [
  { at: '2027-01-05T18:00', email: 'amara.okafor@example.com' },
  { at: '2027-01-06T08:00', email: 'daniel.kim@example.com' },
  { at: '2027-01-12T19:00', email: 'amara.okafor@example.com' },
  { at: '2027-01-13T07:00', email: 'priya.raman@example.com' },
  { at: '2027-01-19T20:00', email: 'tom.gallagher@example.com' },
];
const events = readEvents(jsonl(...ANSWERS.map((a) => ({ ...a, do: 'feedback', met: true, relationship: 4, coaching: 4, accountability: 4 })), { at: '2027-01-18T09:00', do: 'status', email: 'ben.whitfield@example.com', status: 'Paused' }), 'events.jsonl');

let sim: Simulation;
beforeAll(() => {
  sim = simulate({ roster, until: '2027-01-31', now: '2027-01-04T08:00', settings: { timeZone: 'Europe/London', findCommonTime: false }, events, code: CODE });
}, 120_000);

/** The nudges: recipient, the session's date (from the email), the day it went. */
function nudges(): Array<{ to: string; session: string; sent: string }> {
  return sim.result.emails
    .filter((e) => e.to !== OWNER)
    .map((e) => {
      const m = /How did session \d+ .*on (\d{4}-\d{2}-\d{2}) go\?/.exec(e.text);
      if (!m) throw new Error(`not a nudge: ${e.subject}`);
      return { to: e.to, session: m[1], sent: e.at };
    });
}

/** Feedback rows as [email, submitted date]. */
function responses(): Array<{ email: string; day: string }> {
  const [h, ...rows] = sim.result.sheets.Feedback;
  return rows.map((r) => ({ email: r[h.indexOf('Email')], day: r[h.indexOf('Submitted')].slice(0, 10) }));
}

describe('feedback nudges in the simulated program', () => {
  it('the responses were filed (the premise)', () => {
    expect(responses()).toHaveLength(ANSWERS.length);
  });

  it('go only to those who did not respond for that session, once each, a day or more after it', () => {
    const sent = nudges();
    expect(sent.length).toBeGreaterThan(0);
    const keys = sent.map((n) => `${n.to} ${n.session}`);
    expect(new Set(keys).size).toBe(keys.length); // one per person and session
    for (const n of sent) {
      expect(Date.parse(n.sent)).toBeGreaterThanOrEqual(Date.parse(`${n.session}T00:00:00Z`) + 24 * 3_600_000 - 14 * 3_600_000);
      expect(n.sent.slice(0, 10) > n.session).toBe(true);
    }
    // Who answered after a session (same day or the next morning, before the nudge) is not nudged for it.
    for (const a of ANSWERS) {
      const answered = sent.filter((n) => n.to === a.email && a.at.slice(0, 10) >= n.session && n.sent > a.at);
      expect(answered).toEqual([]);
    }
    // Their partners were: Amara answered session 1, her partner did not.
    const rotations = sim.result.sheets.Rotations;
    const h = rotations[0];
    const row = rotations.find((r) => r[h.indexOf('Cycle')] === '1' && [1, 2, 3].some((i) => r[h.indexOf(`Member ${i}`)] === 'amara.okafor@example.com'))!;
    const partners = [1, 2, 3].map((i) => row[h.indexOf(`Member ${i}`)]).filter((e) => e && e !== 'amara.okafor@example.com');
    const firstSession = [...new Set(sent.filter((n) => partners.includes(n.to)).map((n) => n.session))].sort()[0];
    expect(firstSession).toBe('2027-01-05');
    expect(sent.filter((n) => n.to === 'amara.okafor@example.com').map((n) => n.session)).not.toContain('2027-01-05');
  });

  it('never to someone not Active (Elena is Paused; Ben paused on 2027-01-18)', () => {
    const to = nudges().map((n) => n.to);
    expect(to).not.toContain('elena.petrova@example.com');
    expect(nudges().filter((n) => n.to === 'ben.whitfield@example.com' && n.sent >= '2027-01-18')).toEqual([]);
  });

  it('every session of every active member is either answered or nudged', () => {
    const sent = nudges();
    const answered = responses();
    // Sessions held on Tuesdays 2027-01-05 … 2027-01-26 (the last one nudged on the 27th).
    for (const day of ['2027-01-05', '2027-01-12', '2027-01-19']) {
      const people = new Set(sent.filter((n) => n.session === day).map((n) => n.to));
      for (const a of answered.filter((r) => r.day === day)) people.add(a.email);
      expect(people.size).toBeGreaterThanOrEqual(8);
    }
  });

  it('the owner still gets at most one digest a day', () => {
    const days = sim.result.emails.filter((e) => e.to === OWNER).map((e) => e.at.slice(0, 10));
    expect(new Set(days).size).toBe(days.length);
  });
});
