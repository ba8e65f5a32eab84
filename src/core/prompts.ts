// The coaching prompts (issue 13, item 2): the owner-editable Prompts sheet (its columns, the dozen
// prompts set-up seeds it with), reading it back tolerantly (columns in any order, blank rows,
// prompts turned off, every bad row reported with its row number and the fix), and the prompt a
// group gets for a session. Pure: plain data in and out.
//
// Decisions:
//   - A cycle's sessions have three stages, following the program's goals in order (PRODUCT.md):
//     session 1 is `first` (getting to know each other's context), the last session is `last`
//     (commitments and looking back), the others are `middle` (coaching a real problem by asking,
//     not telling). A cycle of one session has only `first`.
//   - `promptFor` is deterministic: within a stage, prompts are taken in the sheet's Order (ties:
//     the row), and cycle after cycle the choice moves on by as many prompts as the stage has
//     sessions, so a person sees every prompt of a stage before seeing one again (with 5 middle
//     prompts and 4 middle sessions, cycle 1 shows prompts 1–4, cycle 2 shows 5, 1, 2, 3).
//   - A stage with no prompt turned on borrows from the others (middle, then first, then last), so
//     an owner who turns prompts off never gets an empty brief; no prompt on at all gives null.
//   - On: blank counts as on (a new row works at once); Yes/No, TRUE/FALSE (a checkbox), On/Off,
//     1/0 and x are read; anything else is a problem and the row is left out until fixed.
//   - Order: a number (decimals allowed, so 2.5 slots a prompt between 2 and 3); blank sorts after
//     the numbered prompts, in sheet order.
//   - Goal: Relationship, Coaching or Accountability (case and a trailing s aside), or blank; it is
//     shown to the owner only, the stage decides when a prompt is used.
//   - A prompt is at most PROMPT_MAX characters, so the weekly brief stays far below Calendar's
//     description size.
import { sheetText, unescapeSheetText } from './feedback';
import { GOALS } from './feedback-form';
import { matchHeaders, normaliseHeader, type SheetSpec } from './schema';

export type SessionStage = 'first' | 'middle' | 'last';
export const SESSION_STAGES: readonly SessionStage[] = ['first', 'middle', 'last'];

/** The most characters a prompt may have. */
export const PROMPT_MAX = 600;

const ON_VALUES = ['Yes', 'No'] as const;

/** The Prompts sheet (owner-editable; set-up creates it and seeds it once, when it is new). */
export const PROMPTS: SheetSpec = {
  name: 'Prompts',
  generated: false,
  columns: [
    { header: 'Order', note: 'Prompts of a stage are used in this order, cycle after cycle. 2.5 goes between 2 and 3.', numberFormat: '0.##', width: 90 },
    {
      header: 'Goal',
      note: 'Which of the three goals the prompt serves: Relationship, Coaching or Accountability. For you only.',
      plainText: true,
      width: 140,
      choices: { values: GOALS.map((g) => g.header), help: 'Relationship, Coaching or Accountability.' },
    },
    {
      header: 'Session stage',
      note: 'first: session 1 of a cycle; last: the last session; middle: the sessions in between.',
      plainText: true,
      width: 90,
      choices: { values: SESSION_STAGES, help: 'first, middle or last.' },
    },
    { header: 'Prompt', note: `What the group works on that week, shown in the meeting's brief. At most ${PROMPT_MAX} characters.`, plainText: true, width: 260 },
    { header: 'On', note: 'No turns the prompt off without losing it. Blank counts as Yes.', plainText: true, width: 90, choices: { values: ON_VALUES, help: 'Yes or No.' } },
  ],
};

export const PROMPT_HEADERS: readonly string[] = PROMPTS.columns.map((c) => c.header);

export type PromptGoal = 'Relationship' | 'Coaching' | 'Accountability';

export interface Prompt {
  order: number | null;
  goal: PromptGoal | '';
  stage: SessionStage;
  text: string;
  /** The sheet row (header = row 1); 0 for a seeded prompt not read from a sheet. */
  row: number;
}

