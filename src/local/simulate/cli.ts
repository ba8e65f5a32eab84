// `peer-coaching simulate …`: reads the roster, settings and events, runs the simulation on the
// real bundle (build/Code.js) and writes result.json. Every input problem exits 2 with a message
// naming the file, line or flag; `main` takes its I/O as arguments so tests run it in-process.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isIsoDate } from '../../core/dates';
import { isKnownTimeZone } from '../../core/roster';
import { CsvError, readCsv } from '../planner/csv';
import { isLocalMinute, readEvents, SimInputError, type SimEvent } from './events';
import { DEFAULT_OWNER, DEFAULT_ZONE, simulate, startInstant } from './run';
import { localInstant } from '../../core/zones';

export interface SimulateIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** A whole file: bytes (the roster's encoding is detected from them) or text. */
  readFile(path: string): Uint8Array | string;
  writeFile(path: string, data: string): void;
  /** The bundle's source (build/Code.js); throws when it is not built. */
  bundle(): string;
  /** The machine's clock (the default start is today 08:00 in the settings' zone). */
  now?(): Date;
}

export const SIMULATE_USAGE = `Usage: peer-coaching simulate --roster roster.csv --until YYYY-MM-DD [--now YYYY-MM-DDTHH:MM]
                             [--settings settings.json] [--events events.jsonl]
                             [--faults RATE --fault-seed S] [--owner EMAIL] --out result.json

Rehearses the program offline: the add-on's real bundle (build/Code.js) runs on an emulation of
Sheets, Calendar, Forms and Gmail with a virtual clock. It starts from an empty spreadsheet owned
by the owner (default ${DEFAULT_OWNER}) in the settings' time zone, sets the program up, writes
the roster, saves the settings, plans and confirms cycle 1 and books it, as the owner would in the
sidebar; then it moves the clock on hour by hour, firing the add-on's hourly trigger, and applies
the events file.

Options:
  --roster FILE        The Roster sheet as CSV (Name and Email required).
  --until YYYY-MM-DD   The last day simulated (the whole day, in the settings' zone).
  --now DATE_TIME      When the simulation starts, in the settings' zone (default: today 08:00).
  --settings FILE      A JSON object of settings, keys as the sidebar's (cycleWeeks, cadence,
                       meetingMinutes, firstMeetingDate, preferredWeekday, preferredTime,
                       timeZone, findCommonTime, keepTeammatesApart, titleTemplate, googleMeet,
                       sendInvitations, …).
  --events FILE        One JSON object a line: {"at": "YYYY-MM-DDTHH:MM", "do": …} with do one of
                       status {email, status} · away {email, away} (the Away cell: dates like
                       "2027-01-19" or "2027-01-18..2027-01-22", "" clears it) ·
                       add {name, email, team?, zone?, avoid?, hours?} ·
                       delete {email} · settings {…} · replace {} · cancel {} ·
                       feedback {email, met, relationship, coaching, accountability, workedOn?,
                       commitment?, nextCycle?: "in" | "skip" | "leave"} · sidebar {call, args}.
  --faults RATE        Every Google service call fails with this probability (0–1), seeded by
  --fault-seed S       S (a whole number, default 1).
  --out FILE           Where to write the result: {"calendars", "sheets", "emails",
                       "executions", "calls"}.
  -h, --help           Show this help.

Exit codes: 0 done, 2 bad input (the message names the file and line), 1 unexpected.`;

function bad(message: string): never {
  throw new SimInputError(message);
}

