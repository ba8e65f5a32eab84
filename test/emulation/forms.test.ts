// The emulated FormApp: forms and items with their documented checks, prefilled links, the
// spreadsheet destination and its responses sheet, a person's submission (`respond`) and the
// Sheets form-submit events it yields, FormResponse.submit() firing nothing, the ledger, snapshots.
import { createWorkspace, type Workspace, type WorkspaceSnapshot } from '../../src/local/emulation';
import { FakeFormApp, type FakeForm, type FormSubmitDelivery } from '../../src/local/emulation/forms';

const NOW = new Date('2026-11-23T15:15:00Z'); // 10:15:00 in New York

function workspace(options: { snapshot?: WorkspaceSnapshot; now?: () => Date } = {}): Workspace {
  let n = 0;
  return createWorkspace({
    timeZone: 'America/New_York',
    now: options.now ?? (() => NOW),
    uuid: () => `uuid-${++n}`,
    snapshot: options.snapshot,
  });
}

/** The feedback form the product needs: met?, a rating, what we worked on. */
function feedbackForm(ws: Workspace, options: { collectEmail?: boolean } = {}) {
  const form = ws.globals.FormApp.create('Peer coaching feedback', true);
  if (options.collectEmail) form.setCollectEmail(true);
  const met = form.addMultipleChoiceItem().setTitle('Did you meet?').setChoiceValues(['Yes', 'No']).setRequired(true);
  const rating = form.addScaleItem().setTitle('Relationship').setBounds(1, 5).setLabels('Weak', 'Strong');
  const topics = form.addCheckboxItem().setTitle('Topics').setChoiceValues(['Hiring', 'Feedback', 'Strategy']);
  const notes = form.addParagraphTextItem().setTitle('What we worked on');
  return { form, met, rating, topics, notes };
}

function link(ws: Workspace, form: FakeForm): void {
  form.setDestination(ws.globals.FormApp.DestinationType.SPREADSHEET, ws.spreadsheet.getId());
}

function installFormSubmitTrigger(ws: Workspace, handler = 'onFeedback'): string {
  return ws.globals.ScriptApp.newTrigger(handler).forSpreadsheet(ws.spreadsheet.peekId()).onFormSubmit().create().getUniqueId();
}

