// Feedback against the emulated Workspace (issue 6): creating and repairing the form, the
// invitations patched with their group's prefilled link, each response filed as one normalised
// Feedback row (the catalogue of odd responses, end to end: a person submits in the browser with
// `ws.forms.respond`, the trigger's event is delivered to `onFeedbackSubmit`), what one response
// costs in service calls whatever the size of Feedback, and the Dashboard with its charts.
import {
  FEEDBACK_KEYS,
  createFeedbackForm,
  getFeedbackSummary,
  onFeedbackSubmit,
  refreshDashboard,
  refreshDashboardIfStale,
  type FeedbackSubmitOutcome,
} from '../../src/app/feedback';
import { confirmRotation, planRotation } from '../../src/app/plan';
import { scheduleStep } from '../../src/app/schedule';
import { saveSettings } from '../../src/app/settings';
import { setUp } from '../../src/app/setup';
import { onTick } from '../../src/app/tick';
import { seriesDescription } from '../../src/core/calendar-event';
import { FEEDBACK_FORM, groupCode, question, type QuestionKey } from '../../src/core/feedback-form';
import { invitationFeedback } from '../../src/core/feedback-link';
import { FEEDBACK } from '../../src/core/schema';
import type { Workspace } from '../../src/local/emulation';
import type { FormSubmitDelivery } from '../../src/local/emulation/forms';
import { UserError } from '../../src/core/errors';
import { execution, rosterRows, useWorkspace, writeSheet } from '../support/workspace';

const NOW = new Date('2026-11-23T09:00:00Z');

beforeEach(() => {
  jest.useFakeTimers({ now: NOW });
});
afterEach(() => {
  jest.useRealTimers();
});

// ---- A program --------------------------------------------------------------------------------

interface Group {
  cycle: number;
  group: string;
  members: string[];
  starts: string;
  ends: string;
  eventId: string;
}

/** A set-up program of `n` active people with a confirmed cycle 1 (2027-01-05 to 2027-02-15); the ledger reset. */
function program(n = 4, options: { schedule?: boolean } = {}): Workspace {
  const ws = useWorkspace();
  execution(ws, setUp);
  const rows = rosterRows(n);
  for (const r of rows.slice(1)) r[4] = 'Active';
  writeSheet(ws, 'Roster', rows);
  execution(ws, () => saveSettings({ firstMeetingDate: '2027-01-05', findCommonTime: false }));
  const preview = execution(ws, () => planRotation({ seed: 'fixed' }));
  expect(execution(ws, () => confirmRotation(preview)).status).toBe('confirmed');
  for (const r of rows.slice(1)) ws.calendar.addPerson(r[1]);
  if (options.schedule) scheduleAll(ws);
  ws.ledger.reset();
  return ws;
}

function scheduleAll(ws: Workspace): void {
  for (let i = 0; i < 10; i++) if (execution(ws, () => scheduleStep()).done) return;
  throw new Error('scheduling did not finish');
}

function sheetValues(ws: Workspace, name: string) {
  return ws.ledger.untracked(() => {
    const sheet = ws.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    const range = sheet.getDataRange();
    return { values: range.getValues(), display: range.getDisplayValues(), formulas: range.getFormulas(), formats: range.getNumberFormats() };
  });
}

function groups(ws: Workspace): Group[] {
  const { display } = sheetValues(ws, 'Rotations');
  const [header, ...rows] = display;
  const at = (h: string) => header.indexOf(h);
  return rows.map((r) => ({
    cycle: Number(r[at('Cycle')]),
    group: r[at('Group')],
    members: [r[at('Member 1')], r[at('Member 2')], r[at('Member 3')]].filter(Boolean),
    starts: r[at('Starts')],
    ends: r[at('Ends')],
    eventId: r[at('Event ID')],
  }));
}

function properties(ws: Workspace): Record<string, string> {
  return ws.ledger.untracked(() => ws.globals.PropertiesService.getDocumentProperties().getProperties());
}

const programId = (ws: Workspace) => properties(ws)['program.id'];

/** The Feedback sheet's rows as records by header (values), with their display and formulas. */
function feedback(ws: Workspace, name = 'Feedback') {
  const { values, display, formulas } = sheetValues(ws, name);
  const [header, ...rows] = values;
  return rows.map((row, i) => ({
    value: Object.fromEntries(header.map((h: string, c: number) => [h, row[c]])) as Record<string, unknown>,
    display: Object.fromEntries(header.map((h: string, c: number) => [h, display[i + 1][c]])) as Record<string, string>,
    formulas: formulas[i + 1],
  }));
}

function formState(ws: Workspace) {
  const forms = ws.forms.toJSON().forms;
  return { forms, form: forms[forms.length - 1] };
}

function formSubmitTriggers(ws: Workspace) {
  return ws.snapshot().triggers.filter((t) => t.eventType === 'ON_FORM_SUBMIT');
}

function responsesSheets(ws: Workspace) {
  return ws.ledger.untracked(() => ws.spreadsheet.getSheets().filter((s) => s.getName().startsWith('Form Responses')).map((s) => ({ id: s.getSheetId(), name: s.getName() })));
}

function responsesSheetId(ws: Workspace, name = 'Form Responses 1'): number {
  return ws.ledger.untracked(() => ws.spreadsheet.getSheetByName(name)!.getSheetId());
}

/** Types `eventId` into the Event ID cell of Rotations row `row` (1-based, header = 1). */
function typeEventId(ws: Workspace, row: number, eventId: string): void {
  ws.ledger.untracked(() => {
    const sheet = ws.spreadsheet.getSheetByName('Rotations')!;
    const column = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].indexOf('Event ID') + 1;
    sheet.getRange(row, column).setValue(eventId);
  });
}

/** The hourly trigger's run (a time-driven event carries a triggerUid). */
const tick = (ws: Workspace) => execution(ws, () => onTick({ authMode: 'FULL', triggerUid: '4242' } as never));

// ---- A person answering -----------------------------------------------------------------------------

interface Answer {
  email: string;
  at: string;
  code?: string;
  session?: string;
  met?: string;
  ratings?: [number | '', number | '', number | ''];
  workedOn?: string;
  commitment?: string;
}

/** A person submits the feedback form in the browser; the trigger deliveries Apps Script would make. */
function respond(ws: Workspace, a: Answer): FormSubmitDelivery[] {
  const title = (key: QuestionKey) => question(key).title;
  const [r, c, acc] = a.ratings ?? ['', '', ''];
  const answers: Record<string, string | number> = {
    [title('groupCode')]: a.code ?? '',
    [title('session')]: a.session ?? '',
    [title('met')]: a.met ?? 'Yes',
    [title('relationship')]: r,
    [title('coaching')]: c,
    [title('accountability')]: acc,
    [title('workedOn')]: a.workedOn ?? '',
    [title('commitment')]: a.commitment ?? '',
  };
  return ws.forms.respond(formState(ws).form.id, { email: a.email, answers, at: new Date(a.at) });
}

const deliver = (ws: Workspace, d: FormSubmitDelivery): FeedbackSubmitOutcome => execution(ws, () => onFeedbackSubmit(d.event));

/** Responds and delivers the one trigger event; the outcome. */
function submit(ws: Workspace, a: Answer): FeedbackSubmitOutcome {
  const deliveries = respond(ws, a);
  expect(deliveries.map((d) => d.handler)).toEqual(['onFeedbackSubmit']);
  return deliver(ws, deliveries[0]);
}

/** A program with its form created; the ledger reset. */
function withForm(n = 4, options: { schedule?: boolean } = {}): { ws: Workspace; groups: Group[]; code: (g: Group) => string } {
  const ws = program(n, options);
  execution(ws, createFeedbackForm);
  ws.ledger.reset();
  const id = programId(ws);
  return { ws, groups: groups(ws), code: (g) => groupCode(id, g.group) };
}

// ---- The form -----------------------------------------------------------------------------------------

