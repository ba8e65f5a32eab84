// What a roster change does to a booked cycle: which groups end at their next occurrence, which
// continue untouched, and which new groups carry on from there, each with a note a person
// understands. Pure and deterministic (the seed is passed in); one person is placed at a time, with
// a small scoring over the candidate groups that follows the pairing engine's order of concerns:
// avoid lists (never broken) > teammates apart (when on) > no repeats (the most recent worst).
//
// The rules (issue 11, "Changes to a booked cycle"):
//   - a leaver (status Left or Paused, or a row deleted) has no meetings from the next occurrence;
//   - a trio losing one continues as a pair; a partner left alone pairs with another person left
//     alone, or joins a pair as its third (groups that are changing anyway first), or, when every
//     other group is a trio, takes one member of a trio so two pairs remain;
//   - a newcomer (an Active person in no running group) joins when "newcomers join the running
//     cycle" is on and the group still has `minMeetingsToJoin` (2) meetings: with another newcomer
//     or a partner left alone as a pair, or as a pair's third; otherwise they wait for the next cycle;
//   - a group never has more than three members; an avoid list is never broken.
// Applying the plan and planning again with the same roster changes nothing (idempotent).
import { hashString } from './pairing-circle';
import type { PastGroup, Person } from './people';
import { normaliseEmail } from './people';
import { groupId as makeGroupId } from './rotation';

/** One group of the running cycle as booked now. */
export interface RunningGroup {
  /** "C3-02": the Rotations id, kept by the group's successor. */
  groupId: string;
  /** Emails (normalised here). */
  members: string[];
  /** ISO 8601 instant of the group's next occurrence; null when the group has no meeting left. */
  nextOccurrence: string | null;
  /** Meetings from `nextOccurrence` to the end of the cycle. */
  occurrencesLeft: number;
}

export interface ChangeOptions {
  /** The running cycle's number (for new group ids and repeats). */
  cycle: number;
  /** 'YYYY-MM-DD' in the settings' zone: when the change was found (for the notes). */
  today: string;
  /** Keep teammates apart where possible. Default true. */
  keepTeamsApart?: boolean;
  /** Newcomers join the running cycle. Default true. */
  newcomersJoinRunningCycle?: boolean;
  /** Meetings a group must still have for a newcomer to join it. Default 2. */
  minMeetingsToJoin?: number;
  /** Ties are broken by a hash of the seed: same input, same plan. */
  seed?: string | number;
  /** Names of people no longer on the roster (deleted rows), by email, for the notes. */
  names?: Readonly<Record<string, string>>;
  /** Every group id the cycle has used (ended ones too), so a new group never takes an old id. */
  usedGroupIds?: readonly string[];
  /**
   * With "find a common time" on: whether `email`'s working hours hold the weekday and time of
   * group `slotGroupId`. A slot that does not fit costs more than any repeat, less than teammates.
   */
  fitsSlot?: (email: string, slotGroupId: string) => boolean;
}

export interface ChangeInput {
  groups: readonly RunningGroup[];
  /** The roster now: a person missing from it was deleted. */
  people: readonly Person[];
  /** Earlier groups (the running cycle's own groups count as met). */
  history: readonly PastGroup[];
  options: ChangeOptions;
}

/** A group whose series ends before `from` (trim there with recurrence.ts `trimRecurrence`). */
export interface EndedGroup {
  groupId: string;
  members: string[];
  /** ISO instant of the first occurrence it no longer has (its next occurrence). */
  from: string;
  note: string;
}

/** A group booked from `from` for the rest of the cycle. */
export interface NewGroup {
  /** The id it keeps (the group whose slot it takes) or a new one for a group of newcomers. */
  groupId: string;
  members: string[];
  /** ISO instant of its first meeting: the slot group's next occurrence. */
  from: string;
  /** Meetings it has. */
  occurrences: number;
  /** The group whose weekday and time it keeps, or null when a time must be found (newcomers). */
  slotOf: string | null;
  /** The ended groups it takes people from. */
  replaces: string[];
  note: string;
}

