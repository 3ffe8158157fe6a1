import { buildHub, removeBuild, startBuiltProcess } from '../support/hub-process';

// `npm run gateway` as a process: it starts on its port and ends cleanly (exit 0) on SIGTERM —
// Hive's runtime alone would swallow the first one.

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
});
