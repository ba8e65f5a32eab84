// The command-line planner: `peer-coaching pairs --roster roster.csv …` plans the next cycles from
// CSV files with the same core as the add-on, and with --ics writes the cycles' meetings as
// iCalendar files (calendar.ts). `main` takes its I/O as arguments (tests run it in-process);
// `run` wires it to the process. scripts/build-cli.mjs bundles this into dist/.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../core/errors';
import type { PairingReachability, PairingResult, PastGroup, Person } from '../../core/people';
import { addDays, nextWeekdayAfter } from '../../core/dates';
import { PairingError, planCycle } from '../../core/pairing';
import { checkRoster, formatProblem } from '../../core/roster';
import { CsvError, readCsv } from './csv';
import { formatHistoryProblem, readHistory } from '../../core/history';
import { formatJson, formatTable } from './format';
import {
  CALENDAR_DEFAULTS,
  CALENDAR_FLAGS,
  CALENDAR_SWITCHES,
  calendarFiles,
  cyclePlans,
  describeSchedule,
  describeSkips,
  readCalendarFlags,
  type CalendarOptions,
  type IcsFile,
} from './calendar';
import { InputError } from './input-error';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Reads a whole file: its bytes, whose encoding csv.ts finds, or text already decoded; throws
   * (like fs.readFileSync) when it cannot.
   */
  readFile(path: string): Uint8Array | string;
  /** Makes a folder and its parents (like mkdir -p); default fs.mkdirSync. */
  makeFolder?(path: string): void;
  /** Writes a whole file; default fs.writeFileSync. */
  writeFile?(path: string, data: string): void;
  /** The time the .ics files are made (their DTSTAMP); default the clock. */
  now?(): Date;
}

/** Blank Time zone cells without --zone: the planner has no spreadsheet zone. */
export const DEFAULT_ZONE = 'UTC';

/**
 * Each cycle's reachability: with the calendar flags, its meetings (after --skip), --minutes and
 * --zone; without, six weekly 30-minute meetings from the Monday after `now` (UTC), cycles back
 * to back, blank zones UTC.
 */
function cycleReach(calendar: CalendarOptions | null, cycles: number, now: Date): PairingReachability[] {
  if (calendar !== null) {
    return cyclePlans(calendar, cycles).map(({ startDate, plan }) => ({
      settingsZone: calendar.zone,
      minutes: calendar.minutes,
      dates: plan.dates.length > 0 ? plan.dates : [startDate], // none left: calendarFiles refuses it
    }));
  }
  const today = Number.isFinite(now.getTime()) ? now.toISOString().slice(0, 10) : '2027-01-04';
  const monday = nextWeekdayAfter(today, 1);
  const meetings = CALENDAR_DEFAULTS.weeks;
  return Array.from({ length: cycles }, (_, k) => ({
    settingsZone: DEFAULT_ZONE,
    minutes: CALENDAR_DEFAULTS.minutes,
    dates: Array.from({ length: meetings }, (_, m) => addDays(monday, 7 * (k * meetings + m))),
  }));
}

/** Exit codes, as documented in the usage. */
export const EXIT = { ok: 0, unexpected: 1, badInput: 2, cannotGroup: 3 } as const;

/** The seed when none is given, so that the same files always give the same groups. */
export const DEFAULT_SEED = 'peer-coaching';
/** The most cycles one run plans (each one is a full pairing over the growing history). */
export const MAX_CYCLES = 1000;

/** What each option's value looks like, for the message when it is missing. */
const VALUE_HINTS: Record<string, string> = {
  roster: 'FILE',
  history: 'FILE',
  cycles: 'N',
  seed: 'S',
  start: 'YYYY-MM-DD',
  time: 'HH:MM',
  zone: 'Area/City',
  ics: 'DIR',
  weeks: 'N',
  every: '1|2',
  minutes: 'N',
  organizer: 'EMAIL',
  skip: 'DATES',
};

