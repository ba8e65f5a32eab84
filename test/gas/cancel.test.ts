// "Cancel this cycle": the rows become cancelled, the next booking step takes the series off the
// calendars, nothing is left untracked; a failure at any call of cancel and the step that follows,
// then the next runs, ends the same way.
import { cancelRotation } from '../../src/app/cancel';
import type { Workspace } from '../../src/local/emulation';
import { execution } from '../support/workspace';
import { confirmed, expectCalendarsMatchRotations, rotations, runToEnd, series, step } from './schedule-fixtures';

const cancel = (ws: Workspace, input?: unknown) => execution(ws, () => cancelRotation(input));

function booked(): Workspace {
  const ws = confirmed({ n: 8, allActive: true });
  runToEnd(ws);
  expect(series(ws)).toHaveLength(4);
  ws.ledger.reset();
  return ws;
}

describe('cancelRotation', () => {
  it('marks the latest cycle cancelled; the next step removes its series; the Log says so', () => {
    const ws = booked();
    expect(cancel(ws)).toMatchObject({ cycle: 1, groups: 4 });
    expect(rotations(ws).map((r) => r.Status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    runToEnd(ws);
    expect(series(ws)).toEqual([]);
    expectCalendarsMatchRotations(ws);
    const log = ws.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Log')!.getDataRange().getDisplayValues();
    expect(log[1].slice(1, 3)).toEqual(['cancel cycle 1', 'ok']);
  });

  it('refuses when there is nothing to cancel, or a stale cycle number, and writes nothing', () => {
    const ws = booked();
    expect(() => cancel(ws, { cycle: 2 })).toThrow('Cycle 2 is not the latest cycle in force (cycle 1 is). Reload the sidebar.');
    expect(() => cancel(ws, { cycle: 'x' })).toThrow('The cycle to cancel was not understood');
    cancel(ws, { cycle: 1 });
    expect(() => cancel(ws)).toThrow('There is no cycle to cancel.');
  });

  it('a failure at every service call of cancel and the step after it, then the next runs: nothing left on the calendars', () => {
    let k = 1;
    let swept = 0;
    for (;;) {
      const ws = booked();
      ws.ledger.failAt(k);
      let reached = false;
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          if (rotations(ws).some((r) => r.Status !== 'cancelled')) cancel(ws);
          runToEnd(ws);
          break;
        } catch {
          reached = true; // a failed run: the owner (or the next tick) goes on
        }
      }
      ws.ledger.clearFaults();
      if (!reached) break;
      expect(rotations(ws).every((r) => r.Status === 'cancelled')).toBe(true);
      expect(series(ws)).toEqual([]);
      expectCalendarsMatchRotations(ws);
      swept++;
      k++;
    }
    expect(swept).toBeGreaterThan(10);
    console.log(`Fault points swept over cancel and the step after it: ${swept}`);
  });
});
