// Clock triggers on the virtual clock (src/local/emulation/clock-triggers.ts) and a trigger's
// execution context: with or without a document (fidelity audit B6/B10), no Ui, user properties
// available everywhere; and the house rule that every emulated service reads the context clock.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createWorkspace } from '../../src/local/emulation';
import { stableRandom } from '../../src/local/emulation/clock-triggers';

function workspace(options: Parameters<typeof createWorkspace>[0] = {}) {
  let now = Date.parse('2027-03-01T09:20:00Z');
  const ws = createWorkspace({ now: () => new Date(now), ...options });
  return { ws, set: (iso: string) => (now = Date.parse(iso)) };
}

/** The add-on's own way to install its tick (src/gas/triggers.ts). */
const installTick = (ws: ReturnType<typeof workspace>['ws']) => {
  ws.globals.ScriptApp.newTrigger('onTick').timeBased().everyHours(1).create();
  ws.endExecution();
};

describe('dueClockTriggers', () => {
  it('an hourly trigger fires once an hour, at the same randomised minute, first after its creation', () => {
    const { ws } = workspace();
    installTick(ws);
    const due = ws.dueClockTriggers({ from: '2027-03-01T09:00:00Z', to: '2027-03-01T15:00:00Z' });
    const minutes = due.map((d) => d.at.slice(14));
    expect(new Set(minutes).size).toBe(1);
    expect(due.every((d) => d.trigger.handler === 'onTick')).toBe(true);
    // Created 09:20: the 09:xx firing counts only if its minute is after :20.
    const expected = Date.parse(`2027-03-01T09:${minutes[0]}`) > Date.parse('2027-03-01T09:20:00Z') ? 6 : 5;
    expect(due).toHaveLength(expected);
    for (let i = 1; i < due.length; i++) expect(Date.parse(due[i].at) - Date.parse(due[i - 1].at)).toBe(3_600_000);
  });

  it('windows are (from, to]: consecutive windows never fire a trigger twice or miss it', () => {
    const { ws } = workspace();
    installTick(ws);
    const whole = ws.dueClockTriggers({ from: '2027-03-01T10:00:00Z', to: '2027-03-02T10:00:00Z' }).map((d) => d.at);
    const parts: string[] = [];
    for (let h = 0; h < 24; h++) {
      const from = new Date(Date.parse('2027-03-01T10:00:00Z') + h * 3_600_000 - 17 * 60_000 * (h % 2));
      const to = new Date(Date.parse('2027-03-01T10:00:00Z') + (h + 1) * 3_600_000 - 17 * 60_000 * ((h + 1) % 2));
      parts.push(...ws.dueClockTriggers({ from: h === 0 ? '2027-03-01T10:00:00Z' : from, to: h === 23 ? '2027-03-02T10:00:00Z' : to }).map((d) => d.at));
    }
    expect(parts).toEqual(whole);
    expect(whole).toHaveLength(24);
  });

  it('the randomised minute differs between triggers and stays the same for one trigger', () => {
    const minutes = new Set(Array.from({ length: 50 }, (_, i) => stableRandom({ id: String(1000001 + i), user: 'u@example.com', handler: 'onTick' }, 'minute', 60)));
    expect(minutes.size).toBeGreaterThan(20);
    const t = { id: '1000001', user: 'u@example.com', handler: 'onTick' };
    expect(stableRandom(t, 'minute', 60)).toBe(stableRandom({ ...t }, 'minute', 60));
  });

  it('a daily atHour(9) trigger fires between 9 and 10 in its time zone, every day', () => {
    const { ws } = workspace({ userEmail: 'u@example.com' });
    ws.globals.ScriptApp.newTrigger('daily').timeBased().everyDays(1).atHour(9).inTimezone('America/New_York').create();
    const due = ws.dueClockTriggers({ from: '2027-03-05T00:00:00Z', to: '2027-03-09T00:00:00Z' });
    expect(due.map((d) => d.at.slice(0, 13))).toEqual(['2027-03-05T14', '2027-03-06T14', '2027-03-07T14', '2027-03-08T14']); // 9:xx EST
    // Across the change to EDT (2027-03-14) it stays 9:xx local.
    const later = ws.dueClockTriggers({ from: '2027-03-13T00:00:00Z', to: '2027-03-15T00:00:00Z' });
    expect(later.map((d) => d.at.slice(0, 13))).toEqual(['2027-03-13T14', '2027-03-14T13']);
  });
});

