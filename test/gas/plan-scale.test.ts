// The add-on's plan at scale (issue 12): past the supported maximum of active people, planRotation
// ends in the engine's message (a UserError, which the sidebar shows as it is), never a crash; and a
// roster above 4,000 people (more than 2,000 groups) plans and confirms.
import { confirmRotation, planRotation } from '../../src/app/plan';
import { setUp } from '../../src/app/setup';
import { UserError } from '../../src/core/errors';
import type { PlanPreview } from '../../src/shared/api';
import type { Workspace } from '../../src/local/emulation';
import { execution, useWorkspace, writeSheet } from '../support/workspace';

/** A set-up program with n active people, teams of about five. */
function program(n: number): Workspace {
  const ws = useWorkspace();
  execution(ws, setUp);
  // The set-up Roster's own column order (writeSheet writes over its header).
  const rows = [['Name', 'Email', 'Team', 'Time zone', 'Status']];
  for (let i = 1; i <= n; i++) rows.push([`Manager ${i}`, `m${i}@example.com`, `Team ${i % Math.ceil(n / 5)}`, 'Europe/London', 'Active']);
  writeSheet(ws, 'Roster', rows);
  return ws;
}

describe('planRotation past the supported maximum', () => {
  it('says how many active people there are and what to do, as a UserError', () => {
    const ws = program(10_001);
    let error: unknown;
    try {
      execution(ws, () => planRotation({}));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      'The roster has 10,001 active people; the planner supports up to 10,000 in one program. ' +
        'Set at least 1 of them to Paused, or split the program into several (one roster each).',
    );
  });
});

describe('a large program', () => {
  it('4,200 people: plans 2,100 pairs and confirms them', () => {
    const ws = program(4200);
    const preview = execution(ws, () => planRotation({}));
    expect(preview.groups).toHaveLength(2100);
    const result = execution(ws, () => confirmRotation(JSON.parse(JSON.stringify(preview)) as PlanPreview));
    expect(result).toMatchObject({ status: 'confirmed', rows: 2100 });
  });
});
