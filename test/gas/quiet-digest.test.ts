// Quiet groups in the owner's digest (issue 13, item 6): once a day the tick looks at the running
// cycle; a group with no "we met" for its last two sessions is told once per cycle, with the date
// of its last response; looking again the same day costs two calls.
import { quietGroupsDigest, QUIET_TOLD_KEY } from '../../src/app/dashboard';
import { execution } from '../support/workspace';
import { groups, properties, submit, withForm } from './feedback-fixtures';

afterEach(() => jest.useRealTimers());

describe('quiet groups in the digest', () => {
  it('tells each quiet group once per cycle, with its last response; the same day again costs two calls', () => {
    jest.useFakeTimers({ now: new Date('2027-01-05T20:00:00Z') });
    const { ws, code } = withForm(4, { schedule: true });
    const [g1, g2] = groups(ws);
    submit(ws, { email: g1.members[0], at: '2027-01-05T20:00:00Z', code: code(g1), session: '1', met: 'No' });

    jest.setSystemTime(new Date('2027-01-12T20:00:00Z')); // only session 1 before today
    expect(execution(ws, () => quietGroupsDigest(new Date()))).toEqual([]);

    jest.setSystemTime(new Date('2027-01-13T09:00:00Z')); // sessions 1 and 2 before today, no "we met"
    const [item] = execution(ws, () => quietGroupsDigest(new Date()));
    expect(item).toMatchObject({ kind: 'change' });
    expect(item.kind === 'change' && item.text).toBe(
      `Gone quiet in cycle 1 (no “we met” for two sessions in a row): ${g1.group} (Manager 1, Manager 2; last response 2027-01-05); ${g2.group} (Manager 3, Manager 4; no response yet).`,
    );
    ws.ledger.reset();
    expect(execution(ws, () => quietGroupsDigest(new Date()))).toEqual([]);
    expect(ws.ledger.count()).toBe(2); // the document properties only

    // g1 meets in session 3; g2 stays quiet but was told already: nothing new.
    submit(ws, { email: g1.members[1], at: '2027-01-19T20:00:00Z', code: code(g1), session: '3', met: 'Yes' });
    jest.setSystemTime(new Date('2027-01-27T09:00:00Z'));
    expect(execution(ws, () => quietGroupsDigest(new Date()))).toEqual([]);
    expect(JSON.parse(properties(ws)[QUIET_TOLD_KEY])).toEqual({ day: '2027-01-27', cycle: 1, groups: [g1.group, g2.group] });
  });
});