export interface ChangePlan {
  /** Ids of running groups left as they are. */
  unchanged: string[];
  ended: EndedGroup[];
  created: NewGroup[];
  /** Active people waiting for the next cycle (newcomers who could not or may not join). */
  waiting: string[];
  /** People left without a group that nothing allowed (avoid lists): the owner must decide. */
  undecided: string[];
  /** Every sentence, in order, for Rotations' Notes, the Log and the digest. */
  notes: string[];
  /** False when nothing is to be done. */
  changed: boolean;
}

interface Slot {
  groupId: string;
  from: string;
  left: number;
}

interface Final {
  members: string[];
  slot: Slot | null;
  /** The id given to the group (slot's, or a new one). */
  id: string | null;
  /** Original groups its members come from. */
  sources: Set<string>;
  phrases: string[];
}

const FORBIDDEN = Number.POSITIVE_INFINITY;
const TEAMMATE = 1_000_000;
const REPEAT = 1_000;
const RECENCY = 50;
const UNTOUCHED = 100;
const OFF_HOURS = 100_000;

/** Plans what the roster change does to the running cycle. See the file comment. */
export function planChanges(input: ChangeInput): ChangePlan {
  const o = input.options;
  const keepApart = o.keepTeamsApart !== false;
  const newcomersJoin = o.newcomersJoinRunningCycle !== false;
  const minJoin = o.minMeetingsToJoin ?? 2;
  const seed = String(o.seed ?? '');

  const roster = new Map<string, Person>();
  for (const p of input.people) {
    const e = normaliseEmail(p.email);
    if (!roster.has(e)) roster.set(e, p);
  }
  const nameOf = (e: string) => roster.get(e)?.name || o.names?.[e] || e;
  const isActive = (e: string) => roster.get(e)?.status === 'Active';

  // Groups still running, and who is where.
  const live: RunningGroup[] = [];
  const over: string[] = [];
  const groupOf = new Map<string, RunningGroup>();
  for (const raw of input.groups) {
    const g: RunningGroup = { ...raw, members: [...new Set(raw.members.map(normaliseEmail).filter((e) => e !== ''))] };
    if (g.members.length > 3) throw new RangeError(`Group ${g.groupId} has ${g.members.length} members; a group has 2 or 3.`);
    if (g.nextOccurrence === null || !(g.occurrencesLeft >= 1)) {
      over.push(g.groupId);
      continue;
    }
    for (const e of g.members) {
      if (groupOf.has(e)) throw new RangeError(`${nameOf(e)} is in two running groups (${groupOf.get(e)!.groupId} and ${g.groupId}).`);
      groupOf.set(e, g);
    }
    live.push(g);
  }
  live.sort((a, b) => cmp(a.groupId, b.groupId));

  // Who met whom, and when.
  const last = new Map<string, number>();
  const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  const meet = (members: readonly string[], cycle: number) => {
    const m = members.map(normaliseEmail);
    for (let i = 0; i < m.length; i++) {
      for (let j = i + 1; j < m.length; j++) {
        const k = pairKey(m[i], m[j]);
        if (!(last.get(k)! >= cycle)) last.set(k, cycle);
      }
    }
  };
  for (const h of input.history) meet(h.members, h.cycle);
  for (const g of live) meet(g.members, o.cycle);

  const forbidden = (a: string, b: string) => {
    const pa = roster.get(a);
    const pb = roster.get(b);
    return (pa?.avoid ?? []).map(normaliseEmail).includes(b) || (pb?.avoid ?? []).map(normaliseEmail).includes(a);
  };
  const team = (e: string) => String(roster.get(e)?.team ?? '').trim().toLowerCase();
  /** The cost of `x` meeting every one of `members` (FORBIDDEN when an avoid list says no). */
  const cost = (x: string, members: readonly string[]): number => {
    let c = 0;
    for (const m of members) {
      if (forbidden(x, m)) return FORBIDDEN;
      if (keepApart && team(x) !== '' && team(x) === team(m)) c += TEAMMATE;
      const met = last.get(pairKey(x, m));
      if (met !== undefined) c += REPEAT + RECENCY - Math.min(RECENCY, Math.max(0, o.cycle - met));
    }
    return c;
  };
  const offHours = (emails: readonly string[], slot: Slot | null) =>
    slot && o.fitsSlot ? emails.filter((e) => !o.fitsSlot!(e, slot.groupId)).length * OFF_HOURS : 0;
  const tie = (...keys: string[]) => hashString(`${seed}\u0000${keys.join('\u0000')}`);

  // Each running group: who stays, who leaves.
  const finals: Final[] = [];
  const finalOf = new Map<string, Final>(); // by original group id (the slot it keeps)
  const leaverPhrases = new Map<string, string[]>();
  const singles: Array<{ email: string; slot: Slot | null; newcomer: boolean }> = [];
  for (const g of live) {
    const stay = g.members.filter(isActive);
    const gone = g.members.filter((e) => !isActive(e));
    leaverPhrases.set(g.groupId, gone.map((e) => leaverPhrase(e, roster.get(e), nameOf(e), o.today)));
    const slot: Slot = { groupId: g.groupId, from: g.nextOccurrence as string, left: g.occurrencesLeft };
    if (stay.length >= 2) {
      const f: Final = { members: stay, slot, id: g.groupId, sources: new Set([g.groupId]), phrases: [] };
      if (gone.length > 0) f.phrases.push(`${names(stay, nameOf)} continue as a ${stay.length === 2 ? 'pair' : 'trio'}`);
      finals.push(f);
      finalOf.set(g.groupId, f);
    } else if (stay.length === 1) {
      singles.push({ email: stay[0], slot, newcomer: false });
    }
  }
  const waiting: string[] = [];
  const newcomers = [...roster.keys()].filter((e) => isActive(e) && !groupOf.has(e)).sort(cmp);
  // Only groups with enough meetings left take newcomers; without such a group they wait.
  const joinable = (s: Slot | null) => s !== null && s.left >= minJoin;
  const bestSlotForNewcomers = live
    .map((g) => ({ groupId: g.groupId, from: g.nextOccurrence as string, left: g.occurrencesLeft }))
    .filter(joinable)
    .sort((a, b) => b.left - a.left || Date.parse(a.from) - Date.parse(b.from) || cmp(a.groupId, b.groupId))[0] ?? null;
  for (const e of newcomers) {
    if (newcomersJoin && bestSlotForNewcomers) singles.push({ email: e, slot: null, newcomer: true });
    else waiting.push(e);
  }
  singles.sort((a, b) => tie(a.email) - tie(b.email) || cmp(a.email, b.email));

  const placed = new Set<string>();
  const isNew = (e: string) => singles.some((s) => s.email === e && s.newcomer);
  const who = (e: string) => `${nameOf(e)}${isNew(e) ? ' (new)' : ''}`;

  /** The slot a pair of singles keeps: null for two newcomers (a time is to be found), undefined when they may not pair. */
  const pairSlot = (a: (typeof singles)[number], b: (typeof singles)[number]): Slot | null | undefined => {
    const slots = [a.slot, b.slot].filter((s): s is Slot => s !== null);
    const needJoinable = a.newcomer || b.newcomer;
    const ok = slots.filter((s) => !needJoinable || joinable(s));
    if (slots.length === 0) return null; // two newcomers: a time is to be found
    if (ok.length === 0) return undefined;
    return ok.sort((x, y) => Date.parse(x.from) - Date.parse(y.from) || y.left - x.left || cmp(x.groupId, y.groupId))[0];
  };
  const pairUp = (maxCost: number) => {
    const options: Array<{ a: number; b: number; c: number; t: number; slot: Slot | null }> = [];
    for (let i = 0; i < singles.length; i++) {
      for (let j = i + 1; j < singles.length; j++) {
        const a = singles[i];
        const b = singles[j];
        if (placed.has(a.email) || placed.has(b.email)) continue;
        const slot = pairSlot(a, b);
        if (slot === undefined) continue;
        const c = cost(a.email, [b.email]) + offHours([a.email, b.email], slot);
        if (c === FORBIDDEN || c > maxCost) continue;
        options.push({ a: i, b: j, c, t: tie(a.email, b.email), slot });
      }
    }
    options.sort((x, y) => x.c - y.c || x.t - y.t);
    for (const opt of options) {
      // The one whose slot is kept first (Member 1), else by email.
      const [a, b] = [singles[opt.a], singles[opt.b]].sort((x, y) =>
        Number(y.slot !== null && y.slot === opt.slot) - Number(x.slot !== null && x.slot === opt.slot) || cmp(x.email, y.email));
      if (placed.has(a.email) || placed.has(b.email)) continue;
      placed.add(a.email);
      placed.add(b.email);
      const sources = new Set([a.slot?.groupId, b.slot?.groupId].filter((s): s is string => s !== undefined));
      const f: Final = {
        members: [a.email, b.email],
        slot: opt.slot,
        id: opt.slot?.groupId ?? null,
        sources,
        phrases: [`${who(a.email)} and ${who(b.email)} now meet as a pair`],
      };
      finals.push(f);
      if (opt.slot) finalOf.set(opt.slot.groupId, f);
    }
  };
  const joinGroups = () => {
    // Those already in the running cycle take a third place before newcomers: a newcomer can wait
    // for the next cycle, a partner left alone would have no meetings at all.
    for (const s of [...singles].sort((a, b) => Number(a.newcomer) - Number(b.newcomer))) {
      if (placed.has(s.email)) continue;
      let best: { f: Final; c: number; t: number } | null = null;
      for (const f of finals) {
        // A pair of newcomers has no slot yet; it meets from the newcomers' slot.
        const slot = f.slot ?? bestSlotForNewcomers;
        if (f.members.length !== 2 || slot === null) continue;
        if (s.newcomer ? !joinable(slot) : slot.left < 1) continue;
        let c = cost(s.email, f.members);
        if (c === FORBIDDEN) continue;
        if (f.phrases.length === 0) c += UNTOUCHED; // a group changing anyway first
        c += offHours([s.email], f.slot);
        if (s.slot) c += Math.abs(s.slot.left - slot.left);
        else c += Math.max(0, 12 - slot.left);
        const t = tie(s.email, f.id ?? '');
        if (!best || c < best.c || (c === best.c && t < best.t)) best = { f, c, t };
      }
      if (!best) continue;
      placed.add(s.email);
      best.f.members = [...best.f.members, s.email];
      if (s.slot) best.f.sources.add(s.slot.groupId);
      best.f.phrases.push(best.f.id ? `${who(s.email)} joined group ${best.f.id} as its third` : `${who(s.email)} joined them as the third`);
    }
  };
  const splitTrios = () => {
    for (const s of singles) {
      if (placed.has(s.email) || s.newcomer || !s.slot) continue;
      let best: { f: Final; m: string; c: number; t: number } | null = null;
      for (const f of finals) {
        if (f.members.length !== 3) continue; // a trio of newcomers (no slot yet) gives a member too
        for (const m of f.members) {
          const c = cost(s.email, [m]) + offHours([s.email, m], s.slot);
          if (c === FORBIDDEN) continue;
          const t = tie(s.email, m);
          if (!best || c < best.c || (c === best.c && t < best.t)) best = { f, m, c, t };
        }
      }
      if (!best) continue;
      placed.add(s.email);
      const { f, m } = best;
      f.members = f.members.filter((x) => x !== m);
      f.phrases.push(`${nameOf(m)} moved to meet ${who(s.email)}`);
      const sources = new Set([s.slot.groupId, ...(f.id ? [f.id] : [])]);
      const g: Final = { members: [s.email, m], slot: s.slot, id: s.slot.groupId, sources, phrases: [`${who(s.email)} and ${nameOf(m)} now meet as a pair`] };
      finals.push(g);
      finalOf.set(s.slot.groupId, g);
    }
  };

  pairUp(REPEAT - 1); // people left alone pair up where that is clean
  joinGroups(); // the others join a pair as its third
  pairUp(Number.MAX_VALUE); // what is left pairs up however it can
  splitTrios(); // a partner still alone takes one member of a trio
  joinGroups(); // a newcomer may join a pair formed just now
  const undecided: string[] = [];
  for (const s of singles) {
    if (placed.has(s.email)) continue;
    if (s.newcomer) waiting.push(s.email);
    else undecided.push(s.email);
  }

  // Ids for groups of newcomers: after the highest index of the cycle.
  let nextIndex = [...input.groups.map((g) => g.groupId), ...(o.usedGroupIds ?? [])].reduce((n, id) => Math.max(n, groupIndex(id, o.cycle)), 0);
  for (const f of finals) {
    if (f.id === null) {
      f.id = makeGroupId(o.cycle, nextIndex);
      nextIndex++;
      f.slot = null;
    }
  }

  // What happens to each running group, and what is booked.
  const unchanged: string[] = [...over];
  const ended: EndedGroup[] = [];
  const created: NewGroup[] = [];
  const notes: string[] = [];
  for (const g of live) {
    const f = finalOf.get(g.groupId);
    const leavers = leaverPhrases.get(g.groupId) ?? [];
    if (f && f.phrases.length === 0 && leavers.length === 0 && sameMembers(f.members, g.members)) {
      unchanged.push(g.groupId);
      continue;
    }
    const why = [...leavers];
    for (const e of g.members) {
      if (isActive(e) && !(f && f.members.includes(e))) {
        const to = finals.find((x) => x.members.includes(e));
        why.push(to ? `${nameOf(e)} moved to group ${to.id}` : `${nameOf(e)} has no group for now: an avoid list leaves no one to meet; decide in the sidebar`);
      }
    }
    if (f) why.push(...f.phrases);
    const note = sentence(why);
    ended.push({ groupId: g.groupId, members: [...g.members], from: g.nextOccurrence as string, note });
    notes.push(`Group ${g.groupId}: ${note}`);
  }
  for (const f of finals) {
    const keeps = f.slot ? live.find((g) => g.groupId === f.slot!.groupId) : undefined;
    if (keeps && unchanged.includes(keeps.groupId)) continue;
    const slot = f.slot ?? bestSlotForNewcomers!;
    const note = sentence(f.phrases.length ? f.phrases : [`${names(f.members, nameOf)} meet as before`]);
    created.push({
      groupId: f.id as string,
      members: [...f.members],
      from: slot.from,
      occurrences: slot.left,
      slotOf: f.slot ? f.slot.groupId : null,
      replaces: [...f.sources].sort(cmp),
      note,
    });
    if (!keeps) notes.push(`Group ${f.id}: ${note}`);
  }
  for (const e of undecided) notes.push(`${nameOf(e)} has no group: every possible group is ruled out by an avoid list. Decide in the sidebar.`);
  for (const e of waiting) {
    notes.push(newcomersJoin ? `${nameOf(e)} waits for the next cycle: no group has ${minJoin} meetings left or an avoid list rules them out.` : `${nameOf(e)} waits for the next cycle.`);
  }
  created.sort((a, b) => cmp(a.groupId, b.groupId));
  return { unchanged: unchanged.sort(cmp), ended, created, waiting: waiting.sort(cmp), undecided: undecided.sort(cmp), notes, changed: ended.length > 0 || created.length > 0 };
}

