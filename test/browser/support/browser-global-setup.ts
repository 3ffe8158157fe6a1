// jest globalSetup of the 'browser' project: builds the console once for every browser test file,
// or says why the browser tests are skipped. Under CI=true a missing Chromium is a failure.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumInstalled, TEST_CONSOLE_DIR } from './chromium';

export default async function browserGlobalSetup(): Promise<void> {
  if (!chromiumInstalled()) {
    const how = `install Debian's chromium and fonts-noto-cjk (apt-get install chromium fonts-noto-cjk), or set HUB_CHROMIUM_PATH`;
    if (process.env.CI === 'true') throw new Error(`Browser tests: no Chromium at ${CHROMIUM_PATH} (CI=true makes them mandatory): ${how}`);
    process.stderr.write(`\nNOTICE: browser tests skipped: no Chromium at ${CHROMIUM_PATH}. To run them, ${how}.\n\n`);
    return;
  }
  // Which Chromium the results are about: the one Playwright actually launches.
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  process.stderr.write(`\nBrowser tests: Chromium ${browser.version()} (${CHROMIUM_PATH}), reduced motion\n`);
  await browser.close();
  const root = path.resolve(__dirname, '../../..');
  // jest sets NODE_ENV=test, which Vite would honour with React's development build.
  const env = { ...process.env, NODE_ENV: 'production' };
  const run = (file: string, args: string[]) => execFileSync(process.execPath, [file, ...args], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  run('console/scripts/codegen.mjs', []);
  // The console's types come from schema/hub.graphql: an API change that breaks a screen fails here.
  run('node_modules/typescript/bin/tsc', ['-p', 'console/tsconfig.json']);
  run('node_modules/vite/bin/vite.js', ['build', '--config', 'console/vite.config.mts', '--logLevel', 'error', '--outDir', path.resolve(TEST_CONSOLE_DIR)]);
}
