// The feedback nudge on the emulation (issue 13, item 3; app/nudges.ts, core/nudge.ts): only the
// people with no response for a session get one email a day after it, never twice (hourly ticks,
// two sweeps in the same hour); a response filed late stops a pending nudge; over the quota quiet
// groups go first, the rest wait (logged once a day) and are given up, logged once, when the
// group's next session starts; the setting off sends none; what a sweep costs; and a failure at
// every service call of the step never gives a duplicate email, at most a lost one.
import { confirmRotation, planRotation } from '../../src/app/plan';
import { scheduleStep } from '../../src/app/schedule';
import { saveSettings } from '../../src/app/settings';
import { setUp } from '../../src/app/setup';
import { NUDGE_KEYS, sendNudgesAt, type NudgeOutcome } from '../../src/app/nudges';
import { TICK_KEYS } from '../../src/app/tick-state';
import type { Workspace } from '../../src/local/emulation';
import { execution, rosterRows, useWorkspace, writeSheet } from '../support/workspace';
import { HOUR, ticks } from '../support/ticks';

/** Session 1 of cycle 1: Tue 2027-01-05 10:00 Europe/London (= UTC in winter); weekly, 6 sessions. */
const SESSION = (n: number) => new Date(Date.parse('2027-01-05T10:00:00Z') + (n - 1) * 7 * 24 * HOUR);
const DUE = (n: number) => new Date(SESSION(n).getTime() + 24 * HOUR);
const MARK = 'You get at most one reminder per session.';

/** Cycle 1 (2027-01-05, Tue 10:00) confirmed and booked, 8 active people in 4 pairs; the clock at 2027-01-04. */
function program(settings: Record<string, unknown> = {}): Workspace {
  jest.setSystemTime(new Date('2027-01-04T09:00:00Z'));
  const ws = useWorkspace({ now: () => new Date(), timeZone: 'Europe/London' });
  execution(ws, setUp);
  const rows = rosterRows(8).map((r, i) => (i === 0 ? r : [r[0], r[1], r[2], r[3], 'Active']));
  writeSheet(ws, 'Roster', rows);
  for (const r of rows.slice(1)) ws.calendar.addPerson(r[1]);
  execution(ws, () => saveSettings({ firstMeetingDate: '2027-01-05', findCommonTime: false, ...settings }));
  execution(ws, () => confirmRotation(execution(ws, () => planRotation({ seed: 's' }))));
  for (let i = 0; i < 5 && !execution(ws, () => scheduleStep()).done; i++);
  ws.ledger.reset();
  return ws;
}

/** The groups of cycle 1 from Rotations: id and members. */
function pairs(ws: Workspace): Array<{ id: string; members: string[] }> {
  return ws.ledger.untracked(() => {
    const [h, ...rows] = ws.spreadsheet.getSheetByName('Rotations')!.getDataRange().getDisplayValues();
    return rows.map((r) => ({ id: r[h.indexOf('Group')], members: ['Member 1', 'Member 2', 'Member 3'].map((m) => r[h.indexOf(m)]).filter(Boolean) }));
  });
}

/** A Feedback row, as the form trigger files it (Submitted a date, the rest text). */
function respond(ws: Workspace, r: { email: string; group: string; session: number; at: string; met?: string }): void {
  ws.ledger.untracked(() => {
    const sheet = ws.spreadsheet.getSheetByName('Feedback')!;
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] as string[];
    const cells: Record<string, unknown> = { Submitted: new Date(r.at), Cycle: 1, Group: r.group, Session: r.session, Email: r.email, Met: r.met ?? 'Yes', Key: `k-${r.email}-${r.session}` };
    sheet.appendRow(header.map((col) => cells[col] ?? ''));
  });
}

/** The nudges MailApp sent: [to, at] in order. */
const nudges = (ws: Workspace) => ws.mail.sent().filter((m) => m.body.includes(MARK)).map((m) => [m.to.join(','), m.at] as [string, string]);

function sweep(ws: Workspace, at: Date): NudgeOutcome {
  jest.setSystemTime(at);
  return execution(ws, () => sendNudgesAt(new Date()));
}