/**
 * The running groups after the plan is carried out (the ended ones gone, the new ones booked):
 * what the next call of `planChanges` gets. Used by the tick's bookkeeping and by the tests.
 */
export function applyChangePlan(groups: readonly RunningGroup[], plan: ChangePlan): RunningGroup[] {
  const ended = new Set(plan.ended.map((g) => g.groupId));
  return [
    ...groups.filter((g) => !ended.has(g.groupId)),
    ...plan.created.map((g) => ({ groupId: g.groupId, members: [...g.members], nextOccurrence: g.from, occurrencesLeft: g.occurrences })),
  ];
}

function leaverPhrase(email: string, person: Person | undefined, name: string, today: string): string {
  if (!person) return `${name} was removed from the roster on ${today}`;
  return person.status === 'Paused' ? `${name} paused on ${today}` : `${name} left on ${today}`;
}

function names(emails: readonly string[], nameOf: (e: string) => string): string {
  const n = emails.map(nameOf);
  return n.length <= 1 ? n.join('') : `${n.slice(0, -1).join(', ')} and ${n[n.length - 1]}`;
}

function sentence(parts: readonly string[]): string {
  return `${parts.join('; ')}.`;
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((e) => b.includes(e));
}

function groupIndex(id: string, cycle: number): number {
  const m = /^C(\d+)-(\d+)$/.exec(id);
  return m && Number(m[1]) === cycle ? Number(m[2]) : 0;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
