import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * Compiles the hub into .test-build/<pid>/ (inside the repository, so node_modules resolve) for
 * tests that need real hub processes. One build per jest worker and test file that asks.
 */
export function buildHub(): string {
  const outDir = join(ROOT, '.test-build', String(process.pid));
  const main = join(outDir, 'src', 'main.js');
  if (existsSync(main)) return outDir;
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.json'), '--outDir', outDir], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tsc failed: ${result.stdout}${result.stderr}`);
  return outDir;
}

export function removeBuild(outDir: string): void {
  rmSync(outDir, { recursive: true, force: true });
}

export interface HubProcess {
  child: ChildProcess;
  output: string[];
  stop(): Promise<void>;
}

/** Starts `node <build>/src/main.js` with the given environment; resolves once it listens. */
export function startHubProcess(outDir: string, env: Record<string, string>): Promise<HubProcess> {
  return startBuiltProcess(outDir, 'src/main.js', env, 'hub listening');
}

/** Starts a compiled entry point (e.g. src/cli/dispatcher.js); resolves once its output shows `ready`. */
export async function startBuiltProcess(outDir: string, script: string, env: Record<string, string>, ready: string): Promise<HubProcess> {
  const child = spawn(process.execPath, [join(outDir, script)], {
    // One process unless a test asks for workers (HUB_WORKERS defaults to the cores on MySQL).
    env: { PATH: process.env.PATH ?? '', PORT: '0', HUB_WORKERS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub process did not start: ${output.join('')}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output.push(String(chunk));
      if (output.join('').includes(ready)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => output.push(String(chunk)));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hub process exited (${code}): ${output.join('')}`));
    });
  });
  return {
    child,
    output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(); // already gone (killed)
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
