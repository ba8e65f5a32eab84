// The pairing engine's words: each planned group with its reason (and, with reachability, the
// working hours its members share), the warnings (who has nobody to meet within working hours,
// and the nearest option), and why people who cannot be placed cannot. Pure.
import type { PairingResult, PlannedGroup } from './people';
import { normaliseEmail } from './people';
import { cmp, type Group, list, type Model, NEVER, PairingError, reachable, reachableAll, sameTeam } from './pairing-model';
import { duration } from './pairing-reach';

/** Why some people cannot be placed: every avoid list that names a stuck person or belongs to one. */
export function cannotPlace(model: Model, stuck: number[], anyLocked: boolean): PairingError {
  const { people, n, emails } = model;
  stuck = [...stuck].sort((a, b) => cmp(emails[a], emails[b]));
  const isStuck = new Set(stuck);
  const index = new Map<string, number>();
  emails.forEach((e, i) => index.set(e, i));
  // Every avoid list that names a stuck person or belongs to one, by its owner.
  const blocks: string[] = [];
  for (let x = 0; x < n; x++) {
    const named: number[] = [];
    for (const e of new Set(people[x].avoid.map(normaliseEmail))) {
      const y = index.get(e);
      if (y !== undefined && y !== x && (isStuck.has(x) || isStuck.has(y))) named.push(y);
    }
    named.sort((a, b) => a - b);
    if (named.length) blocks.push(`${people[x].name}'s avoid list names ${list(named.map((y) => people[y].name), 'and')}`);
  }
  const who = `${list(stuck.map((i) => people[i].name), 'and')} cannot be placed`;
  const why = blocks.length ? ` (${blocks.join('; ')})` : '';
  const locked = anyLocked ? ', unlock a locked group' : '';
  return new PairingError(
    `Cannot group everyone: ${who}, because every group they could join includes someone an avoid list keeps them from${why}. Shorten one of these avoid lists${locked} or set someone's Status to Paused.`,
  );
}

