// Settings against the emulated Workspace: stored as one JSON document property, read tolerantly,
// saved under the document lock, and what each action costs in service calls.
import { getSettings, saveSettings } from '../../src/app/settings';
import { DEFAULT_SETTINGS, storedSettingsJson } from '../../src/core/settings';
import { SETTINGS_KEY } from '../../src/gas/settings-store';
import type { SettingsView } from '../../src/shared/settings';
import { execution, useWorkspace } from '../support/workspace';
import type { Workspace } from '../../src/local/emulation';
import { confirmed, runToEnd } from './schedule-fixtures';

// 2026-11-23 is a Monday; 09:00 UTC is Monday from UTC−9 to UTC+14.
const NOW = new Date('2026-11-23T09:00:00Z');

beforeEach(() => {
  jest.useFakeTimers({ now: NOW });
});
afterEach(() => {
  jest.useRealTimers();
});

const stored = (ws: Workspace) => ws.snapshot().documentProperties[SETTINGS_KEY];
const put = (ws: Workspace, value: string) => {
  ws.globals.PropertiesService.getDocumentProperties().setProperty(SETTINGS_KEY, value);
  ws.ledger.reset();
};
/** A view as google.script.run would carry it (JSON), which must change nothing. */
const overTheWire = (view: SettingsView) => JSON.parse(JSON.stringify(view)) as SettingsView;

/** Pinned service calls (any roster size: settings read no sheet). */
const GET_SETTINGS_CALLS = {
  'Properties.getProperty': 1,
  'PropertiesService.getDocumentProperties': 1,
  'Spreadsheet.getSpreadsheetTimeZone': 1,
  'SpreadsheetApp.getActiveSpreadsheet': 1,
  'Spreadsheet.getSheetByName': 1, // Rotations, for the cycles written (none here: not set up)
};
const SAVE_SETTINGS_CALLS = {
  'SpreadsheetApp.flush': 1, // before the lock is released
  'Lock.releaseLock': 1,
  'Lock.tryLock': 1,
  'LockService.getDocumentLock': 1,
  'Properties.getProperty': 1,
  'Properties.setProperty': 1,
  'PropertiesService.getDocumentProperties': 2,
  'Spreadsheet.getSpreadsheetTimeZone': 1,
  'SpreadsheetApp.getActiveSpreadsheet': 1,
  'Spreadsheet.getSheetByName': 1, // Rotations, for the cycles written (none here: not set up)
};

describe('getSettings', () => {
  it('on a new spreadsheet: the defaults, the spreadsheet’s zone, and cycle 1 from the next Tuesday', () => {
    const ws = useWorkspace({ timeZone: 'America/New_York' });
    const view = execution(ws, getSettings);
    expect(overTheWire(view)).toEqual(view);
    expect(view).toEqual({
      settings: DEFAULT_SETTINGS,
      defaults: DEFAULT_SETTINGS,
      spreadsheetTimeZone: 'America/New_York',
      timeZone: 'America/New_York',
      today: '2026-11-23',
      currentCycle: null,
      nextCycle: { cycle: 1, starts: '2026-11-24', ends: '2027-01-04', meetings: 6 },
      saved: false,
      notices: [],
    });
    expect(ws.snapshot().documentProperties).toEqual({}); // reading writes nothing
  });

  it('finds today in the settings’ zone, not the machine’s or the spreadsheet’s', () => {
    jest.setSystemTime(new Date('2026-11-23T22:00:00Z')); // already Tuesday in Kolkata
    const ws = useWorkspace({ timeZone: 'Europe/London' });
    execution(ws, () => saveSettings({ timeZone: 'Asia/Kolkata' }));
    const view = execution(ws, getSettings);
    expect(view.timeZone).toBe('Asia/Kolkata');
    expect(view.today).toBe('2026-11-24');
    expect(view.nextCycle.starts).toBe('2026-12-01'); // strictly after today
  });

  it('shows the running cycle and the next one once the first meeting date has passed', () => {
    const ws = useWorkspace();
    execution(ws, () => saveSettings({ firstMeetingDate: '2026-10-06', cycleWeeks: 4, cadence: 'fortnightly' }));
    const view = execution(ws, getSettings);
    expect(view.currentCycle).toEqual({ cycle: 2, starts: '2026-11-03', ends: '2026-11-30', meetings: 2 });
    expect(view.nextCycle).toEqual({ cycle: 3, starts: '2026-12-01', ends: '2026-12-28', meetings: 2 });
  });

  it.each(['{"cycleWeeks":', 'null', '[]', 'x'.repeat(8000)])('survives a corrupt stored value %#, says so, and writes nothing', (raw) => {
    const ws = useWorkspace();
    put(ws, raw);
    const view = execution(ws, getSettings);
    expect(view.settings).toEqual(DEFAULT_SETTINGS);
    expect(view.saved).toBe(true);
    expect(view.notices).toEqual(['The saved settings could not be read, so every setting is back to its default. Save them again.']);
    expect(stored(ws)).toBe(raw);
  });

  it('keeps what it can of a partly bad document, field by field', () => {
    const ws = useWorkspace();
    put(ws, JSON.stringify({ ...JSON.parse(storedSettingsJson({ ...DEFAULT_SETTINGS, cycleWeeks: 8 })), meetingMinutes: '45', googleMeet: false, legacy: 'x' }));
    const view = execution(ws, getSettings);
    expect(view.settings).toEqual({ ...DEFAULT_SETTINGS, cycleWeeks: 8, googleMeet: false });
    expect(view.notices).toEqual([
      'Meeting length: the saved value must be a whole number of minutes from 15 to 120 in steps of 5, not text; using the default (30).',
    ]);
  });

  it('costs a small constant number of service calls', () => {
    const ws = useWorkspace();
    put(ws, storedSettingsJson(DEFAULT_SETTINGS));
    execution(ws, getSettings);
    expect(ws.ledger.snapshot()).toEqual(GET_SETTINGS_CALLS);
    expect(ws.ledger.count()).toBe(5);
  });
});

