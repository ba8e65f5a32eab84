import { createContext } from '../../src/local/emulation/context';
import {
  ADD_ON_MIN_INTERVAL,
  FakeScriptApp,
  MAX_TRIGGERS_PER_USER,
  TOO_MANY_TRIGGERS,
  addOnTypeLimit,
  type TriggerSnapshot,
} from '../../src/local/emulation/script';

const SS_ID = 'sheet-1';
/** A spreadsheet handle as far as ScriptApp needs one. */
const ss = { getId: () => SS_ID } as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;

function setup(options: ConstructorParameters<typeof FakeScriptApp>[2] = {}, saved?: TriggerSnapshot[], userEmail = 'owner@example.com') {
  const ctx = createContext({ userEmail, now: () => new Date('2026-11-23T09:00:00Z') });
  return { ctx, app: new FakeScriptApp(ctx, saved, options) };
}

describe('FakeScriptApp triggers', () => {
  it('creates a spreadsheet form-submit trigger and describes it', () => {
    const { app } = setup();
    const t = app.newTrigger('onFeedback').forSpreadsheet(ss).onFormSubmit().create();
    expect(t.getHandlerFunction()).toBe('onFeedback');
    expect(t.getEventType()).toBe(app.EventType.ON_FORM_SUBMIT);
    expect(t.getTriggerSource()).toBe(app.TriggerSource.SPREADSHEETS);
    expect(t.getTriggerSourceId()).toBe(SS_ID);
    expect(t.getUniqueId()).toMatch(/^\d+$/);
    expect(app.getProjectTriggers().map((x) => x.getUniqueId())).toEqual([t.getUniqueId()]);
  });

  it('accepts a spreadsheet id as well as a spreadsheet', () => {
    const { app } = setup();
    expect(app.newTrigger('f').forSpreadsheet(SS_ID).onOpen().create().getTriggerSourceId()).toBe(SS_ID);
  });

  it('creates an hourly clock trigger whose source id is null', () => {
    const { app } = setup();
    const t = app.newTrigger('tick').timeBased().everyHours(1).create();
    expect(t.getEventType()).toBe(app.EventType.CLOCK);
    expect(t.getTriggerSource()).toBe(app.TriggerSource.CLOCK);
    expect(t.getTriggerSourceId()).toBeNull();
    expect(app.toJSON()[0].clock).toEqual({ everyHours: 1 });
  });

  it('add-on: rejects a second trigger of the same type for the same user and document', () => {
    const { app } = setup();
    app.newTrigger('a').forSpreadsheet(ss).onFormSubmit().create();
    expect(() => app.newTrigger('b').forSpreadsheet(ss).onFormSubmit().create()).toThrow(addOnTypeLimit('ON_FORM_SUBMIT'));
    // Another type is fine.
    expect(() => app.newTrigger('c').forSpreadsheet(ss).onEdit().create()).not.toThrow();
  });

  it('add-on: one time-based trigger per user per document, with Apps Script\'s wording', () => {
    const { app } = setup();
    app.newTrigger('a').timeBased().everyHours(2).create();
    expect(() => app.newTrigger('b').timeBased().after(60000).create()).toThrow(
      'This add-on has created too many time-based triggers in this document for this Google user account.',
    );
  });

  it('add-on: the same type is allowed again for another user', () => {
    const saved = setup().app;
    saved.newTrigger('a').forSpreadsheet(ss).onFormSubmit().create();
    const { app } = setup({}, saved.toJSON(), 'colleague@example.com');
    expect(() => app.newTrigger('a').forSpreadsheet(ss).onFormSubmit().create()).not.toThrow();
    expect(app.getProjectTriggers()).toHaveLength(1); // only the colleague's own
    expect(app.toJSON()).toHaveLength(2);
  });

  it('add-on: time-driven triggers run at most hourly — everyMinutes fails at create()', () => {
    const { app } = setup();
    const builder = app.newTrigger('tick').timeBased().everyMinutes(30);
    expect(() => builder.create()).toThrow(ADD_ON_MIN_INTERVAL);
    expect(app.toJSON()).toEqual([]);
  });

  it('bound script (addOn: false): everyMinutes works and several triggers of one type are allowed', () => {
    const { app } = setup({ addOn: false });
    app.newTrigger('tick').timeBased().everyMinutes(5).create();
    app.newTrigger('tock').timeBased().everyMinutes(5).create();
    expect(app.triggersFor('CLOCK').map((t) => t.handler)).toEqual(['tick', 'tock']);
  });

  it('everyMinutes accepts only 1, 5, 10, 15 or 30', () => {
    const { app } = setup({ addOn: false });
    expect(() => app.newTrigger('t').timeBased().everyMinutes(7)).toThrow(/everyMinutes/);
  });

  it('everyHours needs a whole number of hours, at least 1', () => {
    const { app } = setup();
    expect(() => app.newTrigger('t').timeBased().everyHours(0)).toThrow(/Invalid argument/);
    expect(() => app.newTrigger('t').timeBased().everyHours(1.5)).toThrow(/Invalid argument/);
  });

  it('limits a user to 20 triggers per script', () => {
    const { app } = setup({ addOn: false });
    for (let i = 0; i < MAX_TRIGGERS_PER_USER; i++) app.newTrigger(`f${i}`).forSpreadsheet(ss).onEdit().create();
    expect(() => app.newTrigger('f20').forSpreadsheet(ss).onEdit().create()).toThrow(TOO_MANY_TRIGGERS);
    expect(TOO_MANY_TRIGGERS).toBe('This script has too many triggers. Triggers must be deleted from the script before more can be added.');
  });

  it('add-on: triggers only for the document it runs in, when that document is known', () => {
    const { app } = setup({ documentId: () => SS_ID });
    expect(() => app.newTrigger('f').forSpreadsheet('another-sheet')).toThrow(/only create triggers for the document/);
    expect(() => app.newTrigger('f').forSpreadsheet(ss).onOpen().create()).not.toThrow();
  });

  it('deleteTrigger removes it, so the type can be created again', () => {
    const { app } = setup();
    const t = app.newTrigger('a').forSpreadsheet(ss).onFormSubmit().create();
    app.deleteTrigger(t);
    expect(app.getProjectTriggers()).toEqual([]);
    expect(() => app.newTrigger('a').forSpreadsheet(ss).onFormSubmit().create()).not.toThrow();
  });

  it('getUserTriggers lists this user\'s triggers in that spreadsheet', () => {
    const { app } = setup();
    app.newTrigger('a').forSpreadsheet(ss).onFormSubmit().create();
    app.newTrigger('b').forSpreadsheet('other').onEdit().create();
    app.newTrigger('c').timeBased().everyDays(1).atHour(6).create();
    expect(app.getUserTriggers(ss).map((t) => t.getHandlerFunction()).sort()).toEqual(['a', 'c']);
  });

  it('rejects incomplete or contradictory clock schedules', () => {
    const { app } = setup({ addOn: false });
    expect(() => app.newTrigger('t').timeBased().create()).toThrow(/schedule/);
    expect(() => app.newTrigger('t').timeBased().atHour(5).create()).toThrow(/frequency/);
    expect(() => app.newTrigger('t').timeBased().everyHours(1).everyDays(1).create()).toThrow(/one schedule/);
    expect(() => app.newTrigger('t').timeBased().onWeekDay(app.WeekDay.MONDAY).everyDays(1).create()).toThrow(/everyWeeks/);
    expect(() => app.newTrigger('t').timeBased().everyWeeks(1).onWeekDay(app.WeekDay.MONDAY).atHour(9).create()).not.toThrow();
  });

  it('rejects a spreadsheet trigger without an event', () => {
    const { app } = setup();
    expect(() => app.newTrigger('t').forSpreadsheet(ss).create()).toThrow(/event/);
  });

  it('round-trips through toJSON (JSON-safe) and keeps ids unique after a restore', () => {
    const first = setup().app;
    const t = first.newTrigger('a').forSpreadsheet(ss).onOpen().create();
    const saved = JSON.parse(JSON.stringify(first.toJSON())) as TriggerSnapshot[];
    expect(saved[0]).toEqual({
      id: t.getUniqueId(),
      handler: 'a',
      eventType: 'ON_OPEN',
      source: 'SPREADSHEETS',
      sourceId: SS_ID,
      documentId: SS_ID,
      user: 'owner@example.com',
      createdAt: '2026-11-23T09:00:00.000Z',
    });
    const { app } = setup({}, saved);
    const next = app.newTrigger('b').forSpreadsheet(ss).onEdit().create();
    expect(next.getUniqueId()).not.toBe(t.getUniqueId());
    expect(app.getProjectTriggers()).toHaveLength(2);
  });

  it('triggersFor returns copies of the registered triggers of one type, unrecorded', () => {
    const { ctx, app } = setup();
    app.newTrigger('onFeedback').forSpreadsheet(ss).onFormSubmit().create();
    const before = ctx.ledger.count();
    const found = app.triggersFor(app.EventType.ON_FORM_SUBMIT);
    expect(found.map((t) => t.handler)).toEqual(['onFeedback']);
    found[0].handler = 'tampered';
    expect(app.triggersFor('ON_FORM_SUBMIT')[0].handler).toBe('onFeedback');
    expect(ctx.ledger.count()).toBe(before);
  });

  it('records each builder step once', () => {
    const { ctx, app } = setup();
    app.newTrigger('f').forSpreadsheet(ss).onFormSubmit().create();
    expect(ctx.ledger.snapshot()).toEqual({
      'ScriptApp.newTrigger': 1,
      'SpreadsheetTriggerBuilder.create': 1,
      'SpreadsheetTriggerBuilder.onFormSubmit': 1,
      'TriggerBuilder.forSpreadsheet': 1,
    });
  });

  it('exposes the AuthMode enum', () => {
    const { app } = setup();
    expect(Object.keys(app.AuthMode).sort()).toEqual(['CUSTOM_FUNCTION', 'FULL', 'LIMITED', 'NONE']);
  });
});
