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

export interface BundleOptions {
  /**
   * The realm's clock, in epoch milliseconds: `new Date()` and `Date.now()` read it (a virtual
   * clock for `peer-coaching simulate`). Default: the machine's clock.
   */
  now?: () => number;
}

/**
 * Replaces the realm's Date with one whose "now" is `now()`. Every other use (`new Date(ms)`,
 * `Date.UTC`, `instanceof Date`, the prototype) is the realm's own Date, so values made with
 * either constructor are the same kind of object.
 */
const VIRTUAL_DATE = `(function (now) {
  var RealDate = Date;
  function VirtualDate() {
    if (!new.target) return new RealDate(now()).toString();
    var args = arguments.length === 0 ? [now()] : Array.prototype.slice.call(arguments);
    return Reflect.construct(RealDate, args, new.target === VirtualDate ? RealDate : new.target);
  }
  Object.setPrototypeOf(VirtualDate, RealDate);
  Object.defineProperty(VirtualDate, 'prototype', { value: RealDate.prototype });
  VirtualDate.now = function () { return now(); };
  globalThis.Date = VirtualDate;
})`;

/** The last bundle compiled: a new realm runs the same compiled script (V8 reuses its code). */
let cache: { code: string; filename: string; script: vm.Script } | null = null;

function compiled(code: string, filename: string): vm.Script {
  if (cache?.code !== code || cache.filename !== filename) cache = { code, filename, script: new vm.Script(code, { filename }) };
  return cache.script;
}

export function loadBundle(code: string, globals: object, filename = 'Code.js', options: BundleOptions = {}): BundleRealm {
  const sandbox: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(Object.getOwnPropertyDescriptors(globals))) {
    Object.defineProperty(sandbox, name, { ...value, enumerable: true });
  }
  const context = vm.createContext(sandbox, { name: 'Apps Script (emulated)', codeGeneration: { strings: true, wasm: false } });
  if (options.now) {
    const clock = options.now;
    (vm.runInContext(VIRTUAL_DATE, context) as (now: () => number) => void)(() => clock());
  }
  compiled(code, filename).runInContext(context);
  const provided = new Set([...Object.keys(globals), ...(options.now ? ['Date'] : [])]);
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