/** The result: groups in a stable order, each with its reason; warnings as sentences. */
export function describe(model: Model, groups: Group[], pool: number[]): PairingResult {
  const { people, n, last } = model;
  const name = (i: number) => people[i].name;
  const met = (i: number, j: number) => last.get(i, j);
  const warnings: string[] = [];
  const trioWarnings: string[] = [];
  const teammateWarnings: string[] = [];
  const repeatWarnings: string[] = [];
  const lockedTrios = groups.filter((g) => g.locked && g.joiner < 0 && g.members.length === 3).length;
  const poolTrios = groups.filter((g) => g.members.length === 3).length - lockedTrios;
  const avoidTrios = poolTrios > pool.length % 2;
  const sharedHours = reachWords(model);
  const reachWarnings: string[] = [];

  const out: PlannedGroup[] = groups.map((g) => {
    const m = g.locked ? g.members : [...g.members].sort((a, b) => cmp(model.emails[a], model.emails[b]));
    const repeats: PlannedGroup['repeats'] = [];
    const repeated: Array<[number, number, number]> = [];
    let teammates = false;
    for (let a = 0; a < m.length; a++) {
      for (let b = a + 1; b < m.length; b++) {
        const c = met(m[a], m[b]);
        if (c !== NEVER) {
          const [x, y] = [model.emails[m[a]], model.emails[m[b]]].sort(cmp);
          repeats.push({ a: x, b: y, lastCycle: c });
          repeated.push([m[a], m[b], c]);
        }
        if (sameTeam(model, m[a], m[b])) teammates = true;
      }
    }
    const parts: string[] = [];
    if (g.locked) parts.push('locked in the preview');
    if (m.length === 2) {
      parts.push(metPhrase(met(m[0], m[1])));
    } else {
      const t = g.joiner >= 0 ? g.joiner : m[2];
      const [a, b] = m.filter((i) => i !== t);
      if (g.locked && g.joiner < 0) parts.push('trio');
      else if (g.locked) parts.push(`trio (${name(t)} joins the locked pair: no other group could take them)`);
      else if (avoidTrios) parts.push('trio (avoid lists leave no way to place everyone in pairs and one trio)');
      else if (lockedTrios > 0 && n % 2 === 0) parts.push('trio (the locked trio leaves an odd number of people)');
      else parts.push('trio (odd number of people)');
      if (g.locked && g.joiner >= 0) warnings.push(`${name(t)} joins the locked pair ${name(a)} and ${name(b)} as a trio: no other group could take them.`);
      const ab = met(a, b);
      if (ab !== NEVER) parts.push(`${name(a)} and ${name(b)} last met in cycle ${ab}`);
      parts.push(joinPhrase(name(t), name(a), met(t, a), name(b), met(t, b)));
    }
    if (teammates) {
      const pairsT: string[] = [];
      for (let a = 0; a < m.length; a++) for (let b = a + 1; b < m.length; b++) if (sameTeam(model, m[a], m[b])) pairsT.push(`${name(m[a])} and ${name(m[b])}`);
      if (!g.locked && model.keepApart) {
        parts.push(`same team (${people[m.find((i) => model.team[i] !== '' && m.some((j) => j !== i && sameTeam(model, i, j)))!].team.trim()}): no grouping kept every team apart`);
        for (let a = 0; a < m.length; a++) {
          for (let b = a + 1; b < m.length; b++) {
            if (sameTeam(model, m[a], m[b])) {
              teammateWarnings.push(`${name(m[a])} and ${name(m[b])} are both in team ${people[m[a]].team.trim()} and are grouped together: ${teamWhy(model, pool)}.`);
            }
          }
        }
      }
    }
    if (sharedHours) {
      parts.push(sharedHours.sentence(m));
      if (!g.locked && !canAllMeet(model, m)) reachWarnings.push(sharedHours.warning(m, pool));
    }
    if (!g.locked) {
      for (const [a, b, c] of repeated) {
        const available = model.reach ? 'everyone else they can meet within working hours and who is available' : 'everyone else available to them';
        repeatWarnings.push(`${name(a)} and ${name(b)} meet again (last met in cycle ${c}): ${available} was already met or excluded.`);
      }
      if (m.length === 3) {
        for (const i of m) {
          // (With regions, only people who could have taken the trio: the same region.)
          if (pool.some((j) => !m.includes(j) && model.trios[j] < model.trios[i] && (model.region === null || model.region[j] === model.region[i]))) {
            trioWarnings.push(`${name(i)} is in a trio again (${model.trios[i] === 1 ? 'once' : `${model.trios[i]} times`} before) while others have not been: every other choice would add a repeat, pair teammates or break an avoid list.`);
          }
        }
      }
    }
    return {
      members: m.map((i) => model.emails[i]),
      reason: parts.join('; '),
      repeats,
      teammates,
      locked: g.locked,
    };
  });
  if (avoidTrios) {
    warnings.push(
      `${poolTrios} trios this cycle instead of ${pool.length % 2 ? 'one' : 'pairs only'}: avoid lists leave no other way to place everyone.`,
    );
  } else if (lockedTrios > 0 && poolTrios + lockedTrios > n % 2) {
    warnings.push(`${poolTrios + lockedTrios} trios this cycle: the locked trio leaves an odd number of people to group.`);
  }
  warnings.push(...reachWarnings, ...teammateWarnings, ...repeatWarnings, ...trioWarnings);
  out.sort((x, y) => cmp(x.members[0], y.members[0]));
  return { cycle: model.cycle, groups: out, warnings };
}

/** Whether every two members (and a trio's three together) share a slot within working hours. */
function canAllMeet(model: Model, m: number[]): boolean {
  for (let a = 0; a < m.length; a++) for (let b = a + 1; b < m.length; b++) if (!reachable(model, m[a], m[b])) return false;
  return m.length !== 3 || reachableAll(model, m[0], m[1], m[2]);
}

