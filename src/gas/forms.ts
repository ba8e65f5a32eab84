// The feedback form (FormApp): created once, then found again by id and repaired question by
// question against the spec in src/core/feedback-form.ts; linked to the spreadsheet (Google adds a
// "Form Responses N" sheet, which the add-on only ever reads); the prefilled link. Reads and setters
// are tried again when Forms fails for a moment (retry.ts); creating the form, adding an item and
// linking the responses (each link makes a new sheet) are not: the next run finishes those.
// https://developers.google.com/apps-script/reference/forms
import type { FeedbackFormSpec, FormQuestion, QuestionKey, QuestionType } from '../core/feedback-form';
import { normaliseHeader } from '../core/schema';
import { retryTransient as retried } from './retry';

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

const messageOf = (error: unknown): string => String((error as { message?: unknown } | null)?.message ?? error);

/**
 * What FormApp says when a form is gone or not shared with this user ("No item with the given ID
 * could be found, or you do not have permission to access it."). Not "You do not have permission
 * to call FormApp.openById" (the script's authorization), nor a service failing for a while.
 */
const FORM_GONE = /no item with the given id|could not be found|not found|does not exist|has been deleted|permission to access|access denied/i;

/**
 * The form, or null when it was deleted or this user can no longer open it. Any other error (a
 * service failing for a while, missing authorization) is thrown: taking the form for gone would
 * make a second one.
 */
export function openForm(id: string): Form | null {
  if (!id) return null;
  try {
    return retried(() => FormApp.openById(id));
  } catch (error) {
    if (FORM_GONE.test(messageOf(error))) return null;
    throw error;
  }
}

/** A new form with the spec's title only (one call): its id is to be remembered before anything else. */
export function createForm(spec: FeedbackFormSpec): Form {
  return FormApp.create(spec.title);
}

/** Gives the form the spec's description and confirmation message, and email collection. */
export function describeForm(form: Form, spec: FeedbackFormSpec): void {
  retried(() => form.setDescription(spec.description));
  retried(() => form.setConfirmationMessage(spec.confirmationMessage));
  retried(() => form.setCollectEmail(spec.collectEmail));
}

/** Makes the form collect respondents' emails (the Feedback row's respondent); true when it had to. */
export function ensureCollectsEmail(form: Form): boolean {
  if (retried(() => form.collectsEmail())) return false;
  retried(() => form.setCollectEmail(true));
  return true;
}

export function isAcceptingResponses(form: Form): boolean {
  return retried(() => form.isAcceptingResponses());
}

export function formId(form: Form): string {
  return retried(() => form.getId());
}

/** The respondents' link and the owner's editing link. */
export function formUrls(form: Form): { published: string; edit: string } {
  return { published: retried(() => form.getPublishedUrl()), edit: retried(() => form.getEditUrl()) };
}

function asQuestion(item: Item, type: QuestionType): Question {
  return retried(() => asType(item, type));
}

