import { ConfigError, loadConfig } from '../../src/config';

const KEY = 'ab'.repeat(32);
const SECRET = 's'.repeat(40);

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('settings', () => {
  it('runs with nothing configured: port 4000 on the embedded SQLite file, 15/3/60', () => {
    expect(loadConfig({})).toMatchObject({
      port: 4000,
      database: { kind: 'sqlite', path: 'data/hub.sqlite' },
      slaWorkingDays: 15,
      slaWarningDays: 3,
      slaScanSeconds: 60,
      jwtSecret: null,
      dataKey: null,
      clockStart: null,
      production: false,
    });
  });

  it('reads every setting', () => {
    const config = loadConfig({
      PORT: '8080',
      HUB_DATABASE_URL: 'mysql://hub:pw@db.local:3306/hub',
      HUB_JWT_SECRET: SECRET,
      HUB_DATA_KEY: KEY,
      HUB_SLA_WORKING_DAYS: '20',
      HUB_SLA_WARNING_DAYS: '5',
      HUB_SLA_SCAN_SECONDS: '30',
      HUB_CLOCK_START: '2026-09-24T09:30:00+08:00',
    });
    expect(config).toMatchObject({ port: 8080, database: { kind: 'mysql' }, slaWorkingDays: 20, slaWarningDays: 5, slaScanSeconds: 30 });
    expect(config.clockStart?.toISOString()).toBe('2026-09-24T01:30:00.000Z');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ HUB_DATABASE_URL: 'postgres://x/y' }, 'HUB_DATABASE_URL'],
    [{ HUB_DATABASE_URL: 'mysql://host-without-db' }, 'HUB_DATABASE_URL'],
    [{ HUB_DATABASE_URL: 'sqlite:' }, 'HUB_DATABASE_URL'],
    [{ HUB_JWT_SECRET: 'short' }, 'HUB_JWT_SECRET'],
    [{ HUB_DATA_KEY: 'not-a-key' }, 'HUB_DATA_KEY'],
    [{ HUB_SLA_WORKING_DAYS: '0' }, 'HUB_SLA_WORKING_DAYS'],
    [{ HUB_SLA_WARNING_DAYS: '-1' }, 'HUB_SLA_WARNING_DAYS'],
    [{ HUB_SLA_WARNING_DAYS: '15' }, 'HUB_SLA_WARNING_DAYS'],
    [{ HUB_SLA_SCAN_SECONDS: '1.5' }, 'HUB_SLA_SCAN_SECONDS'],
    [{ HUB_CLOCK_START: '2026-09-24 09:30' }, 'HUB_CLOCK_START'],
    [{ NODE_ENV: 'production', HUB_DATA_KEY: KEY }, 'HUB_JWT_SECRET'],
    [{ NODE_ENV: 'production', HUB_JWT_SECRET: SECRET }, 'HUB_DATA_KEY'],
    [{ NODE_ENV: 'production', HUB_JWT_SECRET: SECRET, HUB_DATA_KEY: KEY, HUB_CLOCK_START: '2026-09-24T09:30:00+08:00' }, 'HUB_CLOCK_START'],
  ])('refuses %j naming %s', (env, variable) => {
    const error = errorOf(env as Record<string, string>);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}: `)).toBe(true);
  });
});
