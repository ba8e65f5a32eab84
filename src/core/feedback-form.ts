// The feedback form as plain data (what the Apps Script side builds with FormApp and repairs), the
// group code a participant's invitation link prefills, and the tolerant reading of that code.
//
// The form (PRODUCT.md "Feedback"): the respondent's email is collected by the form itself
// (`setCollectEmail(true)`), so it is not a question. Then, in order: the group code (short
// answer, optional: prefilled from the invitation), which session (a list 1…N, optional: derived
// from the date when blank), did you meet (Yes / Rescheduled / No), one 1–5 scale per goal (in the
// goals' order of priority), what did you work on, what will you do before the next session,
// (optional, "last session only": one form serves every session) how well the pairing worked, and
// (optional) what they want for the next cycle: count me in, skip it, leave (core/steering.ts).
// Only "did you meet" is required: someone who did not meet should not be made to rate a session.
// Question titles are unique, because the Sheets form-submit event keys its `namedValues` by title.
//
// The group code: four characters naming the program, then the group id, like `K7QD-C3-01`.
// The four characters are 20 bits of a hash of the program id written in Crockford's base 32
// (digits and capitals without I, L, O, U), so they read aloud and type without ambiguity, and a
// code from another program (another spreadsheet, or a copy, which gets its own id) is told apart
// (two programs share a tag once in about a million). Any cycle and group number has a code
// (`K7QD-C1234-12345`), up to 2^53 − 1 (the largest whole number a sheet cell and JavaScript hold
// exactly; Rotations reads no larger cycle either), so no group is ever left without a link: the
// group code is a short-answer question, with no choice list to outgrow. Reading a code ignores
// case, spaces and the choice of dash, accepts the dashes being left out (`k7qdc301`: the group
// number is then its last two digits, as written, so a group past 99 needs the dash or a space
// when typed; the prefilled link always carries it), and reads I and L as 1, O as 0 in the tag,
// as Crockford's base 32 does.
import { hashString } from './pairing-circle';
import { groupId as formatGroupId } from './rotation';

export type QuestionType = 'text' | 'paragraph' | 'list' | 'multipleChoice' | 'scale';

export type QuestionKey = 'groupCode' | 'session' | 'met' | 'relationship' | 'coaching' | 'accountability' | 'workedOn' | 'commitment' | 'pairingRating' | 'nextCycle';

/** The three goals, in their order of priority; `header` is their Feedback and Dashboard column. */
export type GoalKey = 'relationship' | 'coaching' | 'accountability';

export interface FormQuestion {
  readonly key: QuestionKey;
  /** Shown to the respondent; also the key of the answer in the form-submit event's namedValues. */
  readonly title: string;
  readonly type: QuestionType;
  readonly required: boolean;
  readonly helpText: string;
  /** list and multipleChoice: the choices, in order. */
  readonly choices?: readonly string[];
  /** scale: the lowest and highest value. */
  readonly bounds?: { readonly low: number; readonly high: number };
  /** scale: the words at the lowest and highest value. */
  readonly labels?: { readonly low: string; readonly high: string };
}

export interface FeedbackFormSpec {
  readonly title: string;
  readonly description: string;
  /** The form collects the respondent's email (`setCollectEmail(true)`); it is not a question. */
  readonly collectEmail: true;
  readonly confirmationMessage: string;
  readonly questions: readonly FormQuestion[];
}

/** The most sessions a cycle can hold (12 weeks, weekly), so the longest session list. */
export const MAX_SESSIONS = 12;

/** The "did you meet" choices, as stored in the Feedback sheet's Met column. */
export const MET_CHOICES = ['Yes', 'Rescheduled', 'No'] as const;
export type MetAnswer = (typeof MET_CHOICES)[number];