describe('createFeedbackForm', () => {
  it('creates the form: the questions in order, emails collected, responses into a new sheet, the trigger once', () => {
    const ws = program();
    const result = execution(ws, createFeedbackForm);
    const { forms, form } = formState(ws);
    expect(forms).toHaveLength(1);
    expect(result).toMatchObject({ created: true, repaired: [], patched: 0, problems: [], formUrl: `https://docs.google.com/forms/d/e/${form.publishedId}/viewform` });
    expect(result.editUrl).toBe(`https://docs.google.com/forms/d/${form.id}/edit`);
    expect(result.message).toBe('Created the feedback form.');

    expect(form.title).toBe(FEEDBACK_FORM.title);
    expect(form.collectEmail).toBe(true);
    expect(form.items.map((i) => [i.title, i.type, i.required])).toEqual([
      ['Your group code', 'TEXT', false],
      ['Which session', 'LIST', false],
      ['Did you meet?', 'MULTIPLE_CHOICE', true],
      [question('relationship').title, 'SCALE', false],
      [question('coaching').title, 'SCALE', false],
      [question('accountability').title, 'SCALE', false],
      ['What did you work on?', 'PARAGRAPH_TEXT', false],
      ['What will you do before the next session?', 'PARAGRAPH_TEXT', false],
    ]);
    expect(form.items[1].choices).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);
    expect(form.items[2].choices).toEqual(['Yes', 'Rescheduled', 'No']);
    expect(form.items.filter((i) => i.type === 'SCALE').map((i) => [i.lowerBound, i.upperBound, i.leftLabel, i.rightLabel])).toEqual(
      Array(3).fill([1, 5, 'Not at all', 'A lot']),
    );

    // Responses go to this spreadsheet, into the new "Form Responses 1", remembered by id.
    const responses = ws.spreadsheet.getSheetByName('Form Responses 1')!;
    expect(form.destination).toMatchObject({ spreadsheetId: ws.spreadsheet.getId(), sheetId: responses.getSheetId() });
    const props = properties(ws);
    expect(props[FEEDBACK_KEYS.responsesSheetId]).toBe(String(responses.getSheetId()));
    expect(props[FEEDBACK_KEYS.responsesSheetName]).toBe('Form Responses 1');
    expect(props[FEEDBACK_KEYS.formId]).toBe(form.id);

    // The prefilled-link template: the group code's entry holds the placeholder, once.
    expect(props[FEEDBACK_KEYS.prefill]).toBe(`https://docs.google.com/forms/d/e/${form.publishedId}/viewform?usp=pp_url&entry.${form.items[0].id}={group}`);

    expect(formSubmitTriggers(ws)).toEqual([expect.objectContaining({ handler: 'onFeedbackSubmit', source: 'SPREADSHEETS', sourceId: ws.spreadsheet.getId() })]);
  });

  it('run again, it creates nothing and changes nothing', () => {
    const ws = program();
    execution(ws, createFeedbackForm);
    const before = ws.snapshot();
    ws.ledger.reset();
    const again = execution(ws, createFeedbackForm);
    expect(again).toMatchObject({ created: false, repaired: [], patched: 0, problems: [], message: 'The feedback form is in order.' });
    const after = ws.snapshot();
    expect(after.forms).toEqual(before.forms);
    expect(after.triggers).toEqual(before.triggers);
    expect(after.spreadsheet).toEqual(before.spreadsheet);
    expect(after.documentProperties).toEqual(before.documentProperties);
    expect(ws.ledger.count('FormApp.create')).toBe(0);
    expect(ws.ledger.count('Form.setDestination')).toBe(0);
    expect(ws.ledger.count('ScriptApp.newTrigger')).toBe(0);
  });

  it('repairs the form: a deleted question comes back (once), a retitled one and changed choices are put back, email collection on', () => {
    const ws = program();
    execution(ws, createFeedbackForm);
    const original = formState(ws).form;
    ws.ledger.untracked(() => {
      const form = ws.globals.FormApp.openById(original.id);
      const items = form.getItems();
      form.deleteItem(items[2]); // Did you meet?
      items[1].asListItem().setChoiceValues(['1', '2']);
      items[3].asScaleItem().setTitle('Relationship?').setBounds(0, 10);
      form.setCollectEmail(false);
      form.addTextItem().setTitle('Owner’s own question');
    });
    const result = execution(ws, createFeedbackForm);
    expect(result.created).toBe(false);
    expect(result.repaired).toEqual([
      'collects respondents’ emails again',
      'fixed “Which session” (choices)',
      'added “Did you meet?”',
      `fixed “${question('relationship').title}” (title, scale)`,
    ]);
    const { forms, form } = formState(ws);
    expect(forms).toHaveLength(1);
    expect(form.id).toBe(original.id);
    expect(form.collectEmail).toBe(true);
    // Every question exactly once; the re-added one is at the end, the owner's question stays.
    for (const q of FEEDBACK_FORM.questions) expect(form.items.filter((i) => i.title === q.title)).toHaveLength(1);
    expect(form.items.map((i) => i.title).slice(-2)).toEqual(['Owner’s own question', 'Did you meet?']);
    expect(form.items.find((i) => i.title === 'Which session')!.choices).toHaveLength(12);
    expect(form.items.find((i) => i.title === question('relationship').title)).toMatchObject({ id: original.items[3].id, lowerBound: 1, upperBound: 5 });
    expect(form.items.find((i) => i.title === 'Did you meet?')).toMatchObject({ required: true, choices: ['Yes', 'Rescheduled', 'No'] });
    // Same responses sheet, same trigger.
    expect(ws.spreadsheet.getSheets().filter((s) => s.getName().startsWith('Form Responses'))).toHaveLength(1);
    expect(formSubmitTriggers(ws)).toHaveLength(1);
    // The stored item ids follow the new item.
    expect(JSON.parse(properties(ws)[FEEDBACK_KEYS.items]).met).toBe(form.items[form.items.length - 1].id);
  });

  it('a form that can no longer be opened is replaced by a new one; the old responses sheet stays as it was', () => {
    const ws = program();
    execution(ws, createFeedbackForm);
    const old = formState(ws).form;
    respond(ws, { email: 'm1@example.com', at: '2027-01-05T12:00:00Z' });
    const oldSheet = sheetValues(ws, 'Form Responses 1');
    ws.forms.forms.splice(0, 1); // deleted in Drive: openById throws
    const result = execution(ws, createFeedbackForm);
    expect(result.created).toBe(true);
    const { forms, form } = formState(ws);
    expect(forms).toHaveLength(1);
    expect(form.id).not.toBe(old.id);
    expect(properties(ws)[FEEDBACK_KEYS.responsesSheetName]).toBe('Form Responses 2');
    expect(sheetValues(ws, 'Form Responses 1')).toEqual(oldSheet);
    expect(formSubmitTriggers(ws)).toHaveLength(1);
  });

  it('a deleted responses sheet: the form sends its responses to a new one', () => {
    const ws = program();
    execution(ws, createFeedbackForm);
    ws.ledger.untracked(() => ws.spreadsheet.deleteSheet(ws.spreadsheet.getSheetByName('Form Responses 1')!));
    const result = execution(ws, createFeedbackForm);
    expect(result.repaired).toEqual(['sends its responses to a new sheet, “Form Responses 1” (the add-on’s responses sheet was gone)']);
    const sheet = ws.spreadsheet.getSheetByName('Form Responses 1')!;
    expect(properties(ws)[FEEDBACK_KEYS.responsesSheetId]).toBe(String(sheet.getSheetId()));
    expect(formState(ws).form.destination!.sheetId).toBe(sheet.getSheetId());
  });

  it('a failure at any call of the first run, then a second click: one form, one responses sheet, every question once', () => {
    const clean = program();
    execution(clean, createFeedbackForm);
    const calls = clean.ledger.count();
    expect(calls).toBeGreaterThan(50);
    const spec = {
      forms: 1,
      title: FEEDBACK_FORM.title,
      description: FEEDBACK_FORM.description,
      confirmationMessage: FEEDBACK_FORM.confirmationMessage,
      collectEmail: true,
      items: FEEDBACK_FORM.questions.map((q) => q.title),
      responsesSheets: 1,
      linked: true,
      triggers: 1,
      problems: [],
    };
    for (let k = 1; k <= calls; k++) {
      const ws = program();
      ws.ledger.failAt(k);
      try {
        execution(ws, createFeedbackForm);
      } catch {
        // the fault, wherever it struck
      }
      ws.ledger.clearFaults();
      const again = execution(ws, createFeedbackForm);
      const { forms, form } = formState(ws);
      const props = properties(ws);
      const sheets = responsesSheets(ws);
      expect({
        k,
        forms: forms.length,
        title: form.title,
        description: form.description,
        confirmationMessage: form.confirmationMessage,
        collectEmail: form.collectEmail,
        items: form.items.map((i) => i.title),
        responsesSheets: sheets.length,
        linked: props[FEEDBACK_KEYS.formId] === form.id && form.destination?.sheetId === sheets[0]?.id && props[FEEDBACK_KEYS.responsesSheetId] === String(sheets[0]?.id),
        triggers: formSubmitTriggers(ws).length,
        problems: again.problems,
      }).toEqual({ k, ...spec });
      expect(props[FEEDBACK_KEYS.prefill]).toBe(`https://docs.google.com/forms/d/e/${form.publishedId}/viewform?usp=pp_url&entry.${form.items[0].id}={group}`);
    }
  });

  it('a form that cannot be opened for another reason than "not found" is not replaced: the error shows, nothing is created', () => {
    const ws = program();
    execution(ws, createFeedbackForm);
    const before = ws.snapshot();
    ws.ledger.failAt(1, { kind: 'FormApp.openById', error: new Error('Service Forms failed while accessing document.') });
    expect(() => execution(ws, createFeedbackForm)).toThrow('Service Forms failed while accessing document.');
    const after = ws.snapshot();
    expect(after.forms).toEqual(before.forms);
    expect(after.spreadsheet).toEqual(before.spreadsheet);
    expect(after.documentProperties).toEqual(before.documentProperties);
    expect(execution(ws, createFeedbackForm)).toMatchObject({ created: false, message: 'The feedback form is in order.' });
  });

  it('on a copy of the spreadsheet (its document properties copied with it), the original’s form is left alone and a new one made', () => {
    const original = program();
    execution(original, createFeedbackForm);
    respond(original, { email: 'm1@example.com', at: '2027-01-05T12:00:00Z' });
    const saved = original.snapshot();
    const originalForm = saved.forms!.forms[0];
    const copyId = `${saved.spreadsheet.id}copy`;
    // Triggers are not copied with a spreadsheet; document properties are.
    const copy = useWorkspace({ snapshot: { ...saved, spreadsheet: { ...saved.spreadsheet, id: copyId }, triggers: [] } });
    execution(copy, setUp);
    expect(properties(copy)['program.id']).not.toBe(saved.documentProperties['program.id']);
    const result = execution(copy, createFeedbackForm);
    expect(result.created).toBe(true);
    const forms = copy.forms.toJSON().forms;
    expect(forms).toHaveLength(2);
    expect(forms[0]).toEqual(originalForm); // still the original's, sending there
    expect(forms[1].destination).toMatchObject({ spreadsheetId: copyId });
    expect(properties(copy)[FEEDBACK_KEYS.formId]).toBe(forms[1].id);
    expect(formSubmitTriggers(copy)).toEqual([expect.objectContaining({ sourceId: copyId })]);
  });

  it('needs a set-up spreadsheet', () => {
    useWorkspace();
    expect(() => createFeedbackForm()).toThrow(UserError);
  });
});

