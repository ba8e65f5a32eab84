// Sample data for the local sandbox (`npm start`) and the command-line planner: a dozen
// engineering managers across teams and time zones. Plain data, no emulation, no Node.
//
// The header deliberately lacks the "Working hours" and "Notes" columns, so the first screen of
// the sidebar shows set-up as incomplete and "Set up this spreadsheet" repairs the Roster.
// It also holds the cases the product must handle: one Paused person, one avoid-list entry, one
// blank status (which means Active).

export const SAMPLE_SPREADSHEET_NAME = 'Engineering managers — peer coaching';
export const SAMPLE_TIME_ZONE = 'Europe/London';
export const SAMPLE_ROSTER_SHEET = 'Roster';

export const SAMPLE_ROSTER_HEADER: readonly string[] = ['Name', 'Email', 'Team', 'Time zone', 'Status', 'Avoid pairing with'];

/** One row per manager, every cell a string, in the order of {@link SAMPLE_ROSTER_HEADER}. */
export const SAMPLE_ROSTER_ROWS: ReadonlyArray<readonly string[]> = [
  ['Amara Okafor', 'amara.okafor@example.com', 'Payments', 'Europe/London', 'Active', ''],
  ['Ben Whitfield', 'ben.whitfield@example.com', 'Payments', 'Europe/London', 'Active', ''],
  ['Rohan Mehta', 'rohan.mehta@example.com', 'Payments', 'Asia/Kolkata', 'Active', ''],
  ['Jonas Becker', 'jonas.becker@example.com', 'Platform', 'Europe/Berlin', 'Active', ''],
  ['Elena Petrova', 'elena.petrova@example.com', 'Platform', 'Europe/Berlin', 'Paused', ''],
  ['Carlos Mendes', 'carlos.mendes@example.com', 'Platform', 'Europe/Lisbon', 'Active', ''],
  ['Daniel Kim', 'daniel.kim@example.com', 'Mobile', 'America/New_York', 'Active', ''],
  ['Maya Johnson', 'maya.johnson@example.com', 'Mobile', 'America/New_York', 'Active', ''],
  ['Grace Liu', 'grace.liu@example.com', 'Mobile', 'America/Los_Angeles', '', ''],
  ['Priya Raman', 'priya.raman@example.com', 'Data', 'Asia/Kolkata', 'Active', ''],
  ['Farah Haddad', 'farah.haddad@example.com', 'Data', 'Europe/Berlin', 'Active', 'jonas.becker@example.com'],
  ['Tom Gallagher', 'tom.gallagher@example.com', 'Data', 'Europe/Dublin', 'Active', ''],
];

/** Header and rows as one block, ready for `Range.setValues` or a CSV writer. */
export function sampleRosterTable(): string[][] {
  return [SAMPLE_ROSTER_HEADER.slice(), ...SAMPLE_ROSTER_ROWS.map((row) => row.slice())];
}