export const USAGE = `Usage: peer-coaching pairs --roster roster.csv [--history history.csv] [--cycles N]
                           [--seed S] [--json] [--no-teams-apart]
                           [--start YYYY-MM-DD --time HH:MM --zone Area/City --ics DIR
                            [--weeks N] [--every 1|2] [--minutes N] [--organizer EMAIL]
                            [--skip DATES [--shrink]]]

Plans the next peer-coaching cycle(s): every active person placed once, one trio when the count
is odd, each group sharing a meeting-length slot within everyone's working hours (Time zone and
Working hours; Mon-Fri 09:00-17:00 when blank) in every week of the cycle, teammates kept apart,
no pair that already met while it can be avoided, avoid lists kept. The cycle's weeks are those of
--start (after --skip), else six weeks from next Monday; a blank Time zone is --zone's, else UTC.

Options:
  --roster FILE      The Roster sheet as CSV. Name and Email are required; Team, Time zone,
                     Status (Active, Paused, Left; blank = Active), Avoid pairing with (emails
                     separated by commas or semicolons) and Working hours are used when present.
                     Any column order and header case; extra columns are ignored.
  --history FILE     The groups of earlier cycles as CSV: Cycle, Member 1, Member 2, Member 3
                     (emails; Member 3 blank for a pair). A CSV download of the Rotations sheet
                     works as is; rows whose Status is "replaced" never met and are ignored.
                     New cycles are numbered after the highest cycle in it.
  --cycles N         Plan N consecutive cycles, each counting the ones before it (default 1).
  --seed S           Breaks ties; the same seed and files give the same groups
                     (default "${DEFAULT_SEED}").
  --json             Print {"cycles":[{"cycle":1,"groups":[["a@x.org","b@x.org"],...],
                     "warnings":["..."]}]} instead of a table (with --ics, also
                     "files":["DIR/C1-01.ics",...,"DIR/all.ics"]).
  --no-teams-apart   Allow teammates in the same group (by default they are kept apart
                     whenever a grouping exists otherwise).
  -h, --help         Show this help.

Calendar invitations (.ics, RFC 5545, for Outlook, Apple Calendar, Thunderbird, Google…):
  --ics DIR          Write one file per group, named by its id (C3-01.ics: cycle 3, group 1),
                     and all.ics with every group, into DIR (made when missing; files of the
                     same name are replaced). Each group gets one weekly series with its
                     members as guests, a title and an agenda. Needs --start, --time, --zone.
  --start DATE       The first meeting, YYYY-MM-DD; meetings fall on its weekday. With
                     --cycles N, each next cycle starts --weeks weeks later.
  --time HH:MM       The meetings' start, 24-hour, on the clock of --zone.
  --zone Area/City   The IANA time zone of --time, like Europe/London or America/New_York.
                     Meetings stay at that local time across daylight-saving changes.
  --weeks N          The cycle's length in weeks, 1 to 12 (default ${CALENDAR_DEFAULTS.weeks}).
  --every 1|2        A meeting every week or every two weeks (default ${CALENDAR_DEFAULTS.every}). The cycle
                     holds --weeks / --every meetings, rounded up.
  --minutes N        Each meeting's length, 15 to 120 in steps of 5 (default ${CALENDAR_DEFAULTS.minutes}).
  --organizer EMAIL  Write invitations (METHOD:REQUEST) from this address, to send from a
                     calendar that handles replies. Without it the files are METHOD:PUBLISH,
                     for each person to import into their own calendar.
  --skip DATES       Dates with no meeting (holidays): dates and ranges, like
                     --skip "2026-12-21..2027-01-03,2027-04-05" (commas, semicolons or spaces
                     between them). A meeting on a skipped date is left out of its series
                     (EXDATE), and the cycle runs on past its end to keep its number of
                     meetings; the next cycle starts after it.
  --shrink           With --skip: keep each cycle's end instead, with fewer meetings.
  Each series' UID is <group>-<first date>-<8 hex of its members' emails>@peer-coaching.invalid,
  so writing the same plan again and importing it updates the series instead of adding one.

CSV files: as Excel, Numbers, LibreOffice or Google Sheets save them. UTF-8 (with or without a
BOM), UTF-16 with a BOM (Excel's Unicode Text), or else Windows-1252 (Mac Roman when lines end in
CR alone); commas, semicolons or tabs between cells, as the header row shows or Excel's first line
"sep=;" says. Rows are numbered as in the spreadsheet: the header row is row 1.

Exit codes: 0 planned; 2 bad input (every problem is listed with its row; a file that cannot
be written); 3 the roster is valid but cannot be grouped; 1 unexpected error.
`;

function readInput(io: CliIo, path: string, what: string): Uint8Array | string {
  try {
    return io.readFile(path);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const why =
      e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'it is a folder' : e.code === 'EACCES' ? 'permission denied' : String(e.message ?? e);
    throw new InputError(`cannot read the ${what} file ${path}: ${why}`, false);
  }
}