describe('a trigger execution', () => {
  it("clockTriggerDocument 'absent': no active spreadsheet, document properties or document lock; user properties work", () => {
    const { ws } = workspace({ clockTriggerDocument: 'absent' });
    installTick(ws);
    const [due] = ws.dueClockTriggers({ from: '2027-03-01T10:00:00Z', to: '2027-03-01T11:00:00Z' });
    const seen = ws.runClockTrigger(due, (e) => {
      const g = ws.globals;
      g.PropertiesService.getUserProperties().setProperty('programSpreadsheetId', 'abc');
      return {
        uid: e.triggerUid,
        ss: g.SpreadsheetApp.getActiveSpreadsheet(),
        props: g.PropertiesService.getDocumentProperties(),
        lock: g.LockService.getDocumentLock(),
      };
    });
    expect(seen).toEqual({ uid: due.trigger.id, ss: null, props: null, lock: null });
    // After the execution, a user's call has its document again; the user property stayed.
    expect(ws.globals.SpreadsheetApp.getActiveSpreadsheet()).not.toBeNull();
    expect(ws.globals.PropertiesService.getUserProperties().getProperty('programSpreadsheetId')).toBe('abc');
    expect(ws.snapshot().userProperties).toEqual({ 'owner@example.com': { programSpreadsheetId: 'abc' } });
  });

  it("by default ('present') the tick has its document", () => {
    const { ws } = workspace();
    installTick(ws);
    const [due] = ws.dueClockTriggers({ from: '2027-03-01T10:00:00Z', to: '2027-03-01T11:00:00Z' });
    ws.runClockTrigger(due, () => {
      expect(ws.globals.SpreadsheetApp.getActiveSpreadsheet()).not.toBeNull();
      expect(ws.globals.PropertiesService.getDocumentProperties()).not.toBeNull();
      expect(ws.globals.LockService.getDocumentLock()).not.toBeNull();
    });
  });

  it('has no Ui: SpreadsheetApp.getUi() throws "Cannot call SpreadsheetApp.getUi() from this context."', () => {
    const { ws } = workspace();
    installTick(ws);
    const [due] = ws.dueClockTriggers({ from: '2027-03-01T10:00:00Z', to: '2027-03-01T11:00:00Z' });
    expect(() => ws.runClockTrigger(due, () => ws.globals.SpreadsheetApp.getUi())).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
    expect(() => ws.globals.SpreadsheetApp.getUi()).not.toThrow();
  });

  it('passes the time-driven event object: triggerUid, authMode FULL and the firing time in UTC', () => {
    const { ws } = workspace();
    installTick(ws);
    const [due] = ws.dueClockTriggers({ from: '2027-03-01T10:00:00Z', to: '2027-03-01T11:00:00Z' });
    const e = ws.runClockTrigger(due, (event) => event);
    const at = new Date(due.at);
    expect(e).toMatchObject({ authMode: 'FULL', triggerUid: due.trigger.id, year: 2027, month: 3, 'day-of-month': 1, hour: 10, minute: at.getUTCMinutes(), timezone: 'UTC' });
  });
});

describe('the clock', () => {
  it('every emulated service reads the context clock: no Date.now() or argument-less new Date() outside context.ts', () => {
    const root = join(__dirname, '../../src/local/emulation');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(root);
    const offenders = files
      .filter((f) => !f.endsWith('context.ts'))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ f, i, line: line.replace(/\/\/.*$/, '') }))
          .filter(({ line }) => /Date\.now\(\)|new Date\(\s*\)|performance\.now\(\)/.test(line))
          .map(({ f, i, line }) => `${f.slice(root.length + 1)}:${i + 1}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});

describe('a trigger runs as its creator', () => {
  it("Session, MailApp's quota and user properties are the creator's during the run, the workspace user's after", () => {
    const owner = workspace({ userEmail: 'owner@example.com' });
    installTick(owner.ws);
    const other = createWorkspace({ userEmail: 'colleague@example.com', snapshot: owner.ws.snapshot(), now: () => new Date('2027-03-01T12:00:00Z') });
    const [due] = other.dueClockTriggers({ from: '2027-03-01T10:00:00Z', to: '2027-03-01T11:00:00Z' });
    const g = other.globals;
    const during = other.runClockTrigger(due, () => {
      g.MailApp.sendEmail('a@example.com,b@example.com', 'Digest', 'body');
      g.PropertiesService.getUserProperties().setProperty('k', 'v');
      return { user: g.Session.getEffectiveUser().getEmail(), quota: g.MailApp.getRemainingDailyQuota() };
    });
    expect(during).toEqual({ user: 'owner@example.com', quota: 98 });
    expect(other.mail.sent()[0].from).toBe('owner@example.com');
    expect(g.Session.getEffectiveUser().getEmail()).toBe('colleague@example.com');
    expect(g.MailApp.getRemainingDailyQuota()).toBe(100);
    expect(g.PropertiesService.getUserProperties().getProperty('k')).toBeNull();
  });
});