/**
 * The reachability words of a plan, null without reachability: what a group shares ("share
 * 14:00–17:00 Europe/London on Mon–Thu", cached by the members' zones and hours), and for a group
 * that cannot meet, who has nobody to meet within working hours and the nearest option.
 */
function reachWords(model: Model): { sentence(m: number[]): string; warning(m: number[], pool: number[]): string } | null {
  const reach = model.reach;
  if (reach === null) return null;
  const name = (i: number) => model.people[i].name;
  const cache = new Map<string, string>();
  const sentence = (m: number[]) => {
    const first = m.reduce((x, y) => (cmp(model.emails[y], model.emails[x]) < 0 ? y : x));
    const key = [reach.signatureOf(first), ...m.filter((i) => i !== first).map((i) => reach.signatureOf(i)).sort((x, y) => x - y)].join(',');
    let text = cache.get(key);
    if (text === undefined) {
      text = reach.overlap(m).sentence;
      cache.set(key, text);
    }
    return text;
  };
  const warning = (m: number[], pool: number[]) => {
    const members = list(m.map(name), 'and');
    const alone: string[] = [];
    for (const i of m) {
      const options = pool.filter((j) => j !== i && !model.forbidden.has(i, j));
      if (options.some((j) => reachable(model, i, j))) continue;
      const near = reach.nearest(i, options);
      if (near === null) {
        alone.push(`${name(i)} has nobody else to be grouped with`);
        continue;
      }
      const how =
        near.weeksShared > 0
          ? `a ${model.meetingMinutes}-minute slot in common in ${near.weeksShared} of the cycle's ${reach.weeks} weeks`
          : near.gapMinutes === 0
            ? `working hours that touch or overlap by less than a ${model.meetingMinutes}-minute meeting`
            : `working hours ${duration(near.gapMinutes)} apart`;
      alone.push(`${name(i)} (${model.people[i].timeZone || 'the spreadsheet’s zone'}) has nobody on the roster to meet within working hours this cycle; the nearest option is ${name(near.person)}, with ${how}`);
    }
    const why = alone.length
      ? `${alone.join('. ')}.`
      : `Everyone they could meet within working hours is needed in another group: no grouping of everyone lets every group meet.`;
    return `${members} ${sentence(m)}, so their meetings fall outside someone's working hours. ${why} Check their Working hours and Time zone, or group them by hand.`;
  };
  return { sentence, warning };
}

function teamWhy(model: Model, pool: number[]): string {
  const counts = new Map<string, number>();
  for (const i of pool) if (model.team[i]) counts.set(model.team[i], (counts.get(model.team[i]) ?? 0) + 1);
  for (const [t, c] of counts) {
    if (c > pool.length - c + (pool.length % 2 === 1 ? 1 : 0)) {
      const label = model.people[pool.find((i) => model.team[i] === t)!].team.trim();
      return `team ${label} has ${c} of the ${pool.length} people to group, too many to pair each with someone outside it`;
    }
  }
  if (model.reach) return 'working hours, avoid lists and locked groups leave no grouping of everyone that keeps every team apart and lets every group meet';
  return 'avoid lists and locked groups leave no grouping of everyone that keeps every team apart';
}

function metPhrase(c: number): string {
  return c === NEVER ? 'never met' : `last met in cycle ${c}`;
}

function joinPhrase(t: string, a: string, ta: number, b: string, tb: number): string {
  if (ta === NEVER && tb === NEVER) return `${t} never met ${a} or ${b}`;
  if (ta === NEVER) return `${t} never met ${a} and last met ${b} in cycle ${tb}`;
  if (tb === NEVER) return `${t} never met ${b} and last met ${a} in cycle ${ta}`;
  return `${t} last met ${a} in cycle ${ta} and ${b} in cycle ${tb}`;
}

