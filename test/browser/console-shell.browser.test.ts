// The console's frame in a real browser: signing in and out, what it loads, and from where.
import { signToken } from '../../src/access/tokens';
import { Role } from '../../src/access/roles';
import { TEST_JWT_SECRET } from '../support/environment';
import { ConsoleHarness, describeInBrowser, expectNoSeriousA11yViolations, screenshot, signInAs, startConsoleHarness } from './support/console-browser';

describeInBrowser('the console frame in Chromium', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsoleHarness();
  });
  afterAll(async () => h?.close());

  it('shows the sign-in page in Chinese, with the demo users, loading nothing from another origin', async () => {
    const page = await h.newPage();
    const started = Date.now();
    const response = await page.goto('/console/');
    await page.locator('[data-user-id="clerk-370783104"]').waitFor();
    const loadMs = Date.now() - started;
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('一门受理');
    await page.locator('[data-user-id="clerk-370783104"]').waitFor();
    expect(await page.locator('[data-user-id]').count()).toBeGreaterThanOrEqual(10);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'sign-in');
    expect(h.foreignRequests()).toEqual([]);
    expect(h.problems).toEqual([]);
    process.stdout.write(`console first load (until the sign-in page lists the demo users): ${loadMs} ms\n`);
  });

  it('signs a clerk in to the intake screen, keeping the token out of every URL', async () => {
    const page = await h.newPage();
    await signInAs(page, 'clerk-370783104');
    expect(new URL(page.url()).pathname).toBe('/console/intake');
    await expect(page.getByText('窗口受理员 · 370783104 镇便民服务中心')).toBeVisibleSoon();
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('hub-console.session') ?? '{}').token as string);
    expect(token).toMatch(/^ey/);
    expect(h.requests.filter((url) => url.includes(token))).toEqual([]);
    // Signing out forgets the token.
    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page.waitForURL('**/console/sign-in');
    expect(await page.evaluate(() => sessionStorage.getItem('hub-console.session'))).toBeNull();
  });

  it('returns a user whose token runs out to the sign-in page, with a message', async () => {
    const page = await h.newPage();
    const token = await signToken({ sub: 'clerk-short', role: Role.CLERK, region: '370783104', ttlSeconds: 8 }, TEST_JWT_SECRET, new Date());
    await page.goto('/console/sign-in');
    await page.getByLabel('访问令牌').fill(token);
    await page.getByRole('button', { name: /^登\s*录$/ }).last().click();
    await page.waitForURL('**/console/intake');
    await page.waitForURL('**/console/sign-in', { timeout: 20_000 });
    await expect(page.getByText('登录已过期，请重新登录。')).toBeVisibleSoon();
  });

  it('refuses a pasted token that is not one, saying what is wrong', async () => {
    const page = await h.newPage();
    await page.goto('/console/sign-in');
    await page.getByLabel('访问令牌').fill('not-a-token');
    await page.getByRole('button', { name: /^登\s*录$/ }).last().click();
    await expect(page.getByText('这不是有效的令牌（应为三段，以“.”分隔）。')).toBeVisibleSoon();
  });

  it('refuses a token the hub does not accept before letting the user in', async () => {
    const page = await h.newPage();
    const forged = await signToken({ sub: 'x', role: Role.DASHBOARD, region: '370783', ttlSeconds: 600 }, 'another-secret-another-secret-0123456789', new Date());
    await page.goto('/console/sign-in');
    await page.getByLabel('访问令牌').fill(forged);
    await page.getByRole('button', { name: /^登\s*录$/ }).last().click();
    await expect(page.getByText('本系统不认可该令牌（签发方或签名不符），请向系统管理员索取正确的令牌。')).toBeVisibleSoon();
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
  });

  it('behind a signing-in proxy, takes the user in without a sign-in page or a token of its own', async () => {
    const token = await h.env.token(Role.DASHBOARD, '370783', undefined, 'supervisor-from-proxy');
    const page = await h.newPage({ headers: { Authorization: `Bearer ${token}` } });
    await page.goto('/console/');
    await page.waitForURL('**/console/dashboard');
    await expect(page.getByText('督办 · supervisor-from-proxy')).toBeVisibleSoon();
    expect(await page.getByRole('button', { name: /退\s*出/ }).count()).toBe(0);
    expect(await page.evaluate(() => sessionStorage.getItem('hub-console.session'))).toBeNull();
  });
});
