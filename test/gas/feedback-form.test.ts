// The feedback form against the emulated Workspace (issue 6): creating and repairing the form, and
// the invitations patched with their group's prefilled link (issue 12, defect 6: any group number).
import { FEEDBACK_KEYS } from '../../src/app/feedback-shared';
import { createFeedbackForm } from '../../src/app/feedback-form';
import { confirmRotation, planRotation } from '../../src/app/plan';
import { setUp } from '../../src/app/setup';
import { seriesDescription } from '../../src/core/calendar-event';
import { FEEDBACK_FORM, groupCode, question } from '../../src/core/feedback-form';
import { invitationFeedback } from '../../src/core/feedback-link';
import { UserError } from '../../src/core/errors';
import { execution, useWorkspace } from '../support/workspace';
import { program, scheduleAll, sheetValues, groups, properties, programId, feedback, formState, formSubmitTriggers, responsesSheets, typeEventId, respond, submit, useFakeClock } from './feedback-fixtures';

useFakeClock();

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
      ['How well did this pairing work?', 'SCALE', false],
      ['Next cycle', 'MULTIPLE_CHOICE', false],
    ]);
    expect(form.items[1].choices).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);
    expect(form.items[2].choices).toEqual(['Yes', 'Rescheduled', 'No']);
    expect(form.items.filter((i) => i.type === 'SCALE').map((i) => [i.lowerBound, i.upperBound, i.leftLabel, i.rightLabel])).toEqual(
      [...Array(3).fill([1, 5, 'Not at all', 'A lot']), [1, 5, 'Not well', 'Very well']],
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

  it('a group numbered past 999 in a cycle past 999 gets its prefilled link, and its response is filed under that cycle and group (issue 12, defect 6)', () => {
    const ws = program(4);
    // Cycle 1234 with groups 1000 and 12345, as Rotations would hold them in a long-running, large program.
    ws.ledger.untracked(() => {
      const sheet = ws.spreadsheet.getSheetByName('Rotations')!;
      const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
      sheet.getRange(2, header.indexOf('Cycle') + 1, 2, 1).setValues([[1234], [1234]]);
      sheet.getRange(2, header.indexOf('Group') + 1, 2, 1).setValues([['C1234-1000'], ['C1234-12345']]);
    });
    execution(ws, createFeedbackForm);
    scheduleAll(ws);
    const gs = groups(ws);
    expect(gs.map((g) => [g.cycle, g.group])).toEqual([
      [1234, 'C1234-1000'],
      [1234, 'C1234-12345'],
    ]);
    const byId = new Map(ws.calendar.eventsOn('primary').map((e) => [e.event.id, e.event]));
    const template = properties(ws)[FEEDBACK_KEYS.prefill];
    gs.forEach((g, i) => {
      const description = byId.get(g.eventId)!.description!;
      const code = groupCode(programId(ws), g.group);
      expect(code).toBe(`${code.slice(0, 4)}-${g.group}`);
      expect(description).toContain(`After each session, one minute: ${template.replace('{group}', encodeURIComponent(code))}`);
      // What the person's browser opens: the link's prefilled answer is the code, which they submit.
      const prefilled = decodeURIComponent(/entry\.\d+=([^\s&]+)/.exec(description)![1].replace(/\+/g, ' '));
      expect(prefilled).toBe(code);
      ws.ledger.reset();
      expect(submit(ws, { email: g.members[0], at: '2027-01-12T11:00:00Z', code: prefilled, ratings: [4, 4, 4] })).toMatchObject({ status: 'added', row: i + 2, flag: '' });
    });
    expect(feedback(ws).map((r) => [r.display.Cycle, r.display.Group, r.display.Email])).toEqual(gs.map((g) => ['1234', g.group, g.members[0]]));
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
