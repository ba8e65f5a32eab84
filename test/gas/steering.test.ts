// Participants steer themselves from the feedback form (issue 13, item 4), on the emulation: a
// skip writes the next cycle's dates into Away (the next plan leaves them out, the one after takes
// them back); a leave sets Left and the next tick's change step re-homes the partner; "count me
// in" takes a skip back; a Paused person is not re-activated; a response delivered twice steers
// once; the owner's Away text stays; answers stay text; a constant number of calls; and a fault at
// any call of the trigger, then the tick's catch-up, ends as the clean run.
import { confirmRotation, planRotation } from '../../src/app/plan';
import type { DigestItem } from '../../src/core/digest';
import type { Workspace } from '../../src/local/emulation';
import { execution } from '../support/workspace';
import { NOW, deliver, feedback, properties, respond, sheetValues, submit, tick, useFakeClock, withForm, type Answer } from './feedback-fixtures';

useFakeClock();

const SKIP = 'Skip the next cycle';
const LEAVE = 'Leave the program';
const IN = 'Count me in';
/** Cycle 1 runs 2027-01-05..2027-02-15 (6 Tuesdays); cycle 2 follows it. */
const CYCLE_2 = '2027-02-16..2027-03-29';

function roster(ws: Workspace): Array<Record<string, string>> {
  const { display } = sheetValues(ws, 'Roster');
  const [header, ...rows] = display;
  return rows.map((r) => Object.fromEntries(header.map((h: string, i: number) => [h, r[i]])));
}
const person = (ws: Workspace, email: string) => roster(ws).find((r) => r.Email === email)!;

function setRoster(ws: Workspace, email: string, header: string, value: string): void {
  ws.ledger.untracked(() => {
    const sheet = ws.spreadsheet.getSheetByName('Roster')!;
    const values = sheet.getDataRange().getValues();
    let column = values[0].indexOf(header);
    if (column < 0) {
      column = values[0].length;
      sheet.getRange(1, column + 1).setValue(header);
    }
    const row = values.findIndex((r) => r[1] === email);
    sheet.getRange(row + 1, column + 1).setNumberFormat('@').setValue(value);
  });
}

const digest = (ws: Workspace): DigestItem[] => (JSON.parse(properties(ws)['digest.queue'] ?? '{"items":[]}') as { items: DigestItem[] }).items;
const steeringLog = (ws: Workspace): string[][] => {
  if (!ws.ledger.untracked(() => ws.spreadsheet.getSheetByName('Log'))) return [];
  return sheetValues(ws, 'Log').display.filter((r) => r[1] === 'steering');
};
const at = (iso: string) => jest.setSystemTime(new Date(iso));
const answer = (email: string, when: string, nextCycle: string, extra: Partial<Answer> = {}): Answer => ({ email, at: when, ratings: [4, 4, 4], nextCycle, ...extra });

function planned(ws: Workspace): string[] {
  const preview = execution(ws, () => planRotation({ seed: 'fixed' }));
  expect(execution(ws, () => confirmRotation(preview)).status).toBe('confirmed');
  return preview.groups.flatMap((g) => g.members.map((m) => m.email)).sort();
}