// ---- Invitations -----------------------------------------------------------------------------------

describe('the invitations carry their group’s prefilled link', () => {
  it('created after scheduling, the form patches every series of the running cycle once, without emailing anyone', () => {
    const ws = program(6, { schedule: true });
    const before = groups(ws);
    expect(before.every((g) => g.eventId !== '')).toBe(true);
    for (const e of ws.calendar.eventsOn('primary')) expect(e.event.description).not.toContain('After each session, one minute');

    const result = execution(ws, createFeedbackForm);
    expect(result.patched).toBe(3);
    expect(result.message).toBe('Created the feedback form; 3 invitations now carry their group’s feedback link.');
    expect(ws.ledger.count('Calendar.Events.patch')).toBe(3);
    const patches = ws.calendar.insertedResources().filter((r) => r.method === 'patch');
    expect(patches.map((p) => p.optionalArgs)).toEqual(Array(3).fill({ sendUpdates: 'none' }));
    expect(patches.map((p) => Object.keys(p.resource))).toEqual(Array(3).fill(['description']));

    const template = properties(ws)[FEEDBACK_KEYS.prefill];
    const byId = new Map(ws.calendar.eventsOn('primary').map((e) => [e.event.id, e.event]));
    for (const g of before) {
      const code = groupCode(programId(ws), g.group);
      const link = template.replace('{group}', encodeURIComponent(code));
      const description = byId.get(g.eventId)!.description!;
      expect(description).toContain(`After each session, one minute: ${link}`);
      expect(description).toContain(`Group ${code}`);
      // The same text scheduling writes into a new invitation.
      expect(description).toBe(seriesDescription({ meetings: 6, ...invitationFeedback(template, programId(ws), g.group) }));
      // The guests see it in their own calendars.
      expect(ws.calendar.eventsOn(g.members[0])[0].event.description).toBe(description);
    }

    ws.ledger.reset();
    expect(execution(ws, createFeedbackForm).patched).toBe(0);
    expect(ws.ledger.count('Calendar.*')).toBe(0);
  });

  it('created before scheduling, the form’s link goes into each new invitation (the same description)', () => {
    const ws = program(6);
    expect(execution(ws, createFeedbackForm).patched).toBe(0);
    scheduleAll(ws);
    const template = properties(ws)[FEEDBACK_KEYS.prefill];
    const byId = new Map(ws.calendar.eventsOn('primary').map((e) => [e.event.id, e.event]));
    for (const g of groups(ws)) {
      expect(byId.get(g.eventId)!.description).toBe(seriesDescription({ meetings: 6, ...invitationFeedback(template, programId(ws), g.group) }));
    }
    ws.ledger.reset();
    expect(execution(ws, createFeedbackForm).patched).toBe(0);
    expect(ws.ledger.count('Calendar.Events.patch')).toBe(0);
  });

  it('an invitation Calendar does not know is skipped; one Calendar refuses is reported and tried again next time', () => {
    const ws = program(6, { schedule: true });
    const [a, b] = groups(ws);
    // Row 2's Event ID no longer names an event (Calendar answers 404).
    ws.ledger.untracked(() => {
      const sheet = ws.spreadsheet.getSheetByName('Rotations')!;
      const column = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].indexOf('Event ID') + 1;
      sheet.getRange(2, column).setValue('unknownevent12345');
    });
    expect(groups(ws)[0].eventId).toBe('unknownevent12345');
    expect(a.eventId).not.toBe('unknownevent12345');
    ws.calendar.loseNextResponse('patch');
    const first = execution(ws, createFeedbackForm);
    expect(first.patched).toBe(1);
    expect(first.problems).toEqual([expect.stringMatching(/^The invitation of C1-0\d could not be updated: /)]);
    expect(properties(ws)[FEEDBACK_KEYS.patched]).toBeUndefined();
    const second = execution(ws, createFeedbackForm);
    expect(second).toMatchObject({ patched: 2, problems: [] });
    expect(JSON.parse(properties(ws)[FEEDBACK_KEYS.patched])).toEqual({ template: properties(ws)[FEEDBACK_KEYS.prefill], cycles: [1] });
    expect(b.eventId).not.toBe('');
  });

  it('only a group’s own invitation is patched: another event’s id typed into Event ID is left alone', () => {
    const ws = program(6, { schedule: true });
    const [a, b, c] = groups(ws);
    const personal = ws.ledger.untracked(() =>
      ws.globals.Calendar.Events.insert(
        { summary: 'Dentist', description: 'Bring the X-rays', start: { dateTime: '2027-01-07T10:00:00Z' }, end: { dateTime: '2027-01-07T11:00:00Z' } },
        'primary',
      ),
    );
    typeEventId(ws, 2, personal.id!); // a's row: the owner's own event
    typeEventId(ws, 3, c.eventId); // b's row: c's invitation
    const result = execution(ws, createFeedbackForm);
    expect(result).toMatchObject({ patched: 1, problems: [] });
    expect(ws.calendar.insertedResources().filter((r) => r.method === 'patch').map((r) => r.eventId)).toEqual([c.eventId]);
    const template = properties(ws)[FEEDBACK_KEYS.prefill];
    const byId = new Map(ws.calendar.eventsOn('primary').map((e) => [e.event.id, e.event]));
    expect(byId.get(personal.id!)!.description).toBe('Bring the X-rays');
    expect(byId.get(c.eventId)!.description).toBe(seriesDescription({ meetings: 6, ...invitationFeedback(template, programId(ws), c.group) }));
    expect(byId.get(a.eventId)!.description).not.toContain(template.slice(0, 40));
    expect(byId.get(b.eventId)!.description).not.toContain(template.slice(0, 40));
  });

  it('a running cycle keeps its links when the next one was confirmed and booked early: every cycle not yet ended is patched', () => {
    const ws = program(4, { schedule: true });
    const preview = execution(ws, () => planRotation({ seed: 'fixed' }));
    expect(execution(ws, () => confirmRotation(preview)).status).toBe('confirmed');
    scheduleAll(ws);
    const all = groups(ws);
    expect(all.map((g) => [g.cycle, g.eventId !== ''])).toEqual([[1, true], [1, true], [2, true], [2, true]]);
    const result = execution(ws, createFeedbackForm);
    expect(result.patched).toBe(4);
    const template = properties(ws)[FEEDBACK_KEYS.prefill];
    const byId = new Map(ws.calendar.eventsOn('primary').map((e) => [e.event.id, e.event]));
    for (const g of all) expect(byId.get(g.eventId)!.description).toBe(seriesDescription({ meetings: 6, ...invitationFeedback(template, programId(ws), g.group) }));
    ws.ledger.reset();
    expect(execution(ws, createFeedbackForm).patched).toBe(0);
    expect(ws.ledger.count('Calendar.*')).toBe(0);
  });

  it('a cycle that has ended is not patched', () => {
    const ws = program(4, { schedule: true });
    const preview = execution(ws, () => planRotation({ seed: 'fixed' }));
    expect(execution(ws, () => confirmRotation(preview)).status).toBe('confirmed');
    scheduleAll(ws);
    const all = groups(ws);
    expect(all[0].ends).toBe('2027-02-15');
    jest.setSystemTime(new Date('2027-02-16T09:00:00Z'));
    expect(execution(ws, createFeedbackForm).patched).toBe(2);
    expect(ws.calendar.insertedResources().filter((r) => r.method === 'patch').map((r) => r.eventId)).toEqual(all.filter((g) => g.cycle === 2).map((g) => g.eventId));
  });

  it('invitations are patched outside the document lock (a response arriving meanwhile is not refused)', () => {
    const ws = program(6, { schedule: true });
    const holders: Array<string | null> = [];
    const patch = ws.calendar.Events.patch.bind(ws.calendar.Events);
    const spy = jest.spyOn(ws.calendar.Events, 'patch').mockImplementation((...args) => {
      holders.push(ws.ctx.documentLockHolder);
      return patch(...args);
    });
    try {
      expect(execution(ws, createFeedbackForm).patched).toBe(3);
    } finally {
      spy.mockRestore();
    }
    expect(holders).toEqual([null, null, null]);
    expect(JSON.parse(properties(ws)[FEEDBACK_KEYS.patched])).toEqual({ template: properties(ws)[FEEDBACK_KEYS.prefill], cycles: [1] });
  });
});

