// Participants steering from the form: the questions as data, skip → Away, leave → Left, count me
// in, the Notes line and the digest item; every answer applied once.
import { FEEDBACK_FORM } from '../../src/core/feedback-form';
import {
  COACHING_QUESTIONS,
  NEXT_CYCLE_CHOICES,
  PAIRING_RATING_QUESTION,
  STEERING_QUESTION,
  answerOf,
  awayRanges,
  mergeAway,
  nextCycleAfter,
  readNextCycle,
  removeAway,
  steer,
  type SteeringInput,
} from '../../src/core/steering';

const ada = { name: 'Ada', email: 'ada@example.org', status: 'Active', away: '', notes: '' };
const cycle4 = { cycle: 4, starts: '2027-03-02', ends: '2027-04-12' };
const input = (extra: Partial<SteeringInput> = {}): SteeringInput => ({ choice: 'skip', at: '2027-02-20T17:30:00Z', zone: 'Europe/London', person: ada, nextCycle: cycle4, ...extra });

describe('steering', () => {
  test('the questions: unique titles beside the form, the choices in order, the rating 1–5', () => {
    // The form asks the pairing rating itself (issue 13 item 5): with the same title, once.
    const asked = FEEDBACK_FORM.questions.find((q) => q.key === PAIRING_RATING_QUESTION.key);
    expect(asked).toMatchObject({ title: PAIRING_RATING_QUESTION.title, type: 'scale', bounds: { low: 1, high: 5 }, required: false });
    const titles = [...FEEDBACK_FORM.questions.map((q) => q.title), ...COACHING_QUESTIONS.filter((q) => !FEEDBACK_FORM.questions.some((f) => f.key === q.key)).map((q) => q.title)];
    expect(new Set(titles.map((t) => t.toLowerCase())).size).toBe(titles.length);
    expect(STEERING_QUESTION.choices).toEqual(['Count me in', 'Skip the next cycle', 'Leave the program']);
    // The form asks the steering question itself (issue 13 item 4): the very question, last.
    expect(FEEDBACK_FORM.questions[FEEDBACK_FORM.questions.length - 1]).toEqual({ ...STEERING_QUESTION, choices: [...NEXT_CYCLE_CHOICES] });
    expect(STEERING_QUESTION.required).toBe(false);
    expect(PAIRING_RATING_QUESTION).toMatchObject({ type: 'scale', bounds: { low: 1, high: 5 }, required: false });
    expect(NEXT_CYCLE_CHOICES.map(readNextCycle)).toEqual(['in', 'skip', 'leave']);
    expect(readNextCycle(' skip the next cycle. ')).toBe('skip');
    expect(readNextCycle('')).toBeNull();
    expect(readNextCycle('maybe')).toBeNull();
    expect(answerOf({ ' next  CYCLE ': ['Leave the program'] }, STEERING_QUESTION)).toBe('Leave the program');
    expect(answerOf({}, STEERING_QUESTION)).toBe('');
  });

  test('skip: the next cycle into Away, a Notes line, the digest item', () => {
    const out = steer(input());
    expect(out.cells).toEqual({ Away: '2027-03-02..2027-04-12', Notes: '2027-02-20: chose to skip cycle 4 (2027-03-02..2027-04-12) on the feedback form.' });
    expect(out.digest).toEqual({ kind: 'automatic', at: '2027-02-20T17:30:00.000Z', text: 'Ada chose to skip cycle 4 (2027-03-02..2027-04-12) on 2027-02-20' });
    expect(out.log).toMatchObject({ action: 'steering', outcome: 'ok' });
  });

  test('skip merges with what the owner wrote, never twice', () => {
    const person = { ...ada, away: '2027-01-04, 2026-12-21..2027-01-03', notes: 'Prefers mornings' };
    const first = steer(input({ person }));
    expect(first.cells.Away).toBe('2027-01-04, 2026-12-21..2027-01-03, 2027-03-02..2027-04-12');
    expect(first.cells.Notes).toBe('Prefers mornings\n2027-02-20: chose to skip cycle 4 (2027-03-02..2027-04-12) on the feedback form.');
    // The same answer filed again changes nothing.
    const again = steer(input({ person: { ...person, away: first.cells.Away as string, notes: first.cells.Notes as string } }));
    expect(again.cells).toEqual({});
    expect(again.digest).toBeNull();
    // A range the owner wrote that covers the cycle is left alone.
    expect(mergeAway('2027-02-25 – 2027-04-30', { from: '2027-03-02', to: '2027-04-12' })).toEqual({ text: '2027-02-25 – 2027-04-30', changed: false });
    expect(awayRanges('2027-01-04; junk 2027-02-01..2027-01-01 2027-03-01—2027-03-05')).toEqual([
      { from: '2027-01-04', to: '2027-01-04' },
      { from: '2027-03-01', to: '2027-03-05' },
    ]);
  });

  test('leave: Status Left, a Notes line, a change item; already Left: nothing', () => {
    const out = steer(input({ choice: 'leave' }));
    expect(out.cells).toEqual({ Status: 'Left', Notes: '2027-02-20: chose to leave the program on the feedback form.' });
    expect(out.digest).toEqual({ kind: 'change', at: '2027-02-20T17:30:00.000Z', text: 'Ada chose to leave the program on 2027-02-20' });
    const left = steer(input({ choice: 'leave', person: { ...ada, status: 'Left' } }));
    expect(left.cells).toEqual({});
    expect(left.digest).toBeNull();
  });

  test('count me in: takes back the form’s skip; a Paused person is the owner’s decision', () => {
    const skipped = steer(input());
    const back = steer(input({ choice: 'in', person: { ...ada, away: `2027-01-04, ${skipped.cells.Away}`, notes: skipped.cells.Notes as string } }));
    expect(back.cells.Away).toBe('2027-01-04');
    expect(back.digest?.text).toBe('Ada chose to take part in cycle 4 (2027-03-02..2027-04-12) after all, on 2027-02-20');
    expect(steer(input({ choice: 'in' })).cells).toEqual({});
    expect(steer(input({ choice: 'in' })).digest).toBeNull();
    const paused = steer(input({ choice: 'in', person: { ...ada, status: 'Paused' } }));
    expect(paused.cells).toEqual({});
    expect(paused.digest?.kind).toBe('decision');
    expect(removeAway('2027-03-02..2027-04-12', { from: '2027-03-02', to: '2027-04-12' })).toEqual({ text: '', changed: true });
  });

  test('user text is stored as text: a name or notes starting with = never become a formula', () => {
    const out = steer(input({ person: { ...ada, name: '=IMPORTXML("x")', notes: '=1+1' } }));
    expect(out.cells.Notes?.startsWith("'")).toBe(true);
    expect(out.digest?.text.startsWith('=IMPORTXML')).toBe(true); // the digest escapes it in HTML
  });

  test('the next cycle: the first known one after the day, else counted on from the latest', () => {
    const cycles = [
      { cycle: 3, starts: '2027-01-19', ends: '2027-03-01' },
      cycle4,
    ];
    expect(nextCycleAfter('2027-02-20', cycles, 6)).toEqual(cycle4);
    expect(nextCycleAfter('2027-03-02', cycles, 6)).toEqual({ cycle: 5, starts: '2027-04-13', ends: '2027-05-24' });
    expect(nextCycleAfter('2027-06-01', cycles, 6)).toEqual({ cycle: 7, starts: '2027-07-06', ends: '2027-08-16' });
    expect(nextCycleAfter('2027-02-20', [], 6)).toBeNull();
    // No cycle known: the owner decides.
    expect(steer(input({ nextCycle: null })).digest?.kind).toBe('decision');
  });
});
