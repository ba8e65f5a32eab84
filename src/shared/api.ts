// What crosses google.script.run between the sidebar and the server: JSON-safe data only
// (no Date, no functions; dates travel as ISO strings).
import type { SettingsApi } from './settings';

export interface SheetSummary {
  name: string;
  /** Last row with content (0 when empty). */
  lastRow: number;
  lastColumn: number;
}

export interface ProgramState {
  spreadsheetName: string;
  timeZone: string;
  sheets: SheetSummary[];
  /** True when every sheet the program needs exists with all its canonical columns. */
  setUp: boolean;
  missingSheets: string[];
  /** Canonical Roster columns not found in its header row. */
  missingColumns: string[];
  /** Every program sheet that exists but lacks canonical columns → those columns. */
  missingColumnsBySheet: Record<string, string[]>;
  /** The program id set-up made for this spreadsheet; null before set-up, or in a copy until set up. */
  programId: string | null;
}

export interface SetupResult {
  createdSheets: string[];
  addedColumns: string[];
  /** One sentence for the sidebar. */
  message: string;
  state: ProgramState;
  /** One sentence per repair made to an existing sheet or to the program's identity. */
  repaired: string[];
  /** Sentences about what set-up could not decide and left for the owner (nothing was changed there). */
  problems: string[];
  /** The program id (new when this spreadsheet is a copy of another program). */
  programId: string;
}

export interface RosterProblemView {
  /** Spreadsheet row (header = 1). */
  row: number;
  /** The canonical column at fault, or '' for the whole row. */
  column: string;
  message: string;
  fix: string;
}

export interface RosterReport {
  problems: RosterProblemView[];
  counts: { active: number; paused: number; left: number };
}

/** What the sidebar may ask `planRotation` for. */
export interface PlanRequest {
  /** Groups the owner locked (emails, 2 or 3 each); kept as they are. */
  locked?: string[][];
  /** Another seed gives another plan for the same roster and history. */
  seed?: string;
  /** Plan the running (last) cycle again, replacing its groups. */
  replace?: boolean;
}

export interface PlanMemberView {
  email: string;
  name: string;
}

export interface PlanGroupView {
  members: PlanMemberView[];
  /** Why this group, for a person. Written to the Notes column on confirm, as text (cut to one cell). */
  reason: string;
  locked: boolean;
  /** Two members share a team. */
  teammates: boolean;
  /** How many pairs in the group met before. */
  repeats: number;
}

/** A proposed cycle: it travels to the sidebar and back to `confirmRotation`. */
export interface PlanPreview {
  cycle: number;
  /** 'YYYY-MM-DD'. */
  starts: string;
  ends: string;
  meetings: number;
  /** The roster's fingerprint when the preview was made. */
  fingerprint: string;
  /** True when confirming replaces the groups of the running cycle `cycle`. */
  replaces: boolean;
  groups: PlanGroupView[];
  warnings: string[];
}

export type ConfirmResult =
  | { status: 'confirmed'; message: string; rows: number }
  | { status: 'unchanged'; message: string }
  /** The roster changed (a new plan), or the dates did (the same groups on the new dates): nothing written. */
  | { status: 'replanned'; message: string; preview: PlanPreview };

/** Where scheduling the latest confirmed cycle stands (one chunk's result, or a look without work). */
export interface ScheduleView {
  /** The cycle being scheduled, or null when no cycle is confirmed yet. */
  cycle: number | null;
  /** Groups of the cycle in force. */
  total: number;
  /** Of those, the ones with their recurring event booked. */
  scheduled: number;
  /** Booked events whose Google Meet link Google has not made yet. */
  meetPending: number;
  /** Groups that failed, with the reason; Retry tries them again. */
  errors: Array<{ group: string; names: string; message: string }>;
  /** Nothing is left to do. */
  done: boolean;
  /** One sentence for the sidebar. */
  message: string;
  /** Sentences about the run as a whole (a daily limit reached, …). */
  notes: string[];
}

/** Average rating 1–5 per goal (2 decimals), or null when nobody rated it. */
export interface GoalAverages {
  relationship: number | null;
  coaching: number | null;
  accountability: number | null;
}

