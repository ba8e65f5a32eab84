// The feedback flow through the real build/Code.js in a node:vm realm, as the sandbox runs it:
// the form created by the bundle, a person's response delivered to the bundle's onFeedbackSubmit
// (an event object holding a live Range, values made with the realm's own Date), one Feedback row.
import { readFileSync } from 'node:fs';
import * as vm from 'node:vm';
import { createWorkspace, type Workspace } from '../../src/local/emulation';
import { loadBundle } from '../../src/local/runtime';
import { question } from '../../src/core/feedback-form';

const CODE = readFileSync('build/Code.js', 'utf8');

/**
 * One execution of `name` in a fresh realm whose Dates and Errors the emulation makes. JSON
 * arguments are made in the realm, as google.script.run's are; a trigger's event is passed as it is.
 */
function run(ws: Workspace, name: string, args: unknown[] = [], event?: unknown): unknown {
  const realm = loadBundle(CODE, ws.globals);
  const realmGlobals = vm.runInContext('({ Date: Date, Array: Array, Error: Error })', realm.context);
  ws.spreadsheet.useRealm(realmGlobals);
  ws.calendar.useRealm(realmGlobals);
  try {
    const realmArgs = event === undefined ? vm.runInContext(`JSON.parse(${JSON.stringify(JSON.stringify(args))})`, realm.context) : [event];
    return realm.call(name, realmArgs);
  } finally {
    ws.endExecution();
    ws.spreadsheet.useRealm({});
    ws.calendar.useRealm({});
  }
}

it('creates the form and files a response as one Feedback row, through the bundle', () => {
  const ws = createWorkspace({ spreadsheetName: 'Bundle feedback', now: () => new Date('2026-11-23T09:00:00Z') });
  run(ws, 'setUp');
  const roster = ws.spreadsheet.getSheetByName('Roster')!;
  roster.getRange(1, 1, 5, 2).setValues([
    ['Name', 'Email'],
    ['Ann Lee', 'ann@example.com'],
    ['Bob Stone', 'bob@example.com'],
    ['Cy Park', 'cy@example.com'],
    ['Di Moss', 'di@example.com'],
  ]);
  run(ws, 'saveSettings', [{ firstMeetingDate: '2027-01-05', findCommonTime: false }]);
  const preview = run(ws, 'planRotation', [{ seed: 'fixed' }]);
  expect((run(ws, 'confirmRotation', [preview]) as { status: string }).status).toBe('confirmed');

  const created = run(ws, 'createFeedbackForm') as { created: boolean; formUrl: string };
  expect(created.created).toBe(true);
  expect(JSON.parse(JSON.stringify(created))).toEqual(created);

  const form = ws.forms.toJSON().forms[0];
  const [delivery] = ws.forms.respond(form.id, {
    email: 'ann@example.com',
    at: new Date('2027-01-12T11:00:00Z'),
    answers: { [question('met').title]: 'Yes', [question('relationship').title]: 4, [question('coaching').title]: 5, [question('accountability').title]: 3, [question('workedOn').title]: '=1+1' },
  });
  expect(delivery.handler).toBe('onFeedbackSubmit');
  expect(run(ws, 'onFeedbackSubmit', [], delivery.event)).toMatchObject({ status: 'added', row: 2, flag: '' });
  expect(run(ws, 'onFeedbackSubmit', [], delivery.event)).toMatchObject({ status: 'duplicate', row: 2 });

  const sheet = ws.spreadsheet.getSheetByName('Feedback')!;
  const [header, row] = sheet.getDataRange().getValues();
  const record = Object.fromEntries(header.map((h: string, i: number) => [h, row[i]]));
  expect(record).toMatchObject({ Cycle: 1, Session: 2, Respondent: 'Ann Lee', Email: 'ann@example.com', Met: 'Yes', Relationship: 4, 'Worked on': '=1+1', Flag: '' });
  expect((record.Submitted as Date).toISOString()).toBe('2027-01-12T11:00:00.000Z');
  expect(sheet.getRange(2, 1, 1, header.length).getFormulas()[0].every((f: string) => f === '')).toBe(true);

  const summary = run(ws, 'refreshDashboard') as { responses: number };
  expect(summary.responses).toBe(1);
  // The three goals' trends and relationship coverage across cycles (issue 13, item 6).
  const titles = ws.spreadsheet.getSheetByName('Dashboard')!.getCharts().map((c) => c.getOptions().get('title'));
  expect(titles).toEqual([
    'Relationship across cycles (average 1-5)',
    'Coaching across cycles (average 1-5)',
    'Accountability across cycles (average 1-5)',
    'Relationship coverage across cycles',
  ]);
});
