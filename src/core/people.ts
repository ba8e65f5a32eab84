// The program's people and history as plain data, shared by roster validation, the pairing engine,
// the sheets and the command-line planner.

import type { DateRange } from './skip-dates';

export type Status = 'Active' | 'Paused' | 'Left';

/** One valid roster row. Emails are normalised (trimmed, lower-case) and identify a person. */
export interface Person {
  email: string;
  /** As written, trimmed. */
  name: string;
  /** '' when none; teams compare case-insensitively, trimmed. */
  team: string;
  /** IANA zone, or '' for the spreadsheet's (the settings') zone. */
  timeZone: string;
  status: Status;
  /** Normalised emails of people never to group them with (either side's list counts). */
  avoid: string[];
  /** As written ('' = Mon–Fri 09:00–17:00 in their zone); validated by the roster check. */
  workingHours: string;
  /** The Away column's dates (sorted, merged; core/away.ts); absent when the cell is blank or there is no column. */
  away?: DateRange[];
  /** Spreadsheet row of the record (header = row 1). */
  row: number;
}

/** One group of an earlier cycle (from the Rotations sheet or a history CSV). */
export interface PastGroup {
  cycle: number;
  /** Normalised emails, 2 or 3 of them. People no longer on the roster still count. */
  members: string[];
}

export interface PairingOptions {
  /** Keep people of the same team apart unless no grouping exists otherwise. Default true. */
  keepTeamsApart?: boolean;
  /** Makes the result deterministic; the same seed, roster and history give the same groups. */
  seed?: string | number;
  /** The number of the cycle being planned. Default: the highest cycle in the history + 1. */
  cycle?: number;
  /** Groups the owner locked in the preview (normalised emails); kept as they are. */
  locked?: string[][];
  /**
   * Group only people who share working hours in this cycle (issue 14): the tier after "everyone
   * placed". Absent: working hours are not considered.
   */
  reachability?: PairingReachability;
}

/** What the engine needs to know who can meet whom in a cycle (core/reachability.ts). */
export interface PairingReachability {
  /** The zone of people whose Time zone is blank: the settings' (the spreadsheet's) zone. */
  settingsZone: string;
  /** The meeting length in minutes. */
  minutes: number;
  /** The cycle's meeting dates, 'YYYY-MM-DD' (the meetings held, after skipped dates). */
  dates: readonly string[];
}

export interface PlannedGroup {
  /** Normalised emails: 2, or 3 for the one trio of an odd count. */
  members: string[];
  /** Why this group, in words a person understands: "never met", "last met in cycle 3", … */
  reason: string;
  /** Pairs in this group that met before, with the last cycle they met in. */
  repeats: Array<{ a: string; b: string; lastCycle: number }>;
  /** True when two members share a team (only when no grouping kept every team apart). */
  teammates: boolean;
  /** True when the owner locked it. */
  locked: boolean;
}

export interface PairingResult {
  cycle: number;
  groups: PlannedGroup[];
  /** Sentences for a person: teammates paired and why, repeats, who sat out and why, … */
  warnings: string[];
}

/** Normalises an email for comparison: trimmed, lower-case. */
export function normaliseEmail(email: unknown): string {
  return String(email ?? '').trim().toLowerCase();
}

/**
 * A pragmatic email check on a normalised address: one @, something before it, a dot in the
 * domain, no spaces or separators (commas, semicolons, brackets, quotes).
 */
export function isEmail(email: string): boolean {
  return /^[^\s@,;<>()[\]"]+@[^\s@,;<>()[\]".]+(\.[^\s@,;<>()[\]".]+)+$/.test(email);
}
