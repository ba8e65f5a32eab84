// The Prompts sheet: its seeded prompts, tolerant reading with every bad row reported, and the
// deterministic choice of a session's prompt that seldom repeats.
import fc from 'fast-check';
import { PROMPTS, PROMPT_HEADERS, PROMPT_MAX, SEEDED_PROMPTS, formatPromptProblem, promptFor, readPrompts, seedRows, stageOf, type Prompt } from '../../src/core/prompts';

const header = [...PROMPT_HEADERS];

describe('prompts', () => {
  test('the seeded dozen covers the three goals in order: first, middle, last', () => {
    expect(SEEDED_PROMPTS).toHaveLength(12);
    expect(SEEDED_PROMPTS.map((p) => p.stage)).toEqual([...Array(4).fill('first'), ...Array(5).fill('middle'), ...Array(3).fill('last')]);
    expect(new Set(SEEDED_PROMPTS.map((p) => p.goal))).toEqual(new Set(['Relationship', 'Coaching', 'Accountability']));
    for (const p of SEEDED_PROMPTS) expect(p.text.length).toBeLessThanOrEqual(PROMPT_MAX);
    // Seeded rows read back as the same prompts.
    const reading = readPrompts([header, ...seedRows()]);
    expect(reading.problems).toEqual([]);
    expect(reading.prompts.map((p) => p.text)).toEqual(SEEDED_PROMPTS.map((p) => p.text));
    expect(PROMPTS.generated).toBe(false);
  });

  test('stages: session 1 first, the last session last, the others middle', () => {
    expect([1, 2, 3, 4, 5, 6].map((s) => stageOf(s, 6))).toEqual(['first', 'middle', 'middle', 'middle', 'middle', 'last']);
    expect(stageOf(1, 1)).toBe('first');
    expect([stageOf(1, 2), stageOf(2, 2)]).toEqual(['first', 'last']);
    expect(() => stageOf(7, 6)).toThrow(RangeError);
  });

  test('reading: columns in any order, blank rows, prompts off, every bad row with its number and fix', () => {
    const table = [
      ['On', 'Prompt', 'Owner note', 'Session stage', 'Order', 'Goal'],
      ['', 'Second middle', '', 'middle', 2, 'coaching'],
      ['', '', '', '', '', ''],
      ['No', 'Turned off', '', 'first', 1, ''],
      [true, 'First middle', '', 'Middle', '1', 'Coaching'],
      ['', '=HYPERLINK("x")', '', 'first', '', ''],
      ['maybe', 'Bad on', '', 'beginning', 'soon', 'Vibes'],
      [false, 'Checkbox off', '', 'last', 3, ''],
      ['Yes', '', '', 'last', 4, ''],
      ['', 'x'.repeat(PROMPT_MAX + 1), '', 'last', 5, ''],
      ['', "'=kept as text", '', 'last', '', 'Accountability'],
    ];
    const r = readPrompts(table);
    expect(r.prompts.map((p) => [p.stage, p.text, p.row])).toEqual([
      ['first', '=HYPERLINK("x")', 6],
      ['middle', 'First middle', 5],
      ['middle', 'Second middle', 2],
      ['last', '=kept as text', 11],
    ]);
    expect(r.off).toBe(2);
    expect(r.problems.map(formatPromptProblem)).toEqual([
      'Row 7: The Session stage "beginning" is not first, middle or last. Write one of them.',
      'Row 7: The Goal "Vibes" is not Relationship, Coaching or Accountability. Write one of them, or leave it blank.',
      'Row 7: The Order "soon" is not a number. Write a number like 3 or 2.5, or leave it blank.',
      'Row 7: On "maybe" is not Yes or No. Write Yes, No, or leave it blank for Yes.',
      'Row 9: The Prompt is blank. Write the prompt, or clear the row.',
      `Row 10: The Prompt has ${PROMPT_MAX + 1} characters; shorten it to ${PROMPT_MAX} or fewer.`,
    ]);
  });

  test('a missing Prompt column is one problem on row 1; an empty sheet too', () => {
    expect(readPrompts([['Order', 'Session stage'], [1, 'first']]).problems.map(formatPromptProblem)).toEqual([
      'Row 1: The Prompt column is missing. Run set-up again to put the header back.',
    ]);
    expect(readPrompts([]).problems).toHaveLength(1);
  });

  test('promptFor: a six-session cycle uses first, four middle, last; cycles move on through the middle prompts', () => {
    const prompts = SEEDED_PROMPTS;
    const cycle = (c: number) => [1, 2, 3, 4, 5, 6].map((s) => SEEDED_PROMPTS.indexOf(promptFor(c, s, 6, prompts) as Prompt) + 1);
    expect(cycle(1)).toEqual([1, 5, 6, 7, 8, 10]);
    expect(cycle(2)).toEqual([2, 9, 5, 6, 7, 11]);
    expect(cycle(3)).toEqual([3, 8, 9, 5, 6, 12]);
    expect(cycle(4)).toEqual([4, 7, 8, 9, 5, 10]);
  });

  test('promptFor borrows from another stage when a stage has none on, and is null with none at all', () => {
    const onlyMiddle = SEEDED_PROMPTS.filter((p) => p.stage === 'middle');
    expect(promptFor(1, 1, 6, onlyMiddle)?.stage).toBe('middle');
    expect(promptFor(1, 6, 6, onlyMiddle)?.stage).toBe('middle');
    expect(promptFor(1, 3, 6, [])).toBeNull();
  });

  test('property: within a cycle no prompt of a stage repeats while the stage has enough prompts; a prompt comes back only after all were used', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 30 }), (sessions, middleCount, cycle) => {
        const prompts: Prompt[] = [
          { order: 1, goal: '', stage: 'first', text: 'f', row: 2 },
          ...Array.from({ length: middleCount }, (_, i): Prompt => ({ order: i + 2, goal: '', stage: 'middle', text: `m${i}`, row: i + 3 })),
          { order: 99, goal: '', stage: 'last', text: 'l', row: 40 },
        ];
        const middle = Array.from({ length: Math.max(0, sessions - 2) }, (_, i) => promptFor(cycle, i + 2, sessions, prompts)!.text);
        if (middleCount >= middle.length) expect(new Set(middle).size).toBe(middle.length);
        // Over consecutive cycles the middle prompts are used round-robin: any window of
        // middleCount consecutive middle sessions shows every middle prompt once.
        if (sessions >= 3) {
          const stream: string[] = [];
          for (let c = cycle; stream.length < middleCount; c++) for (let s = 2; s < sessions; s++) stream.push(promptFor(c, s, sessions, prompts)!.text);
          expect(new Set(stream.slice(0, middleCount)).size).toBe(middleCount);
        }
        // Deterministic.
        expect(promptFor(cycle, 1, sessions, prompts)).toEqual(promptFor(cycle, 1, sessions, [...prompts].reverse()));
      }),
    );
  });
});
