// A planned rotation as the owner adjusts and confirms it: the roster's fingerprint (has it changed
// since the preview?), the preview the sidebar shows, the re-check of a plan that came back from
// the sidebar, swapping two people, the rows the plan becomes in the Rotations sheet, and cycle 1's
// date as those rows give it. Pure: plain data in, plain data out.
import type { PlanGroupView, PlanPreview } from '../shared/api';
import { addDays, isIsoDate } from './dates';
import type { PairingResult, Person } from './people';
import { normaliseEmail } from './people';
import { hashString } from './pairing-circle';
import { MAX_ACTIVE_PEOPLE } from './pairing';
import { ROTATIONS } from './schema';
import type { CycleDates, Settings } from './settings';

/** The most active people a cycle is planned for (the engine's limit); planning refuses a larger roster. */
export const MAX_PEOPLE = MAX_ACTIVE_PEOPLE;
/** The most groups a plan holds: MAX_PEOPLE in pairs. */
export const MAX_GROUPS = MAX_PEOPLE / 2;

/**
 * A stable hash of what planning depends on: the active people's email, team, status, avoid
 * list, time zone and working hours (who can meet whom, issue 14). Independent of the roster's
 * order (and of the order within an avoid list).
 */
export function rosterFingerprint(people: readonly Person[]): string {
  const lines = people
    .filter((p) => p.status === 'Active')
    .map((p) =>
      [
        normaliseEmail(p.email),
        String(p.team ?? '').trim().toLowerCase(),
        p.status,
        [...new Set((p.avoid ?? []).map(normaliseEmail))].sort().join(','),
        String(p.timeZone ?? '').trim(),
        String(p.workingHours ?? '').trim(),
      ].join('\u0001'),
    )
    .sort();
  const text = lines.join('\u0002');
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  return hex(hashString(text)) + hex(hashString(`fingerprint\u0000${text}`));
}

export interface CheckPlanOptions {
  /** How many trios the plan may hold. Default: 1 when the active count is odd, else 0. */
  maxTrios?: number;
}

/**
 * Every reason `groups` (emails) is not a valid plan for `people`: each active person exactly
 * once, nobody inactive or unknown, groups of 2 or 3 with at most `maxTrios` trios, avoid lists
 * kept. Empty when the plan is valid.
 */
export function checkPlan(groups: readonly (readonly string[])[], people: readonly Person[], options: CheckPlanOptions = {}): string[] {
  const problems: string[] = [];
  const byEmail = new Map<string, Person>();
  for (const p of people) if (!byEmail.has(normaliseEmail(p.email))) byEmail.set(normaliseEmail(p.email), p);
  const active = [...byEmail.values()].filter((p) => p.status === 'Active');
  const name = (e: string) => byEmail.get(e)?.name ?? e;
  const placed = new Map<string, number>();
  let trios = 0;

  groups.forEach((raw, g) => {
    const label = `Group ${g + 1}`;
    const members = raw.map(normaliseEmail);
    if (members.length < 2 || members.length > 3) problems.push(`${label} has ${members.length} people; a group has 2 or 3.`);
    if (members.length === 3) trios++;
    for (const e of members) {
      const p = byEmail.get(e);
      if (!p) problems.push(`${label} names ${e || '(blank)'}, who is not on the roster.`);
      else if (p.status !== 'Active') problems.push(`${label} includes ${p.name}, whose status is ${p.status}.`);
      placed.set(e, (placed.get(e) ?? 0) + 1);
    }
    for (let a = 0; a < members.length; a++) {
      for (let b = a + 1; b < members.length; b++) {
        const x = byEmail.get(members[a]);
        const y = byEmail.get(members[b]);
        if (!x || !y) continue;
        if (x.avoid.map(normaliseEmail).includes(members[b]) || y.avoid.map(normaliseEmail).includes(members[a])) {
          problems.push(`${label} puts together ${x.name} and ${y.name}, and an avoid list forbids that.`);
        }
      }
    }
  });
  for (const [e, count] of [...placed.entries()].sort()) {
    if (count > 1 && byEmail.has(e)) problems.push(`${name(e)} is in ${count} groups; everyone is in exactly one.`);
  }
  for (const p of active) {
    if (!placed.has(normaliseEmail(p.email))) problems.push(`${p.name} (${normaliseEmail(p.email)}) is in no group; every active person is in one.`);
  }
  const maxTrios = options.maxTrios ?? active.length % 2;
  if (trios > maxTrios) {
    problems.push(`The plan has ${trios} trios; ${maxTrios === 0 ? 'an even count needs none' : `at most ${maxTrios} ${maxTrios === 1 ? 'is' : 'are'} needed`}.`);
  }
  return problems;
}

