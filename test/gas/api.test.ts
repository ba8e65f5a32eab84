// The sidebar calls the server by name: every function of SidebarApi must be an entry point.
import * as server from '../../src/server';
import type { SidebarApi } from '../../src/shared/api';

// Compile-time: the server's exports accept what the sidebar sends and return what it expects.
const api: SidebarApi = server;

it('exports every function the sidebar calls', () => {
  const names: Array<keyof SidebarApi> = ['getState', 'setUp', 'checkRoster', 'selectRosterRow', 'getSettings', 'saveSettings', 'planRotation', 'confirmRotation', 'getSchedule', 'scheduleStep', 'createFeedbackForm', 'getFeedbackSummary', 'refreshDashboard'];
  for (const name of names) expect(typeof api[name]).toBe('function');
});
