// Shared fixtures of the feedback and dashboard tests: a program of five people over three cycles.
//
//   cycle 1: 2027-01-05 … 2027-02-15   C1-01 Ann+Bob   C1-02 Cat+Dan+Eve
//   cycle 2: 2027-02-16 … 2027-03-29   C2-01 Ann+Cat   C2-02 Bob+Dan+Eve
//   cycle 3: 2027-03-30 … 2027-05-10   C3-01 Ann+Dan   C3-02 Bob+Cat+Eve
//
// Meetings are weekly on Tuesdays from each cycle's start, six per cycle, in Europe/London (BST
// from 2027-03-28).
import { FEEDBACK_FORM, groupCode, type QuestionKey } from '../../src/core/feedback-form';
import { normaliseResponse, type FeedbackContext, type FormResponse, type RotationGroup } from '../../src/core/feedback';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import type { Settings } from '../../src/core/settings';
import { person } from './pairing-fixtures';

export const PROGRAM = '3f9c2a71-58d4-4c0e-9b7a-2d61e0c4a8f5';
export const ZONE = 'Europe/London';
export const SETTINGS: Settings = { ...DEFAULT_SETTINGS, firstMeetingDate: '2027-01-05', timeZone: ZONE };
export const PEOPLE = ['Ann', 'Bob', 'Cat', 'Dan', 'Eve'].map((n, i) => person(n, { row: i + 2 }));
export const mail = (name: string) => `${name.toLowerCase()}@example.org`;

const CYCLES: Record<number, [string, string]> = {
  1: ['2027-01-05', '2027-02-15'],
  2: ['2027-02-16', '2027-03-29'],
  3: ['2027-03-30', '2027-05-10'],
  4: ['2027-05-11', '2027-06-21'],
};

export function group(cycle: number, index: number, names: string[], status = 'scheduled'): RotationGroup {
  const [starts, ends] = CYCLES[cycle];
  return { cycle, groupId: `C${cycle}-0${index}`, members: names.map(mail), starts, ends, status };
}

export const GROUPS: RotationGroup[] = [
  group(1, 1, ['Ann', 'Bob']),
  group(1, 2, ['Cat', 'Dan', 'Eve']),
  group(2, 1, ['Ann', 'Cat']),
  group(2, 2, ['Bob', 'Dan', 'Eve']),
  group(3, 1, ['Ann', 'Dan']),
  group(3, 2, ['Bob', 'Cat', 'Eve']),
];

export const CONTEXT: FeedbackContext = { programId: PROGRAM, people: PEOPLE, groups: GROUPS, settings: SETTINGS, timeZone: ZONE };

export type Answers = Partial<Record<QuestionKey | 'email', string>>;

/** The form's namedValues for these answers (blank for the others), as the trigger delivers them. */
export function namedValues(answers: Answers): Record<string, string[]> {
  const out: Record<string, string[]> = { Timestamp: ['4/6/2027 18:00:00'], 'Email Address': [answers.email ?? ''] };
  for (const q of FEEDBACK_FORM.questions) out[q.title] = [answers[q.key] ?? ''];
  return out;
}

/** A response by `name` (an email when it has an @) at `at`, its key row `row`. */
export function response(name: string, at: string, answers: Answers = {}, row = 42): FormResponse {
  const email = name === '' ? '' : name.includes('@') ? name : mail(name);
  return { namedValues: namedValues({ email, ...answers }), key: `Form Responses 1!${row}`, submittedAt: at };
}

export const code = (groupId: string, programId = PROGRAM) => groupCode(programId, groupId);

/** A usual answer: met, rated 4/3/5, with texts. */
export const GOOD: Answers = { met: 'Yes', relationship: '4', coaching: '3', accountability: '5', workedOn: 'Delegation', commitment: 'Ask two questions' };

export const normalise = (r: FormResponse, context: FeedbackContext = CONTEXT) => normaliseResponse(r, context);