function responsesSheet(ws: Workspace, name = 'Form Responses 1') {
  const sheet = ws.spreadsheet.getSheetByName(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** The Error a call throws. */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

describe('FormApp: forms', () => {
  it('creates a form with an id, a separate published id, and the two URLs', () => {
    const ws = workspace();
    const form = ws.globals.FormApp.create('Feedback');
    // uuid-1 went to the spreadsheet; the form takes the next two.
    expect(form.getId()).toBe('1uuid2');
    expect(form.getTitle()).toBe('Feedback');
    expect(form.getEditUrl()).toBe('https://docs.google.com/forms/d/1uuid2/edit');
    expect(form.getPublishedUrl()).toBe('https://docs.google.com/forms/d/e/1FAIpQLSuuid3/viewform');
    expect(form.getPublishedUrl()).not.toContain(form.getId());
  });

  it('keeps the settings, with Google defaults: no email collection, accepting responses', () => {
    const ws = workspace();
    const form = ws.globals.FormApp.create('Feedback', true);
    expect(form.collectsEmail()).toBe(false);
    expect(form.isAcceptingResponses()).toBe(true);
    expect(form.getDescription()).toBe('');
    form.setTitle('Renamed').setDescription('After each session').setCollectEmail(true).setConfirmationMessage('Thanks!').setAcceptingResponses(false);
    expect([form.getTitle(), form.getDescription(), form.collectsEmail(), form.getConfirmationMessage(), form.isAcceptingResponses()]).toEqual([
      'Renamed', 'After each session', true, 'Thanks!', false,
    ]);
  });

  it('opens a form by id, by edit URL and by published URL, sharing one state', () => {
    const ws = workspace();
    const { FormApp } = ws.globals;
    const form = FormApp.create('Feedback');
    FormApp.openById(form.getId()).setTitle('Changed');
    expect(form.getTitle()).toBe('Changed');
    expect(FormApp.openByUrl(form.getEditUrl()).getId()).toBe(form.getId());
    expect(FormApp.openByUrl(form.getPublishedUrl()).getId()).toBe(form.getId());
    expect(() => FormApp.openById('nope')).toThrow(/No item with the given ID could be found/);
    expect(() => FormApp.openByUrl('https://example.com/')).toThrow(/Invalid argument: url/);
    expect(FormApp.getActiveForm()).toBeNull();
  });

  it('exposes DestinationType and ItemType as Apps Script enums', () => {
    const { FormApp } = workspace().globals;
    expect(String(FormApp.DestinationType.SPREADSHEET)).toBe('SPREADSHEET');
    expect(String(FormApp.ItemType.SCALE)).toBe('SCALE');
    expect(String(FormApp.ItemType.PARAGRAPH_TEXT)).toBe('PARAGRAPH_TEXT');
  });
});

describe('FormApp: items', () => {
  it('adds items in order, with ids, indexes and types', () => {
    const ws = workspace();
    const { form, met, rating, topics, notes } = feedbackForm(ws);
    const text = form.addTextItem().setTitle('Pair');
    const list = form.addListItem().setTitle('Cycle').setChoiceValues(['1', '2']);
    expect([met, rating, topics, notes, text, list].map((i) => i.getIndex())).toEqual([0, 1, 2, 3, 4, 5]);
    expect([met, rating, topics, notes, text, list].map((i) => String(i.getType()))).toEqual([
      'MULTIPLE_CHOICE', 'SCALE', 'CHECKBOX', 'PARAGRAPH_TEXT', 'TEXT', 'LIST',
    ]);
    const ids = form.getItems().map((i) => i.getId());
    expect(new Set(ids).size).toBe(6);
    for (const id of ids) expect(Number.isInteger(id) && id > 0).toBe(true);
    expect(form.getItems().map((i) => i.getTitle())).toEqual(['Did you meet?', 'Relationship', 'Topics', 'What we worked on', 'Pair', 'Cycle']);
  });

  it('keeps title, help text, required flag and choices', () => {
    const ws = workspace();
    const { met, notes } = feedbackForm(ws);
    notes.setHelpText('A sentence is enough');
    expect(notes.getHelpText()).toBe('A sentence is enough');
    expect(notes.isRequired()).toBe(false);
    expect(met.isRequired()).toBe(true);
    expect(met.getChoices().map((c) => c.getValue())).toEqual(['Yes', 'No']);
  });

  it('scale items start at 1–5 and take bounds lower 0 or 1, upper 3 to 10', () => {
    const ws = workspace();
    const form = ws.globals.FormApp.create('F');
    const scale = form.addScaleItem();
    expect([scale.getLowerBound(), scale.getUpperBound()]).toEqual([1, 5]);
    scale.setBounds(0, 10).setLabels('Not at all', 'Completely');
    expect([scale.getLowerBound(), scale.getUpperBound(), scale.getLeftLabel(), scale.getRightLabel()]).toEqual([0, 10, 'Not at all', 'Completely']);
    expect(() => scale.setBounds(2, 5)).toThrow(/lower bound 2/);
    expect(() => scale.setBounds(1, 2)).toThrow(/upper bound 2/);
    expect(() => scale.setBounds(1, 11)).toThrow(/upper bound 11/);
    expect([scale.getLowerBound(), scale.getUpperBound()]).toEqual([0, 10]); // unchanged by the failures
  });

  it('getItems(type) filters; getItemById finds, or gives null', () => {
    const ws = workspace();
    const { form, rating } = feedbackForm(ws);
    expect(form.getItems(ws.globals.FormApp.ItemType.SCALE).map((i) => i.getTitle())).toEqual(['Relationship']);
    expect(form.getItems(ws.globals.FormApp.ItemType.DATE)).toEqual([]);
    expect(form.getItemById(rating.getId()).getTitle()).toBe('Relationship');
    expect(form.getItemById(12345)).toBeNull();
  });

  it('casts a generic item to its own type, and throws Apps Script\'s error for another type', () => {
    const ws = workspace();
    const { form, rating } = feedbackForm(ws);
    const item = form.getItemById(rating.getId());
    expect(item.asScaleItem().getUpperBound()).toBe(5);
    const e = thrown(() => item.asListItem());
    expect(e.message).toBe('Invalid conversion for item type: SCALE');
    expect(e.name).toBe('Exception');
    expect(() => item.asTextItem()).toThrow('Invalid conversion for item type: SCALE');
    expect(() => form.getItems()[0].asMultipleChoiceItem()).not.toThrow();
    expect(() => form.getItems()[2].asCheckboxItem()).not.toThrow();
    expect(() => form.getItems()[3].asParagraphTextItem()).not.toThrow();
  });

  it('deletes items by index or by item; a deleted item refuses further calls', () => {
    const ws = workspace();
    const { form, met, topics } = feedbackForm(ws);
    form.deleteItem(topics);
    form.deleteItem(0);
    expect(form.getItems().map((i) => i.getTitle())).toEqual(['Relationship', 'What we worked on']);
    expect(() => met.getTitle()).toThrow(/deleted/);
    expect(() => form.deleteItem(5)).toThrow(/Invalid index/);
    expect(() => form.deleteItem(topics)).toThrow(/not in this form/);
  });
});

describe('FormApp: responses built by a script', () => {
  it('ItemResponse answers: scale as a string, checkboxes as an array', () => {
    const ws = workspace();
    const { rating, topics, met } = feedbackForm(ws);
    expect(rating.createResponse(4).getResponse()).toBe('4');
    expect(topics.createResponse(['Hiring', 'Strategy']).getResponse()).toEqual(['Hiring', 'Strategy']);
    expect(met.createResponse('Yes').getItem().getTitle()).toBe('Did you meet?');
  });

  it('ScaleItem.createResponse throws outside the bounds or for a fraction', () => {
    const ws = workspace();
    const { rating } = feedbackForm(ws);
    expect(() => rating.createResponse(0)).toThrow(/0 is not a whole number from 1 to 5/);
    expect(() => rating.createResponse(6)).toThrow(/6 is not a whole number from 1 to 5/);
    expect(() => rating.createResponse(2.5)).toThrow(/2.5 is not a whole number/);
    expect(() => rating.createResponse(5)).not.toThrow();
  });

  it('choice items take only their choices', () => {
    const ws = workspace();
    const { met, topics } = feedbackForm(ws);
    expect(() => met.createResponse('Maybe')).toThrow(/"Maybe" is not one of the choices/);
    expect(() => topics.createResponse(['Hiring', 'Cooking'])).toThrow(/"Cooking" is not one of the choices/);
  });

  it('builds a prefilled link: published URL, usp=pp_url, entry.<item id>=<form-encoded value> in item order', () => {
    const ws = workspace();
    const form = ws.globals.FormApp.create('F');
    const pair = form.addTextItem().setTitle('Pair');
    const cycle = form.addListItem().setTitle('Cycle').setChoiceValues(['3']);
    const topics = form.addCheckboxItem().setTitle('Topics').setChoiceValues(['A', 'B & C']);
    const url = form
      .createResponse()
      .withItemResponse(topics.createResponse(['A', 'B & C']))
      .withItemResponse(pair.createResponse('Ada Lovelace + Grace Hopper/é'))
      .withItemResponse(cycle.createResponse('3'))
      .toPrefilledUrl();
    expect(url).toBe(
      `${form.getPublishedUrl()}?usp=pp_url` +
        `&entry.${pair.getId()}=Ada+Lovelace+%2B+Grace+Hopper%2F%C3%A9` +
        `&entry.${cycle.getId()}=3` +
        `&entry.${topics.getId()}=A&entry.${topics.getId()}=B+%26+C`,
    );
  });

  it('withItemResponse replaces an earlier answer to the same item and refuses another form\'s', () => {
    const ws = workspace();
    const { form, rating } = feedbackForm(ws);
    const other = feedbackForm(ws);
    const response = form.createResponse().withItemResponse(rating.createResponse(2)).withItemResponse(rating.createResponse(5));
    expect(response.getItemResponses().map((r) => r.getResponse())).toEqual(['5']);
    expect(response.getResponseForItem(rating)?.getResponse()).toBe('5');
    expect(() => response.withItemResponse(other.rating.createResponse(1))).toThrow(/another form/);
  });

  it('submit() stores the response and writes its row, but delivers no onFormSubmit event', () => {
    const ws = workspace();
    installFormSubmitTrigger(ws);
    const { form, met, rating } = feedbackForm(ws);
    link(ws, form);
    ws.ledger.reset();
    const submitted = form.createResponse().withItemResponse(met.createResponse('Yes')).withItemResponse(rating.createResponse(3)).submit();
    expect(ws.ledger.snapshot()).toEqual({
      'Form.createResponse': 1,
      'FormResponse.submit': 1,
      'FormResponse.withItemResponse': 2,
      'MultipleChoiceItem.createResponse': 1,
      'ScaleItem.createResponse': 1,
    });
    expect(ws.forms.deliveries).toEqual([]);
    expect(submitted.getId()).toMatch(/^2_/);
    expect(submitted.getTimestamp()).toEqual(NOW);
    expect(submitted.getRespondentEmail()).toBe('');
    const sheet = responsesSheet(ws);
    expect(sheet.getRange(2, 1, 1, 5).getValues()).toEqual([[NOW, 'Yes', 3, '', '']]);
    expect(form.getResponses().map((r) => r.getId())).toEqual([submitted.getId()]);
    // The same response, submitted twice, throws.
    const draft = form.createResponse().withItemResponse(met.createResponse('No'));
    draft.submit();
    expect(() => draft.submit()).toThrow(/already been submitted/);
  });

  it('a draft has no id or timestamp yet', () => {
    const ws = workspace();
    const { form } = feedbackForm(ws);
    const draft = form.createResponse();
    expect(draft.getId()).toBeNull();
    expect(draft.getTimestamp()).toBeNull();
  });
});

describe('FormApp: the spreadsheet destination', () => {
  it('adds "Form Responses 1" as the first sheet with the header row, leaving the active sheet alone', () => {
    const ws = workspace();
    const { form } = feedbackForm(ws, { collectEmail: true });
    const active = ws.spreadsheet.getActiveSheet();
    link(ws, form);
    expect(ws.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['Form Responses 1', 'Sheet1']);
    expect(ws.spreadsheet.getActiveSheet()).toBe(active);
    expect(responsesSheet(ws).getDataRange().getValues()).toEqual([
      ['Timestamp', 'Email Address', 'Did you meet?', 'Relationship', 'Topics', 'What we worked on'],
    ]);
    expect(form.getDestinationId()).toBe(ws.spreadsheet.getId());
    expect(String(form.getDestinationType())).toBe('SPREADSHEET');
  });

  it('omits Email Address when the form does not collect emails; records only Form.setDestination', () => {
    const ws = workspace();
    const { form } = feedbackForm(ws);
    ws.ledger.reset();
    link(ws, form);
    // Spreadsheet.getId is the test's own call (link); Google's writes to the sheet are not recorded.
    expect(ws.ledger.snapshot()).toEqual({ 'Form.setDestination': 1, 'Spreadsheet.getId': 1 });
    expect(responsesSheet(ws).getRange(1, 1, 1, 5).getValues()).toEqual([['Timestamp', 'Did you meet?', 'Relationship', 'Topics', 'What we worked on']]);
  });

  it('keeps a header that looks like a date or a number as text', () => {
    const ws = workspace();
    const form = ws.globals.FormApp.create('F');
    form.addTextItem().setTitle('1/2');
    form.addTextItem().setTitle('42');
    link(ws, form);
    expect(responsesSheet(ws).getRange(1, 1, 1, 3).getValues()).toEqual([['Timestamp', '1/2', '42']]);
  });

  it('takes the next free number, and copies earlier responses into a new link', () => {
    const ws = workspace();
    ws.spreadsheet.insertSheet('Form Responses 1');
    const { form, met } = feedbackForm(ws);
    form.createResponse().withItemResponse(met.createResponse('No')).submit();
    link(ws, form);
    expect(ws.spreadsheet.getSheets()[0].getName()).toBe('Form Responses 2');
    expect(responsesSheet(ws, 'Form Responses 2').getRange(2, 1, 1, 2).getValues()).toEqual([[NOW, 'No']]);
    // Linking again makes yet another sheet, with the same rows.
    link(ws, form);
    expect(ws.spreadsheet.getSheets()[0].getName()).toBe('Form Responses 3');
    expect(responsesSheet(ws, 'Form Responses 3').getLastRow()).toBe(2);
  });

  it('refuses a spreadsheet the workspace does not hold, and an unknown type', () => {
    const ws = workspace();
    const { form } = feedbackForm(ws);
    expect(() => form.setDestination(ws.globals.FormApp.DestinationType.SPREADSHEET, 'elsewhere')).toThrow(/No spreadsheet with id elsewhere/);
    expect(() => form.setDestination('DOCUMENT' as unknown as GoogleAppsScript.Forms.DestinationType, ws.spreadsheet.getId())).toThrow(/Invalid argument: type/);
    expect(ws.spreadsheet.getNumSheets()).toBe(1);
  });

  it('removeDestination unlinks: the sheet stays, new responses no longer reach it', () => {
    const ws = workspace();
    const { form } = feedbackForm(ws);
    link(ws, form);
    form.removeDestination();
    expect(() => form.getDestinationId()).toThrow(/does not have a response destination/);
    expect(() => form.getDestinationType()).toThrow(/does not have a response destination/);
    ws.forms.respond(form.getId(), { answers: { 'Did you meet?': 'Yes' } });
    expect(responsesSheet(ws).getLastRow()).toBe(1);
    expect(form.getResponses()).toHaveLength(1);
  });

  it('appends a column for an item added later, and for a renamed item (its old column stays, blank), in item order', () => {
    const ws = workspace();
    const form = ws.globals.FormApp.create('F');
    const a = form.addTextItem().setTitle('A');
    form.addTextItem().setTitle('B');
    link(ws, form);
    ws.forms.respond(form.getId(), { answers: { A: 'a1', B: 'b1' } });
    form.addTextItem().setTitle('C');
    a.setTitle('A2');
    ws.forms.respond(form.getId(), { answers: { A2: 'a2', B: 'b2', C: 'c2' } });
    expect(responsesSheet(ws).getDataRange().getValues()).toEqual([
      ['Timestamp', 'A', 'B', 'A2', 'C'],
      [NOW, 'a1', 'b1', '', ''],
      [NOW, '', 'b2', 'a2', 'c2'],
    ]);
  });

  it('adds Email Address at the end when the form starts collecting emails after it was linked', () => {
    const ws = workspace();
    const form = ws.globals.FormApp.create('F');
    form.addTextItem().setTitle('A');
    link(ws, form);
    form.setCollectEmail(true);
    ws.forms.respond(form.getId(), { email: 'ana@example.com', answers: { A: 'a' } });
    expect(responsesSheet(ws).getDataRange().getValues()).toEqual([
      ['Timestamp', 'A', 'Email Address'],
      [NOW, 'a', 'ana@example.com'],
    ]);
  });

  it('keeps the column of a deleted item', () => {
    const ws = workspace();
    const form = ws.globals.FormApp.create('F');
    form.addTextItem().setTitle('A');
    form.addTextItem().setTitle('B');
    link(ws, form);
    form.deleteItem(0);
    ws.forms.respond(form.getId(), { answers: { B: 'b' } });
    expect(responsesSheet(ws).getDataRange().getValues()).toEqual([
      ['Timestamp', 'A', 'B'],
      [NOW, '', 'b'],
    ]);
  });
});

describe('forms.respond: a person submits the form in a browser', () => {
  function setUp(options: { collectEmail?: boolean } = {}) {
    const ws = workspace();
    const uid = installFormSubmitTrigger(ws);
    const f = feedbackForm(ws, { collectEmail: options.collectEmail ?? true });
    link(ws, f.form);
    return { ws, uid, ...f };
  }

  const answers = { 'Did you meet?': 'Yes', Relationship: 4, Topics: ['Hiring', 'Strategy'], 'What we worked on': 'Delegation' };

  it('returns one Sheets form-submit event per trigger, shaped as @types SheetsOnFormSubmit plus source', () => {
    const { ws, uid } = setUp();
    const formId = ws.forms.toJSON().forms[0].id;
    const deliveries = ws.forms.respond(formId, { email: 'ana@example.com', answers });
    expect(deliveries).toHaveLength(1);
    const [{ handler, event }] = deliveries;
    expect(handler).toBe('onFeedback');
    // Compile-time: the event is the official type; the object lists every official key, and `source`.
    const typed: GoogleAppsScript.Events.SheetsOnFormSubmit = event;
    const officialKeys: Record<keyof GoogleAppsScript.Events.SheetsOnFormSubmit, true> = {
      authMode: true, triggerUid: true, user: true, namedValues: true, range: true, values: true,
    };
    expect(Object.keys(typed).sort()).toEqual([...Object.keys(officialKeys), 'source'].sort());
    expect(event.authMode).toBe(ws.globals.ScriptApp.AuthMode.FULL);
    expect(event.triggerUid).toBe(uid);
    expect(event.user.getEmail()).toBe('owner@example.com');
    expect(event.source).toBe(ws.spreadsheet);
    expect(event.namedValues).toEqual({
      Timestamp: ['11/23/2026 10:15:00'],
      'Email Address': ['ana@example.com'],
      'Did you meet?': ['Yes'],
      Relationship: ['4'],
      Topics: ['Hiring, Strategy'],
      'What we worked on': ['Delegation'],
    });
    expect(event.values).toEqual(['11/23/2026 10:15:00', 'ana@example.com', 'Yes', '4', 'Hiring, Strategy', 'Delegation']);
    expect(event.range.getA1Notation()).toBe('A2:F2');
    expect(event.range.getSheet().getName()).toBe('Form Responses 1');
  });

  it('writes the row as a submission does: a Date timestamp, a number for the scale', () => {
    const { ws, form } = setUp();
    ws.forms.respond(form.getId(), { email: 'ana@example.com', answers });
    const sheet = responsesSheet(ws);
    expect(sheet.getRange(2, 1, 1, 6).getValues()).toEqual([[NOW, 'ana@example.com', 'Yes', 4, 'Hiring, Strategy', 'Delegation']]);
    expect(sheet.getRange(2, 1).getNumberFormat()).toBe('M/d/yyyy H:mm:ss');
    expect(sheet.getRange(2, 1).getDisplayValue()).toBe('11/23/2026 10:15:00');
  });

  it('records nothing in the ledger: the person is not the add-on', () => {
    const { ws, form } = setUp();
    const id = form.getId();
    ws.ledger.reset();
    ws.ledger.failAt(1); // would throw if respond made a recorded call
    ws.forms.respond(id, { email: 'ana@example.com', answers });
    expect(ws.ledger.count()).toBe(0);
    ws.ledger.clearFaults();
  });

  it('stores the response for FormApp: email, timestamp, answers in item order', () => {
    const { ws, form } = setUp();
    ws.forms.respond(form.getId(), { email: 'ana@example.com', answers: { 'What we worked on': 'Hiring plan', 'Did you meet?': 'No' }, at: new Date('2026-11-20T12:00:00Z') });
    const [response] = form.getResponses();
    expect(response.getRespondentEmail()).toBe('ana@example.com');
    expect(response.getTimestamp()).toEqual(new Date('2026-11-20T12:00:00Z'));
    expect(response.getItemResponses().map((r) => [r.getItem().getTitle(), r.getResponse()])).toEqual([
      ['Did you meet?', 'No'],
      ['What we worked on', 'Hiring plan'],
    ]);
    expect(form.getResponse(response.getId()).getRespondentEmail()).toBe('ana@example.com');
  });

  it('accepts answers by item id as well as by title', () => {
    const { ws, form, met, rating } = setUp({ collectEmail: false });
    ws.forms.respond(form.getId(), { answers: { [String(met.getId())]: 'Yes', [String(rating.getId())]: '5' } });
    expect(responsesSheet(ws).getRange(2, 2, 1, 2).getValues()).toEqual([['Yes', 5]]);
  });

  it('leaves optional questions blank: \'\' in the row, the values and namedValues', () => {
    const { ws, form } = setUp({ collectEmail: false });
    const [{ event }] = ws.forms.respond(form.getId(), { answers: { 'Did you meet?': 'No', Topics: [] } });
    expect(event.values).toEqual(['11/23/2026 10:15:00', 'No', '', '', '']);
    expect(event.namedValues.Topics).toEqual(['']);
  });

  it('keeps text that starts with "=" as text, and converts number-like text as typed input', () => {
    const { ws, form } = setUp({ collectEmail: false });
    const [{ event }] = ws.forms.respond(form.getId(), { answers: { 'Did you meet?': 'Yes', 'What we worked on': '=IMPORTXML("x")' } });
    ws.forms.respond(form.getId(), { answers: { 'Did you meet?': 'Yes', 'What we worked on': '42' } });
    const sheet = responsesSheet(ws);
    expect(sheet.getRange(2, 5).getValue()).toBe('=IMPORTXML("x")');
    expect(sheet.getRange(2, 5).getFormula()).toBe('');
    expect(event.namedValues['What we worked on']).toEqual(['=IMPORTXML("x")']);
    expect(sheet.getRange(3, 5).getValue()).toBe(42);
  });

  it('refuses what the form page refuses', () => {
    const { ws, form } = setUp();
    const id = form.getId();
    const ok = { email: 'ana@example.com' };
    expect(() => ws.forms.respond(id, { ...ok, answers: { Relationship: 3 } })).toThrow('Question "Did you meet?" is required');
    expect(() => ws.forms.respond(id, { ...ok, answers: { 'Did you meet?': 'Maybe' } })).toThrow(/"Maybe" is not one of the choices/);
    expect(() => ws.forms.respond(id, { ...ok, answers: { 'Did you meet?': 'Yes', Relationship: 9 } })).toThrow(/9 is not a whole number from 1 to 5/);
    expect(() => ws.forms.respond(id, { ...ok, answers: { 'Did you meet?': 'Yes', Mood: 'fine' } })).toThrow(/no question "Mood"/);
    expect(() => ws.forms.respond(id, { answers: { 'Did you meet?': 'Yes' } })).toThrow(/a valid email is required/);
    expect(() => ws.forms.respond('nope', { ...ok, answers: {} })).toThrow(/No form with id nope/);
    form.setAcceptingResponses(false);
    expect(() => ws.forms.respond(id, { ...ok, answers: { 'Did you meet?': 'Yes' } })).toThrow(/no longer accepting responses/);
    expect(form.getResponses()).toHaveLength(0);
    expect(responsesSheet(ws).getLastRow()).toBe(1);
  });

  it('refuses an email for a form that does not collect them, and any answer to an unpublished form', () => {
    const ws = workspace();
    const open = ws.globals.FormApp.create('Open');
    open.addTextItem().setTitle('Q');
    expect(() => ws.forms.respond(open.getId(), { email: 'a@example.com', answers: { Q: 'x' } })).toThrow(/does not collect emails/);
    const draft = ws.globals.FormApp.create('Draft', false);
    expect(() => ws.forms.respond(draft.getId(), { answers: {} })).toThrow(/not published/);
  });

  it('gives no event without a destination, or when no trigger watches the spreadsheet', () => {
    const ws = workspace();
    installFormSubmitTrigger(ws);
    const { form } = feedbackForm(ws);
    expect(ws.forms.respond(form.getId(), { answers: { 'Did you meet?': 'Yes' } })).toEqual([]);
    const quiet = workspace();
    const f = feedbackForm(quiet);
    link(quiet, f.form);
    expect(quiet.forms.respond(f.form.getId(), { answers: { 'Did you meet?': 'Yes' } })).toEqual([]);
    expect(responsesSheet(quiet).getLastRow()).toBe(2);
  });

  it('gives an event to every form-submit trigger of the spreadsheet, and none to other triggers', () => {
    const first = setUp({ collectEmail: false });
    first.ws.globals.ScriptApp.newTrigger('onEditHandler').forSpreadsheet(first.ws.spreadsheet.peekId()).onEdit().create();
    const snap = first.ws.snapshot();
    const base = snap.triggers[0];
    snap.triggers.push(
      { ...base, id: '2000001', handler: 'colleagueHandler', user: 'colleague@example.com' },
      { ...base, id: '2000002', handler: 'elsewhere', sourceId: 'another-spreadsheet', documentId: 'another-spreadsheet' },
    );
    const ws = workspace({ snapshot: snap });
    const formId = ws.forms.toJSON().forms[0].id;
    const deliveries = ws.forms.respond(formId, { answers: { 'Did you meet?': 'Yes' } });
    expect(deliveries.map((d) => [d.handler, d.event.triggerUid, d.event.user.getEmail()])).toEqual([
      ['onFeedback', base.id, 'owner@example.com'],
      ['colleagueHandler', '2000001', 'colleague@example.com'],
    ]);
    // Each event has its own arrays.
    expect(deliveries[0].event.values).not.toBe(deliveries[1].event.values);
    expect(deliveries[0].event.namedValues).not.toBe(deliveries[1].event.namedValues);
  });

  it('returns plain event objects a test can deliver twice, as a duplicate trigger run would', () => {
    const { ws, form } = setUp({ collectEmail: false });
    const [delivery] = ws.forms.respond(form.getId(), { answers: { 'Did you meet?': 'Yes' } });
    expect(Object.getPrototypeOf(delivery.event)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(delivery.event.namedValues)).toBe(Object.prototype);
    const seen: number[] = [];
    const handler = (e: GoogleAppsScript.Events.SheetsOnFormSubmit) => seen.push(e.range.getRow());
    handler(delivery.event);
    handler(delivery.event);
    expect(seen).toEqual([2, 2]);
    expect(ws.forms.deliveries).toEqual<FormSubmitDelivery[]>([delivery]);
  });

  it('writes each response on the next row, after rows the owner added', () => {
    const { ws, form } = setUp({ collectEmail: false });
    ws.forms.respond(form.getId(), { answers: { 'Did you meet?': 'Yes' } });
    responsesSheet(ws).getRange(5, 1).setValue('owner note');
    const [{ event }] = ws.forms.respond(form.getId(), { answers: { 'Did you meet?': 'No' } });
    expect(event.range.getRow()).toBe(6);
  });

  it('writes no row and gives no event once the owner deleted the responses sheet (the form keeps the response)', () => {
    const { ws, form } = setUp({ collectEmail: false });
    ws.spreadsheet.deleteSheet(responsesSheet(ws));
    expect(ws.forms.respond(form.getId(), { answers: { 'Did you meet?': 'Yes' } })).toEqual([]);
    expect(form.getResponses()).toHaveLength(1);
  });
});

describe('FormApp: reading responses', () => {
  it('getResponses is chronological; with a timestamp, only those after it', () => {
    let now = new Date('2026-11-23T12:00:00Z');
    const ws = workspace({ now: () => now });
    const { form } = feedbackForm(ws);
    ws.forms.respond(form.getId(), { answers: { 'Did you meet?': 'Yes' }, at: new Date('2026-11-22T12:00:00Z') });
    ws.forms.respond(form.getId(), { answers: { 'Did you meet?': 'No' }, at: new Date('2026-11-20T12:00:00Z') });
    now = new Date('2026-11-24T12:00:00Z');
    form.createResponse().withItemResponse(form.getItems()[0].asMultipleChoiceItem().createResponse('Yes')).submit();
    expect(form.getResponses().map((r) => r.getTimestamp())).toEqual([
      new Date('2026-11-20T12:00:00Z'),
      new Date('2026-11-22T12:00:00Z'),
      new Date('2026-11-24T12:00:00Z'),
    ]);
    expect(form.getResponses(new Date('2026-11-22T12:00:00Z')).map((r) => r.getTimestamp())).toEqual([new Date('2026-11-24T12:00:00Z')]);
    expect(() => form.getResponse('2_missing')).toThrow(/No response with ID 2_missing/);
  });
});

describe('FormApp: ledger and snapshots', () => {
  it('records one call per method, by class', () => {
    const ws = workspace();
    ws.ledger.reset();
    const form = ws.globals.FormApp.create('F', true);
    form.addScaleItem().setTitle('R').setBounds(1, 5);
    form.getItems()[0].asScaleItem().getTitle();
    form.createResponse().toPrefilledUrl();
    expect(ws.ledger.snapshot()).toEqual({
      'Form.addScaleItem': 1,
      'Form.createResponse': 1,
      'Form.getItems': 1,
      'FormApp.create': 1,
      'FormResponse.toPrefilledUrl': 1,
      'Item.asScaleItem': 1,
      'ScaleItem.getTitle': 1,
      'ScaleItem.setBounds': 1,
      'ScaleItem.setTitle': 1,
    });
  });

  it('an armed fault on a Forms call throws at that call', () => {
    const ws = workspace();
    const form = ws.globals.FormApp.create('F');
    ws.ledger.failAt(1, { kind: 'Form.addScaleItem' });
    expect(() => form.addScaleItem()).toThrow(/Injected fault/);
  });

  it('survives the workspace snapshot as plain JSON, and the responses sheet keeps receiving rows', () => {
    const ws = workspace();
    installFormSubmitTrigger(ws);
    const { form } = feedbackForm(ws, { collectEmail: true });
    link(ws, form);
    ws.forms.respond(form.getId(), { email: 'ana@example.com', answers: { 'Did you meet?': 'Yes', Relationship: 2 } });
    const snap = ws.snapshot();
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    expect(snap.forms?.forms).toHaveLength(1);
    const again = workspace({ snapshot: snap });
    expect(again.forms.toJSON()).toEqual(ws.forms.toJSON());
    expect(FakeFormApp.fromJSON(again.ctx, again.spreadsheet, () => [], snap.forms!).toJSON()).toEqual(snap.forms);
    const reopened = again.globals.FormApp.openById(form.getId());
    expect(reopened.getItems().map((i) => i.getTitle())).toEqual(form.getItems().map((i) => i.getTitle()));
    expect(reopened.getResponses()[0].getRespondentEmail()).toBe('ana@example.com');
    const [{ event }] = again.forms.respond(form.getId(), { email: 'bo@example.com', answers: { 'Did you meet?': 'No' } });
    expect(event.range.getA1Notation()).toBe('A3:F3');
  });

  it('loads a snapshot saved before Forms were emulated', () => {
    const snap = workspace().snapshot();
    delete snap.forms;
    const ws = workspace({ snapshot: snap });
    expect(ws.forms.toJSON()).toEqual({ forms: [] });
    expect(ws.snapshot().forms).toEqual({ forms: [] });
  });

  it('puts FormApp among the globals', () => {
    const ws = workspace();
    expect(ws.globals.FormApp).toBe(ws.forms);
  });
});