// ---- Responses ---------------------------------------------------------------------------------------

describe('onFeedbackSubmit', () => {
  it('files a response as one normalised row, and leaves the responses sheet as Google wrote it', () => {
    const { ws, groups: gs, code } = withForm();
    const g = gs[0];
    const [me, partner] = g.members;
    const responsesBefore = (() => {
      respond(ws, { email: 'm9@example.com', at: '2027-01-05T12:00:00Z' }); // not delivered: nobody else files it
      return sheetValues(ws, 'Form Responses 1');
    })();
    const deliveries = respond(ws, { email: me, at: '2027-01-12T11:00:00Z', code: code(g), session: '2', met: 'Yes', ratings: [4, 5, 3], workedOn: 'Delegation', commitment: 'Ask two questions first' });
    const sheetAfterGoogle = sheetValues(ws, 'Form Responses 1');
    expect(sheetAfterGoogle.values).toHaveLength(responsesBefore.values.length + 1);
    const outcome = deliver(ws, deliveries[0]);
    const key = `${responsesSheetId(ws)}!3@2027-01-12T11:00:00Z`;
    expect(outcome).toEqual({ status: 'added', key, row: 2, flag: '' });
    expect(sheetValues(ws, 'Form Responses 1')).toEqual(sheetAfterGoogle);

    const rows = feedback(ws);
    expect(rows).toHaveLength(1);
    const nameOf = (email: string) => `Manager ${email.slice(1, email.indexOf('@'))}`;
    expect(rows[0].display).toEqual({
      Submitted: '2027-01-12 11:00',
      Cycle: '1',
      Group: g.group,
      Session: '2',
      Respondent: nameOf(me),
      Email: me,
      Partners: nameOf(partner),
      Met: 'Yes',
      Relationship: '4',
      Coaching: '5',
      Accountability: '3',
      'Worked on': 'Delegation',
      Commitment: 'Ask two questions first',
      Flag: '',
      Key: key,
    });
    expect(rows[0].value.Submitted).toEqual(new Date('2027-01-12T11:00:00Z'));
    expect(rows[0].value.Relationship).toBe(4);
  });

  describe('the catalogue of odd responses', () => {
    it('an unknown email: kept, no respondent name, flagged', () => {
      const { ws, groups: gs, code } = withForm();
      expect(submit(ws, { email: 'stranger@elsewhere.org', at: '2027-01-12T11:00:00Z', code: code(gs[0]), ratings: [3, 3, 3] })).toMatchObject({
        status: 'added',
        flag: `unknown respondent; not a member of ${gs[0].group}`,
      });
      const [row] = feedback(ws);
      expect(row.display).toMatchObject({ Respondent: '', Email: 'stranger@elsewhere.org', Group: gs[0].group, Partners: gs[0].members.map((m) => `Manager ${m.slice(1, m.indexOf('@'))}`).join(', ') });
    });

    it('a blank group code: the group is found from the email and the date, and the session from the date', () => {
      const { ws, groups: gs } = withForm();
      const g = gs[1];
      expect(submit(ws, { email: g.members[1], at: '2027-01-20T09:00:00Z', ratings: [5, 5, 5] })).toMatchObject({ status: 'added', flag: '' });
      expect(feedback(ws)[0].display).toMatchObject({ Group: g.group, Session: '3', Cycle: '1' });
    });

    it('a group code of another program: flagged, and the group found from the email and the date', () => {
      const { ws, groups: gs } = withForm();
      const g = gs[0];
      const foreign = groupCode('another-program', g.group);
      const outcome = submit(ws, { email: g.members[0], at: '2027-01-12T11:00:00Z', code: foreign, ratings: [4, 4, 4] });
      expect(outcome).toMatchObject({ status: 'added', flag: `group code of another program (${foreign})` });
      expect(feedback(ws)[0].display.Group).toBe(g.group);
    });

    it('a group code of another cycle: the group is kept and the response flagged', () => {
      const { ws, groups: gs, code } = withForm();
      const g = gs[0];
      // Cycle 2, two weeks after cycle 1 ended; an old invitation's link.
      const preview = execution(ws, () => planRotation({ seed: 'fixed' }));
      expect(execution(ws, () => confirmRotation(preview)).status).toBe('confirmed');
      expect(g.ends).toBe('2027-02-15');
      const outcome = submit(ws, { email: g.members[0], at: '2027-03-01T11:00:00Z', code: code(g), ratings: [4, 4, 4] });
      expect(outcome).toMatchObject({ status: 'added', flag: `group ${g.group} is from cycle 1, which ended on 2027-02-15` });
      expect(feedback(ws)[0].display).toMatchObject({ Group: g.group, Cycle: '1' });
    });

    it('the same delivery twice gives one row (and the duplicate writes nothing)', () => {
      const { ws, groups: gs, code } = withForm();
      const [d] = respond(ws, { email: gs[0].members[0], at: '2027-01-12T11:00:00Z', code: code(gs[0]), ratings: [4, 4, 4] });
      expect(deliver(ws, d)).toMatchObject({ status: 'added', row: 2 });
      ws.ledger.reset();
      expect(deliver(ws, d)).toEqual({ status: 'duplicate', key: `${responsesSheetId(ws)}!2@2027-01-12T11:00:00Z`, row: 2 });
      expect(ws.ledger.count('Range.setValues') + ws.ledger.count('Range.setNumberFormats')).toBe(0);
      // A duplicate costs 22 calls: everything up to the key lookup (the row's timestamp is part of
      // the key), and the found cell's row.
      expect(ws.ledger.snapshot()).toEqual({
        'SpreadsheetApp.flush': 1, // before the lock is released
        'Lock.releaseLock': 1,
        'Lock.tryLock': 1,
        'LockService.getDocumentLock': 1,
        'Properties.getProperties': 1,
        'PropertiesService.getDocumentProperties': 1,
        'Range.createTextFinder': 1,
        'Range.getDisplayValues': 1,
        'Range.getRow': 2,
        'Range.getSheet': 1,
        'Range.getValues': 1,
        'Sheet.getLastColumn': 1,
        'Sheet.getLastRow': 1,
        'Sheet.getRange': 2,
        'Sheet.getSheetId': 1,
        'Spreadsheet.getSheetById': 1,
        'SpreadsheetApp.getActiveSpreadsheet': 1,
        'TextFinder.findNext': 1,
        'TextFinder.matchCase': 1,
        'TextFinder.matchEntireCell': 1,
      });
      expect(feedback(ws)).toHaveLength(1);
      // A later response is a new row.
      expect(submit(ws, { email: gs[0].members[1], at: '2027-01-12T12:00:00Z', code: code(gs[0]), ratings: [4, 4, 4] })).toMatchObject({ status: 'added', row: 3 });
      expect(feedback(ws)).toHaveLength(2);
    });

    it.each([
      ['=IMPORTDATA("https://evil.example/x")', '@channel ping'],
      ['+1 call each week', '-5 minutes of small talk'],
      ['-5', '=1+1'],
    ])('texts starting with =, +, -, @ stay text: %s / %s', (workedOn, commitment) => {
      const { ws, groups: gs, code } = withForm();
      submit(ws, { email: gs[0].members[0], at: '2027-01-12T11:00:00Z', code: code(gs[0]), ratings: [4, 4, 4], workedOn, commitment });
      const [row] = feedback(ws);
      expect(row.formulas.every((f) => f === '')).toBe(true);
      expect(row.value['Worked on']).toBe(workedOn);
      expect(row.value.Commitment).toBe(commitment);
      expect(row.display['Worked on']).toBe(workedOn);
      const formats = sheetValues(ws, 'Feedback').formats[1];
      const at = (h: string) => FEEDBACK.columns.findIndex((c) => c.header === h);
      expect([formats[at('Worked on')], formats[at('Commitment')], formats[at('Flag')], formats[at('Key')]]).toEqual(['@', '@', '@', '@']);
    });

    it('missing ratings: blank cells (never 0), flagged', () => {
      const { ws, groups: gs, code } = withForm();
      expect(submit(ws, { email: gs[0].members[0], at: '2027-01-12T11:00:00Z', code: code(gs[0]), met: 'Yes', ratings: [4, '', ''] })).toMatchObject({
        flag: 'no rating for Coaching, Accountability',
      });
      const [row] = feedback(ws);
      expect([row.value.Relationship, row.value.Coaching, row.value.Accountability]).toEqual([4, '', '']);
    });

    it('“did not meet” with ratings: the ratings are kept and the response flagged', () => {
      const { ws, groups: gs, code } = withForm();
      expect(submit(ws, { email: gs[0].members[0], at: '2027-01-12T11:00:00Z', code: code(gs[0]), met: 'No', ratings: [2, 3, 1] })).toMatchObject({
        flag: 'did not meet, but gave ratings',
      });
      const [row] = feedback(ws);
      expect(row.display).toMatchObject({ Met: 'No', Relationship: '2', Coaching: '3', Accountability: '1' });
    });

    it('a response after the cycle ended: kept for its group, flagged', () => {
      const { ws, groups: gs, code } = withForm();
      expect(submit(ws, { email: gs[0].members[0], at: '2027-02-18T11:00:00Z', code: code(gs[0]), ratings: [4, 4, 4] })).toMatchObject({
        flag: 'sent after cycle 1 ended (on 2027-02-15)',
      });
      expect(feedback(ws)[0].display).toMatchObject({ Group: gs[0].group, Cycle: '1', Session: '6' });
      // Without a code, the late response still finds the group it belongs to.
      submit(ws, { email: gs[0].members[1], at: '2027-02-18T12:00:00Z', ratings: [4, 4, 4] });
      expect(feedback(ws)[1].display).toMatchObject({ Group: gs[0].group, Flag: 'sent after cycle 1 ended (on 2027-02-15)' });
    });

    it('a text over 50,000 characters is kept, cut with a visible marker naming the full answer’s row', () => {
      const { ws, groups: gs, code } = withForm();
      const base = { email: gs[0].members[0], at: '2027-01-12T11:00:00Z', code: code(gs[0]), ratings: [4, 4, 4] as [number, number, number] };
      // What the emulated responses sheet does: a cell holds 50,000 characters at most, so Google
      // cannot write a longer answer there, and no trigger fires for it.
      expect(() => respond(ws, { ...base, workedOn: 'x'.repeat(50_001) })).toThrow('Your input contains more than the maximum of 50000 characters in a single cell.');
      // 50,000 characters starting with "+" fit the responses sheet, but not with the apostrophe
      // that keeps them text: cut.
      const long = `+${'a'.repeat(49_999)}`;
      expect(submit(ws, { ...base, workedOn: long })).toMatchObject({ status: 'added', flag: '' });
      const [row] = feedback(ws);
      const cell = row.value['Worked on'] as string;
      expect(cell.length).toBeLessThanOrEqual(50_000);
      expect(cell.startsWith('+aaa')).toBe(true);
      expect(cell).toMatch(/… \[cut: \d+ more characters; the full answer is in Form Responses 1 row 2\]$/);
      expect(row.formulas.every((f) => f === '')).toBe(true);
      // An event carrying a longer answer than a cell holds (Google's event is not bound by the sheet).
      const [d] = respond(ws, { ...base, workedOn: 'short' });
      const event = { ...d.event, namedValues: { ...d.event.namedValues, [question('workedOn').title]: ['y'.repeat(60_000)] } };
      expect(execution(ws, () => onFeedbackSubmit(event))).toMatchObject({ status: 'added', row: 3 });
      const second = feedback(ws)[1].value['Worked on'] as string;
      expect(second).toHaveLength(50_000);
      expect(second).toMatch(/^y+… \[cut: 10,0\d\d more characters; the full answer is in Form Responses 1 row 3\]$/);
    });
  });

  it('a renamed Feedback sheet is found by its id; a deleted one is recreated, laid out, and remembered', () => {
    const { ws, groups: gs, code } = withForm();
    const g = gs[0];
    ws.ledger.untracked(() => ws.spreadsheet.getSheetByName('Feedback')!.setName('Responses (clean)'));
    submit(ws, { email: g.members[0], at: '2027-01-12T11:00:00Z', code: code(g), ratings: [4, 4, 4] });
    expect(ws.spreadsheet.getSheetByName('Feedback')).toBeNull();
    expect(feedback(ws, 'Responses (clean)')).toHaveLength(1);

    ws.ledger.untracked(() => ws.spreadsheet.deleteSheet(ws.spreadsheet.getSheetByName('Responses (clean)')!));
    expect(submit(ws, { email: g.members[1], at: '2027-01-12T12:00:00Z', code: code(g), ratings: [3, 3, 3] })).toMatchObject({ status: 'added', row: 2 });
    const made = ws.spreadsheet.getSheetByName('Feedback')!;
    const { values, formats } = sheetValues(ws, 'Feedback');
    expect(values[0]).toEqual(FEEDBACK.columns.map((c) => c.header));
    expect(values).toHaveLength(2);
    expect(formats[1][2]).toBe('@');
    expect(made.getFrozenRows()).toBe(1);
    expect(JSON.parse(properties(ws)['program.sheetIds']).Feedback).toBe(made.getSheetId());
    // The form's responses are all still in its own sheet.
    expect(sheetValues(ws, 'Form Responses 1').values).toHaveLength(3);
  });

  it('a response of another form in the same spreadsheet is ignored', () => {
    const { ws } = withForm();
    const other = ws.ledger.untracked(() => {
      const form = ws.globals.FormApp.create('Team lunch');
      form.addTextItem().setTitle('Your group code');
      form.setDestination(ws.globals.FormApp.DestinationType.SPREADSHEET, ws.spreadsheet.getId());
      return form.getId();
    });
    const deliveries = ws.forms.respond(other, { answers: { 'Your group code': 'pizza' }, at: new Date('2027-01-12T11:00:00Z') });
    expect(deliveries).toHaveLength(1);
    expect(deliver(ws, deliveries[0])).toEqual({ status: 'ignored', reason: 'a response of another form' });
    expect(feedback(ws)).toHaveLength(0);
  });

  it('refuses what is not a form-submit event, calling no service', () => {
    const { ws, groups: gs, code } = withForm();
    const [d] = respond(ws, { email: gs[0].members[0], at: '2027-01-12T11:00:00Z', code: code(gs[0]), ratings: [4, 4, 4] });
    const garbage: Array<[unknown, string]> = [
      [undefined, 'not a form-submit event'],
      [null, 'not a form-submit event'],
      [42, 'not a form-submit event'],
      ['Form Responses 1!2', 'not a form-submit event'],
      [[d.event], 'not a form-submit event'],
      [{}, 'the event has no namedValues'],
      [{ namedValues: [] }, 'the event has no namedValues'],
      [{ namedValues: {}, range: d.event.range }, 'the event’s namedValues are not a form’s answers'],
      [{ namedValues: { Timestamp: [new Date()] }, range: d.event.range }, 'the answer to “Timestamp” is not text'],
      [{ namedValues: d.event.namedValues }, 'the event has no range'],
      [{ namedValues: d.event.namedValues, range: 'A2:K2' }, 'the event has no range'],
      [{ namedValues: d.event.namedValues, range: { getSheet: 1, getRow: 2, getValues: 3 } }, 'the event has no range'],
    ];
    ws.ledger.reset();
    for (const [event, reason] of garbage) {
      expect(execution(ws, () => onFeedbackSubmit(event as never))).toEqual({ status: 'ignored', reason });
    }
    expect(ws.ledger.count()).toBe(0);

    // Shaped like one but unreadable, or not a response row: refused under the lock, nothing written.
    const broken = { namedValues: d.event.namedValues, range: { getSheet: () => { throw new Error('gone'); }, getRow: () => 2, getValues: () => [[]] } };
    expect(execution(ws, () => onFeedbackSubmit(broken as never))).toEqual({ status: 'ignored', reason: 'the event’s range cannot be read' });
    const header = { ...d.event, range: d.event.range.getSheet().getRange(1, 1, 1, 3) };
    expect(execution(ws, () => onFeedbackSubmit(header))).toEqual({ status: 'ignored', reason: 'the event’s range is not a response row' });
    expect(feedback(ws)).toHaveLength(0);
    expect(ws.ledger.count('Range.setValues')).toBe(0);
    // The real event still files.
    expect(deliver(ws, d)).toMatchObject({ status: 'added' });
  });

  it('before the form exists, a form-submit event is ignored', () => {
    const ws = program();
    const form = ws.ledger.untracked(() => {
      const f = ws.globals.FormApp.create('Made by hand');
      f.addTextItem().setTitle('Anything');
      f.setDestination(ws.globals.FormApp.DestinationType.SPREADSHEET, ws.spreadsheet.getId());
      ws.globals.ScriptApp.newTrigger('onFeedbackSubmit').forSpreadsheet(ws.spreadsheet.peekId()).onFormSubmit().create();
      return f.getId();
    });
    const [d] = ws.forms.respond(form, { answers: { Anything: 'hello' } });
    expect(deliver(ws, d)).toEqual({ status: 'ignored', reason: 'there is no feedback form yet' });
  });

  it('while another execution holds the lock, the handler fails and the response waits in the responses sheet; a later delivery files it', () => {
    const { ws, groups: gs, code } = withForm();
    const [d] = respond(ws, { email: gs[0].members[0], at: '2027-01-12T11:00:00Z', code: code(gs[0]), ratings: [4, 4, 4] });
    ws.otherExecution.holdDocumentLock();
    expect(() => deliver(ws, d)).toThrow(UserError);
    ws.otherExecution.releaseDocumentLock();
    expect(feedback(ws)).toHaveLength(0);
    expect(sheetValues(ws, 'Form Responses 1').values).toHaveLength(2);
    expect(deliver(ws, d)).toMatchObject({ status: 'added' });
  });

  it('a row Google reuses after the owner deleted rows in the responses sheet is a new response, not a duplicate', () => {
    const { ws, groups: gs, code } = withForm();
    const [first] = respond(ws, { email: gs[0].members[0], at: '2027-01-12T11:00:00Z', code: code(gs[0]), ratings: [4, 4, 4] });
    expect(deliver(ws, first)).toMatchObject({ status: 'added', row: 2 });
    ws.ledger.untracked(() => ws.spreadsheet.getSheetByName('Form Responses 1')!.deleteRow(2));
    const [second] = respond(ws, { email: gs[0].members[1], at: '2027-01-13T11:00:00Z', code: code(gs[0]), ratings: [2, 2, 2] });
    expect(ws.ledger.untracked(() => second.event.range.getRow())).toBe(2); // Google's next free row: the same number
    expect(deliver(ws, second)).toMatchObject({ status: 'added', row: 3 });
    expect(deliver(ws, second)).toMatchObject({ status: 'duplicate', row: 3 });
    const rows = feedback(ws);
    expect(rows.map((r) => [r.display.Email, r.display.Relationship])).toEqual([
      [gs[0].members[0], '4'],
      [gs[0].members[1], '2'],
    ]);
    const id = responsesSheetId(ws);
    expect(rows.map((r) => r.value.Key)).toEqual([`${id}!2@2027-01-12T11:00:00Z`, `${id}!2@2027-01-13T11:00:00Z`]);
  });

  it('the key names the responses sheet by id: renamed between two deliveries, the response is still one row', () => {
    const { ws, groups: gs, code } = withForm();
    const [d] = respond(ws, { email: gs[0].members[0], at: '2027-01-12T11:00:00Z', code: code(gs[0]), ratings: [4, 4, 4] });
    const key = `${responsesSheetId(ws)}!2@2027-01-12T11:00:00Z`;
    expect(deliver(ws, d)).toEqual({ status: 'added', key, row: 2, flag: '' });
    ws.ledger.untracked(() => ws.spreadsheet.getSheetByName('Form Responses 1')!.setName('Answers as Google wrote them'));
    expect(deliver(ws, d)).toEqual({ status: 'duplicate', key, row: 2 });
    expect(feedback(ws)).toHaveLength(1);
  });

  it.each([' Form Responses 1', '=Responses', "'Responses'", '+1 responses'])('a responses sheet named %j: the same delivery twice is one row', (name) => {
    const { ws, groups: gs, code } = withForm();
    ws.ledger.untracked(() => ws.spreadsheet.getSheetByName('Form Responses 1')!.setName(name));
    const [d] = respond(ws, { email: gs[0].members[0], at: '2027-01-12T11:00:00Z', code: code(gs[0]), ratings: [4, 4, 4] });
    expect(deliver(ws, d)).toMatchObject({ status: 'added', row: 2 });
    expect(deliver(ws, d)).toMatchObject({ status: 'duplicate', row: 2 });
    expect(feedback(ws)).toHaveLength(1);
  });

  it('a response refused while another run held the lock is filed by the next hourly tick, exactly once', () => {
    const { ws, groups: gs, code } = withForm();
    const g = gs[0];
    const [d] = respond(ws, { email: g.members[0], at: '2027-01-12T11:00:00Z', code: code(g), session: '2', ratings: [4, 5, 3], workedOn: '=Delegation' });
    ws.otherExecution.holdDocumentLock();
    expect(() => deliver(ws, d)).toThrow(UserError);
    ws.otherExecution.releaseDocumentLock();
    expect(feedback(ws)).toHaveLength(0);

    tick(ws);
    const rows = feedback(ws);
    expect(rows).toHaveLength(1);
    expect(rows[0].display).toMatchObject({
      Submitted: '2027-01-12 11:00',
      Cycle: '1',
      Group: g.group,
      Session: '2',
      Email: g.members[0],
      Met: 'Yes',
      Relationship: '4',
      Coaching: '5',
      Accountability: '3',
      'Worked on': '=Delegation',
      Flag: '',
      Key: `${responsesSheetId(ws)}!2@2027-01-12T11:00:00Z`,
    });
    expect(rows[0].formulas.every((f) => f === '')).toBe(true);

    // Nothing more: a second tick files nothing, a late redelivery is the duplicate.
    tick(ws);
    expect(feedback(ws)).toHaveLength(1);
    expect(deliver(ws, d)).toMatchObject({ status: 'duplicate', row: 2 });
    // A response filed by its trigger is not filed again by the tick.
    expect(submit(ws, { email: g.members[1], at: '2027-01-12T12:00:00Z', code: code(g), ratings: [3, 3, 3] })).toMatchObject({ status: 'added', row: 3 });
    tick(ws);
    expect(feedback(ws)).toHaveLength(2);
  });

  it('the tick also files a missed response in a row Google reused after the owner deleted rows', () => {
    const { ws, groups: gs, code } = withForm();
    const g = gs[0];
    submit(ws, { email: g.members[0], at: '2027-01-12T11:00:00Z', code: code(g), ratings: [4, 4, 4] });
    submit(ws, { email: g.members[1], at: '2027-01-12T12:00:00Z', code: code(g), ratings: [3, 3, 3] });
    tick(ws);
    expect(feedback(ws)).toHaveLength(2);
    ws.ledger.untracked(() => ws.spreadsheet.getSheetByName('Form Responses 1')!.deleteRows(2, 2));
    const [d] = respond(ws, { email: g.members[0], at: '2027-01-19T11:00:00Z', code: code(g), ratings: [5, 5, 5] });
    ws.otherExecution.holdDocumentLock();
    expect(() => deliver(ws, d)).toThrow(UserError);
    ws.otherExecution.releaseDocumentLock();
    tick(ws);
    expect(feedback(ws).map((r) => r.display.Relationship)).toEqual(['4', '3', '5']);
    tick(ws);
    expect(feedback(ws)).toHaveLength(3);
  });

  // The ledger per response: what filing one response costs, by kind. The same for 10 and for
  // 2,000 rows already in Feedback (nothing is read from Feedback but its header row; the key is
  // looked up by a TextFinder).
  const LEDGER_PER_RESPONSE = {
    'SpreadsheetApp.flush': 1, // before the lock is released
    'Lock.releaseLock': 1,
    'Lock.tryLock': 1,
    'LockService.getDocumentLock': 1,
    'PropertiesService.getDocumentProperties': 1,
    'Properties.getProperties': 1,
    'SpreadsheetApp.getActiveSpreadsheet': 1,
    'Range.getSheet': 1,
    'Range.getRow': 1,
    'Sheet.getSheetId': 1,
    'Sheet.getName': 1,
    'Spreadsheet.getSheetById': 3,
    'Sheet.getLastColumn': 1,
    'Sheet.getRange': 3,
    'Range.getDisplayValues': 1,
    'Sheet.getLastRow': 1,
    'Range.createTextFinder': 1,
    'TextFinder.matchCase': 1,
    'TextFinder.matchEntireCell': 1,
    'TextFinder.findNext': 1,
    'Range.getValues': 3,
    'Spreadsheet.getSpreadsheetTimeZone': 1,
    'Spreadsheet.getId': 1,
    'Sheet.getDataRange': 2,
    'Sheet.getMaxRows': 1,
    'Range.setNumberFormats': 1,
    'Range.setValues': 1,
  };

  it.each([10, 2000])('files one response at a constant cost in service calls, with %i rows in Feedback', (existing) => {
    const { ws, groups: gs, code } = withForm(20);
    ws.ledger.untracked(() => {
      const sheet = ws.spreadsheet.getSheetByName('Feedback')!;
      if (existing + 1 > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), existing + 1 - sheet.getMaxRows() + 10);
      const rows = Array.from({ length: existing }, (_, i) => FEEDBACK.columns.map((c) => (c.header === 'Key' ? `Old responses!${i + 2}` : c.header === 'Email' ? `old${i}@example.com` : '')));
      sheet.getRange(2, 1, existing, rows[0].length).setValues(rows);
    });
    const [d] = respond(ws, { email: gs[0].members[0], at: '2027-01-12T11:00:00Z', code: code(gs[0]), ratings: [4, 4, 4] });
    ws.ledger.reset();
    expect(deliver(ws, d)).toMatchObject({ status: 'added', row: existing + 2 });
    const counts = ws.ledger.snapshot();
    if (existing === 10) console.log(`The ledger per response (${ws.ledger.count()} calls):\n${JSON.stringify(counts, null, 2)}`);
    expect(counts).toEqual(Object.fromEntries(Object.entries(LEDGER_PER_RESPONSE).sort(([a], [b]) => (a < b ? -1 : 1))));
    expect(ws.ledger.count()).toBe(Object.values(LEDGER_PER_RESPONSE).reduce((a, b) => a + b, 0));
    expect(feedback(ws)).toHaveLength(existing + 1);
  });
});