function parseCommandLine(argv: readonly string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        roster: { type: 'string' },
        history: { type: 'string' },
        cycles: { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'boolean' },
        'no-teams-apart': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(CALENDAR_FLAGS.map((flag) => [flag, { type: 'string' as const }])),
        ...Object.fromEntries(CALENDAR_SWITCHES.map((flag) => [flag, { type: 'boolean' as const }])),
      },
    });
  } catch (error) {
    // Node's own messages go on about positionals and dashes: say what to type instead.
    const message = String((error as Error).message);
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    if (unknown) throw new InputError(`unknown option ${unknown[1]}`);
    const noValue = /^Option '--([a-z-]+)(?: <value>)?' argument (?:missing|is ambiguous)/.exec(message);
    if (noValue) throw new InputError(`--${noValue[1]} needs a value: --${noValue[1]} ${VALUE_HINTS[noValue[1]] ?? 'VALUE'}`);
    throw new InputError(message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === 'help') return { help: true as const };
  const flag = (name: string): string | undefined => (values as Record<string, string | boolean | undefined>)[name] as string | undefined;
  if (positionals.length === 0) throw new InputError('missing the command: peer-coaching pairs --roster roster.csv');
  if (positionals[0] !== 'pairs') throw new InputError(`unknown command "${positionals[0]}"; the command is "pairs"`);
  if (positionals.length > 1) throw new InputError(`unexpected argument "${positionals[1]}"`);
  if (values.roster === undefined || values.roster === '') throw new InputError('missing --roster FILE (the Roster sheet as CSV)');
  let cycles = 1;
  if (values.cycles !== undefined) {
    cycles = /^\d+$/.test(values.cycles.trim()) ? Number(values.cycles.trim()) : NaN;
    if (!(cycles >= 1 && cycles <= MAX_CYCLES)) throw new InputError(`--cycles must be a whole number from 1 to ${MAX_CYCLES}, not "${values.cycles}"`);
  }
  const calendar = readCalendarFlags({
    ...Object.fromEntries(CALENDAR_FLAGS.map((name) => [name, flag(name)])),
    shrink: (values as Record<string, unknown>).shrink === true,
  });
  return {
    help: false as const,
    roster: values.roster,
    history: values.history,
    cycles,
    seed: values.seed ?? DEFAULT_SEED,
    json: values.json === true,
    keepTeamsApart: values['no-teams-apart'] !== true,
    calendar,
  };
}

/** Writes the files into the folder; a folder or file that cannot be written is bad input. */
function writeCalendar(io: CliIo, options: CalendarOptions, files: readonly IcsFile[]): string[] {
  const makeFolder = io.makeFolder ?? makeFolders;
  const writeFile = io.writeFile ?? ((path: string, data: string) => writeFileSync(path, data, 'utf8'));
  const why = (error: unknown) => {
    const e = error as NodeJS.ErrnoException;
    return e.code === 'EEXIST' || e.code === 'ENOTDIR'
      ? 'a file is in the way'
      : e.code === 'ENOENT'
        ? 'no such folder, and it cannot be made there'
      : e.code === 'EISDIR'
        ? 'it is a folder'
        : e.code === 'EACCES' || e.code === 'EPERM'
          ? 'permission denied'
          : e.code === 'EROFS'
            ? 'the disk is read-only'
            : String(e.message ?? e);
  };
  try {
    makeFolder(options.dir);
  } catch (error) {
    throw new InputError(`cannot make the folder ${options.dir} for --ics: ${why(error)}`, false);
  }
  return files.map((file) => {
    const path = join(options.dir, file.name);
    try {
      writeFile(path, file.text);
    } catch (error) {
      throw new InputError(`cannot write ${path}: ${why(error)}`, false);
    }
    return path;
  });
}

/**
 * mkdir -p. Not fs.mkdirSync's `recursive`, which loops for ever where the parent exists and the
 * child still cannot be made (ENOENT under /proc, Node 20).
 */
function makeFolders(path: string): void {
  try {
    mkdirSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      if (statSync(path).isDirectory()) return;
      throw error;
    }
    const parent = dirname(path);
    if (code !== 'ENOENT' || parent === path) throw error;
    makeFolders(parent);
    mkdirSync(path);
  }
}