function asType(item: Item, type: QuestionType): Question {
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
  if (fresh || retried(() => question.getTitle()) !== q.title) {
    retried(() => question.setTitle(q.title));
    fixed.push('title');
  }
  if (fresh || retried(() => question.getHelpText()) !== q.helpText) {
    retried(() => question.setHelpText(q.helpText));
    fixed.push('help text');
  }
  if (fresh || retried(() => question.isRequired()) !== q.required) {
    retried(() => question.setRequired(q.required));
    fixed.push(q.required ? 'made it required' : 'made it optional');
  }
  if (q.choices && (q.type === 'list' || q.type === 'multipleChoice')) {
    const item = question as GoogleAppsScript.Forms.ListItem | GoogleAppsScript.Forms.MultipleChoiceItem;
    if (fresh || !sameList(retried(() => item.getChoices().map((c) => c.getValue())), q.choices)) {
      const choices = q.choices;
      retried(() => item.setChoiceValues(choices.slice()));
      fixed.push('choices');
    }
  }
  if (q.type === 'scale' && q.bounds && q.labels) {
    const item = question as GoogleAppsScript.Forms.ScaleItem;
    if (fresh || retried(() => item.getLowerBound()) !== q.bounds.low || retried(() => item.getUpperBound()) !== q.bounds.high) {
      const bounds = q.bounds;
      retried(() => item.setBounds(bounds.low, bounds.high));
      fixed.push('scale');
    }
    if (fresh || retried(() => item.getLeftLabel()) !== q.labels.low || retried(() => item.getRightLabel()) !== q.labels.high) {
      const labels = q.labels;
      retried(() => item.setLabels(labels.low, labels.high));
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
 * An untitled item of the question's type (left by a run that failed half-way) is taken for it.
 * A question not found is added at the end of the form (Forms has no way to put an item back at
 * its place that the emulation covers; the order is cosmetic, the answers are read by title).
 * Items that are not the spec's questions (the owner's own) are left as they are.
 */
export function ensureQuestions(form: Form, spec: FeedbackFormSpec, remembered: Partial<Record<QuestionKey, number>>, fresh: boolean): QuestionsResult {
  const items = fresh
    ? []
    : retried(() => form.getItems()).map((item) => ({ item, id: retried(() => item.getId()), type: String(retried(() => item.getType())), title: retried(() => item.getTitle()) }));
  const claimed = new Set<number>();
  const itemIds = {} as Record<QuestionKey, number>;
  const repaired: string[] = [];
  for (const q of spec.questions) {
    const type = ITEM_TYPE[q.type];
    const free = items.filter((i) => !claimed.has(i.id) && i.type === type);
    // An untitled item of the type is one a run that failed half-way added: it is finished here.
    const found =
      free.find((i) => i.id === remembered[q.key]) ??
      free.find((i) => normaliseHeader(i.title) === normaliseHeader(q.title)) ??
      free.find((i) => i.title.trim() === '');
    if (found) {
      claimed.add(found.id);
      itemIds[q.key] = found.id;
      const fixed = shape(asQuestion(found.item, q.type), q, false);
      if (fixed.length) repaired.push(`fixed “${q.title}” (${fixed.join(', ')})`);
      continue;
    }
    const added = addQuestion(form, q.type); // not repeated: a run cut short here leaves an untitled item, taken above next time
    shape(added, q, true);
    itemIds[q.key] = retried(() => added.getId());
    if (!fresh) repaired.push(`added “${q.title}”`);
  }
  return { itemIds, repaired };
}

/**
 * The id of the spreadsheet the form sends its responses to, or null when it sends them nowhere.
 * Apps Script throws rather than return null when there is no destination; any other error is
 * thrown (taken for "nowhere", the form would be linked again and its responses moved).
 */
export function destinationId(form: Form): string | null {
  try {
    return String(FormApp.DestinationType.SPREADSHEET) === String(retried(() => form.getDestinationType())) ? retried(() => form.getDestinationId()) : null;
  } catch (error) {
    if (/destination/i.test(messageOf(error))) return null;
    throw error;
  }
}

/** The ids of the spreadsheet's sheets, in tab order. */
export function sheetIds(ss: Spreadsheet): number[] {
  return retried(() => ss.getSheets()).map((s) => retried(() => s.getSheetId()));
}

/**
 * Sends the form's responses to the spreadsheet `spreadsheetId`. Google adds a new "Form
 * Responses N" sheet (and copies the responses so far into it): `newSheet` finds it.
 */
export function sendResponsesTo(form: Form, spreadsheetId: string): void {
  form.setDestination(FormApp.DestinationType.SPREADSHEET, spreadsheetId);
  retried(() => SpreadsheetApp.flush());
}

/** The first sheet (in tab order) whose id is not in `before`, or null (Google has not shown it yet). */
export function newSheet(ss: Spreadsheet, before: ReadonlySet<number>): { id: number; name: string } | null {
  for (const sheet of retried(() => ss.getSheets())) {
    const id = retried(() => sheet.getSheetId());
    if (!before.has(id)) return { id, name: retried(() => sheet.getName()) };
  }
  return null;
}

/** A prefilled link answering the text question `itemId` with `answer` (Forms encodes it). */
export function prefilledUrl(form: Form, itemId: number, answer: string): string {
  return retried(() => {
    const item = form.getItemById(itemId).asTextItem();
    return form.createResponse().withItemResponse(item.createResponse(answer)).toPrefilledUrl();
  });
}