describe('skip the next cycle', () => {
  it('writes cycle 2 into Away, with a Notes line, a digest item and a Log entry; cycle 2 leaves them out, cycle 3 takes them back', () => {
    const { ws } = withForm(6);
    at('2027-01-12T11:00:00Z');
    expect(submit(ws, answer('m1@example.com', '2027-01-12T11:00:00Z', SKIP))).toMatchObject({ status: 'added' });
    const me = person(ws, 'm1@example.com');
    expect(me.Away).toBe(CYCLE_2);
    expect(me.Status).toBe('Active');
    expect(me.Notes).toBe(`2027-01-12: chose to skip cycle 2 (${CYCLE_2}) on the feedback form.`);
    expect(digest(ws)).toEqual([{ kind: 'automatic', at: '2027-01-12T11:00:00.000Z', text: `Manager 1 chose to skip cycle 2 (${CYCLE_2}) on 2027-01-12` }]);
    expect(steeringLog(ws).map((r) => [r[2], r[3]])).toEqual([['ok', `Manager 1 chose to skip cycle 2 (${CYCLE_2}) on 2027-01-12: Away now includes ${CYCLE_2}.`]]);
    expect(feedback(ws)[0].value['Next cycle']).toBe(SKIP);
    // The Away column was added after the last header, as text.
    const { values, formats } = sheetValues(ws, 'Roster');
    expect(values[0][values[0].length - 1]).toBe('Away');
    expect(formats[1][values[0].length - 1]).toBe('@');

    at('2027-02-01T09:00:00Z');
    const cycle2 = planned(ws);
    expect(cycle2).toEqual(['m2@example.com', 'm3@example.com', 'm4@example.com', 'm5@example.com', 'm6@example.com']);
    at('2027-03-20T09:00:00Z');
    expect(planned(ws)).toContain('m1@example.com');
  });

  it('"count me in" after a skip takes the skip back (Away as before, one more Notes line); the owner\'s own Away text is never rewritten', () => {
    const { ws } = withForm(6);
    setRoster(ws, 'm1@example.com', 'Away', '2027-01-19');
    ws.ledger.reset();
    at('2027-01-12T11:00:00Z');
    submit(ws, answer('m1@example.com', '2027-01-12T11:00:00Z', SKIP));
    expect(person(ws, 'm1@example.com').Away).toBe(`2027-01-19, ${CYCLE_2}`);
    at('2027-01-19T11:00:00Z');
    submit(ws, answer('m1@example.com', '2027-01-19T11:00:00Z', IN));
    const me = person(ws, 'm1@example.com');
    expect(me.Away).toBe('2027-01-19');
    expect(me.Notes.split('\n')).toEqual([
      `2027-01-12: chose to skip cycle 2 (${CYCLE_2}) on the feedback form.`,
      `2027-01-19: chose to take part in cycle 2 (${CYCLE_2}) after all, on the feedback form.`,
    ]);
    expect(digest(ws).map((d) => d.kind)).toEqual(['automatic', 'automatic']);
    // "Count me in" from someone with nothing to take back: nothing written, nothing said.
    ws.ledger.reset();
    submit(ws, answer('m2@example.com', '2027-01-19T12:00:00Z', IN));
    expect(person(ws, 'm2@example.com').Notes ?? '').toBe('');
    expect(digest(ws)).toHaveLength(2);
    expect(steeringLog(ws)).toHaveLength(2);
    expect(ws.ledger.count('Range.setValues')).toBe(1); // the Feedback row only
  });

  it('a Paused person choosing "count me in" gives the owner a decision, and stays Paused', () => {
    const { ws } = withForm(6);
    setRoster(ws, 'm3@example.com', 'Status', 'Paused');
    at('2027-01-12T11:00:00Z');
    submit(ws, answer('m3@example.com', '2027-01-12T11:00:00Z', IN));
    expect(person(ws, 'm3@example.com').Status).toBe('Paused');
    expect(digest(ws)).toEqual([
      { kind: 'decision', at: '2027-01-12T11:00:00.000Z', text: `Manager 3 asked to be counted in for cycle 2 (${CYCLE_2}) on 2027-01-12, but their status is Paused: set it to Active to bring them back.` },
    ]);
  });

  it('the same response delivered twice steers once', () => {
    const { ws } = withForm(6);
    at('2027-01-12T11:00:00Z');
    const [d] = respond(ws, answer('m1@example.com', '2027-01-12T11:00:00Z', SKIP));
    expect(deliver(ws, d)).toMatchObject({ status: 'added' });
    ws.ledger.reset();
    expect(deliver(ws, d)).toMatchObject({ status: 'duplicate' });
    expect(ws.ledger.count('Range.setValues')).toBe(0);
    expect(person(ws, 'm1@example.com').Away).toBe(CYCLE_2);
    expect(person(ws, 'm1@example.com').Notes.split('\n')).toHaveLength(1);
    expect(digest(ws)).toHaveLength(1);
    expect(steeringLog(ws)).toHaveLength(1);
  });

  it('answers stay text: a formula-like answer is filed as text and steers nothing; notes starting with + stay text', () => {
    const { ws } = withForm(6);
    setRoster(ws, 'm1@example.com', 'Notes', '+ prefers mornings');
    at('2027-01-12T11:00:00Z');
    // The form offers three choices; an answer it never offered (a choice the owner renamed in
    // Google Forms, here formula-like) reaches the trigger as it was given.
    const [d] = respond(ws, answer('m2@example.com', '2027-01-12T11:00:00Z', IN));
    deliver(ws, { ...d, event: { ...d.event, namedValues: { ...d.event.namedValues, 'Next cycle': ['=IMPORTXML("http://x","//a")'] } } });
    const [row] = feedback(ws);
    expect(row.display['Next cycle']).toBe('=IMPORTXML("http://x","//a")');
    expect(row.formulas.every((f) => f === '')).toBe(true);
    expect(person(ws, 'm2@example.com').Away ?? '').toBe('');
    expect(digest(ws)).toEqual([]);

    submit(ws, answer('m1@example.com', '2027-01-12T12:00:00Z', SKIP));
    expect(person(ws, 'm1@example.com').Notes).toBe(`+ prefers mornings\n2027-01-12: chose to skip cycle 2 (${CYCLE_2}) on the feedback form.`);
    expect(sheetValues(ws, 'Roster').formulas.flat().every((f) => f === '')).toBe(true);
  });
});

