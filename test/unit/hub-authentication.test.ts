import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { generateKeyPair, SignJWT } from 'jose';
import request from 'supertest';
import { signToken } from '../../src/access/tokens';
import { Role } from '../../src/access/roles';
import { loadConfig } from '../../src/config';
import { createHub, RunningHub } from '../../src/server';

// Authentication through the whole hub (request context included), on an in-memory SQLite database.
// DESIGN.md "Access": token expiry is judged by the real clock, never by the hub's clock, which
// HUB_CLOCK_START may set weeks away for a drill or a training — shifted here as an operator would.

const SECRET = 'real-clock-test-secret-0123456789-abcdefgh';
const DATA_KEY = '3c'.repeat(32);
const DAY = 86_400_000;
const QUERY = '{ addWorkingDays(from: "2026-03-02", days: 1) }'; // needs a caller

async function hub(env: Record<string, string>, logs: string[] = []): Promise<RunningHub> {
  const config = loadConfig({ HUB_DATABASE_URL: 'sqlite::memory:', HUB_JWT_SECRET: SECRET, HUB_DATA_KEY: DATA_KEY, ...env });
  const sink = new Writable({
    write: (chunk, _encoding, done) => {
      logs.push(String(chunk));
      done();
    },
  });
  return createHub({ config, logDestination: sink, jobs: new Set(['dispatcher']) });
}

const hubWithClockAt = (start: Date) => hub({ HUB_CLOCK_START: start.toISOString() });

const clerkToken = (issuedAt: Date, ttlSeconds: number) =>
  signToken({ sub: 'clerk-1', role: Role.CLERK, region: '370783104', ttlSeconds }, SECRET, issuedAt);

function post(running: RunningHub, token: string, acceptLanguage?: string) {
  const req = request(running.app).post('/graphql').set('Content-Type', 'application/json').set('Authorization', `Bearer ${token}`);
  if (acceptLanguage) req.set('Accept-Language', acceptLanguage);
  return req.send({ query: QUERY });
}

describe('token expiry with the hub clock set weeks ahead (a drill)', () => {
  let running: RunningHub;
  beforeAll(async () => {
    running = await hubWithClockAt(new Date(Date.now() + 40 * DAY));
  }, 60_000);
  afterAll(() => running.close());

  it('runs the hub on the shifted clock (the premise of this test)', () => {
    expect(running.services.clock.now().getTime() - Date.now()).toBeGreaterThan(39 * DAY);
  });

  it('accepts a token minted a minute ago for an hour', async () => {
    const res = await post(running, await clerkToken(new Date(Date.now() - 60_000), 3600));
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.addWorkingDays).toBe('2026-03-03');
  });

  it('still refuses a token that expired in real time, as EXPIRED', async () => {
    const res = await post(running, await clerkToken(new Date(Date.now() - 2 * 3_600_000), 3600));
    expect(res.status).toBe(401);
    expect(res.body.errors.map((e: any) => e.extensions)).toEqual([{ code: 'UNAUTHENTICATED', reason: 'EXPIRED' }]);
  });
});

describe('token expiry with the hub clock set in the past (a training on old cases)', () => {
  let running: RunningHub;
  beforeAll(async () => {
    running = await hubWithClockAt(new Date(Date.now() - 40 * DAY));
  }, 60_000);
  afterAll(() => running.close());

  it('refuses a token that expired in real time, though it was valid at the hub clock\'s time', async () => {
    // Minted 30 days ago for 24 hours: by the hub's clock (40 days back) it has not even been issued.
    const res = await post(running, await clerkToken(new Date(Date.now() - 30 * DAY), 24 * 3600));
    expect(res.status).toBe(401);
    expect(res.body.errors.map((e: any) => e.extensions)).toEqual([{ code: 'UNAUTHENTICATED', reason: 'EXPIRED' }]);
    expect(res.body.errors[0].message).toBe('登录已过期，请重新获取令牌。');
  });

  it('answers in English when the request prefers it', async () => {
    const expired = await clerkToken(new Date(Date.now() - 30 * DAY), 24 * 3600);
    const en = await post(running, expired, 'en-US,en;q=0.9,zh-CN;q=0.5');
    expect(en.body.errors[0].message).toBe('The token has expired: get a new one.');
    const zh = await post(running, expired, 'zh-CN,zh;q=0.9,en;q=0.8');
    expect(zh.body.errors[0].message).toBe('登录已过期，请重新获取令牌。');
    const invalid = await post(running, 'not-a-jwt', 'en');
    expect(invalid.body.errors.map((e: any) => [e.extensions.reason, e.message])).toEqual([['INVALID', 'The token is not valid: get a new one.']]);
  });

  it('accepts a token minted just now', async () => {
    const res = await post(running, await clerkToken(new Date(), 600));
    expect(res.body.errors).toBeUndefined();
  });
});

describe('an identity provider that cannot be reached', () => {
  let running: RunningHub;
  const logs: string[] = [];
  beforeAll(async () => {
    const gone = createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const { port } = gone.address() as AddressInfo;
    await new Promise<void>((resolve) => gone.close(() => resolve()));
    running = await hub({ HUB_JWKS_URL: `http://127.0.0.1:${port}/certs` }, logs);
  }, 60_000);
  afterAll(() => running.close());

  it('fails a provider token as an internal error (logged), not UNAUTHENTICATED: the token may be good', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const token = await new SignJWT({ role: 'CLERK', region: '37' }).setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setSubject('clerk-1').setExpirationTime('5m').sign(privateKey);
    const res = await post(running, token);
    expect(res.status).toBe(500);
    expect(res.body.errors).toEqual([{ message: '服务器内部错误，请稍后重试。', extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    expect(logs.join('')).toContain('KeySetUnavailableError');
  });

  it('still takes HS256 tokens, HUB_JWT_SECRET being set', async () => {
    const res = await post(running, await clerkToken(new Date(), 600));
    expect(res.body.errors).toBeUndefined();
  });
});
