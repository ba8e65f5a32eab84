// The Dashboard's network figures per cycle (issue 13, items 5 and 6): relationship coverage from
// the Rotations history (coverage.ts) and the end-of-cycle pairing rating's average from Feedback
// (coaching-feedback.ts), counted from last-session responses only: the form is one for every
// session, so the rating question is optional and asked "last session only". Pure.
//
// Decisions:
//   - Coverage: a group met unless its Status is `replaced` or `planned` (coverage.ts `groupMet`:
//     a `changed` or `cancelled` row stood on calendars until the change), and only once its cycle
//     has started (Starts ≤ today). A cycle's figures are among that cycle's participants.
//   - Pairing: a response counts when its Session is the cycle's last (meetings per cycle) or later;
//     each member's latest rating for their group counts once.
import { pairingRatings, readResponses } from './coaching-feedback';
import { coverageByCycle, coverageLine, currentCoverage, type CycleCoverage, type HistoryGroup } from './coverage';
import type { FeedbackRecord, RotationGroup } from './feedback';
import type { Person } from './people';
import { meetingsPerCycle, type Settings } from './settings';

export interface NetworkFigures {
  /** Average pairing rating (2 decimals), null when none. */
  pairing: number | null;
  /** Coverage among the cycle's participants, null when the cycle has not met (yet). */
  coverage: CycleCoverage | null;
}

/** The Rotations rows as coverage reads them. */
export function historyOf(groups: readonly RotationGroup[]): HistoryGroup[] {
  return groups.map((g) => ({ cycle: g.cycle, members: g.members, status: g.status, starts: g.starts === '' ? undefined : g.starts }));
}

/** Cycle → its network figures, for every cycle with a figure. */
export function networkByCycle(input: {
  groups: readonly RotationGroup[];
  feedback: readonly FeedbackRecord[];
  settings: Pick<Settings, 'cycleWeeks' | 'cadence'>;
  today: string;
  timeZone: string;
  people: readonly Pick<Person, 'email' | 'team'>[];
}): Map<number, NetworkFigures> {
  const out = new Map<number, NetworkFigures>();
  const at = (cycle: number) => out.get(cycle) ?? (out.set(cycle, { pairing: null, coverage: null }).get(cycle) as NetworkFigures);
  for (const c of coverageByCycle(historyOf(input.groups), input.people, { today: input.today })) at(c.cycle).coverage = c;
  const last = meetingsPerCycle(input.settings);
  const responses = readResponses(input.feedback, input.timeZone).filter((r) => r.session !== null && r.session >= last);
  for (const r of pairingRatings(input.groups, responses)) if (r.average !== null) at(r.cycle).pairing = r.average;
  return out;
}

/**
 * Today's coverage among the active people (every cycle that met counts), in one sentence for the
 * Dashboard (below its cycle rows) and the Connections sheet: "Today, among 12 active people:
 * Coverage: 40% of possible pairs have met (cross-team 35%); peers met per person 1 to 5, median 3."
 */
export function todayCoverageText(groups: readonly RotationGroup[], active: readonly Pick<Person, 'email' | 'team'>[], today: string): string {
  const line = coverageLine(currentCoverage(historyOf(groups), active, { today }));
  return `Today, among ${active.length} active ${active.length === 1 ? 'person' : 'people'}: ${line}`;
}