/** The goals in order, with their column header and the scale question's words. */
export const GOALS: ReadonlyArray<{ readonly key: GoalKey; readonly header: 'Relationship' | 'Coaching' | 'Accountability'; readonly title: string; readonly helpText: string; readonly low: string; readonly high: string }> = [
  {
    key: 'relationship',
    header: 'Relationship',
    title: 'Relationship: how much did this session build your relationship with your partner?',
    helpText: 'Goal 1: getting to know a peer by working together.',
    low: 'Not at all',
    high: 'A lot',
  },
  {
    key: 'coaching',
    header: 'Coaching',
    title: 'Coaching practice: how much did you practise coaching (asking more than telling)?',
    helpText: 'Goal 2: coaching where you have little context. Talk less, question more.',
    low: 'Not at all',
    high: 'A lot',
  },
  {
    key: 'accountability',
    header: 'Accountability',
    title: 'Accountability: how much does this pairing help you keep your commitments?',
    helpText: 'Goal 3: someone invested in your growth, from week to week.',
    low: 'Not at all',
    high: 'A lot',
  },
];

/**
 * The form, its questions in order. `sessions` (1…12, default 12) is the length of the session
 * list; the default covers every cycle length, so a change of settings never needs a new list.
 */
export function feedbackForm(sessions: number = MAX_SESSIONS): FeedbackFormSpec {
  const n = Number.isInteger(sessions) ? Math.min(MAX_SESSIONS, Math.max(1, sessions)) : MAX_SESSIONS;
  const questions: FormQuestion[] = [
    {
      key: 'groupCode',
      title: 'Your group code',
      type: 'text',
      required: false,
      helpText: 'Prefilled from your invitation; leave blank if unsure. It looks like K7QD-C3-01.',
    },
    {
      key: 'session',
      title: 'Which session',
      type: 'list',
      required: false,
      helpText: 'Session 1 is the first meeting of the cycle. Leave blank: it is derived from the date.',
      choices: Array.from({ length: n }, (_, i) => String(i + 1)),
    },
    {
      key: 'met',
      title: 'Did you meet?',
      type: 'multipleChoice',
      required: true,
      helpText: 'Rescheduled: you met, at another time.',
      choices: MET_CHOICES,
    },
    ...GOALS.map(
      (g): FormQuestion => ({
        key: g.key,
        title: g.title,
        type: 'scale',
        required: false,
        helpText: `${g.helpText} Leave blank if you did not meet.`,
        bounds: { low: 1, high: 5 },
        labels: { low: g.low, high: g.high },
      }),
    ),
    {
      key: 'workedOn',
      title: 'What did you work on?',
      type: 'paragraph',
      required: false,
      helpText: 'A line or two is plenty.',
    },
    {
      key: 'commitment',
      title: 'What will you do before the next session?',
      type: 'paragraph',
      required: false,
      helpText: 'Your commitment; your partner may ask you about it next time.',
    },
    // One form serves every session (prefilled per group only), so the end-of-cycle rating is an
    // optional question for the last session only; the Dashboard counts it from last-session
    // responses only (issue 13, item 5). Same title as steering.ts PAIRING_RATING_QUESTION.
    {
      key: 'pairingRating',
      title: 'How well did this pairing work?',
      type: 'scale',
      required: false,
      helpText: 'Last session only: the cycle as a whole, with this partner (or these partners). Leave blank after the other sessions.',
      bounds: { low: 1, high: 5 },
      labels: { low: 'Not well', high: 'Very well' },
    },
    // Participants steer themselves (issue 13, item 4): optional, blank carries on as before; a
    // form made before it never steers. The same question as steering.ts STEERING_QUESTION (a
    // test holds them equal; steering.ts imports this file's types, so it is not imported here).
    {
      key: 'nextCycle',
      title: 'Next cycle',
      type: 'multipleChoice',
      required: false,
      helpText:
        'Leave blank to carry on as you are. Skip: you sit the next cycle out and are paired again after it, without doing anything. Leave: you take no further part; your partner is paired with someone else.',
      choices: ['Count me in', 'Skip the next cycle', 'Leave the program'],
    },
  ];
  return {
    title: 'Peer coaching: session feedback',
    description:
      'One minute after each peer-coaching session. It tells the program owner whether the pairs meet and whether the sessions help with the three goals: relationships, coaching practice, accountability.',
    collectEmail: true,
    confirmationMessage: 'Thank you. See you at the next session.',
    questions,
  };
}

/** The form with the full session list (1…12). */
export const FEEDBACK_FORM: FeedbackFormSpec = feedbackForm();

