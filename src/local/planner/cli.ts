// The command-line planner: `peer-coaching pairs --roster roster.csv …` plans the next cycles from
// CSV files with the same core as the add-on. `main` takes its I/O as arguments (tests run it
// in-process); `run` wires it to the process. scripts/build-cli.mjs bundles this into dist/.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UserError } from '../../core/errors';
import type { PairingResult, PastGroup, Person } from '../../core/people';
import { PairingError, planCycle } from '../../core/pairing';
import { checkRoster, formatProblem } from '../../core/roster';
import { CsvError, readCsv } from './csv';
import { formatHistoryProblem, readHistory } from '../../core/history';
import { formatJson, formatTable } from './format';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a whole file as UTF-8; throws (like fs.readFileSync) when it cannot. */
  readFile(path: string): string;
}

/** Exit codes, as documented in the usage. */
export const EXIT = { ok: 0, unexpected: 1, badInput: 2, cannotGroup: 3 } as const;

/** The seed when none is given, so that the same files always give the same groups. */
export const DEFAULT_SEED = 'peer-coaching';
/** The most cycles one run plans (each one is a full pairing over the growing history). */
export const MAX_CYCLES = 1000;

const CALENDAR_FLAGS = ['start', 'time', 'zone', 'ics', 'weeks', 'every', 'minutes', 'organizer'];

export const USAGE = `Usage: peer-coaching pairs --roster roster.csv [--history history.csv] [--cycles N]
                           [--seed S] [--json] [--no-teams-apart]

Plans the next peer-coaching cycle(s): every active person placed once, one trio when the count
is odd, no pair that already met while it can be avoided, avoid lists kept, teammates kept apart.

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
                     "warnings":["..."]}]} instead of a table.
  --no-teams-apart   Allow teammates in the same group (by default they are kept apart
                     whenever a grouping exists otherwise).
  -h, --help         Show this help.

Exit codes: 0 planned; 2 bad input (every problem is listed with its row); 3 the roster is
valid but cannot be grouped; 1 unexpected error.

Calendar options (--start, --time, --zone, --ics, --weeks, --every, --minutes, --organizer)
come with the calendar feature and are not available yet.
`;

/** Bad command-line input or an unreadable file: exit 2 with this message. */
class InputError extends Error {
  constructor(
    message: string,
    /** Whether to point at --help (not for a file that cannot be read). */
    readonly usage = true,
  ) {
    super(message);
  }
}

function readInput(io: CliIo, path: string, what: string): string {
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
  for (const arg of argv) {
    if (arg === '--') break;
    const flag = /^--([a-z-]+)(?:=|$)/.exec(arg)?.[1];
    if (flag && CALENDAR_FLAGS.includes(flag)) {
      throw new InputError(`--${flag} comes with the calendar feature and is not available yet; this version plans the groups only.`);
    }
  }
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
      },
    });
  } catch (error) {
    // Node's own message for an unknown option goes on about positionals: keep the first sentence.
    const message = String((error as Error).message);
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    throw new InputError(unknown ? `unknown option ${unknown[1]}` : message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === 'help') return { help: true as const };
  if (positionals.length === 0) throw new InputError('missing the command: peer-coaching pairs --roster roster.csv');
  if (positionals[0] !== 'pairs') throw new InputError(`unknown command "${positionals[0]}"; the command is "pairs"`);
  if (positionals.length > 1) throw new InputError(`unexpected argument "${positionals[1]}"`);
  if (values.roster === undefined || values.roster === '') throw new InputError('missing --roster FILE (the Roster sheet as CSV)');
  let cycles = 1;
  if (values.cycles !== undefined) {
    cycles = /^\d+$/.test(values.cycles.trim()) ? Number(values.cycles.trim()) : NaN;
    if (!(cycles >= 1 && cycles <= MAX_CYCLES)) throw new InputError(`--cycles must be a whole number from 1 to ${MAX_CYCLES}, not "${values.cycles}"`);
  }
  return {
    help: false as const,
    roster: values.roster,
    history: values.history,
    cycles,
    seed: values.seed ?? DEFAULT_SEED,
    json: values.json === true,
    keepTeamsApart: values['no-teams-apart'] !== true,
  };
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
    for (let k = 1; k <= args.cycles; k++) {
      const result = planCycle(people, history, { keepTeamsApart: args.keepTeamsApart, seed: args.seed, cycle: lastCycle + k });
      results.push(result);
      for (const g of result.groups) history.push({ cycle: result.cycle, members: [...g.members] });
    }
    io.stdout(args.json ? formatJson(results) : formatTable(results, people));
    return EXIT.ok;
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`peer-coaching: ${error.message}\n${error.usage ? 'Run "peer-coaching --help" for the usage.\n' : ''}`);
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
    readFile: (path) => readFileSync(path, 'utf8'),
  });
}