// ---- The Dashboard -------------------------------------------------------------------------------------

describe('refreshDashboard', () => {
  /** Two groups of two; responses in cycle 1; today 2027-01-20 (three sessions passed). */
  function answered() {
    const { ws, groups: gs, code } = withForm(4);
    const [g1, g2] = gs;
    submit(ws, { email: g1.members[0], at: '2027-01-05T15:00:00Z', code: code(g1), session: '1', ratings: [4, 4, 4] });
    submit(ws, { email: g1.members[0], at: '2027-01-12T15:00:00Z', code: code(g1), session: '2', ratings: [5, 3, 4] });
    submit(ws, { email: g1.members[1], at: '2027-01-05T16:00:00Z', code: code(g1), session: '1', ratings: [2, 2, 2] });
    submit(ws, { email: 'stranger@elsewhere.org', at: '2027-01-06T16:00:00Z', code: code(g1), session: '1', ratings: [1, 1, 1] });
    jest.setSystemTime(new Date('2027-01-20T12:00:00Z'));
    ws.ledger.reset();
    return { ws, g1, g2 };
  }

  it('writes one row per cycle as values and draws three trend charts; again, still three', () => {
    const { ws, g2 } = answered();
    const summary = execution(ws, refreshDashboard);
    const names = (g: Group) => g.members.map((m) => `Manager ${m.slice(1, m.indexOf('@'))}`).join(', ');
    const { display, values, formulas } = sheetValues(ws, 'Dashboard');
    expect(display).toEqual([
      ['Cycle', 'Starts', 'Groups', 'Sessions held', 'Response rate', 'Relationship', 'Coaching', 'Accountability', 'Quiet groups'],
      ['1', '2027-01-05', '2', '2', '25%', '3.7', '3.0', '3.3', `${g2.group} (${names(g2)})`],
    ]);
    expect(values[1][4]).toBe(0.25);
    expect(values[1][5]).toBe(3.67);
    expect(formulas.flat().every((f) => f === '')).toBe(true);

    expect(summary).toMatchObject({
      form: { url: expect.stringMatching(/^https:\/\/docs\.google\.com\/forms\/d\/e\/.+\/viewform$/) },
      today: '2027-01-20',
      latest: { cycle: 1, running: true, groups: 2, sessionsHeld: 2, received: 3, expected: 12, responseRate: 0.25, averages: { relationship: 3.67, coaching: 3, accountability: 3.33 } },
      trend: [{ cycle: 1, starts: '2027-01-05', responseRate: 0.25, relationship: 3.67, coaching: 3, accountability: 3.33 }],
      quietGroups: [{ groupId: g2.group, sessionsPassed: 3, lastResponse: null }],
      responses: 4,
      flagged: 1,
      message: '4 responses, 1 flagged.',
    });
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);

    const charts = () => ws.ledger.untracked(() => ws.spreadsheet.getSheetByName('Dashboard')!.getCharts());
    const first = charts();
    expect(first).toHaveLength(3);
    const sheetId = ws.spreadsheet.getSheetByName('Dashboard')!.getSheetId();
    expect(first.map((c) => ws.ledger.untracked(() => [c.getOptions().get('title'), c.spec.chartType, c.spec.ranges]))).toEqual([
      ['Relationship across cycles (average 1-5)', 'LINE', [{ sheetId, row: 1, column: 1, numRows: 2, numColumns: 1 }, { sheetId, row: 1, column: 6, numRows: 2, numColumns: 1 }]],
      ['Coaching across cycles (average 1-5)', 'LINE', [{ sheetId, row: 1, column: 1, numRows: 2, numColumns: 1 }, { sheetId, row: 1, column: 7, numRows: 2, numColumns: 1 }]],
      ['Accountability across cycles (average 1-5)', 'LINE', [{ sheetId, row: 1, column: 1, numRows: 2, numColumns: 1 }, { sheetId, row: 1, column: 8, numRows: 2, numColumns: 1 }]],
    ]);
    expect(first.map((c) => c.spec.options['vAxis.viewWindow.min'])).toEqual([1, 1, 1]);

    // Again: the same three charts, updated in place.
    execution(ws, refreshDashboard);
    const second = charts();
    expect(second.map((c) => c.spec.chartId)).toEqual(first.map((c) => c.spec.chartId));
    expect(ws.ledger.count('Sheet.insertChart')).toBe(3);
    expect(ws.ledger.count('Sheet.updateChart')).toBe(3);

    // A chart the owner deleted comes back; a copy of one is removed.
    ws.ledger.untracked(() => {
      const sheet = ws.spreadsheet.getSheetByName('Dashboard')!;
      sheet.removeChart(sheet.getCharts()[1]);
      const title = sheet.getCharts()[0].getOptions().get('title');
      sheet.insertChart(sheet.newChart().setChartType(ws.globals.Charts.ChartType.LINE).addRange(sheet.getRange('A1:B2')).setOption('title', title).build());
      expect(sheet.getCharts()).toHaveLength(3);
    });
    execution(ws, refreshDashboard);
    const third = charts();
    expect(third).toHaveLength(3);
    expect(third.map((c) => c.getOptions().get('title')).sort()).toEqual(first.map((c) => c.getOptions().get('title')).sort());
    // The kept ones are the add-on's own (remembered ids), pointed at the rows again.
    expect(third.map((c) => c.spec.chartId)).toEqual(expect.arrayContaining([first[0].spec.chartId, first[2].spec.chartId]));
    expect(third.every((c) => c.spec.ranges.length === 2 && c.spec.ranges[1].numRows === 2)).toBe(true);
    expect(Object.values(JSON.parse(properties(ws)[FEEDBACK_KEYS.charts])).sort()).toEqual(third.map((c) => c.spec.chartId).sort());
  });

  it('a new cycle adds a row and the charts take it in', () => {
    const { ws } = answered();
    execution(ws, refreshDashboard);
    const preview = execution(ws, () => planRotation({ seed: 'fixed' }));
    expect(execution(ws, () => confirmRotation(preview)).status).toBe('confirmed');
    execution(ws, refreshDashboard);
    const { display } = sheetValues(ws, 'Dashboard');
    expect(display.map((r) => r.slice(0, 3))).toEqual([
      ['Cycle', 'Starts', 'Groups'],
      ['1', '2027-01-05', '2'],
      ['2', '2027-02-16', '2'],
    ]);
    const charts = ws.ledger.untracked(() => ws.spreadsheet.getSheetByName('Dashboard')!.getCharts());
    expect(charts).toHaveLength(3);
    expect(charts.every((c) => c.spec.ranges.every((r) => r.numRows === 3))).toBe(true);
  });

  it('getFeedbackSummary gives the same figures and writes nothing', () => {
    const { ws } = answered();
    const refreshed = execution(ws, refreshDashboard);
    ws.ledger.reset();
    const before = ws.snapshot();
    expect(execution(ws, getFeedbackSummary)).toEqual(refreshed);
    expect(ws.snapshot()).toEqual(before);
    expect(Object.keys(ws.ledger.snapshot()).filter((k) => /\.(set|insert|remove|update|delete|clear)/.test(k))).toEqual([]);
  });

  it('before the form: the summary says so', () => {
    const ws = program();
    expect(execution(ws, getFeedbackSummary)).toMatchObject({ form: null, responses: 0, flagged: 0, latest: null, message: 'No feedback form yet.' });
  });

  it('refreshDashboardIfStale refreshes after a response or a new day, and not otherwise', () => {
    const { ws, g1 } = answered();
    expect(execution(ws, refreshDashboardIfStale)).toBe(true);
    ws.ledger.reset();
    expect(execution(ws, refreshDashboardIfStale)).toBe(false);
    expect(ws.ledger.count('Range.getValues')).toBe(0);
    expect(ws.ledger.count('Range.setValues')).toBe(0);
    submit(ws, { email: g1.members[1], at: '2027-01-20T11:00:00Z', ratings: [5, 5, 5] });
    expect(execution(ws, refreshDashboardIfStale)).toBe(true);
    expect(sheetValues(ws, 'Dashboard').display[1][3]).toBe('3');
    expect(execution(ws, refreshDashboardIfStale)).toBe(false);
    jest.setSystemTime(new Date('2027-01-21T12:00:00Z'));
    expect(execution(ws, refreshDashboardIfStale)).toBe(true);
  });
});

// ---- The hourly tick ---------------------------------------------------------------------------------

describe('onTick', () => {
  it('does nothing unless its time-driven trigger calls it (google.script.run can call it too)', () => {
    const { ws, groups: gs, code } = withForm();
    const [d] = respond(ws, { email: gs[0].members[0], at: '2027-01-12T11:00:00Z', code: code(gs[0]), ratings: [4, 4, 4] });
    ws.otherExecution.holdDocumentLock();
    expect(() => deliver(ws, d)).toThrow(UserError);
    ws.otherExecution.releaseDocumentLock();
    ws.ledger.reset();
    for (const e of [undefined, null, 'tick', 42, {}, { triggerUid: 42 }, { triggerUid: null }, [{ triggerUid: '1' }]]) {
      expect(execution(ws, () => onTick(e as never))).toBeUndefined();
    }
    expect(ws.ledger.count()).toBe(0);
    expect(feedback(ws)).toHaveLength(0);
    tick(ws);
    expect(feedback(ws)).toHaveLength(1);
  });
});