describe('leave the program', () => {
  it('sets Left and marks the tick due; the next tick\'s change step re-homes the partner from the next meeting', () => {
    const { ws, groups: gs } = withForm(6, { schedule: true });
    const g = gs.find((x) => x.members.includes('m1@example.com'))!;
    const partner = g.members.find((m) => m !== 'm1@example.com')!;
    at('2027-01-20T09:00:00Z');
    submit(ws, answer('m1@example.com', '2027-01-20T09:00:00Z', LEAVE));
    const me = person(ws, 'm1@example.com');
    expect(me.Status).toBe('Left');
    expect(me.Notes).toBe('2027-01-20: chose to leave the program on the feedback form.');
    expect(me.Away ?? '').toBe('');
    expect(properties(ws)['tick.due']).toBe('1');
    expect(digest(ws)).toEqual([{ kind: 'change', at: '2027-01-20T09:00:00.000Z', text: 'Manager 1 chose to leave the program on 2027-01-20' }]);

    at('2027-01-20T10:00:00Z');
    tick(ws);
    const rotations = sheetValues(ws, 'Rotations').display;
    const col = (h: string) => rotations[0].indexOf(h);
    const changed = rotations.filter((r) => r[col('Status')] === 'changed');
    expect(changed.map((r) => r[col('Group')])).toContain(g.group);
    const from = rotations.filter((r) => r[col('Starts')] === '2027-01-26');
    expect(from).toHaveLength(1);
    expect(from[0].slice(col('Member 1'), col('Member 3') + 1)).toContain(partner);
    expect(from[0].slice(col('Member 1'), col('Member 3') + 1)).not.toContain('m1@example.com');
  });
});

