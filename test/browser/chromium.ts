// Launches the machine's Chromium through playwright-core (no browser download is possible here).
// A missing browser fails the test with the way to get one: a browser test that silently skips
// proves nothing.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Flags that work in this container and in CI (see docs: reference/offline-testing.md). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. The browser tests need a local Chromium: ` +
        'set CHROMIUM_PATH to its executable, or install it (Debian/Ubuntu: apt-get install -y chromium).',
    );
  }
  return executablePath;
}

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Chromium with a fresh, throw-away profile: `chromium.launch` gives every launch its own
 * temporary user-data directory and removes it on close.
 */
export async function launchChromium(): Promise<LaunchedBrowser> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS, timeout: 20000 });
  return { browser, close: () => browser.close() };
}
