// The hourly tick: an idle tick reads the document properties and stops; work marked due (a
// confirm, a filed response) makes the next tick sweep; a tick without a document tells its owner
// by email, once a day; a failed step is logged and digested, never lost.
import { confirmRotation, planRotation } from '../../src/app/plan';
import { saveSettings } from '../../src/app/settings';
import { setUp } from '../../src/app/setup';
import { onTick } from '../../src/app/tick';
import { TICK_KEYS } from '../../src/app/tick-state';
import type { Workspace } from '../../src/local/emulation';
import { execution, rosterRows, useWorkspace, writeSheet } from '../support/workspace';

const TICK = { authMode: 'FULL', triggerUid: 't1' } as never;
const tick = (ws: Workspace) => execution(ws, () => onTick(TICK));
const props = (ws: Workspace) => ws.snapshot().documentProperties as unknown as Record<string, string>;

function program(options: Parameters<typeof useWorkspace>[0] = {}): Workspace {
  const ws = useWorkspace(options);
  execution(ws, setUp);
  writeSheet(ws, 'Roster', rosterRows(8));
  execution(ws, () => saveSettings({ findCommonTime: false }));
  ws.ledger.reset();
  return ws;
}

afterEach(() => jest.useRealTimers());

describe('onTick', () => {
  it('sweeps once, then an idle tick costs two service calls (it runs 8,760 times a year)', () => {
    const ws = program();
    tick(ws); // the day's sweep
    expect(props(ws)[TICK_KEYS.sweptOn]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    ws.ledger.reset();
    tick(ws);
    expect(ws.ledger.snapshot()).toEqual({ 'PropertiesService.getDocumentProperties': 1, 'Properties.getProperties': 1 });
  });

  it('sweeps again at the next tick after a confirm (the booking goes on if the sidebar closes)', () => {
    const ws = program();
    tick(ws);
    const preview = execution(ws, () => planRotation({}));
    execution(ws, () => confirmRotation(preview));
    expect(props(ws)[TICK_KEYS.due]).toBe('1');
    ws.ledger.reset();
    tick(ws);
    expect(ws.ledger.count('Calendar.Events.insert')).toBe(preview.groups.length); // booked by the tick
    expect(props(ws)[TICK_KEYS.due]).toBe('1'); // the booking saved its job: one more look
    tick(ws);
    ws.ledger.reset();
    tick(ws);
    expect(ws.ledger.count()).toBe(2);
  });

  it('sweeps at the first tick past the instant a sweep asked to be woken at (a brief, a nudge), not before', () => {
    jest.useFakeTimers({ now: new Date('2026-11-23T09:00:00Z') });
    const ws = program();
    tick(ws); // the day's sweep
    const wakeAt = Date.parse('2026-11-23T14:30:00Z');
    execution(ws, () => PropertiesService.getDocumentProperties().setProperty(TICK_KEYS.wakeAt, String(wakeAt)));
    jest.setSystemTime(new Date('2026-11-23T14:00:00Z'));
    ws.ledger.reset();
    tick(ws);
    expect(ws.ledger.count()).toBe(2); // idle: not yet
    jest.setSystemTime(new Date('2026-11-23T15:00:00Z'));
    ws.ledger.reset();
    tick(ws);
    expect(ws.ledger.count()).toBeGreaterThan(2); // swept
    expect(props(ws)[TICK_KEYS.wakeAt]).toBe(''); // nothing timed left: the next ticks are idle
    ws.ledger.reset();
    tick(ws);
    expect(ws.ledger.count()).toBe(2);
  });

  it('ignores a call from the sidebar (no trigger event)', () => {
    const ws = program();
    ws.ledger.reset();
    execution(ws, () => onTick(undefined));
    execution(ws, () => onTick({ triggerUid: 42 } as never));
    expect(ws.ledger.count()).toBe(0);
  });

  it('without a document, tells its owner by email, once a day', () => {
    const ws = program({ clockTriggerDocument: 'absent' });
    execution(ws, () => ws.globals.ScriptApp.newTrigger('onTick').timeBased().everyHours(1).create());
    const trigger = ws.globals.ScriptApp.getProjectTriggers()[0];
    const snapshot = ws.snapshot().triggers.find((t) => t.id === trigger.getUniqueId())!;
    for (let i = 0; i < 3; i++) ws.runClockTrigger({ trigger: snapshot, at: new Date(Date.UTC(2026, 10, 23, 9 + i, 30)).toISOString() }, (e) => onTick(e));
    const sent = ws.mail.sent();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: ['owner@example.com'], subject: 'Peer coaching: the hourly run could not open its spreadsheet' });
    expect(sent[0].body).toMatch(/Open the spreadsheet and choose Extensions › Peer Coaching Rotations › Open/);
  });

  it('a step that fails is logged and digested, and the execution fails', () => {
    const ws = program();
    const preview = execution(ws, () => planRotation({}));
    execution(ws, () => confirmRotation(preview));
    ws.calendar.addPerson('m1@example.com');
    ws.ledger.failAt(1, { kind: 'Calendar.Events.insert', error: new Error('Calendar is down') });
    expect(() => tick(ws)).toThrow('Calendar is down');
    const log = ws.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Log')!.getDataRange().getDisplayValues();
    expect(log.slice(1).map((r) => [r[1], r[2], r[3]])).toContainEqual(['continue booking the invitations', 'failed', 'Calendar is down']);
    expect(ws.mail.sent().map((m) => m.subject)).toEqual([expect.stringMatching(/1 failed/)]);
    expect(props(ws)[TICK_KEYS.due]).toBe('1'); // the next tick tries again
  });
});
