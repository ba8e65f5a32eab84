// The add-on's public surface: every function Apps Script may call by name (triggers, the menu,
// google.script.run). The build turns each export into a top-level function in Code.js.
export { onOpen, onInstall, showSidebar } from './app/entry';
export { getState } from './app/state';
export { setUp } from './app/setup';
export { checkRoster, selectRosterRow } from './app/roster';
export { getSettings, saveSettings } from './app/settings';
export { planRotation, confirmRotation } from './app/plan';
export { getSchedule, scheduleStep } from './app/schedule';
export { onTick } from './app/tick';
export { cancelRotation } from './app/cancel';
export { applyRosterChanges } from './app/roster-changes';
export { onRosterChange } from './app/roster-change-trigger';
export { getOrganizer, takeOverProgram } from './app/organizer';
export { getLatestLog } from './app/log-view';
export { createFeedbackForm } from './app/feedback-form';
export { onFeedbackSubmit } from './app/feedback-responses';
export { getFeedbackSummary, refreshDashboard } from './app/dashboard';