/** The prompts set-up seeds the sheet with: the three goals in order, across a cycle's sessions. */
export const SEEDED_PROMPTS: readonly Prompt[] = Object.freeze(
  (
    [
      ['Relationship', 'first', 'Tell each other the story of your team: what it does, who is in it, and what a good week looks like. Then ask one question about the other’s world that you would never have thought to ask.'],
      ['Relationship', 'first', 'What is on your plate this quarter, and what keeps you up at night? Listen for what matters to your partner rather than for what you would do in their place.'],
      ['Relationship', 'first', 'How did you come to manage people, and what kind of manager are you trying to become? Share one thing a manager once did for you that you still carry.'],
      ['Relationship', 'first', 'Agree how you will work together: what each of you wants to get better at this cycle, and how you want the other to hold you to it.'],
      ['Coaching', 'middle', 'The coachee brings one real situation that is still open. For ten minutes the coach only asks questions: What is going on? What have you tried? What else could you do?'],
      ['Coaching', 'middle', 'Coach on a conversation the coachee has been putting off. Ask: What outcome do you want? What would you say in the first minute? What does waiting cost?'],
      ['Coaching', 'middle', 'Coach on a decision the coachee must make soon. Ask which options they see, what they would advise a friend, and what would change their mind. No advice unless they ask for it.'],
      ['Coaching', 'middle', 'Coach on someone in the coachee’s team who is stuck or struggling. Ask how that person would describe the situation, and what the coachee has not tried yet.'],
      ['Coaching', 'middle', 'Coach on where the coachee’s time goes. Ask: What would you stop doing if you could? What can only you do? What gets in the way?'],
      ['Accountability', 'last', 'Look back on the cycle: what did each of you commit to, what happened, and what did you learn? Name one thing you will keep doing.'],
      ['Accountability', 'last', 'Tell your partner specifically what they helped you see differently. Then each commit to one step for the next month and say how you will know it is done.'],
      ['Accountability', 'last', 'Close the cycle: what worked in how you coached each other, and what will you ask of your next partner? Write down one commitment and tell someone in your team about it.'],
    ] as const
  ).map(([goal, stage, text], i): Prompt => ({ order: i + 1, goal, stage, text, row: 0 })),
);

/** The seeded prompts as sheet rows (PROMPTS column order), text written as text. */
export function seedRows(): Array<Array<string | number>> {
  return SEEDED_PROMPTS.map((p) => [p.order ?? '', p.goal, p.stage, sheetText(p.text), 'Yes']);
}

export interface PromptProblem {
  /** Sheet row (header = row 1); 1 for a problem with the header. */
  row: number;
  message: string;
}

export interface PromptsReading {
  /** The prompts turned on, in use order (stage, then Order, then row). */
  prompts: Prompt[];
  /** Good rows turned off. */
  off: number;
  problems: PromptProblem[];
}

/** "Row 5: …", as the sidebar and the Log show a problem. */
export function formatPromptProblem(p: PromptProblem): string {
  return `Row ${p.row}: ${p.message}`;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return '';
  return unescapeSheetText(String(value)).trim();
}

function readOn(value: unknown): boolean | null {
  if (value === true) return true;
  if (value === false) return false;
  const t = cellText(value).toLowerCase().replace(/\.$/, '');
  if (t === '' || ['yes', 'y', 'true', 'on', '1', 'x', '✓', '✔'].includes(t)) return true;
  if (['no', 'n', 'false', 'off', '0'].includes(t)) return false;
  return null;
}

function readStage(value: unknown): SessionStage | null {
  const t = cellText(value).toLowerCase().replace(/\s+sessions?$/, '').replace(/^(the\s+)/, '');
  return (SESSION_STAGES as readonly string[]).includes(t) ? (t as SessionStage) : null;
}

function readGoal(value: unknown): PromptGoal | '' | null {
  const t = cellText(value).toLowerCase().replace(/s$/, '');
  if (t === '') return '';
  const g = GOALS.find((x) => x.header.toLowerCase() === t || x.key === t);
  return g ? g.header : null;
}

function readOrder(value: unknown): number | null | 'bad' {
  if (typeof value === 'number') return Number.isFinite(value) ? value : 'bad';
  const t = cellText(value);
  if (t === '') return null;
  return /^[+-]?\d+(\.\d+)?$/.test(t) ? Number(t) : 'bad';
}

const quote = (t: string) => `"${t.length > 30 ? `${t.slice(0, 30)}…` : t}"`;

/**
 * The Prompts sheet's values (header first) read back: the prompts turned on, in use order, and
 * every bad row with its number and the fix. Bad rows are left out; blank rows are skipped.
 */