/** A question of FEEDBACK_FORM by key. */
export function question(key: QuestionKey): FormQuestion {
  const q = FEEDBACK_FORM.questions.find((x) => x.key === key);
  if (!q) throw new RangeError(`No question ${key}.`);
  return q;
}

// ---- Group codes ---------------------------------------------------------------------------------

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The four characters that name a program in its group codes. Deterministic. */
export function programTag(programId: string): string {
  const bits = hashString(`peer-coaching program\u0000${String(programId).trim()}`) >>> 12; // 20 bits
  let tag = '';
  for (let shift = 15; shift >= 0; shift -= 5) tag += CROCKFORD[(bits >>> shift) & 31];
  return tag;
}

const GROUP_ID = /^C(\d{1,16})-(\d{1,16})$/;

/** A cycle or group number as written (leading zeros aside): a whole number from 1 to 2^53 − 1, else null. */
function positive(digits: string | undefined): number | null {
  const n = Number(digits);
  return digits !== undefined && Number.isSafeInteger(n) && n >= 1 ? n : null;
}

/**
 * The code a participant can type for a group: the program's tag, a dash, the group id.
 * Throws a RangeError for a group id not written like C3-01 (rotation.ts `groupId`).
 *
 * @example groupCode(programId, 'C3-01') // 'K7QD-C3-01' (the tag depends on the program id)
 */
export function groupCode(programId: string, groupId: string): string {
  const m = GROUP_ID.exec(String(groupId).trim().toUpperCase());
  const cycle = positive(m?.[1]);
  const index = positive(m?.[2]);
  if (cycle === null || index === null) throw new RangeError(`A group id is written like C3-01 (whole numbers from 1), not ${JSON.stringify(String(groupId).slice(0, 40))}.`);
  return `${programTag(programId)}-${formatGroupId(cycle, index - 1)}`;
}

/**
 * Why a group id gets no group code (so its invitation would carry no feedback link), or null when
 * it gets one. Every id rotation.ts writes gets one; this names an id typed over in Rotations, for
 * the booking to refuse with the row.
 *
 * @example groupCodeProblem('Pair A') // 'group “Pair A” is not written like C3-01 (C, the cycle, a dash, the group number), so its invitation would carry no feedback link'
 */
export function groupCodeProblem(groupId: string): string | null {
  try {
    groupCode('', groupId);
    return null;
  } catch {
    const shown = String(groupId ?? '').trim().slice(0, 40);
    return `group “${shown}” is not written like C3-01 (C, the cycle, a dash, the group number), so its invitation would carry no feedback link`;
  }
}

export interface ParsedGroupCode {
  /** The four characters naming the program (compare with `programTag(programId)`). */
  programTag: string;
  cycle: number;
  /** Canonical, like C3-01. */
  groupId: string;
}

/**
 * Reads a group code as typed: case, spaces and dashes do not matter (`k7qd c3 01`, `K7QD–C3–01`,
 * `k7qdc301`); I and L read as 1 and O as 0 in the tag. Null when it is not a group code.
 */
export function parseGroupCode(text: unknown): ParsedGroupCode | null {
  if (typeof text !== 'string' || text.length > 200) return null;
  const s = text
    .toUpperCase()
    .replace(/[\u2010-\u2015\u2212_./]/g, '-')
    .replace(/\s+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  // The tag: four letters or digits (a space or dash may split them); then C and the cycle; then a
  // dash and the group number, or, with no dash, exactly two digits for it (as written: C3-01).
  const m = /^((?:[0-9A-Z]-?){3}[0-9A-Z])-?C(\d{1,16})(?:-(\d{1,16})|(\d{2}))$/.exec(s);
  if (!m) return null;
  const cycle = positive(m[2]);
  const index = positive(m[3] ?? m[4]);
  if (cycle === null || index === null) return null;
  const tag = m[1].replace(/-/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return { programTag: tag, cycle, groupId: formatGroupId(cycle, index - 1) };
}

/**
 * The answers a group's prefilled link carries, by question key: the group code, nothing else
 * (the session and the rest depend on the day the form is filled).
 */
export function prefilledAnswers(group: { programId: string; groupId: string }): Partial<Record<QuestionKey, string>> {
  return { groupCode: groupCode(group.programId, group.groupId) };
}
