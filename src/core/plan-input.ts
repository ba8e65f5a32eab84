// What the sidebar sends to "Plan the next rotation" and to "Confirm", checked before any use: the
// sidebar may be tampered with, so every field is type-checked and every bad input gets a clear
// message. The limits follow from what planning can produce (MAX_PEOPLE people, cells of at most
// CELL_LIMIT characters), so a preview the server made always comes back accepted. Text the
// server only shows (names, warnings) is type-checked and then ignored; the one text it stores
// (a group's reason, in Notes) is written through `sheetText` as plain text, cut to a cell.
// Pure: plain data in, plain data out.
import { isIsoDate } from './dates';
import { UserError } from './errors';
import { CELL_LIMIT } from './feedback';
import { normaliseEmail } from './people';
import { MAX_GROUPS } from './rotation';
import type { PlanGroupView, PlanPreview, PlanRequest } from '../shared/api';

/** Longest seed the sidebar may send (it makes them short; the planner's --seed is the same). */
export const MAX_SEED = 100;

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isText(x: unknown, max = Infinity): x is string {
  return typeof x === 'string' && x.length <= max;
}

/** An email as a roster cell holds it (never longer than a cell). */
function isEmailText(x: unknown): x is string {
  return isText(x, CELL_LIMIT);
}

function isCount(x: unknown, min = 0): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= min;
}

/** A plan request: locked groups (normalised emails), a seed, replace or not. */
export function parsePlanRequest(input: unknown): Required<PlanRequest> {
  const bad = (why: string) => new UserError(`The plan request was not understood: ${why}. Reload the sidebar and try again.`);
  if (input === undefined || input === null) return { locked: [], seed: '', replace: false };
  if (!isPlainObject(input)) throw bad('it is not an object');
  for (const k of Object.keys(input)) if (!['locked', 'seed', 'replace'].includes(k)) throw bad(`unknown field "${k.slice(0, 40)}"`);
  const locked = input.locked ?? [];
  if (!Array.isArray(locked) || locked.length > MAX_GROUPS) throw bad('locked is not a list of groups');
  for (const g of locked) {
    if (!Array.isArray(g) || g.length < 2 || g.length > 3 || !g.every(isEmailText)) throw bad('a locked group is not 2 or 3 emails');
  }
  const seed = input.seed ?? '';
  if (!isText(seed, MAX_SEED)) throw bad('seed is not a short text');
  const replace = input.replace ?? false;
  if (typeof replace !== 'boolean') throw bad('replace is not true or false');
  return { locked: (locked as string[][]).map((g) => g.map(normaliseEmail)), seed, replace };
}

/**
 * A preview sent back by the sidebar, its types checked (emails normalised). Its groups are not
 * yet checked against the roster: `checkPlan` does that on the server's own roster.
 */
export function parsePlanPreview(input: unknown): PlanPreview {
  const bad = (why: string) => new UserError(`The plan sent back is not a plan (${why}). Plan the rotation again.`);
  if (!isPlainObject(input)) throw bad('not an object');
  const { cycle, starts, ends, meetings, fingerprint, replaces, groups, warnings } = input;
  if (!isCount(cycle, 1)) throw bad('cycle');
  if (!isText(starts, 10) || !isIsoDate(starts) || !isText(ends, 10) || !isIsoDate(ends)) throw bad('dates');
  if (!isCount(meetings)) throw bad('meetings');
  if (!isText(fingerprint, 64)) throw bad('fingerprint');
  if (typeof replaces !== 'boolean') throw bad('replaces');
  // Shown to the owner, never stored or trusted: any list of texts.
  if (!Array.isArray(warnings) || !warnings.every((w) => typeof w === 'string')) throw bad('warnings');
  if (!Array.isArray(groups) || groups.length === 0 || groups.length > MAX_GROUPS) throw bad('groups');
  const out: PlanGroupView[] = groups.map((g: unknown) => {
    if (!isPlainObject(g)) throw bad('a group');
    const { members, reason, locked, teammates, repeats } = g;
    if (!Array.isArray(members) || members.length > 3) throw bad("a group's members");
    const ms = members.map((m: unknown) => {
      if (!isPlainObject(m) || !isEmailText(m.email) || !isText(m.name)) throw bad('a member');
      return { email: normaliseEmail(m.email), name: m.name };
    });
    if (!isText(reason) || typeof locked !== 'boolean' || typeof teammates !== 'boolean') throw bad('a group');
    if (!isCount(repeats)) throw bad("a group's repeats");
    return { members: ms, reason, locked, teammates, repeats };
  });
  return { cycle, starts, ends, meetings, fingerprint, replaces, groups: out, warnings: warnings as string[] };
}
