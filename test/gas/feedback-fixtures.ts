// The feedback tests' program and people (test/gas/feedback-*.test.ts): a set-up program with a
// confirmed cycle, its sheets and document properties read without counting in the ledger, a person
// answering the form in the browser (`ws.forms.respond`) and the trigger's event delivered to
// `onFeedbackSubmit`, and the hourly tick.
import { confirmRotation, planRotation } from '../../src/app/plan';
import { scheduleStep } from '../../src/app/schedule';
import { saveSettings } from '../../src/app/settings';
import { setUp } from '../../src/app/setup';
import { onTick } from '../../src/app/tick';
import { createFeedbackForm } from '../../src/app/feedback-form';
import { onFeedbackSubmit, type FeedbackSubmitOutcome } from '../../src/app/feedback-responses';
import { groupCode, question, type QuestionKey } from '../../src/core/feedback-form';
import type { Workspace } from '../../src/local/emulation';
import type { FormSubmitDelivery } from '../../src/local/emulation/forms';
import { execution, rosterRows, useWorkspace, writeSheet } from '../support/workspace';

/** The clock of every feedback test (jest's fake timers); `useFakeClock` in each file. */
export const NOW = new Date('2026-11-23T09:00:00Z');

export function useFakeClock(): void {
  beforeEach(() => {
    jest.useFakeTimers({ now: NOW });
  });
  afterEach(() => {
    jest.useRealTimers();
  });
}

// ---- A program --------------------------------------------------------------------------------

export interface Group {
  cycle: number;
  group: string;
  members: string[];
  starts: string;
  ends: string;
  eventId: string;
}

/** A set-up program of `n` active people with a confirmed cycle 1 (2027-01-05 to 2027-02-15); the ledger reset. */
export function program(n = 4, options: { schedule?: boolean } = {}): Workspace {
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

export function scheduleAll(ws: Workspace): void {
  for (let i = 0; i < 10; i++) if (execution(ws, () => scheduleStep()).done) return;
  throw new Error('scheduling did not finish');
}

export function sheetValues(ws: Workspace, name: string) {
  return ws.ledger.untracked(() => {
    const sheet = ws.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    const range = sheet.getDataRange();
    return { values: range.getValues(), display: range.getDisplayValues(), formulas: range.getFormulas(), formats: range.getNumberFormats() };
  });
}

export function groups(ws: Workspace): Group[] {
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

export function properties(ws: Workspace): Record<string, string> {
  return ws.ledger.untracked(() => ws.globals.PropertiesService.getDocumentProperties().getProperties());
}

export const programId = (ws: Workspace) => properties(ws)['program.id'];

/** The Feedback sheet's rows as records by header (values), with their display and formulas. */
export function feedback(ws: Workspace, name = 'Feedback') {
  const { values, display, formulas } = sheetValues(ws, name);
  const [header, ...rows] = values;
  return rows.map((row, i) => ({
    value: Object.fromEntries(header.map((h: string, c: number) => [h, row[c]])) as Record<string, unknown>,
    display: Object.fromEntries(header.map((h: string, c: number) => [h, display[i + 1][c]])) as Record<string, string>,
    formulas: formulas[i + 1],
  }));
}

export function formState(ws: Workspace) {
  const forms = ws.forms.toJSON().forms;
  return { forms, form: forms[forms.length - 1] };
}

export function formSubmitTriggers(ws: Workspace) {
  return ws.snapshot().triggers.filter((t) => t.eventType === 'ON_FORM_SUBMIT');
}

export function responsesSheets(ws: Workspace) {
  return ws.ledger.untracked(() => ws.spreadsheet.getSheets().filter((s) => s.getName().startsWith('Form Responses')).map((s) => ({ id: s.getSheetId(), name: s.getName() })));
}

export function responsesSheetId(ws: Workspace, name = 'Form Responses 1'): number {
  return ws.ledger.untracked(() => ws.spreadsheet.getSheetByName(name)!.getSheetId());
}

/** Types `eventId` into the Event ID cell of Rotations row `row` (1-based, header = 1). */
export function typeEventId(ws: Workspace, row: number, eventId: string): void {
  ws.ledger.untracked(() => {
    const sheet = ws.spreadsheet.getSheetByName('Rotations')!;
    const column = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].indexOf('Event ID') + 1;
    sheet.getRange(row, column).setValue(eventId);
  });
}

/** The hourly trigger's run (a time-driven event carries a triggerUid). */
export const tick = (ws: Workspace) => execution(ws, () => onTick({ authMode: 'FULL', triggerUid: '4242' } as never));

// ---- A person answering -----------------------------------------------------------------------------

export interface Answer {
  email: string;
  at: string;
  code?: string;
  session?: string;
  met?: string;
  ratings?: [number | '', number | '', number | ''];
  workedOn?: string;
  commitment?: string;
  /** The end-of-cycle pairing rating; left out of the answers when undefined. */
  pairing?: number | '';
  /** The "Next cycle" answer (issue 13 item 4); left out of the answers when undefined. */
  nextCycle?: string;
}

/** A person submits the feedback form in the browser; the trigger deliveries Apps Script would make. */
export function respond(ws: Workspace, a: Answer): FormSubmitDelivery[] {
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
    ...(a.pairing === undefined ? {} : { [title('pairingRating')]: a.pairing }),
    ...(a.nextCycle === undefined ? {} : { [title('nextCycle')]: a.nextCycle }),
  };
  return ws.forms.respond(formState(ws).form.id, { email: a.email, answers, at: new Date(a.at) });
}

export const deliver = (ws: Workspace, d: FormSubmitDelivery): FeedbackSubmitOutcome => execution(ws, () => onFeedbackSubmit(d.event));

/** Responds and delivers the one trigger event; the outcome. */
export function submit(ws: Workspace, a: Answer): FeedbackSubmitOutcome {
  const deliveries = respond(ws, a);
  expect(deliveries.map((d) => d.handler)).toEqual(['onFeedbackSubmit']);
  return deliver(ws, deliveries[0]);
}

/** A program with its form created; the ledger reset. */
export function withForm(n = 4, options: { schedule?: boolean } = {}): { ws: Workspace; groups: Group[]; code: (g: Group) => string } {
  const ws = program(n, options);
  execution(ws, createFeedbackForm);
  ws.ledger.reset();
  const id = programId(ws);
  return { ws, groups: groups(ws), code: (g) => groupCode(id, g.group) };
}
