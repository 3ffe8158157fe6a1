// How the hub serves the web console and its sign-in endpoints, over HTTP (the browser tests in
// test/browser drive the built console itself).
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { signToken } from '../../src/access/tokens';
import { Role } from '../../src/access/roles';
import { createTestEnvironment, TestEnvironment, TEST_JWT_SECRET } from '../support/environment';

const INDEX = '<!doctype html><html><head><meta name="csp-nonce" content="__CSP_NONCE__"><style nonce="__CSP_NONCE__"></style></head><body><script type="module" src="/console/assets/app-1.js"></script></body></html>';

function fakeBuild(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hub-console-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), INDEX);
  writeFileSync(path.join(dir, 'assets', 'app-1.js'), 'console.log(1)');
  return dir;
}

describe('the console, served by the hub', () => {
  let env: TestEnvironment;
  let dir: string;
  beforeAll(async () => {
    dir = fakeBuild();
    env = await createTestEnvironment({ hub: { consoleDir: dir } });
  });
  afterAll(async () => {
    await env?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page with a strict policy and a fresh style nonce on every load', async () => {
    const first = await request(env.server).get('/console/').expect(200);
    const second = await request(env.server).get('/console/').expect(200);
    const csp = String(first.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(first.text).toContain(`content="${nonce}"`);
    expect(first.text).toContain(`<style nonce="${nonce}">`);
    expect(first.text).not.toContain('__CSP_NONCE__');
    expect(second.headers['content-security-policy']).not.toEqual(csp);
    expect(first.headers['cache-control']).toBe('no-store');
  });

  it('answers every screen path with the app, /console with a redirect, and a missing asset with 404', async () => {
    await request(env.server).get('/console').expect(302).expect('Location', '/console/');
    const screen = await request(env.server).get('/console/cases/01ABC').expect(200);
    expect(screen.text).toContain('/console/assets/app-1.js');
    const asset = await request(env.server).get('/console/assets/app-1.js').set('Accept-Encoding', 'gzip').expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect(asset.headers['content-encoding']).toBe('gzip');
    expect(asset.headers['content-type']).toContain('text/javascript');
    expect(asset.text).toBe('console.log(1)');
    const plain = await request(env.server).get('/console/assets/app-1.js').set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    await request(env.server).get('/console/assets/missing.js').expect(404);
    await request(env.server).get('/console/assets/..%2Findex.html').expect(404);
  });

  it('lists demo users and signs them in with tokens the API accepts (development)', async () => {
    const users = await request(env.server).get('/console/api/dev-users').expect(200);
    const ids = users.body.users.map((u: { id: string }) => u.id);
    expect(ids).toEqual(expect.arrayContaining(['clerk-370783104', 'department-civil-affairs-370783', 'supervisor-370783', 'admin']));
    const issued = await request(env.server).post('/console/api/dev-token').send({ userId: 'supervisor-370783' }).expect(200);
    const who = await request(env.server).get('/console/api/session').set('Authorization', `Bearer ${issued.body.token}`).expect(200);
    expect(who.body).toEqual({ userId: 'supervisor-370783', role: 'DASHBOARD', region: '370783', department: null });
    const read = await env.gql(issued.body.token, '{ cases(first: 1) { totalCount } }');
    expect(read.errors).toBeUndefined();
  });

  it('refuses an unknown demo user, and says why a session is missing', async () => {
    const refused = await request(env.server).post('/console/api/dev-token').send({ userId: 'root' }).expect(400);
    expect(refused.body.error.code).toBe('UNKNOWN_USER');
    expect(refused.body.error.message).toContain('userId');
    const none = await request(env.server).get('/console/api/session').expect(401);
    expect(none.body.error.code).toBe('NO_TOKEN');
    const expired = await signToken({ sub: 'old', role: Role.CLERK, region: '370783104', ttlSeconds: 60 }, TEST_JWT_SECRET, new Date(Date.now() - 3600_000));
    const stale = await request(env.server).get('/console/api/session').set('Authorization', `Bearer ${expired}`).expect(401);
    expect(stale.body.error.code).toBe('EXPIRED');
    const forged = await signToken({ sub: 'x', role: Role.ADMIN, region: '', ttlSeconds: 60 }, 'another-secret-another-secret-0123456789', new Date());
    const bad = await request(env.server).get('/console/api/session').set('Authorization', `Bearer ${forged}`).expect(401);
    expect(bad.body.error.code).toBe('INVALID');
  });
});

describe('the console under NODE_ENV=production', () => {
  let env: TestEnvironment;
  let dir: string;
  beforeAll(async () => {
    dir = fakeBuild();
    env = await createTestEnvironment({ env: { NODE_ENV: 'production' }, hub: { consoleDir: dir } });
  });
  afterAll(async () => {
    await env?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('still serves the console, with no development sign-in endpoints', async () => {
    await request(env.server).get('/console/').expect(200);
    await request(env.server).get('/console/api/dev-users').expect(404);
    await request(env.server).post('/console/api/dev-token').send({ userId: 'admin' }).expect(404);
    const token = await env.token(Role.CLERK, '370783104');
    await request(env.server).get('/console/api/session').set('Authorization', `Bearer ${token}`).expect(200);
  });
});

describe('the console before it is built', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment({ hub: { consoleDir: path.join(tmpdir(), 'hub-console-never-built') } });
  });
  afterAll(async () => env?.close());

  it('says how to build it', async () => {
    const res = await request(env.server).get('/console/').expect(503);
    expect(res.text).toContain('npm run build');
  });
});