export function readPrompts(table: ReadonlyArray<readonly unknown[]>): PromptsReading {
  if (table.length === 0) return { prompts: [], off: 0, problems: [{ row: 1, message: 'The Prompts sheet has no header row. Run set-up again to repair it.' }] };
  const { columns, missing } = matchHeaders(table[0], PROMPTS);
  const problems: PromptProblem[] = [];
  const required = ['Session stage', 'Prompt'];
  const lost = missing.filter((h) => required.includes(h));
  if (lost.length > 0) {
    return { prompts: [], off: 0, problems: [{ row: 1, message: `The ${lost.join(' and ')} ${lost.length === 1 ? 'column is' : 'columns are'} missing. Run set-up again to put the header back.` }] };
  }
  const cell = (row: readonly unknown[], header: string) => (columns[header] === undefined ? '' : row[columns[header]]);
  const good: Prompt[] = [];
  let off = 0;
  for (let r = 1; r < table.length; r++) {
    const row = table[r];
    const rowNumber = r + 1;
    if (PROMPT_HEADERS.every((h) => cellText(cell(row, h)) === '' && typeof cell(row, h) !== 'boolean')) continue;
    const mine: string[] = [];
    const text = cellText(cell(row, 'Prompt')).replace(/\s+/g, ' ');
    if (text === '') mine.push('the Prompt is blank. Write the prompt, or clear the row.');
    else if (text.length > PROMPT_MAX) mine.push(`the Prompt has ${text.length} characters; shorten it to ${PROMPT_MAX} or fewer.`);
    const stage = readStage(cell(row, 'Session stage'));
    const stageText = cellText(cell(row, 'Session stage'));
    if (stage === null) mine.push(stageText === '' ? 'the Session stage is blank. Write first, middle or last.' : `the Session stage ${quote(stageText)} is not first, middle or last. Write one of them.`);
    const goal = readGoal(cell(row, 'Goal'));
    if (goal === null) mine.push(`the Goal ${quote(cellText(cell(row, 'Goal')))} is not Relationship, Coaching or Accountability. Write one of them, or leave it blank.`);
    const order = readOrder(cell(row, 'Order'));
    if (order === 'bad') mine.push(`the Order ${quote(cellText(cell(row, 'Order')))} is not a number. Write a number like 3 or 2.5, or leave it blank.`);
    const on = readOn(cell(row, 'On'));
    if (on === null) mine.push(`On ${quote(cellText(cell(row, 'On')))} is not Yes or No. Write Yes, No, or leave it blank for Yes.`);
    if (mine.length > 0) {
      for (const m of mine) problems.push({ row: rowNumber, message: m.charAt(0).toUpperCase() + m.slice(1) });
      continue;
    }
    if (on === false) {
      off++;
      continue;
    }
    good.push({ order: order as number | null, goal: goal as PromptGoal | '', stage: stage as SessionStage, text, row: rowNumber });
  }
  return { prompts: sortPrompts(good), off, problems };
}

/** Prompts in use order: by stage (first, middle, last), then Order (blank last), then row. */
export function sortPrompts(prompts: readonly Prompt[]): Prompt[] {
  const rank = (s: SessionStage) => SESSION_STAGES.indexOf(s);
  const byOrder = (a: Prompt, b: Prompt) => (a.order === b.order ? 0 : a.order === null ? 1 : b.order === null ? -1 : a.order - b.order);
  return [...prompts].sort((a, b) => rank(a.stage) - rank(b.stage) || byOrder(a, b) || a.row - b.row);
}

/** The stage of a session (1-based) in a cycle of `sessions` sessions. */
export function stageOf(session: number, sessions: number): SessionStage {
  if (!Number.isInteger(sessions) || sessions < 1) throw new RangeError(`A cycle has a whole number of sessions from 1, not ${String(sessions)}.`);
  if (!Number.isInteger(session) || session < 1 || session > sessions) throw new RangeError(`Session ${String(session)} is not one of 1…${sessions}.`);
  if (session === 1) return 'first';
  if (session === sessions) return 'last';
  return 'middle';
}

/** The sessions of a cycle in each stage: where a session sits in its stage, and how many the stage has. */
function stageSlot(session: number, sessions: number): { stage: SessionStage; index: number; count: number } {
  const stage = stageOf(session, sessions);
  if (stage === 'middle') return { stage, index: session - 2, count: sessions - 2 };
  return { stage, index: 0, count: 1 };
}

const BORROW: Record<SessionStage, readonly SessionStage[]> = { first: ['first', 'middle', 'last'], middle: ['middle', 'first', 'last'], last: ['last', 'middle', 'first'] };

/**
 * This session's prompt: deterministic by cycle and session. Within the stage's prompts (in use
 * order), cycle c and the k-th session of the stage (from 0) take prompt ((c − 1) × m + k) mod L,
 * m being the stage's sessions in a cycle and L its prompts: no prompt repeats within a cycle while
 * L ≥ m, and a prompt comes back only after all L were used. Null when no prompt is on.
 */
export function promptFor(cycle: number, session: number, sessions: number, prompts: readonly Prompt[]): Prompt | null {
  if (!Number.isInteger(cycle) || cycle < 1) throw new RangeError(`A cycle is a whole number from 1, not ${String(cycle)}.`);
  const slot = stageSlot(session, sessions);
  const sorted = sortPrompts(prompts);
  for (const stage of BORROW[slot.stage]) {
    const pool = sorted.filter((p) => p.stage === stage);
    if (pool.length === 0) continue;
    return pool[((cycle - 1) * slot.count + slot.index) % pool.length];
  }
  return null;
}

/** Whether a header row looks like the Prompts sheet's (set-up seeds only a new, empty sheet). */
export function isPromptsHeader(row: readonly unknown[]): boolean {
  const cells = row.map(normaliseHeader);
  return cells.includes('prompt') && cells.includes('session stage');
}
