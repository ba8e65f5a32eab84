// This week's brief in this week's meeting (issue 13, item 1), through the hourly tick on the
// emulation: each occurrence's own description is written a day ahead (never the series', never an
// email), with its session, who coaches whom, the prompt and the members' last commitments; the
// tick wakes for it; a skipped date is passed over; the cost per brief is one instances call and one
// patch; a failure at any call ends, after the next ticks, exactly as a clean run.
import { writeBriefsAt, BRIEF_MARKERS_KEY } from '../../src/app/briefs';
import { TICK_KEYS } from '../../src/app/tick-state';
import type { Workspace } from '../../src/local/emulation';
import { execution } from '../support/workspace';
import { applyRosterChanges } from '../../src/app/roster-changes';
import { groups, properties, scheduleAll, submit, tick, useFakeClock, withForm, type Group } from './feedback-fixtures';

useFakeClock();

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The occurrences a person attends: start (ms), the instance's description, its visibility. */
function meetings(ws: Workspace, email: string) {
  return ws.ledger.untracked(() => ws.calendar.occurrencesFor(email)).map((o) => ({ at: Date.parse(o.start), description: o.description, visibility: o.visibility }));
}

/** The series' own description and visibility (as stored, not an instance). */
function series(ws: Workspace, g: Group) {
  const e = ws.ledger.untracked(() => ws.globals.Calendar!.Events!.get('primary', g.eventId));
  return { description: e.description ?? '', visibility: e.visibility ?? 'default' };
}

function nameOf(ws: Workspace, email: string): string {
  const rows = ws.ledger.untracked(() => ws.spreadsheet.getSheetByName('Roster')!.getDataRange().getValues());
  return String(rows.find((r) => String(r[1]).toLowerCase() === email)?.[0]);
}

function booked() {
  const { ws, code } = withForm(4, { schedule: true });
  const gs = groups(ws);
  const first = meetings(ws, gs[0].members[0])[0].at;
  return { ws, gs, code, first };
}

