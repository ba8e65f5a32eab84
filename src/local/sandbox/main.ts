// `npm start`: the add-on against the local Workspace emulation, in a browser, on sample data.
//
//   PORT=8123 npm start                 another port (default 8080)
//   npm start -- --reset                start again from the sample spreadsheet, the clock at now
//   npm start -- --state my/state.json  keep the state elsewhere (default .sandbox/state.json)
import { startSandbox } from './server';

const USAGE = `Usage: tsx src/local/sandbox/main.ts [--reset] [--state FILE]
  --reset        start from the sample spreadsheet again (the state file is overwritten),
                 the simulated clock at the machine's now
  --state FILE   where the spreadsheet and the clock are kept between runs (default .sandbox/state.json)
Environment: PORT (default 8080).`;

function parseArgs(argv: string[]): { reset: boolean; statePath: string } {
  let reset = false;
  let statePath = '.sandbox/state.json';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--reset') reset = true;
    else if (arg === '--state' && argv[i + 1]) statePath = argv[++i];
    else if (arg.startsWith('--state=')) statePath = arg.slice('--state='.length);
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      console.error(`Unknown argument: ${arg}\n${USAGE}`);
      process.exit(2);
    }
  }
  return { reset, statePath };
}

async function main(): Promise<void> {
  const { reset, statePath } = parseArgs(process.argv.slice(2));
  const port = process.env.PORT ? Number(process.env.PORT) : 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${process.env.PORT}"`);
  let sandbox;
  try {
    sandbox = await startSandbox({ port, statePath, reset, log: (line) => console.log(line) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`Port ${port} is already in use on 127.0.0.1. Choose another one: PORT=8123 npm start`);
    }
    throw error;
  }
  console.log(`Peer coaching sandbox: ${sandbox.url}`);
  console.log(`State: ${statePath}${reset ? ' (reset to the sample)' : ''}. Ctrl-C to stop.`);
  console.log(`Simulated clock: ${sandbox.now().toISOString()} (move it on from the page's title bar).`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) process.exit(130);
    stopping = true;
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