/** One cycle's feedback figures (src/core/dashboard.ts says how each is counted). */
export interface FeedbackCycleView {
  cycle: number;
  /** 'YYYY-MM-DD'. */
  starts: string;
  ends: string;
  /** Today is within starts…ends. */
  running: boolean;
  /** Groups not cancelled. */
  groups: number;
  /** Sessions at least one member reported held. */
  sessionsHeld: number;
  /** Responses received of those expected so far (one per member per past session). */
  received: number;
  expected: number;
  /** received / expected, 0–1; null when nothing is expected yet. */
  responseRate: number | null;
  averages: GoalAverages;
}

/** A group of the running cycle with no response for two weeks. */
export interface QuietGroupView {
  groupId: string;
  /** Names from the roster (the email when absent). */
  members: string[];
  emails: string[];
  sessionsPassed: number;
  /** The latest sessions in a row without "we met" (2 or more). */
  sessionsWithoutMeeting: number;
  /** 'YYYY-MM-DD' of the group's latest response of any kind, or null when none ever came. */
  lastResponse: string | null;
}

/** The feedback summary the sidebar shows: the form, and the same figures as the Dashboard. */
export interface FeedbackSummaryView {
  /** The feedback form's links; null before "Create the feedback form". */
  form: { url: string; editUrl: string } | null;
  /** 'YYYY-MM-DD' in the settings' time zone. */
  today: string;
  /** The running cycle, else the latest that has started; null before cycle 1. */
  latest: FeedbackCycleView | null;
  /** Every started cycle, first to last (response rate and averages). */
  trend: Array<{ cycle: number; starts: string; responseRate: number | null } & GoalAverages>;
  quietGroups: QuietGroupView[];
  /** Rows in Feedback. */
  responses: number;
  /** Of those, the rows with a Flag. */
  flagged: number;
  /** One sentence for the sidebar. */
  message: string;
}

/** What "Create the feedback form" did (it also repairs an existing form). */
export interface FeedbackFormResult {
  /** The respondents' link. */
  formUrl: string;
  /** The owner's link to edit the form. */
  editUrl: string;
  /** A new form was made (none existed, the old one is gone or not this spreadsheet's), or one a failed run began was finished. */
  created: boolean;
  /** One phrase per repair made to an existing form. */
  repaired: string[];
  /** Invitations (of every cycle not yet ended) whose description now carries their group's prefilled link. */
  patched: number;
  /** What could not be done (an invitation Calendar refused to update, …). */
  problems: string[];
  /** One sentence for the sidebar. */
  message: string;
}

/** What "Apply roster changes now" did to the booked cycle (app/roster-changes.ts). */
export interface RosterChangesResult {
  /** The cycle changed, or null when no booked cycle has meetings left. */
  cycle: number | null;
  /** False when the roster asks for no change to the booked cycle. */
  changed: boolean;
  /** One sentence for the sidebar. */
  message: string;
  /** What happened to whom, one sentence each (also in the Log). */
  notes: string[];
  /** Booking of the new arrangement after the change (null when nothing was to book). */
  schedule: ScheduleView | null;
}

/** One Log entry for the sidebar (newest first). */
export interface LogEntryView {
  /** ISO 8601 instant. */
  when: string;
  action: string;
  outcome: string;
  detail: string;
}

/** Who runs the program: whose calendar owns its events (issue 11, "One organizer"). */
export interface OrganizerView {
  /** The organizer's email, or '' when none is recorded yet (set-up records it). */
  organizer: string;
  /** The email of the person looking (the sidebar's user). */
  you: string;
  /** True when `you` is the organizer (or none is recorded). */
  isYou: boolean;
}

/** The server functions the sidebar calls, by name. `src/server.ts` must provide each of them. */
export interface SidebarApi extends SettingsApi {
  getState(): ProgramState;
  setUp(): SetupResult;
  checkRoster(): RosterReport;
  selectRosterRow(row: number): void;
  planRotation(request: PlanRequest): PlanPreview;
  confirmRotation(preview: PlanPreview): ConfirmResult;
  getSchedule(): ScheduleView;
  scheduleStep(request?: { retry?: boolean }): ScheduleView;
  createFeedbackForm(): FeedbackFormResult;
  getFeedbackSummary(): FeedbackSummaryView;
  refreshDashboard(): FeedbackSummaryView;
}

/** The lifecycle's server functions (issue 11); SidebarApi extends it once each is an entry point. */
export interface LifecycleApi {
  applyRosterChanges(): RosterChangesResult;
  cancelRotation(request?: { cycle?: number }): { cycle: number; groups: number; message: string };
  getLatestLog(): LogEntryView[];
  getOrganizer(): OrganizerView;
  takeOverProgram(): OrganizerView;
}
