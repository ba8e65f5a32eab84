// The events file of `peer-coaching simulate`: one JSON object a line, each with "at"
// ("YYYY-MM-DDTHH:MM", in the settings' zone) and "do", the thing that happens then. Every bad line
// is reported with its number; the simulation does not start while one remains.
import { isIsoDate } from '../../core/dates';
import { readSkipDates, skipDatesProblemLine } from '../../core/skip-dates';

/** What the owner or a participant does at a moment of the simulation. */
export type SimAction =
  | { do: 'status'; email: string; status: string }
  /** The owner types into the person's Away cell (the column added when the Roster lacks it); '' clears it. */
  | { do: 'away'; email: string; away: string }
  | { do: 'add'; name: string; email: string; team?: string; zone?: string; avoid?: string; hours?: string }
  | { do: 'delete'; email: string }
  | { do: 'settings'; settings: Record<string, unknown> }
  | { do: 'replace' }
  | { do: 'cancel' }
  | {
      do: 'feedback';
      email: string;
      met: boolean | string;
      relationship?: number;
      coaching?: number;
      accountability?: number;
      workedOn?: string;
      commitment?: string;
      /** The "Next cycle" answer: count me in, skip the next cycle, leave the program. */
      nextCycle?: 'in' | 'skip' | 'leave';
    }
  | { do: 'sidebar'; call: string; args: unknown[] };

export type SimEvent = SimAction & {
  /** 'YYYY-MM-DDTHH:MM' as written, in the settings' zone. */
  at: string;
  /** 1-based line of the events file. */
  line: number;
};

/** A problem with the simulator's input, reported as "where: what" with exit code 2. */
export class SimInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimInputError';
  }
}

const AT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)$/;

/** True for 'YYYY-MM-DDTHH:MM' naming a real day and minute. */
export function isLocalMinute(text: string): boolean {
  const m = AT.exec(text);
  return m !== null && isIsoDate(m[1]);
}

const KINDS = ['status', 'away', 'add', 'delete', 'settings', 'replace', 'cancel', 'feedback', 'sidebar'] as const;

type Fields = Record<string, unknown>;

function requireString(o: Fields, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.trim() === '') throw new SimInputError(`${where}: "${key}" must be a non-empty string`);
  return v;
}

function optionalString(o: Fields, key: string, where: string): string | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new SimInputError(`${where}: "${key}" must be a string`);
  return v;
}

function optionalRating(o: Fields, key: string, where: string): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 5) throw new SimInputError(`${where}: "${key}" must be a whole number from 1 to 5`);
  return v;
}

function onlyKeys(o: Fields, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) throw new SimInputError(`${where}: unknown field "${key}" (allowed: ${allowed.join(', ')})`);
  }
}

