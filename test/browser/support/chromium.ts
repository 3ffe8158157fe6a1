// Where the browser tests find Chromium: Debian's package (playwright-core downloads nothing).
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.HUB_CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumInstalled = (): boolean => existsSync(CHROMIUM_PATH);

/** Built console for the browser tests (kept apart from dist/console, which `npm start` serves). */
export const TEST_CONSOLE_DIR = `${__dirname}/../../../.test-build/console`;

/**
 * Flags for a headless Chromium on a machine with a closed network: without the background-
 * networking ones it keeps trying to reach Google's hosts. --no-sandbox: CI runs as root.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
