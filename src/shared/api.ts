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

/** The server functions the sidebar calls, by name. `src/server.ts` must provide each of them. */
export interface SidebarApi extends SettingsApi {
  getState(): ProgramState;
  setUp(): SetupResult;
  checkRoster(): RosterReport;
  selectRosterRow(row: number): void;
}
