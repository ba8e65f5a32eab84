// One Apps Script execution in the sandbox, through the same AddonHost as `peer-coaching simulate`
// (src/local/host.ts: a fresh realm from the bundle's top-level code, the ledger reset before, the
// execution ended after), with the sandbox's clock running while it runs. Each execution leaves a
// CallReport (what the footer shows; the latest 1,000 are kept for tests) and its script logs and
// failure in the sandbox's log.
import { AddonHost, type Outcome } from '../host';
import type { Workspace } from '../emulation';
import type { BundleRealm } from '../runtime';
import type { SandboxClock } from './clock';
import { toClientError, type CallReport, type WireValue } from './transport';

const EXECUTIONS_KEPT = 1000;

export interface Runner {
  /**
   * Runs `name` as one execution. Its arguments are `args` made in the realm from JSON, or what
   * `prepare` makes there (a trigger's event object, holding live objects such as a Range).
   */
  run(name: string, args: WireValue[], via: CallReport['via'], prepare?: (realm: BundleRealm) => unknown[]): Outcome;
  /** A realm with the bundle loaded, to read its top-level function names (nothing runs). */
  realm(): BundleRealm;
  lastCall(): CallReport | null;
  history(): CallReport[];
}

export function createRunner(ws: Workspace, options: { code: () => string; filename: string; clock: SandboxClock; log: (line: string) => void }): Runner {
  const { clock, log } = options;
  // Values the function returns stay the realm's own: the transport rules (transport.ts) judge them.
  const host = new AddonHost(ws, { code: options.code, filename: options.filename, now: () => clock.ms(), rawValue: true });
  let lastCall: CallReport | null = null;
  const history: CallReport[] = [];
  let logsSeen = ws.ctx.logs.length;

  return {
    run(name, args, via, prepare) {
      const started = performance.now();
      // A name the bundle does not declare fails as Apps Script says it: "Script function not found".
      const { outcome } = clock.running(() => host.execute(name, args, prepare));
      lastCall = {
        name,
        via,
        ok: outcome.ok,
        serviceCalls: ws.ledger.count(),
        byKind: ws.ledger.snapshot(),
        ms: Math.round(performance.now() - started),
      };
      history.push(lastCall);
      if (history.length > EXECUTIONS_KEPT) history.splice(0, history.length - EXECUTIONS_KEPT);
      for (const line of ws.ctx.logs.slice(logsSeen)) log(`[${name}] ${line}`);
      logsSeen = ws.ctx.logs.length;
      if (!outcome.ok) {
        const e = toClientError(outcome.error);
        const stack = (outcome.error as { stack?: unknown })?.stack;
        log(`[${name}] failed: ${typeof stack === 'string' ? stack : `${e.name}: ${e.message}`}`);
      }
      return outcome;
    },
    realm: () => host.realm(),
    lastCall: () => lastCall,
    history: () => history.slice(),
  };
}
