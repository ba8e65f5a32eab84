// The feedback form (FormApp): created once, then found again by id and repaired question by
// question against the spec in src/core/feedback-form.ts; linked to the spreadsheet (Google adds a
// "Form Responses N" sheet, which the add-on only ever reads); the prefilled link.
// https://developers.google.com/apps-script/reference/forms
import type { FeedbackFormSpec, FormQuestion, QuestionKey, QuestionType } from '../core/feedback-form';
import { normaliseHeader } from '../core/schema';

type Form = GoogleAppsScript.Forms.Form;
type Item = GoogleAppsScript.Forms.Item;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Question =
  | GoogleAppsScript.Forms.TextItem
  | GoogleAppsScript.Forms.ParagraphTextItem
  | GoogleAppsScript.Forms.ListItem
  | GoogleAppsScript.Forms.MultipleChoiceItem
  | GoogleAppsScript.Forms.ScaleItem;

/** The form's item type for each question type of the spec. */
const ITEM_TYPE: Readonly<Record<QuestionType, string>> = {
  text: 'TEXT',
  paragraph: 'PARAGRAPH_TEXT',
  list: 'LIST',
  multipleChoice: 'MULTIPLE_CHOICE',
  scale: 'SCALE',
};

/** The form, or null when it was deleted or this user can no longer open it. */
export function openForm(id: string): Form | null {
  if (!id) return null;
  try {
    return FormApp.openById(id);
  } catch {
    return null;
  }
}

/** A new form with the spec's title, description, confirmation message, collecting emails; no questions yet. */
export function createForm(spec: FeedbackFormSpec): Form {
  return FormApp.create(spec.title)
    .setDescription(spec.description)
    .setConfirmationMessage(spec.confirmationMessage)
    .setCollectEmail(spec.collectEmail);
}

/** Makes the form collect respondents' emails (the Feedback row's respondent); true when it had to. */
export function ensureCollectsEmail(form: Form): boolean {
  if (form.collectsEmail()) return false;
  form.setCollectEmail(true);
  return true;
}

export function isAcceptingResponses(form: Form): boolean {
  return form.isAcceptingResponses();
}

export function formId(form: Form): string {
  return form.getId();
}

/** The respondents' link and the owner's editing link. */
export function formUrls(form: Form): { published: string; edit: string } {
  return { published: form.getPublishedUrl(), edit: form.getEditUrl() };
}

function asQuestion(item: Item, type: QuestionType): Question {
  switch (type) {
    case 'text':
      return item.asTextItem();
    case 'paragraph':
      return item.asParagraphTextItem();
    case 'list':
      return item.asListItem();
    case 'multipleChoice':
      return item.asMultipleChoiceItem();
    case 'scale':
      return item.asScaleItem();
  }
}

