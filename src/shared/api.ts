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
  /** Why this group, for a person. Written to the Notes column on confirm. */
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
  | { status: 'replanned'; message: string; preview: PlanPreview };

/** The server functions the sidebar calls, by name. `src/server.ts` must provide each of them. */
export interface SidebarApi extends SettingsApi {
  getState(): ProgramState;
  setUp(): SetupResult;
  checkRoster(): RosterReport;
  selectRosterRow(row: number): void;
  planRotation(request: PlanRequest): PlanPreview;
  confirmRotation(preview: PlanPreview): ConfirmResult;
}