/** What was written, for a person: the schedule, the folder, each file and what it holds. */
function formatWritten(options: CalendarOptions, cycleNumbers: readonly number[], files: readonly IcsFile[]): string {
  const width = Math.max(...files.map((f) => f.name.length));
  const method = options.organizer ? `METHOD:REQUEST, invitations from ${options.organizer}` : 'METHOD:PUBLISH, for each person to import';
  return [
    `Calendar: ${describeSchedule(options, cycleNumbers.length)}`,
    ...describeSkips(options, cycleNumbers),
    `Wrote ${files.length} .ics files (${method}) to ${resolve(options.dir)}:`,
    ...files.map((f) => `  ${f.name.padEnd(width)}  ${f.holds}`),
    '',
  ].join('\n');
}

/**
 * Runs the planner on `argv` (the arguments after the program name) and returns the exit code.
 * Output goes to `io.stdout`; problems go to `io.stderr`, one line each, never a stack trace
 * (except for an unexpected error, which is a bug).
 */
export function main(argv: readonly string[], io: CliIo): number {
  try {
    const args = parseCommandLine(argv);
    if (args.help) {
      io.stdout(USAGE);
      return EXIT.ok;
    }

    // Read and check everything first, so that every problem of both files is listed at once.
    const lines: string[] = [];
    let people: Person[] = [];
    const rosterText = readInput(io, args.roster, 'roster');
    const historyText = args.history === undefined ? undefined : readInput(io, args.history, 'history');
    try {
      const roster = checkRoster(readCsv(rosterText), {});
      people = roster.people;
      lines.push(...roster.problems.map((p) => formatProblem(p)));
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      lines.push(`${args.roster}${error.line ? ` line ${error.line}` : ''}: ${error.message}.`);
    }
    let history: PastGroup[] = [];
    let lastCycle = 0;
    if (historyText !== undefined && args.history !== undefined) {
      try {
        const read = readHistory(readCsv(historyText));
        history = read.groups;
        lastCycle = read.lastCycle;
        lines.push(...read.problems.map((p) => formatHistoryProblem(args.history!, p)));
      } catch (error) {
        if (!(error instanceof CsvError)) throw error;
        lines.push(`${args.history}${error.line ? ` line ${error.line}` : ''}: ${error.message}.`);
      }
    }
    if (lines.length > 0) {
      const n = lines.length;
      io.stderr(`${lines.join('\n')}\n${n === 1 ? 'This problem' : `These ${n} problems`} must be fixed before anything can be planned.\n`);
      return EXIT.badInput;
    }

    const results: PairingResult[] = [];
    const reach = cycleReach(args.calendar, args.cycles, io.now ? io.now() : new Date());
    for (let k = 1; k <= args.cycles; k++) {
      const result = planCycle(people, history, { keepTeamsApart: args.keepTeamsApart, seed: args.seed, cycle: lastCycle + k, reachability: reach[k - 1] });
      results.push(result);
      for (const g of result.groups) history.push({ cycle: result.cycle, members: [...g.members] });
    }
    if (args.calendar === null) {
      io.stdout(args.json ? formatJson(results) : formatTable(results, people));
      return EXIT.ok;
    }
    const files = calendarFiles(results, people, args.calendar, io.now ? io.now() : new Date());
    const paths = writeCalendar(io, args.calendar, files);
    if (args.json) io.stdout(formatJson(results, paths));
    else io.stdout(`${formatTable(results, people)}\n${formatWritten(args.calendar, results.map((r) => r.cycle), files)}`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof InputError) {
      const lines = error.message.split('\n').map((line) => `peer-coaching: ${line}\n`);
      io.stderr(`${lines.join('')}${error.usage ? 'Run "peer-coaching --help" for the usage.\n' : ''}`);
      return EXIT.badInput;
    }
    if (error instanceof PairingError || (error instanceof Error && error.name === 'PairingError')) {
      io.stderr(`peer-coaching: ${error.message}\n`);
      return EXIT.cannotGroup;
    }
    if (error instanceof UserError) {
      io.stderr(`peer-coaching: ${error.message}\n`);
      return EXIT.badInput;
    }
    const e = error as Error;
    io.stderr(`peer-coaching: unexpected error (a bug; please report it with the command and files): ${e?.stack ?? String(error)}\n`);
    return EXIT.unexpected;
  }
}

/** The program: arguments from the process, files from disk, the exit code set when done. */
export function run(): void {
  // Output piped into a program that stops reading (`| head`): stop quietly, as other tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  process.exitCode = main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: (path) => readFileSync(path),
  });
}