describe('cost', () => {
  const calls = (n: number, choice: string | undefined, away: boolean) => {
    jest.setSystemTime(NOW);
    const { ws } = withForm(n);
    if (away) setRoster(ws, 'm2@example.com', 'Away', '');
    at('2027-01-12T11:00:00Z');
    // A first response makes the Log sheet, so both rosters compare like for like.
    submit(ws, answer('m2@example.com', '2027-01-12T10:00:00Z', LEAVE));
    ws.ledger.reset();
    submit(ws, answer('m1@example.com', '2027-01-12T11:00:00Z', choice ?? ''));
    return ws.ledger.snapshot();
  };

  it('a constant number of service calls per response, whatever the roster', () => {
    const total = (s: Record<string, number>) => Object.values(s).reduce((a, b) => a + b, 0);
    const plain = calls(6, undefined, false);
    const skip = calls(6, SKIP, true);
    const skipAdding = calls(6, SKIP, false);
    const leave = calls(6, LEAVE, true);
    expect(calls(40, SKIP, true)).toEqual(skip);
    expect(calls(40, undefined, false)).toEqual(plain);
    expect(calls(40, LEAVE, true)).toEqual(leave);
    // Skip: the digest (the properties read and one write), Away and Notes side by side (the range,
    // one format and one values write), the Log (the sheet found, its size looked at, one values write).
    expect(total(skip) - total(plain)).toBe(11);
    expect(skip['Properties.setProperties'] - plain['Properties.setProperties']).toBe(1);
    expect(skip['Range.setValues'] - plain['Range.setValues']).toBe(2);
    // Leave: Status and Notes are apart: two runs of three calls; the tick marked due in the digest's write.
    expect(total(leave) - total(skip)).toBe(3);
    expect(leave['Properties.setProperties']).toBe(skip['Properties.setProperties']);
    // The Away column added once: the sheet's width and height looked at, the header, its note, its body's format.
    expect(total(skipAdding) - total(skip)).toBe(7);
    console.log(`Service calls per response: ${total(plain)} without a choice, ${total(skip)} with a skip, ${total(leave)} with a leave, ${total(skipAdding)} with a skip adding the Away column`);
  });
});

describe('faults', () => {
  it('a fault at every service call of the trigger, then the tick: steered once, nothing lost', () => {
    const run = (failAt: number | null) => {
      jest.setSystemTime(NOW);
      const { ws } = withForm(6);
      at('2027-01-12T11:00:00Z');
      const [d] = respond(ws, answer('m1@example.com', '2027-01-12T11:00:00Z', SKIP));
      const [e] = respond(ws, answer('m2@example.com', '2027-01-12T11:00:00Z', LEAVE));
      ws.ledger.reset();
      if (failAt !== null) ws.ledger.failAt(failAt);
      let failed = false;
      try {
        deliver(ws, d);
        deliver(ws, e);
      } catch {
        failed = true;
      }
      ws.ledger.clearFaults();
      const calls = ws.ledger.count();
      at('2027-01-12T12:00:00Z');
      tick(ws);
      const sent = ws.mail.sent().map((m) => m.body).join('\n');
      const queued = digest(ws).map((i) => ('text' in i ? i.text : ''));
      const mentions = (text: string) => (sent.split(text).length - 1) + queued.filter((t) => t === text).length;
      return {
        failed,
        calls,
        state: {
          m1: person(ws, 'm1@example.com'),
          m2: person(ws, 'm2@example.com'),
          feedback: feedback(ws).map((r) => [r.value.Email, r.value['Next cycle']]).sort(),
          skipSaid: mentions(`Manager 1 chose to skip cycle 2 (${CYCLE_2}) on 2027-01-12`),
          leaveSaid: mentions('Manager 2 chose to leave the program on 2027-01-12'),
          logged: steeringLog(ws).filter((r) => r[2] === 'ok').length,
        },
      };
    };
    const clean = run(null);
    expect(clean.state.skipSaid).toBe(1);
    expect(clean.state.leaveSaid).toBe(1);
    expect(clean.state.logged).toBe(2);
    let swept = 0;
    for (let k = 1; k <= clean.calls; k++) {
      const r = run(k);
      // The Log may lack an "ok" entry when the fault came after the Roster write (the retry logs "already recorded").
      const { logged, ...state } = r.state;
      const { logged: _l, ...want } = clean.state;
      expect([k, state]).toEqual([k, want]);
      expect(logged).toBeLessThanOrEqual(2);
      if (r.failed) swept++;
    }
    expect(swept).toBeGreaterThan(20);
    console.log(`Fault points swept over two steering responses: ${swept} of ${clean.calls} calls`);
  });
});