/** One event object, checked. `where` names it in messages ("events.jsonl line 3"). */
export function readEvent(value: unknown, where: string): SimAction & { at: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new SimInputError(`${where}: expected a JSON object like {"at": "2027-01-12T09:00", "do": "status", …}`);
  const o = value as Fields;
  const at = o.at;
  if (typeof at !== 'string' || !isLocalMinute(at)) throw new SimInputError(`${where}: "at" must be a date and time like "2027-01-12T09:00" (settings' time zone), got ${JSON.stringify(at)}`);
  const kind = o.do;
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
    throw new SimInputError(`${where}: unknown "do" ${JSON.stringify(kind)}; expected one of ${KINDS.join(', ')}`);
  }
  const base = ['at', 'do'];
  switch (kind as (typeof KINDS)[number]) {
    case 'status': {
      onlyKeys(o, [...base, 'email', 'status'], where);
      return { at, do: 'status', email: requireString(o, 'email', where), status: requireString(o, 'status', where) };
    }
    case 'away': {
      onlyKeys(o, [...base, 'email', 'away'], where);
      const away = o.away;
      if (typeof away !== 'string') throw new SimInputError(`${where}: "away" must be a string of dates like "2027-01-19" or "2027-01-18..2027-01-22" ("" clears the cell)`);
      const problems = readSkipDates(away).problems;
      if (problems.length > 0) throw new SimInputError(`${where}: "away" ${skipDatesProblemLine(problems[0], /[\r\n]/.test(away))}`);
      return { at, do: 'away', email: requireString(o, 'email', where), away };
    }
    case 'add': {
      onlyKeys(o, [...base, 'name', 'email', 'team', 'zone', 'avoid', 'hours'], where);
      return {
        at,
        do: 'add',
        name: requireString(o, 'name', where),
        email: requireString(o, 'email', where),
        team: optionalString(o, 'team', where),
        zone: optionalString(o, 'zone', where),
        avoid: optionalString(o, 'avoid', where),
        hours: optionalString(o, 'hours', where),
      };
    }
    case 'delete':
      onlyKeys(o, [...base, 'email'], where);
      return { at, do: 'delete', email: requireString(o, 'email', where) };
    case 'settings': {
      const settings: Fields = {};
      for (const [k, v] of Object.entries(o)) if (!base.includes(k)) settings[k] = v;
      if (Object.keys(settings).length === 0) throw new SimInputError(`${where}: "settings" needs at least one setting, like "cycleWeeks": 4`);
      return { at, do: 'settings', settings };
    }
    case 'replace':
      onlyKeys(o, base, where);
      return { at, do: 'replace' };
    case 'cancel':
      onlyKeys(o, base, where);
      return { at, do: 'cancel' };
    case 'feedback': {
      onlyKeys(o, [...base, 'email', 'met', 'relationship', 'coaching', 'accountability', 'workedOn', 'commitment', 'nextCycle'], where);
      const met = o.met;
      if (typeof met !== 'boolean' && !(typeof met === 'string' && ['Yes', 'Rescheduled', 'No'].includes(met))) {
        throw new SimInputError(`${where}: "met" must be true, false, "Yes", "Rescheduled" or "No"`);
      }
      const nextCycle = o.nextCycle;
      if (nextCycle !== undefined && !(typeof nextCycle === 'string' && ['in', 'skip', 'leave'].includes(nextCycle))) {
        throw new SimInputError(`${where}: "nextCycle" must be "in", "skip" or "leave" (or left out)`);
      }
      return {
        at,
        do: 'feedback',
        email: requireString(o, 'email', where),
        met,
        relationship: optionalRating(o, 'relationship', where),
        coaching: optionalRating(o, 'coaching', where),
        accountability: optionalRating(o, 'accountability', where),
        workedOn: optionalString(o, 'workedOn', where),
        commitment: optionalString(o, 'commitment', where),
        ...(nextCycle === undefined ? {} : { nextCycle: nextCycle as 'in' | 'skip' | 'leave' }),
      };
    }
    case 'sidebar': {
      onlyKeys(o, [...base, 'call', 'args'], where);
      const call = requireString(o, 'call', where);
      if (!/^[A-Za-z][A-Za-z0-9]*$/.test(call)) throw new SimInputError(`${where}: "call" must be a server function name like "getState"`);
      const args = o.args ?? [];
      if (!Array.isArray(args)) throw new SimInputError(`${where}: "args" must be an array of arguments`);
      return { at, do: 'sidebar', call, args };
    }
  }
}

/**
 * Reads a JSON-lines events file. Blank lines are skipped; events keep the file's order among
 * themselves and are sorted by time (a stable sort: two events at one minute happen in file order).
 */
export function readEvents(text: string, file = 'events'): SimEvent[] {
  const out: SimEvent[] = [];
  text.split(/\r\n|\n|\r/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    const where = `${file} line ${line}`;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new SimInputError(`${where}: not valid JSON (${(error as Error).message})`);
    }
    out.push({ ...readEvent(value, where), line });
  });
  return out.map((e, i) => ({ e, i })).sort((a, b) => (a.e.at < b.e.at ? -1 : a.e.at > b.e.at ? 1 : a.i - b.i)).map((x) => x.e);
}