describe('briefs', () => {
  it('a day before each occurrence: that instance gets its brief (session, coach, prompt, link), the series and the other weeks keep theirs, nobody is emailed', () => {
    const { ws, gs, first } = booked();
    const seriesBefore = series(ws, gs[0]);
    jest.setSystemTime(first - DAY - HOUR);
    tick(ws); // the day's sweep: nothing due yet, it says when to wake
    expect(Number(properties(ws)[TICK_KEYS.wakeAt])).toBe(first - DAY);
    expect(meetings(ws, gs[0].members[0])[0].description).toBe(seriesBefore.description);

    jest.setSystemTime(first - DAY + 5 * 60_000);
    const invitationsBefore = ws.calendar.sentInvitations().length;
    ws.ledger.reset();
    tick(ws);
    expect(ws.ledger.count('Calendar.Events.instances')).toBe(gs.length);
    expect(ws.ledger.count('Calendar.Events.patch')).toBe(gs.length);
    expect(ws.calendar.sentInvitations().length).toBe(invitationsBefore); // sendUpdates: none
    for (const g of gs) {
      const [one, two] = meetings(ws, g.members[0]);
      expect(one.description).toContain('<b>Session 1 of 6</b> · cycle 1');
      expect(one.description).toMatch(/This week .+ coaches .+/);
      expect(one.description).toContain('This week’s prompt');
      expect(one.description).toContain('/viewform?');
      expect(two.description).not.toContain('Session 2 of 6'); // next week's comes next week
      expect(series(ws, g).description).not.toContain('Session 1 of 6'); // the series is untouched
    }
    // Session 1: the first member coaches the second (the Rotations row's order).
    const [a, b] = gs[0].members.map((e) => nameOf(ws, e));
    expect(meetings(ws, gs[0].members[0])[0].description).toContain(`<b>This week ${a} coaches ${b}</b>`);

    ws.ledger.reset();
    tick(ws); // the same hour again: nothing to write
    expect(ws.ledger.count('Calendar.Events.patch')).toBe(0);
    expect(ws.ledger.count('Calendar.Events.instances')).toBe(0);
  });

  it("session 2's brief carries each member's last commitment, and the series turns private", () => {
    const { ws, gs, code, first } = booked();
    const g = gs[0];
    jest.setSystemTime(first - DAY + 60_000);
    tick(ws);
    jest.setSystemTime(first + 2 * HOUR);
    submit(ws, { email: g.members[0], at: new Date(first + 2 * HOUR).toISOString(), code: code(g), session: '1', commitment: 'Ask my team for <one> thing =1+1' });
    jest.setSystemTime(first + 7 * DAY - DAY + 60_000);
    tick(ws);
    const [, two] = meetings(ws, g.members[1]);
    expect(two.description).toContain('<b>Session 2 of 6</b>');
    const [a, b] = g.members.map((e) => nameOf(ws, e));
    expect(two.description).toContain(`<b>This week ${b} coaches ${a}</b>`); // roles swap each session
    expect(two.description).toContain('committed to: Ask my team for &lt;one&gt; thing =1+1');
    expect(two.visibility).toBe('private');
    expect(series(ws, g).visibility).toBe('private');
    expect(series(ws, gs[1]).visibility).not.toBe('private'); // nobody there committed to anything
  });

  it('a date the series does not hold (Skip these dates) is passed over: no instance fetched, no patch', () => {
    const { ws, gs, first } = booked();
    // Take the second week out of every series as a skip would (EXDATE), then brief around it.
    const second = new Date(first + 7 * DAY);
    ws.ledger.untracked(() => {
      for (const g of gs) {
        const e = ws.globals.Calendar!.Events!.get('primary', g.eventId);
        const stamp = second.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
        ws.globals.Calendar!.Events!.patch({ recurrence: [...(e.recurrence ?? []), `EXDATE:${stamp}`] }, 'primary', g.eventId);
      }
    });
    jest.setSystemTime(second.getTime() - DAY + 60_000);
    ws.ledger.reset();
    tick(ws);
    expect(ws.ledger.count('Calendar.Events.patch')).toBe(0);
    expect(ws.ledger.count('Calendar.Events.instances')).toBe(gs.length);
    const markers = JSON.parse(properties(ws)[BRIEF_MARKERS_KEY]);
    expect(Object.keys(markers).sort()).toEqual(gs.map((g) => g.group).sort()); // passed over for good
  });

  it('an occurrence that started unbriefed (the tick was down) is logged once, not written late', () => {
    const { ws, gs, first } = booked();
    jest.setSystemTime(first + HOUR);
    const run = execution(ws, () => writeBriefsAt(new Date()));
    expect(run.written).toBe(0);
    expect(run.log.map((l) => l.detail)).toEqual(gs.map((g) => `${g.group}'s session of ${new Date(first).toISOString()} started before its brief was written.`).sort());
    expect(execution(ws, () => writeBriefsAt(new Date())).log).toEqual([]);
  });

  it('a roster change after a brief was written: the briefed instance of the ended series does not outlive it', () => {
    const { ws, gs, first } = booked();
    const second = first + 7 * DAY;
    jest.setSystemTime(second - DAY + 60_000);
    tick(ws); // session 2's briefs written: each an exception of its series
    const [leaver, partner] = gs[0].members;
    ws.ledger.untracked(() => {
      const sheet = ws.spreadsheet.getSheetByName('Roster')!;
      const emails = sheet.getRange(2, 2, sheet.getLastRow() - 1, 1).getValues().map((r) => String(r[0]));
      sheet.getRange(emails.indexOf(leaver) + 2, 5).setValue('Paused');
    });
    jest.setSystemTime(second - DAY + HOUR);
    execution(ws, () => applyRosterChanges());
    scheduleAll(ws);
    // Google keeps an exception past a trim's UNTIL: the old series' session-2 instance is cancelled.
    expect(meetings(ws, leaver).filter((m) => m.at >= second)).toEqual([]);
    expect(meetings(ws, partner).filter((m) => m.at === second)).toHaveLength(1); // in their new group only
  });

  it('after a failure at any call of the brief run, the next run ends exactly as a clean one', () => {
    const clean = booked();
    jest.setSystemTime(clean.first - DAY + 60_000);
    clean.ws.ledger.reset();
    execution(clean.ws, () => writeBriefsAt(new Date()));
    const calls = clean.ws.ledger.count();
    expect(clean.ws.ledger.count('Calendar.Events.patch')).toBe(clean.gs.length);
    console.log(`Fault points swept over a brief run (${clean.gs.length} groups): ${calls} ${JSON.stringify(clean.ws.ledger.snapshot())}`);
    // Each workspace has its own program id and form: compare with those written the same way.
    const same = (d: string) => d.replace(/forms\/d\/e\/\w+\/viewform\?usp=pp_url&(amp;)?entry\.\d+=\w{4}-/g, 'FORM').replace(/\b[A-Z0-9]{4}-C1-/g, 'CODE-');
    const expected = clean.gs.map((g) => meetings(clean.ws, g.members[0]).map((m) => same(m.description)));
    expect(expected.flat().filter((d) => d.includes('Session 1 of 6'))).toHaveLength(clean.gs.length);
    for (let k = 1; k <= calls; k++) {
      const { ws, gs, first } = booked();
      jest.setSystemTime(first - DAY + 60_000);
      ws.ledger.reset();
      ws.ledger.failAt(k);
      expect(() => execution(ws, () => writeBriefsAt(new Date()))).toThrow(/Injected fault/);
      ws.ledger.clearFaults();
      execution(ws, () => writeBriefsAt(new Date()));
      expect([k, gs.map((g) => meetings(ws, g.members[0]).map((m) => same(m.description)))]).toEqual([k, expected]);
    }
  });
});
