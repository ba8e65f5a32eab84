// What `peer-coaching simulate` reports of the workspace at the end: every occurrence each person
// will attend (recurrences expanded, cancelled occurrences left out, each with its own description),
// the sheets as displayed, and relationship coverage per cycle (issue 13) from the Rotations history.
import { coverageByCycle, type CycleCoverage } from '../../core/coverage';
import { historyOf } from '../../core/dashboard-network';
import { readRotationGroups } from '../../core/feedback';
import { normaliseEmail } from '../../core/people';
import { checkRoster } from '../../core/roster';
import type { Workspace } from '../emulation';
import { isoWithOffset } from './time';

export interface SimOccurrence {
  start: string;
  end: string;
  summary: string;
  attendees: string[];
  organizer: string;
  eventId: string;
  /** The occurrence's own description: this week's brief once written (issue 13), else the series'. */
  description: string;
}

export type SimCalendars = Record<string, SimOccurrence[]>;

/**
 * Each person's meetings, sorted by start: the occurrences of every event they are a guest of
 * (not declined). Times are ISO 8601 with the offset of `zone` (the settings' zone).
 */
export function calendarsOf(ws: Workspace, emails: readonly string[], zone: string): SimCalendars {
  const out: SimCalendars = {};
  for (const email of [...new Set(emails.map(normaliseEmail))].sort()) {
    const list: Array<SimOccurrence & { at: number }> = [];
    const entries = ws.ledger.untracked(() => ws.calendar.eventsOn(email));
    const descriptions = new Map(ws.ledger.untracked(() => ws.calendar.occurrencesFor(email)).map((o) => [`${o.eventId}@${Date.parse(o.start)}`, o.description]));
    for (const entry of entries) {
      const event = entry.event;
      const attendees = (event.attendees ?? []).filter((a) => a.responseStatus !== 'declined').map((a) => normaliseEmail(a.email ?? ''));
      if (!attendees.includes(email)) continue;
      for (const o of entry.occurrences) {
        const at = Date.parse(o.start);
        list.push({
          at,
          start: isoWithOffset(at, zone),
          end: isoWithOffset(Date.parse(o.end), zone),
          summary: event.summary ?? '',
          attendees: [...attendees].sort(),
          organizer: normaliseEmail(event.organizer?.email ?? ''),
          eventId: event.id ?? '',
          description: descriptions.get(`${event.id ?? ''}@${at}`) ?? event.description ?? '',
        });
      }
    }
    list.sort((a, b) => a.at - b.at || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
    out[email] = list.map(({ at: _at, ...o }) => o);
  }
  return out;
}

/** The named sheets' data as displayed (header row first); [] for a sheet that does not exist. */
export function sheetsOf(ws: Workspace, names: readonly string[]): Record<string, string[][]> {
  const out: Record<string, string[][]> = {};
  ws.ledger.untracked(() => {
    for (const name of names) {
      const sheet = ws.spreadsheet.getSheetByName(name);
      if (!sheet || sheet.getLastRow() === 0) {
        out[name] = [];
        continue;
      }
      out[name] = sheet.getDataRange().getDisplayValues();
    }
  });
  return out;
}

/**
 * Relationship coverage per cycle (issue 13, item 6), computed from the Rotations sheet and the
 * Roster's teams at `today` with the Dashboard's own core (core/coverage.ts): cycle, people, pairs
 * and pairs met with their share, the same for cross-team pairs, distinct peers met (min/median/max).
 */
export function coverageResult(ws: Workspace, today: string): CycleCoverage[] {
  return ws.ledger.untracked(() => {
    const rotations = ws.spreadsheet.getSheetByName('Rotations');
    const roster = ws.spreadsheet.getSheetByName('Roster');
    if (!rotations || rotations.getLastRow() < 2) return [];
    const groups = readRotationGroups(rotations.getDataRange().getValues(), ws.spreadsheet.getSpreadsheetTimeZone());
    const people = roster ? checkRoster(roster.getDataRange().getValues()).people : [];
    return coverageByCycle(historyOf(groups), people, { today });
  });
}