describe('saveSettings', () => {
  it('stores one JSON document property and reads it back', () => {
    const ws = useWorkspace({ timeZone: 'Europe/London' });
    const chosen = {
      cycleWeeks: 8,
      cadence: 'fortnightly',
      meetingMinutes: 45,
      firstMeetingDate: '2027-01-07',
      preferredWeekday: 'Thu',
      preferredTime: '14:30',
      timeZone: 'America/New_York',
      findCommonTime: false,
      keepTeammatesApart: false,
      titleTemplate: 'Coaching {cycle}: {names}',
      googleMeet: false,
      sendInvitations: false,
      nextCycle: 'manual',
      headsUpDays: 14,
      noticeDays: 5,
      newcomersJoinRunningCycle: false,
      skipDates: '2026-12-21..2027-01-03',
      keepMeetingCount: false,
      feedbackNudges: false,
    };
    const saved = execution(ws, () => saveSettings(chosen));
    expect(overTheWire(saved)).toEqual(saved);
    expect(saved).toMatchObject({ settings: chosen, saved: true, notices: [], timeZone: 'America/New_York', spreadsheetTimeZone: 'Europe/London' });
    expect(saved.nextCycle).toEqual({ cycle: 1, starts: '2027-01-07', ends: '2027-03-03', meetings: 4 });
    expect(Object.keys(ws.snapshot().documentProperties)).toEqual([SETTINGS_KEY]);
    expect(JSON.parse(stored(ws))).toEqual({ version: 1, ...chosen });
    expect(execution(ws, getSettings)).toEqual(saved);
  });

  it('updates only the fields sent, keeping the others as stored', () => {
    const ws = useWorkspace();
    execution(ws, () => saveSettings({ cycleWeeks: 4, preferredWeekday: 'Fri' }));
    const view = execution(ws, () => saveSettings({ meetingMinutes: 60 }));
    expect(view.settings).toEqual({ ...DEFAULT_SETTINGS, cycleWeeks: 4, preferredWeekday: 'Fri', meetingMinutes: 60 });
  });

  it('repairs a corrupt stored document by saving over it', () => {
    const ws = useWorkspace();
    put(ws, '{oops');
    execution(ws, () => saveSettings({}));
    expect(JSON.parse(stored(ws))).toEqual({ version: 1, ...DEFAULT_SETTINGS });
    expect(execution(ws, getSettings).notices).toEqual([]);
  });

  it('refuses bad input with every problem as "Field: message", writing nothing', () => {
    const ws = useWorkspace();
    execution(ws, () => saveSettings({ cycleWeeks: 3 }));
    const before = ws.snapshot();
    const attempt = () => execution(ws, () => saveSettings({ cycleWeeks: '6', preferredTime: '25:00', titleTemplate: 'Hi {who}', hacker: 1 }));
    expect(attempt).toThrow(
      expect.objectContaining({
        name: 'UserError',
        message: [
          'The settings were not saved:',
          'Settings: unknown setting "hacker".',
          'Cycle length: must be a whole number of weeks from 1 to 12, not text.',
          'Time: must be a 24-hour time like 10:00 or 14:30.',
          'Meeting title: has an unknown placeholder {who}; use {names} or {cycle}.',
        ].join('\n'),
      }),
    );
    expect(ws.snapshot()).toEqual(before);
    expect(ws.ctx.documentLockHolder).toBeNull(); // released
  });

  it.each<[string, unknown]>([
    ['nothing', undefined],
    ['null', null],
    ['a string', 'cycleWeeks=6'],
    ['an array', [{ cycleWeeks: 6 }]],
    ['a prototype-pollution object', JSON.parse('{"__proto__":{"isAdmin":true}}')],
  ])('refuses %s', (_, input) => {
    const ws = useWorkspace();
    expect(() => execution(ws, () => saveSettings(input))).toThrow(/^The settings were not saved:\nSettings: /);
    expect(ws.snapshot().documentProperties).toEqual({});
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('is refused with a clear message, writing nothing, while another execution holds the document lock', () => {
    const ws = useWorkspace();
    execution(ws, () => saveSettings({ cycleWeeks: 3 }));
    const before = ws.snapshot();
    ws.otherExecution.holdDocumentLock();
    expect(() => execution(ws, () => saveSettings({ cycleWeeks: 9 }))).toThrow('Another change to this program is running');
    expect(ws.snapshot()).toEqual(before);
    expect(execution(ws, getSettings).settings.cycleWeeks).toBe(3); // reading needs no lock
    ws.otherExecution.releaseDocumentLock();
    expect(execution(ws, () => saveSettings({ cycleWeeks: 9 })).settings.cycleWeeks).toBe(9);
  });

  it('costs a small constant number of service calls', () => {
    const ws = useWorkspace();
    execution(ws, () => saveSettings({ cycleWeeks: 3 }));
    ws.ledger.reset();
    execution(ws, () => saveSettings({ cycleWeeks: 4, titleTemplate: 'x'.repeat(100) }));
    expect(ws.ledger.snapshot()).toEqual(SAVE_SETTINGS_CALLS);
    expect(ws.ledger.count()).toBe(11);
  });

  it('after a failure at any call, nothing or everything is saved, and a re-run saves it', () => {
    for (let k = 1; k <= 9; k++) {
      const ws = useWorkspace();
      ws.ledger.failAt(k);
      expect(() => execution(ws, () => saveSettings({ cycleWeeks: 5 }))).toThrow();
      ws.ledger.clearFaults();
      const after = stored(ws);
      expect(after === undefined || JSON.parse(after).cycleWeeks === 5).toBe(true);
      expect(ws.ctx.documentLockHolder).toBeNull();
      execution(ws, () => saveSettings({ cycleWeeks: 5 }));
      expect(execution(ws, getSettings).settings).toEqual({ ...DEFAULT_SETTINGS, cycleWeeks: 5 });
    }
  });
});

describe('settings and the cycles Rotations holds', () => {
  afterEach(() => jest.useRealTimers());

  it('the next cycle follows the last one written; a new meeting time while a cycle is booked says it applies from the next cycle', () => {
    jest.useFakeTimers({ now: new Date('2026-11-23T09:00:00Z') });
    const ws = confirmed({ n: 8, allActive: true });
    runToEnd(ws);
    jest.setSystemTime(new Date('2027-01-20T09:00:00Z'));
    const view = execution(ws, getSettings);
    expect(view.currentCycle).toMatchObject({ cycle: 1, starts: '2027-01-05', ends: '2027-02-15' });
    expect(view.nextCycle).toMatchObject({ cycle: 2, starts: '2027-02-16' });
    // A 4-week cycle length counts from the last cycle's Ends, not from cycle 1's date.
    const saved = execution(ws, () => saveSettings({ cycleWeeks: 4, preferredTime: '15:00' }));
    expect(saved.nextCycle).toMatchObject({ cycle: 2, starts: '2027-02-16', ends: '2027-03-15' });
    expect(saved.notices).toEqual(['Cycle 1 keeps the meetings it has (to 2027-02-15), as Rotations states; the new meeting time, cycle length apply from cycle 2, from 2027-02-16.']);
    // A change that does not touch the meetings says nothing of the kind.
    expect(execution(ws, () => saveSettings({ titleTemplate: 'Coaching: {names}' })).notices).toEqual([]);
  });
});
