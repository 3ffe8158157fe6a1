import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { buildHub, removeBuild, startBuiltProcess } from '../support/hub-process';
import { eventually } from '../support/eventually';

// `npm run gateway` as a process: it starts on its port and ends cleanly (exit 0) on SIGTERM —
// Hive's runtime alone would swallow the first one — and a SIGTERM that reaches npm alone (a
// process manager stopping what it started) stops the gateway too, freeing its port.

const ROOT = join(__dirname, '..', '..');

const portOf = (output: string[]) => Number(/listening on http:\/\/localhost:(\d+)/.exec(output.join(''))![1]);
const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

describe('the gateway process', () => {
  let build: string;
  beforeAll(() => {
    build = buildHub();
  }, 120_000);
  afterAll(() => removeBuild(build));

  it('listens, and exits 0 on SIGTERM', async () => {
    const gateway = await startBuiltProcess(build, 'gateway/main.js', { HUB_GATEWAY_PORT: '0' }, 'federation gateway listening');
    const exited = new Promise<number | null>((resolve) => gateway.child.once('exit', (code) => resolve(code)));
    gateway.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);

  it('stops, port freed, when SIGTERM reaches npm alone', async () => {
    // The repository's own scripts, run by npm in a folder whose dist/ is this test's build (the
    // pre-script's build is skipped: the build is already there).
    const folder = `${build}-npm`;
    mkdirSync(folder, { recursive: true });
    try {
      const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
      writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'gateway-process-test', private: true, scripts }));
      symlinkSync(build, join(folder, 'dist'));
      const npm = spawn('npm', ['run', '--silent', '--ignore-scripts', 'gateway'], { cwd: folder, env: { PATH: process.env.PATH ?? '', HUB_GATEWAY_PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
      const output: string[] = [];
      npm.stdout.on('data', (c) => output.push(String(c)));
      npm.stderr.on('data', (c) => output.push(String(c)));
      const npmExited = new Promise<void>((resolve) => npm.once('exit', () => resolve()));
      await eventually(() => /listening on/.test(output.join('')), { timeout: 30_000, what: () => `the gateway to listen: ${output.join('')}` });
      const port = portOf(output);
      expect(await accepts(port)).toBe(true);
      npm.kill('SIGTERM');
      await npmExited;
      await eventually(async () => !(await accepts(port)), { timeout: 10_000, what: () => `port ${port} to be freed` });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
