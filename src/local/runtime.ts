// Loads build/Code.js into a bare node:vm realm whose only globals are the emulated Apps Script
// services, as Google's V8 runtime would: no require, process, Buffer, setTimeout, URLSearchParams,
// fetch or TextEncoder. The bundle test and the sandbox both run the real bundle through this.
import * as vm from 'node:vm';

export interface BundleRealm {
  readonly context: vm.Context;
  /** Names of the top-level functions the bundle declares (what Apps Script can call). */
  topLevelFunctions(): string[];
  /** Calls a top-level function by name, as a trigger, a menu or google.script.run would. */
  call(name: string, args?: unknown[]): unknown;
}

/** Globals of a fresh vm realm that are ECMAScript built-ins, not given by the emulation. */
const BUILTINS = new Set(Object.getOwnPropertyNames(vm.runInNewContext('globalThis')));

export function loadBundle(code: string, globals: object, filename = 'Code.js'): BundleRealm {
  const sandbox: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(Object.getOwnPropertyDescriptors(globals))) {
    Object.defineProperty(sandbox, name, { ...value, enumerable: true });
  }
  const context = vm.createContext(sandbox, { name: 'Apps Script (emulated)', codeGeneration: { strings: true, wasm: false } });
  new vm.Script(code, { filename }).runInContext(context);
  const provided = new Set(Object.keys(globals));
  return {
    context,
    topLevelFunctions() {
      const names = vm.runInContext('Object.getOwnPropertyNames(globalThis)', context) as string[];
      return names
        .filter((n) => !BUILTINS.has(n) && !provided.has(n))
        .filter((n) => vm.runInContext(`typeof globalThis[${JSON.stringify(n)}]`, context) === 'function')
        .sort();
    },
    call(name, args = []) {
      const fn = vm.runInContext(`globalThis[${JSON.stringify(name)}]`, context) as unknown;
      if (typeof fn !== 'function') throw new Error(`Script function not found: ${name}`);
      return (fn as (...a: unknown[]) => unknown)(...args);
    },
  };
}
