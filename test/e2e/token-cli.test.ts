import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyToken } from '../../src/access/tokens';
import { runTsCli, writeTsHook } from '../support/ts-cli';

// `npm run token -- --role CLERK --region 370783104` (src/cli/token.ts), run from its TypeScript
// source (test/support/ts-cli.ts). It touches no database, so it runs in the sqlite project only.

const SECRET = 'cli-test-secret-cli-test-secret-0123456789';
const DATA_KEY = 'a5'.repeat(32);
const HOUR = 3600;

const describeOnce = process.env.HUB_TEST_DB === 'sqlite' ? describe : describe.skip;

describeOnce('npm run token (src/cli/token.ts)', () => {
  let dir: string;
  let hook: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hub-token-cli-'));
    hook = writeTsHook(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the CLI with only the given HUB_* settings (none inherited from the test process). */
  function run(args: string[], settings: Record<string, string> = { HUB_JWT_SECRET: SECRET, HUB_DATA_KEY: DATA_KEY }) {
    return runTsCli(hook, 'token', args, { HUB_DATABASE_URL: `sqlite:${join(dir, 'db', 'hub.sqlite')}`, ...settings }, dir);
  }

  async function mint(args: string[]) {
    const before = Math.floor(Date.now() / 1000);
    const res = await run(args);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const token = res.stdout.trim();
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
    expect(payload.iat).toBeGreaterThanOrEqual(before);
    expect(payload.iat).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    return { token, payload, caller: await verifyToken(token, SECRET, new Date()) };
  }

  it('mints a CLERK token for a township that the hub accepts, valid for 12 hours by default', async () => {
    const { token, payload, caller } = await mint(['--role', 'CLERK', '--region', '370783104']);
    expect(caller).toEqual({ sub: 'clerk-370783104', role: 'CLERK', region: '370783104', department: null });
    expect(payload.exp - payload.iat).toBe(12 * HOUR);
    await expect(verifyToken(token, 'some-other-secret-some-other-secret-00', new Date())).rejects.toThrow();
    await expect(verifyToken(token, SECRET, new Date((payload.exp + 1) * 1000))).rejects.toThrow();
  });

  it('mints a DEPARTMENT token with its department, a chosen sub and lifetime', async () => {
    const { payload, caller } = await mint(['--role', 'DEPARTMENT', '--department', 'MEDICAL', '--region', '370783', '--sub', 'medical-sys', '--hours', '2']);
    expect(caller).toEqual({ sub: 'medical-sys', role: 'DEPARTMENT', region: '370783', department: 'MEDICAL' });
    expect(payload.exp - payload.iat).toBe(2 * HOUR);
  });

  it('names a DEPARTMENT token after its department when no sub is given', async () => {
    const { caller } = await mint(['--role', 'DEPARTMENT', '--department', 'CIVIL_AFFAIRS', '--region', '37']);
    expect(caller).toEqual({ sub: 'department-37-civil_affairs', role: 'DEPARTMENT', region: '37', department: 'CIVIL_AFFAIRS' });
  });

  it('mints a nationwide ADMIN token when no region is given', async () => {
    const { caller } = await mint(['--role', 'ADMIN']);
    expect(caller).toEqual({ sub: 'admin-all', role: 'ADMIN', region: '', department: null });
  });

  it.each([
    ['no --role', [], '--role'],
    ['an unknown role', ['--role', 'NOPE', '--region', '370783'], '--role'],
    ['a lower-case role', ['--role', 'clerk', '--region', '370783'], '--role'],
    ['DEPARTMENT without --department', ['--role', 'DEPARTMENT', '--region', '370783'], '--department'],
    ['an unknown department', ['--role', 'DEPARTMENT', '--department', 'POLICE', '--region', '370783'], '--department'],
    ['a department on a CLERK token', ['--role', 'CLERK', '--department', 'MEDICAL', '--region', '370783'], '--department'],
    ['a 5-digit region', ['--role', 'CLERK', '--region', '37078'], '--region'],
    ['a region with letters', ['--role', 'CLERK', '--region', '37ab'], '--region'],
    ['zero hours', ['--role', 'CLERK', '--region', '370783', '--hours', '0'], '--hours'],
    ['hours that are not a number', ['--role', 'CLERK', '--region', '370783', '--hours', 'abc'], '--hours'],
    ['more than 30 days', ['--role', 'CLERK', '--region', '370783', '--hours', '721'], '--hours'],
  ])('refuses %s with a non-zero exit naming the flag, and prints no token', async (_label, args, flag) => {
    const res = await run(args);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain(flag);
    expect(res.stdout).toBe('');
  });

  it.each([[['--help']], [['-h']], [['--role', 'NOPE', '--help']]])('prints its usage and exits 0 for %j', async (args) => {
    const res = await run(args, {});
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('');
    expect(res.stdout).toMatch(/^Mints an HS256 bearer token/);
    for (const flag of ['--role', '--region', '--department', '--sub', '--hours', '--help']) expect(res.stdout).toContain(flag);
    expect(res.stdout).toContain('CLERK, DEPARTMENT, DASHBOARD, ADMIN');
    expect(res.stdout).not.toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/m); // no token
  });

  it.each([['0'], ['-1'], ['721'], ['abc'], ['0x10'], ['']])('refuses --hours %j saying what it accepts', async (hours) => {
    const res = await run(['--role', 'CLERK', '--region', '370783', `--hours=${hours}`]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--hours must be a number greater than 0 and at most 720');
    expect(res.stdout).toBe('');
  });

  it.each([['0.5', 1800], ['720', 720 * HOUR]])('accepts --hours %s, the bounds it names', async (hours, seconds) => {
    const { payload } = await mint(['--role', 'CLERK', '--region', '370783', '--hours', hours as string]);
    expect(payload.exp - payload.iat).toBe(seconds);
  });

  it('with an identity provider configured, refuses to mint unless HUB_JWT_SECRET is set (the hub would refuse the token)', async () => {
    const jwks = { HUB_JWKS_URL: 'https://idp.example.gov.cn/realms/hub/protocol/openid-connect/certs', HUB_DATA_KEY: DATA_KEY };
    const refused = await run(['--role', 'CLERK', '--region', '370783'], jwks);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('HUB_JWKS_URL');
    expect(refused.stderr).toContain('HUB_JWT_SECRET');
    expect(refused.stdout).toBe('');
    const minted = await run(['--role', 'CLERK', '--region', '370783'], { ...jwks, HUB_JWT_SECRET: SECRET });
    expect(minted.code).toBe(0);
    await expect(verifyToken(minted.stdout.trim(), SECRET, new Date())).resolves.toMatchObject({ role: 'CLERK' });
  });

  it('refuses an unknown flag', async () => {
    const res = await run(['--role', 'CLERK', '--regoin', '370783']);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('--regoin');
    expect(res.stdout).toBe('');
  });

  it('refuses a bad HUB_JWT_SECRET, naming the variable but not its value', async () => {
    const res = await run(['--role', 'CLERK', '--region', '370783'], { HUB_JWT_SECRET: 'short-secret', HUB_DATA_KEY: DATA_KEY });
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('HUB_JWT_SECRET');
    expect(res.stderr).not.toContain('short-secret');
    expect(res.stdout).toBe('');
  });

  it('without HUB_JWT_SECRET signs with the development secret kept beside the SQLite file', async () => {
    const secrets = join(dir, 'db', 'hub-dev-secrets.json');
    expect(existsSync(secrets)).toBe(false);
    const first = await run(['--role', 'DASHBOARD', '--region', '3707'], {});
    expect(first.code).toBe(0);
    const { jwtSecret } = JSON.parse(readFileSync(secrets, 'utf8'));
    expect(jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.stdout).not.toContain(jwtSecret);
    await expect(verifyToken(first.stdout.trim(), jwtSecret, new Date())).resolves.toMatchObject({ role: 'DASHBOARD', region: '3707' });
    // A second run reuses the same secret rather than generating another.
    const second = await run(['--role', 'CLERK', '--region', '370783104'], {});
    await expect(verifyToken(second.stdout.trim(), jwtSecret, new Date())).resolves.toMatchObject({ role: 'CLERK' });
    expect(JSON.parse(readFileSync(secrets, 'utf8')).jwtSecret).toBe(jwtSecret);
  });
});
