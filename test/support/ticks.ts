// The hourly trigger on a jest fake clock: one tick an hour from `from` to `to` (inclusive), each
// its own execution; a tick that fails is what Apps Script shows as failed, and the next goes on.
import { onTick } from '../../src/app/tick';
import type { Workspace } from '../../src/local/emulation';
import { execution } from './workspace';

export const HOUR = 3_600_000;
/** What a time-driven trigger passes (an object with its triggerUid). */
export const TICK = { authMode: 'FULL', triggerUid: 't1' } as never;

export function ticks(ws: Workspace, from: Date, to: Date): void {
  for (let t = from.getTime(); t <= to.getTime(); t += HOUR) {
    jest.setSystemTime(new Date(t));
    try {
      execution(ws, () => onTick(TICK));
    } catch {
      // a failed run: the next one goes on
    }
  }
}