function readJsonObject(io: SimulateIo, path: string): Record<string, unknown> {
  const text = readInput(io, path, '--settings');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    bad(`${path}: not valid JSON (${(error as Error).message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) bad(`${path}: expected a JSON object of settings, like {"cycleWeeks": 6}`);
  return value as Record<string, unknown>;
}

function readInput(io: SimulateIo, path: string, flag: string): string {
  const content = readBytes(io, path, flag);
  return typeof content === 'string' ? content : new TextDecoder('utf-8').decode(content);
}

function readBytes(io: SimulateIo, path: string, flag: string): Uint8Array | string {
  try {
    return io.readFile(path);
  } catch (error) {
    return bad(`${flag} ${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

export function main(argv: readonly string[], io: SimulateIo): number {
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...argv],
        allowPositionals: true,
        strict: true,
        options: {
          roster: { type: 'string' },
          until: { type: 'string' },
          now: { type: 'string' },
          settings: { type: 'string' },
          events: { type: 'string' },
          faults: { type: 'string' },
          'fault-seed': { type: 'string' },
          owner: { type: 'string' },
          out: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      });
    } catch (error) {
      bad(`${(error as Error).message.replace(/\. To specify.*$/s, '')}`);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      io.stdout(`${SIMULATE_USAGE}\n`);
      return 0;
    }
    if (positionals[0] !== 'simulate' || positionals.length > 1) bad(`unexpected argument ${JSON.stringify(positionals.find((p, i) => i > 0 || p !== 'simulate'))}`);
    if (values.roster === undefined) bad('missing --roster FILE (the Roster sheet as CSV)');
    if (values.until === undefined) bad('missing --until YYYY-MM-DD (the last day to simulate)');
    if (values.out === undefined) bad('missing --out FILE (where to write result.json)');
    if (!isIsoDate(values.until)) bad(`--until must be a date like 2027-06-30, got ${JSON.stringify(values.until)}`);
    if (values.now !== undefined && !isLocalMinute(values.now)) bad(`--now must be a date and time like 2027-01-04T08:00, got ${JSON.stringify(values.now)}`);
    let faults: { rate: number; seed: number } | undefined;
    if (values.faults !== undefined) {
      const rate = Number(values.faults);
      if (values.faults.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) bad(`--faults must be a probability from 0 to 1, like 0.05; got ${JSON.stringify(values.faults)}`);
      const seedText = values['fault-seed'] ?? '1';
      const seed = Number(seedText);
      if (!Number.isSafeInteger(seed)) bad(`--fault-seed must be a whole number, got ${JSON.stringify(seedText)}`);
      faults = { rate, seed };
    } else if (values['fault-seed'] !== undefined) bad('--fault-seed goes with --faults RATE');
    const owner = values.owner ?? DEFAULT_OWNER;
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(owner)) bad(`--owner must be an email address, got ${JSON.stringify(owner)}`);

    let roster: string[][];
    try {
      roster = readCsv(readBytes(io, values.roster, '--roster'));
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      bad(`${values.roster}${error.line ? ` line ${error.line}` : ''}: ${error.message}`);
    }
    const settings = values.settings === undefined ? {} : readJsonObject(io, values.settings);
    const zone = typeof settings.timeZone === 'string' && settings.timeZone !== '' ? settings.timeZone : DEFAULT_ZONE;
    if (!isKnownTimeZone(zone)) bad(`${values.settings}: "timeZone" ${JSON.stringify(zone)} is not an IANA time zone like Europe/London`);
    const events: SimEvent[] = values.events === undefined ? [] : readEvents(readInput(io, values.events, '--events'), values.events);
    const machineNow = io.now ? io.now() : new Date();
    const start = startInstant(values.now, zone, machineNow);
    if (localInstant(values.until, 24 * 60, zone) <= start) bad(`--until ${values.until} is before the start; simulate at least until the start's day`);

    let code: string;
    try {
      code = io.bundle();
    } catch {
      bad('build/Code.js is missing: run `npm run build` first');
    }
    const { result, warnings } = simulate({ roster, until: values.until, now: values.now, settings, events, faults, owner, code, machineNow: () => machineNow });
    io.writeFile(values.out, `${JSON.stringify(result, null, 2)}\n`);
    for (const w of warnings) io.stderr(`peer-coaching simulate: ${w}\n`);
    const failed = result.executions.filter((e) => !e.ok).length;
    io.stdout(
      `Simulated ${result.executions.length} executions (${failed} failed) until ${values.until}; ` +
        `${Object.values(result.calendars).reduce((n, l) => n + l.length, 0)} meeting places in ${Object.keys(result.calendars).length} calendars. ` +
        `Wrote ${values.out}.\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof SimInputError) {
      io.stderr(`peer-coaching simulate: ${error.message}\n`);
      return 2;
    }
    io.stderr(`peer-coaching simulate: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
    return 1;
  }
}

/** Wires `main` to the process (dist/peer-coaching.cjs; the bundle is ../build/Code.js from there). */
export function run(): void {
  const bundlePath = join(__dirname, '..', 'build', 'Code.js');
  process.exitCode = main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: (path) => readFileSync(path),
    writeFile: (path, data) => {
      mkdirSync(dirname(resolve(path)), { recursive: true });
      writeFileSync(path, data);
    },
    bundle: () => readFileSync(bundlePath, 'utf8'),
  });
}