/** The preview of `plan` for the sidebar: the cycle's dates, each group with names, the warnings. */
export function planPreview(plan: PairingResult, people: readonly Person[], dates: CycleDates, replaces: boolean): PlanPreview {
  const byEmail = new Map(people.map((x) => [normaliseEmail(x.email), x]));
  return {
    cycle: dates.cycle,
    starts: dates.starts,
    ends: dates.ends,
    meetings: dates.meetings,
    fingerprint: rosterFingerprint(people),
    replaces,
    groups: plan.groups.map(
      (g): PlanGroupView => ({
        members: g.members.map((email) => ({ email, name: byEmail.get(email)?.name ?? email })),
        reason: g.reason,
        locked: g.locked,
        teammates: g.teammates,
        repeats: g.repeats.length,
      }),
    ),
    warnings: plan.warnings.slice(),
  };
}

/**
 * Cycle 1's first day as the Rotations rows give it ('' when no row says): from the earliest cycle
 * with a Starts date, counting back `cycleWeeks` weeks per cycle. The rows are the record of what
 * was confirmed, so the dates of later cycles follow from them when the first meeting date was
 * never saved.
 */
export function firstStartFromRows(rows: ReadonlyArray<{ cycle: number; starts: string }>, cycleWeeks: number): string {
  let best: { cycle: number; starts: string } | null = null;
  for (const r of rows) {
    if (!Number.isSafeInteger(r.cycle) || r.cycle < 1 || !isIsoDate(r.starts)) continue;
    if (!best || r.cycle < best.cycle || (r.cycle === best.cycle && r.starts < best.starts)) best = r;
  }
  return best ? addDays(best.starts, -(best.cycle - 1) * cycleWeeks * 7) : '';
}

/**
 * Swaps people `a` and `b` (emails) between their groups; a copy. Unchanged when either is in no
 * group or both are in the same one.
 */
export function swapMembers(groups: readonly (readonly string[])[], a: string, b: string): string[][] {
  const x = normaliseEmail(a);
  const y = normaliseEmail(b);
  const copy = groups.map((g) => g.slice());
  const ga = copy.findIndex((g) => g.some((e) => normaliseEmail(e) === x));
  const gb = copy.findIndex((g) => g.some((e) => normaliseEmail(e) === y));
  if (ga < 0 || gb < 0 || ga === gb) return copy;
  const ia = copy[ga].findIndex((e) => normaliseEmail(e) === x);
  const ib = copy[gb].findIndex((e) => normaliseEmail(e) === y);
  const t = copy[ga][ia];
  copy[ga][ia] = copy[gb][ib];
  copy[gb][ib] = t;
  return copy;
}

/** A group's id in the program: "C3-01" for cycle 3's first group. */
export function groupId(cycle: number, index: number): string {
  return `C${cycle}-${String(index + 1).padStart(2, '0')}`;
}

/** The Rotations sheet's canonical headers, in order. */
export const ROTATION_HEADERS: readonly string[] = ROTATIONS.columns.map((c) => c.header);

/**
 * The plan as Rotations rows, in ROTATIONS column order: Cycle, Starts, Ends, Group, Member 1-3,
 * Day and time, Time zone, Status ("planned"), Event ID, Meet link, Notes (the reason).
 * `settings.timeZone` should be the resolved zone (the spreadsheet's when the setting is blank).
 */
export function rotationRows(
  cycle: number,
  dates: Pick<CycleDates, 'starts' | 'ends'>,
  groups: ReadonlyArray<{ members: readonly string[]; reason: string }>,
  _people: readonly Person[],
  settings: Pick<Settings, 'preferredWeekday' | 'preferredTime' | 'timeZone'>,
): Array<Array<string | number>> {
  return groups.map((g, i) => {
    const m = g.members.map(normaliseEmail);
    return [
      cycle,
      dates.starts,
      dates.ends,
      groupId(cycle, i),
      m[0] ?? '',
      m[1] ?? '',
      m[2] ?? '',
      `${settings.preferredWeekday} ${settings.preferredTime}`,
      settings.timeZone,
      'planned',
      '',
      '',
      g.reason,
    ];
  });
}
