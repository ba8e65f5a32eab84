// Who plays in a cycle once the Roster's Away dates are counted (issue 14, item 3): someone away
// for more than half of the cycle's meetings sits it out (core/away.ts sittingOut), said in the
// preview's warnings like Paused people are; shorter absences are said too (their group skips
// those meetings when the cycle is booked: core/schedule.ts). Pure.
//
// Decision: a person sitting out is given to the pairing (and to the plan's check and fingerprint)
// as Left for this cycle only, so the engine leaves them out without calling them paused, avoid
// lists naming them stay valid, and a preview confirmed after their Away dates changed is planned
// again (the fingerprint counts Active people).
import { awayInCycle } from './away';
import { cycleMeetingPlan, type CycleShape } from './cycle-dates';
import type { Person } from './people';

export interface CyclePeople {
  /** The roster with those sitting the cycle out set to Left (the same objects otherwise). */
  people: Person[];
  /** One sentence per Active person away for some of the cycle's meetings, in roster order. */
  warnings: string[];
}

/**
 * The roster as the pairing sees it for the cycle starting `starts` (its meetings: the settings'
 * cadence and length, skipped dates left out).
 *
 * @example
 *   peopleForCycle(people, settings, '2027-01-05').warnings
 *   // ['Ann Lee is away for 4 of 6 meetings (…) and sits this cycle out.']
 */
export function peopleForCycle(people: readonly Person[], settings: CycleShape, starts: string): CyclePeople {
  const away = people.filter((p) => p.status === 'Active' && p.away !== undefined && p.away.length > 0);
  if (away.length === 0) return { people: [...people], warnings: [] };
  const dates = cycleMeetingPlan(settings, starts).dates;
  const found = awayInCycle(
    away.map((p) => ({ email: p.email, name: p.name, away: p.away ?? [] })),
    dates,
  );
  const out = new Set(found.filter((a) => a.sitsOut).map((a) => a.email));
  return {
    people: people.map((p) => (out.has(p.email) && p.status === 'Active' ? { ...p, status: 'Left' as const } : p)),
    warnings: found.map((a) => a.reason),
  };
}