function addQuestion(form: Form, type: QuestionType): Question {
  switch (type) {
    case 'text':
      return form.addTextItem();
    case 'paragraph':
      return form.addParagraphTextItem();
    case 'list':
      return form.addListItem();
    case 'multipleChoice':
      return form.addMultipleChoiceItem();
    case 'scale':
      return form.addScaleItem();
  }
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Gives an item what the spec says: title, help text, required, choices, bounds and labels. Every
 * value is read first and written only when it differs (`fresh`: a new item, written without
 * reading). Returns what it fixed, in words.
 */
function shape(question: Question, q: FormQuestion, fresh: boolean): string[] {
  const fixed: string[] = [];
  if (fresh || question.getTitle() !== q.title) {
    question.setTitle(q.title);
    fixed.push('title');
  }
  if (fresh || question.getHelpText() !== q.helpText) {
    question.setHelpText(q.helpText);
    fixed.push('help text');
  }
  if (fresh || question.isRequired() !== q.required) {
    question.setRequired(q.required);
    fixed.push(q.required ? 'made it required' : 'made it optional');
  }
  if (q.choices && (q.type === 'list' || q.type === 'multipleChoice')) {
    const item = question as GoogleAppsScript.Forms.ListItem | GoogleAppsScript.Forms.MultipleChoiceItem;
    if (fresh || !sameList(item.getChoices().map((c) => c.getValue()), q.choices)) {
      item.setChoiceValues(q.choices.slice());
      fixed.push('choices');
    }
  }
  if (q.type === 'scale' && q.bounds && q.labels) {
    const item = question as GoogleAppsScript.Forms.ScaleItem;
    if (fresh || item.getLowerBound() !== q.bounds.low || item.getUpperBound() !== q.bounds.high) {
      item.setBounds(q.bounds.low, q.bounds.high);
      fixed.push('scale');
    }
    if (fresh || item.getLeftLabel() !== q.labels.low || item.getRightLabel() !== q.labels.high) {
      item.setLabels(q.labels.low, q.labels.high);
      fixed.push('scale labels');
    }
  }
  return fixed;
}

export interface QuestionsResult {
  /** Question key → the form's item id for it. */
  itemIds: Record<QuestionKey, number>;
  /** One phrase per repair, like `added "Did you meet?"` (empty for a new form). */
  repaired: string[];
}

/**
 * Makes the form hold every question of the spec, each exactly once. A question is found by the
 * item id remembered for it (the owner may have retitled it), else by its title (case and spaces
 * aside), provided the item has the question's type; an item is used for one question at most.
 * A question not found is added at the end of the form (Forms has no way to put an item back at
 * its place that the emulation covers; the order is cosmetic, the answers are read by title).
 * Items that are not the spec's questions (the owner's own) are left as they are.
 */
export function ensureQuestions(form: Form, spec: FeedbackFormSpec, remembered: Partial<Record<QuestionKey, number>>, fresh: boolean): QuestionsResult {
  const items = fresh ? [] : form.getItems().map((item) => ({ item, id: item.getId(), type: String(item.getType()), title: item.getTitle() }));
  const claimed = new Set<number>();
  const itemIds = {} as Record<QuestionKey, number>;
  const repaired: string[] = [];
  for (const q of spec.questions) {
    const type = ITEM_TYPE[q.type];
    const free = items.filter((i) => !claimed.has(i.id) && i.type === type);
    const found = free.find((i) => i.id === remembered[q.key]) ?? free.find((i) => normaliseHeader(i.title) === normaliseHeader(q.title));
    if (found) {
      claimed.add(found.id);
      itemIds[q.key] = found.id;
      const fixed = shape(asQuestion(found.item, q.type), q, false);
      if (fixed.length) repaired.push(`fixed “${q.title}” (${fixed.join(', ')})`);
      continue;
    }
    const added = addQuestion(form, q.type);
    shape(added, q, true);
    itemIds[q.key] = added.getId();
    if (!fresh) repaired.push(`added “${q.title}”`);
  }
  return { itemIds, repaired };
}

/** The id of the spreadsheet the form sends its responses to, or null when it sends them nowhere. */
export function destinationId(form: Form): string | null {
  try {
    return String(FormApp.DestinationType.SPREADSHEET) === String(form.getDestinationType()) ? form.getDestinationId() : null;
  } catch {
    return null; // no destination: Apps Script throws rather than returning null
  }
}

/**
 * Sends the form's responses to the spreadsheet. Google adds a new "Form Responses N" sheet (and
 * copies the responses so far into it); it is found as the sheet that was not there before.
 * Returns its id and name, or null when the new sheet cannot be seen yet.
 */
export function linkToSpreadsheet(form: Form, ss: Spreadsheet): { id: number; name: string } | null {
  const before = new Set(ss.getSheets().map((s) => s.getSheetId()));
  form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
  SpreadsheetApp.flush();
  for (const sheet of ss.getSheets()) {
    const id = sheet.getSheetId();
    if (!before.has(id)) return { id, name: sheet.getName() };
  }
  return null;
}

/** A prefilled link answering the text question `itemId` with `answer` (Forms encodes it). */
export function prefilledUrl(form: Form, itemId: number, answer: string): string {
  const item = form.getItemById(itemId).asTextItem();
  return form.createResponse().withItemResponse(item.createResponse(answer)).toPrefilledUrl();
}