/** Spends the running user's quota down to `left` recipients (untracked filler mail). */
function leaveQuota(ws: Workspace, left: number): void {
  ws.ledger.untracked(() => {
    let spend = MailApp.getRemainingDailyQuota() - left;
    for (let i = 0; spend > 0; i++) {
      const n = Math.min(50, spend);
      MailApp.sendEmail({ to: Array.from({ length: n }, (_, j) => `filler${i}-${j}@example.com`).join(','), subject: 'filler', body: 'filler' });
      spend -= n;
    }
  });
}

const props = (ws: Workspace) => ws.ledger.untracked(() => ws.globals.PropertiesService.getDocumentProperties().getProperties());

beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask'] }));
afterEach(() => jest.useRealTimers());

describe('the feedback nudge, ticking hourly', () => {
  it('emails only those with no response for the session, once, at the first tick a day after it (not at the next daily sweep)', () => {
    const ws = program();
    const gs = pairs(ws);
    expect(gs).toHaveLength(4);
    const everyone = gs.flatMap((g) => g.members);
    // One person answered session 1 that evening; another the next morning with a wrong session
    // number (still an answer: it came in before the group's next session).
    respond(ws, { email: gs[0].members[0], group: gs[0].id, session: 1, at: '2027-01-05T18:00:00Z' });
    respond(ws, { email: gs[1].members[1], group: gs[1].id, session: 6, at: '2027-01-06T08:00:00Z' });
    ticks(ws, new Date('2027-01-05T08:00:00Z'), new Date('2027-01-08T12:00:00Z'));
    const owed = everyone.filter((e) => e !== gs[0].members[0] && e !== gs[1].members[1]);
    expect(nudges(ws).map(([to]) => to).sort()).toEqual([...owed].sort());
    expect(new Set(nudges(ws).map(([, at]) => at))).toEqual(new Set(['2027-01-06T10:00:00.000Z']));
    // The tick wakes for the next timed work: session 2's brief, a day before it (app/briefs.ts);
    // then, once it is written, for session 2's reminders a day after it.
    expect(props(ws)[TICK_KEYS.wakeAt]).toBe(String(SESSION(2).getTime() - 24 * HOUR));
    ticks(ws, new Date('2027-01-11T10:00:00Z'), new Date('2027-01-11T11:00:00Z'));
    expect(props(ws)[TICK_KEYS.wakeAt]).toBe(String(DUE(2).getTime()));
    // The email itself: to one person, their partner named, the form link absent (no form), names escaped.
    const mail = ws.mail.sent().find((m) => m.body.includes(MARK) && m.to[0] === gs[2].members[0])!;
    const partner = gs[2].members[1].replace(/^m(\d+)@.*$/, 'Manager $1');
    expect(mail.subject).toContain(`with ${partner}`);
    expect(mail.body).toContain('How did session 1 with');
    expect(mail.body).toContain('on 2027-01-05');
    expect(mail.name).toBe('Peer coaching');

    // Session 2: nobody answers; all 8 are nudged once, the day after, and never again.
    ticks(ws, new Date('2027-01-12T08:00:00Z'), new Date('2027-01-14T12:00:00Z'));
    const second = nudges(ws).filter(([, at]) => at >= '2027-01-12');
    expect(second.map(([to]) => to).sort()).toEqual([...everyone].sort());
    expect(new Set(second.map(([, at]) => at))).toEqual(new Set(['2027-01-13T10:00:00.000Z']));
  });

  it('two sweeps in the same hour send once', () => {
    const ws = program();
    const first = sweep(ws, new Date('2027-01-06T10:05:00Z'));
    const again = sweep(ws, new Date('2027-01-06T10:06:00Z'));
    expect(nudges(ws)).toHaveLength(8);
    expect(first.log).toEqual([expect.objectContaining({ action: 'nudge', outcome: 'ok', detail: expect.stringMatching(/^Sent 8 feedback reminders \(C1-01 session 1 ×2, /) })]);
    expect(again).toEqual({ log: [], digest: [], wakeAt: DUE(2).getTime() });
  });

  it('the setting off sends none, for the cost of reading the properties', () => {
    const ws = program({ feedbackNudges: false });
    ws.ledger.reset();
    expect(sweep(ws, DUE(1))).toEqual({ log: [], digest: [], wakeAt: null });
    expect(ws.ledger.snapshot()).toEqual({ 'PropertiesService.getDocumentProperties': 1, 'Properties.getProperties': 1 });
    ticks(ws, new Date('2027-01-05T08:00:00Z'), new Date('2027-01-07T12:00:00Z'));
    expect(nudges(ws)).toEqual([]);
    expect(props(ws)[NUDGE_KEYS.markers]).toBeUndefined();
  });
});

describe('the quota', () => {
  /** Sessions 1 and 2 nudged in full; groups 1–3 met at session 2 (one member answered), group 4 never answered: quiet. */
  function quietFourth(): { ws: Workspace; gs: Array<{ id: string; members: string[] }> } {
    const ws = program();
    const gs = pairs(ws);
    sweep(ws, DUE(1));
    for (const g of gs.slice(0, 3)) respond(ws, { email: g.members[0], group: g.id, session: 2, at: '2027-01-12T15:00:00Z' });
    sweep(ws, DUE(2));
    expect(nudges(ws)).toHaveLength(8 + 5);
    return { ws, gs };
  }

  it('quiet groups first; the rest wait (logged once a day); a response filed meanwhile stops its nudge', () => {
    const { ws, gs } = quietFourth();
    const before = nudges(ws).length;
    jest.setSystemTime(DUE(3));
    leaveQuota(ws, 4); // the reserve (2) and one pair
    const r = sweep(ws, DUE(3));
    const sent = nudges(ws).slice(before);
    expect(sent.map(([to]) => to).sort()).toEqual([...gs[3].members].sort()); // the quiet group
    expect(r.log.map((l) => [l.outcome, l.detail])).toEqual([
      ['waiting', '6 feedback reminders wait for email quota (4 left today); they go out when it allows, until each group\'s next session.'],
      ['ok', `Sent 2 feedback reminders (${gs[3].id} session 3 ×2).`],
    ]);
    // The next sweeps that day: nothing more to send, nothing more to log.
    expect(sweep(ws, new Date(DUE(3).getTime() + HOUR)).log).toEqual([]);
    expect(sweep(ws, new Date(DUE(3).getTime() + 5 * HOUR)).log).toEqual([]);
    expect(nudges(ws).length).toBe(before + 2);
    // One of them answers late; the next day (the quota back) the others are nudged, not her.
    respond(ws, { email: gs[0].members[1], group: gs[0].id, session: 3, at: '2027-01-20T18:00:00Z' });
    sweep(ws, new Date(DUE(3).getTime() + 24 * HOUR));
    const later = nudges(ws).slice(before + 2).map(([to]) => to).sort();
    expect(later).toEqual([gs[0].members[0], ...gs[1].members, ...gs[2].members].sort());
    expect(sweep(ws, new Date(DUE(3).getTime() + 26 * HOUR)).log).toEqual([]);
  });

  it('what the quota never allows is given up once the group\'s next session starts, logged once, never sent after', () => {
    const { ws, gs } = quietFourth();
    const before = nudges(ws).length;
    const logs: string[] = [];
    const digests: string[] = [];
    for (let t = DUE(3).getTime(); t < SESSION(4).getTime() + 3 * HOUR; t += 3 * HOUR) {
      jest.setSystemTime(new Date(t));
      leaveQuota(ws, 2); // only the reserve: nothing can go
      const r = sweep(ws, new Date(t));
      logs.push(...r.log.map((l) => `${l.outcome}: ${l.detail}`));
      digests.push(...r.digest.map((d) => `${d.kind}: ${'text' in d ? d.text : ''}`));
    }
    expect(digests).toEqual(["decision: 8 feedback reminders were not sent: the email quota ran out before each group's next session."]);
    expect(nudges(ws).length).toBe(before);
    const waiting = logs.filter((l) => l.startsWith('waiting'));
    expect(waiting).toHaveLength(7); // once a day, 2027-01-20 … 2027-01-26
    expect(logs.filter((l) => l.startsWith('skipped'))).toEqual([
      `skipped: 8 feedback reminders were not sent before the next session (${gs.map((g) => `${g.id} session 3`).join(', ')}): the email quota ran out. Given up.`,
    ]);
    // With quota again, session 3 is never nudged; session 4 is, when due.
    jest.setSystemTime(DUE(4));
    const r = sweep(ws, DUE(4));
    expect(r.log.map((l) => l.outcome)).toEqual(['ok']);
    expect(nudges(ws).slice(before).every(([, at]) => at === DUE(4).toISOString())).toBe(true);
    expect(nudges(ws).length).toBe(before + 8);
  });
});

describe('what a sweep costs', () => {
  it('nothing due: the properties and Rotations (one block), no Feedback, Roster, quota or lock', () => {
    const ws = program();
    sweep(ws, DUE(1));
    ws.ledger.reset();
    const r = sweep(ws, new Date(DUE(1).getTime() + 3 * HOUR));
    expect(r).toEqual({ log: [], digest: [], wakeAt: DUE(2).getTime() });
    expect(ws.ledger.snapshot()).toEqual(COST_NOTHING_DUE);
  });

  it('with nudges: Rotations, Feedback and the Roster one block each, the quota, one write under the lock, one call per email', () => {
    const ws = program();
    ws.ledger.reset();
    sweep(ws, DUE(1));
    expect(ws.ledger.snapshot()).toEqual(COST_EIGHT_NUDGES);
  });
});

/** The properties, the spreadsheet's id and zone, Rotations in one block: 8 calls. */
const COST_NOTHING_DUE = {
  'PropertiesService.getDocumentProperties': 1,
  'Properties.getProperties': 1,
  'SpreadsheetApp.getActiveSpreadsheet': 1,
  'Spreadsheet.getId': 1,
  'Spreadsheet.getSpreadsheetTimeZone': 1,
  'Spreadsheet.getSheetById': 1,
  'Sheet.getDataRange': 1,
  'Range.getValues': 1,
};
/** Rotations, Feedback and the Roster one block each; the quota; the lock, the markers read again and written once; one call per email. */
const COST_EIGHT_NUDGES = {
  'PropertiesService.getDocumentProperties': 3,
  'Properties.getProperties': 2,
  'Properties.setProperties': 1,
  'SpreadsheetApp.getActiveSpreadsheet': 1,
  'Spreadsheet.getId': 1,
  'Spreadsheet.getName': 1,
  'Spreadsheet.getSpreadsheetTimeZone': 1,
  'Spreadsheet.getSheetById': 3,
  'Sheet.getDataRange': 3,
  'Range.getValues': 3,
  'MailApp.getRemainingDailyQuota': 1,
  'LockService.getDocumentLock': 1,
  'Lock.tryLock': 1,
  'Lock.releaseLock': 1,
  'SpreadsheetApp.flush': 1,
  'MailApp.sendEmail': 8,
};

describe('a failure at every service call k of the step, then the next sweep', () => {
  it('never sends anyone a second nudge, and loses at most the one email whose send failed', () => {
    const clean = program();
    sweep(clean, DUE(1));
    const everyone = nudges(clean).map(([to]) => to).sort();
    expect(everyone).toHaveLength(8);
    const calls = Object.values(COST_EIGHT_NUDGES).reduce((a, b) => a + b, 0);
    let k = 1;
    for (; ; k++) {
      const ws = program();
      jest.setSystemTime(DUE(1));
      ws.ledger.failAt(k);
      let failed = false;
      try {
        execution(ws, () => sendNudgesAt(new Date()));
      } catch {
        failed = true;
      }
      if (ws.ledger.count() < k) break; // k is past the step's last call: nothing was injected
      const lostBySend = !failed && nudges(ws).length < 8;
      sweep(ws, new Date(DUE(1).getTime() + HOUR)); // the next tick's sweep
      const sent = nudges(ws).map(([to]) => to).sort();
      expect(new Set(sent).size).toBe(sent.length); // never twice
      expect(everyone).toEqual(expect.arrayContaining(sent));
      // The send that failed is lost (its marker is recorded); any other failure loses nothing.
      expect(sent.length).toBe(lostBySend ? 7 : 8);
    }
    expect(k).toBe(calls + 1);
  });

  it('an email MailApp refuses is logged and digested once, not tried again', () => {
    const ws = program();
    jest.setSystemTime(DUE(1));
    ws.ledger.failAt(3, { kind: 'MailApp.sendEmail', error: new Error('Invalid email: m3@example') });
    const r = sweep(ws, DUE(1));
    expect(r.log.map((l) => l.outcome)).toEqual(['ok', 'failed']);
    expect(r.log[1].detail).toMatch(/^1 feedback reminder could not be sent \(C1-0\d session 1\): Invalid email: m3@example\. Not tried again/);
    expect(r.digest).toEqual([{ kind: 'failure', at: expect.any(String), text: r.log[1].detail }]);
    expect(sweep(ws, new Date(DUE(1).getTime() + HOUR)).log).toEqual([]);
    expect(nudges(ws)).toHaveLength(7);
  });
});
