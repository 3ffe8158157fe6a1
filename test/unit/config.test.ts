import { availableParallelism } from 'node:os';
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
      jobIntervals: { slaScanSeconds: 60, rollupSeconds: 600, retentionSeconds: 3600, statusQuerySeconds: 60 },
      jwtSecret: null,
      jwksUrl: null,
      jwtIssuer: null,
      jwtAudience: null,
      jwtClockToleranceSeconds: 30,
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
      HUB_JWKS_URL: 'https://idp.example.gov.cn/realms/hub/protocol/openid-connect/certs',
      HUB_JWT_ISSUER: 'https://idp.example.gov.cn/realms/hub',
      HUB_JWT_AUDIENCE: 'assistance-hub',
      HUB_JWT_CLOCK_TOLERANCE_SECONDS: '10',
      HUB_RETENTION_DAYS: '180',
      HUB_LOG_LEVEL: 'warn',
      HUB_ROLLUP_SECONDS: '120',
      HUB_RETENTION_SECONDS: '600',
      HUB_STATUS_QUERY_SECONDS: '30',
    });
    expect(config).toMatchObject({ port: 8080, database: { kind: 'mysql' }, slaWorkingDays: 20, slaWarningDays: 5, jobIntervals: { slaScanSeconds: 30, rollupSeconds: 120, retentionSeconds: 600, statusQuerySeconds: 30 }, retentionDays: 180, logLevel: 'warn' });
    expect(config).toMatchObject({
      jwtSecret: SECRET,
      jwksUrl: 'https://idp.example.gov.cn/realms/hub/protocol/openid-connect/certs',
      jwtIssuer: 'https://idp.example.gov.cn/realms/hub',
      jwtAudience: 'assistance-hub',
      jwtClockToleranceSeconds: 10,
    });
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
    [{ HUB_ROLLUP_SECONDS: '0' }, 'HUB_ROLLUP_SECONDS'],
    [{ HUB_RETENTION_SECONDS: '59' }, 'HUB_RETENTION_SECONDS'],
    [{ HUB_STATUS_QUERY_SECONDS: 'often' }, 'HUB_STATUS_QUERY_SECONDS'],
    [{ HUB_WORKERS: '0' }, 'HUB_WORKERS'],
    [{ HUB_WORKERS: 'all' }, 'HUB_WORKERS'],
    [{ HUB_WORKERS: '65' }, 'HUB_WORKERS'],
    [{ HUB_DATABASE_URL: 'sqlite::memory:', HUB_WORKERS: '2' }, 'HUB_WORKERS'],
    [{ HUB_PERIODIC_JOBS: 'no' }, 'HUB_PERIODIC_JOBS'],
    [{ HUB_PUBLIC_NOTICE: 'no' }, 'HUB_PUBLIC_NOTICE'],
    [{ HUB_RETENTION_DAYS: '6' }, 'HUB_RETENTION_DAYS'],
    [{ HUB_RETENTION_DAYS: 'forever' }, 'HUB_RETENTION_DAYS'],
    [{ HUB_LOG_LEVEL: 'loud' }, 'HUB_LOG_LEVEL'],
    [{ HUB_CLOCK_START: '2026-09-24 09:30' }, 'HUB_CLOCK_START'],
    [{ NODE_ENV: 'production', HUB_DATA_KEY: KEY }, 'HUB_JWT_SECRET'],
    [{ NODE_ENV: 'production', HUB_JWT_SECRET: SECRET }, 'HUB_DATA_KEY'],
    [{ NODE_ENV: 'production', HUB_JWT_SECRET: SECRET, HUB_DATA_KEY: KEY, HUB_CLOCK_START: '2026-09-24T09:30:00+08:00' }, 'HUB_CLOCK_START'],
    [{ HUB_JWKS_URL: 'not a url' }, 'HUB_JWKS_URL'],
    [{ HUB_JWKS_URL: 'ftp://idp.example/certs' }, 'HUB_JWKS_URL'],
    [{ HUB_JWKS_URL: 'http://idp.example.gov.cn/certs' }, 'HUB_JWKS_URL'],
    [{ NODE_ENV: 'production', HUB_DATA_KEY: KEY, HUB_JWKS_URL: 'http://localhost:8080/certs' }, 'HUB_JWKS_URL'],
    [{ HUB_JWT_ISSUER: 'https://idp.example.gov.cn/realms/hub' }, 'HUB_JWT_ISSUER'],
    [{ HUB_JWT_AUDIENCE: 'assistance-hub' }, 'HUB_JWT_AUDIENCE'],
    [{ HUB_JWKS_URL: 'https://idp.example/certs', HUB_JWT_AUDIENCE: ' assistance-hub' }, 'HUB_JWT_AUDIENCE'],
    [{ HUB_JWT_CLOCK_TOLERANCE_SECONDS: '301' }, 'HUB_JWT_CLOCK_TOLERANCE_SECONDS'],
    [{ HUB_JWT_CLOCK_TOLERANCE_SECONDS: '-5' }, 'HUB_JWT_CLOCK_TOLERANCE_SECONDS'],
  ])('refuses %j naming %s', (env, variable) => {
    const error = errorOf(env as Record<string, string>);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}: `)).toBe(true);
  });
});

describe('HUB_WORKERS', () => {
  it('defaults to one process on SQLite and one per core on MySQL', () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ HUB_DATABASE_URL: 'mysql://root@127.0.0.1:3306/hub' }).workers).toBe(availableParallelism());
    expect(loadConfig({ HUB_DATABASE_URL: 'mysql://root@127.0.0.1:3306/hub', HUB_WORKERS: '3' }).workers).toBe(3);
    expect(loadConfig({ HUB_DATABASE_URL: 'sqlite:data/x.sqlite', HUB_WORKERS: '2' }).workers).toBe(2);
  });
});

describe('HUB_PUBLIC_NOTICE', () => {
  it('runs the public notice of 低保 and 特困 approvals in the hub unless told off', () => {
    expect(loadConfig({}).publicNotice).toBe(true);
    expect(loadConfig({ HUB_PUBLIC_NOTICE: 'off' }).publicNotice).toBe(false);
    expect(() => loadConfig({ HUB_PUBLIC_NOTICE: 'yes' })).toThrow('HUB_PUBLIC_NOTICE: must be on or off');
  });
});

describe('HUB_PERIODIC_JOBS', () => {
  it('runs the periodic jobs unless told off', () => {
    expect(loadConfig({}).periodicJobs).toBe(true);
    expect(loadConfig({ HUB_PERIODIC_JOBS: 'on' }).periodicJobs).toBe(true);
    expect(loadConfig({ HUB_PERIODIC_JOBS: 'off' }).periodicJobs).toBe(false);
    expect(() => loadConfig({ HUB_PERIODIC_JOBS: 'OFF' })).toThrow('HUB_PERIODIC_JOBS: must be on or off');
  });
});

describe('identity-provider settings', () => {
  it('in production need no HUB_JWT_SECRET when HUB_JWKS_URL is set', () => {
    const config = loadConfig({ NODE_ENV: 'production', HUB_DATA_KEY: KEY, HUB_JWKS_URL: 'https://idp.example.gov.cn/certs' });
    expect(config).toMatchObject({ production: true, jwtSecret: null, jwksUrl: 'https://idp.example.gov.cn/certs' });
  });

  it('say what is missing in production when neither is set', () => {
    expect(errorOf({ NODE_ENV: 'production', HUB_DATA_KEY: KEY }).message).toBe(
      'HUB_JWT_SECRET: is required when NODE_ENV=production, unless tokens come from an identity provider (HUB_JWKS_URL)',
    );
  });

  it.each(['http://localhost:8080/certs', 'http://127.0.0.1:8080/certs', 'http://[::1]:8080/certs'])(
    'allow http:// to this machine outside production (%s)',
    (url) => {
      expect(loadConfig({ HUB_JWKS_URL: url }).jwksUrl).toBe(url);
    },
  );

  it('explain why an http:// key set is refused', () => {
    expect(errorOf({ HUB_JWKS_URL: 'http://idp.example.gov.cn/certs' }).message).toBe(
      'HUB_JWKS_URL: must use https:// (http:// only for localhost, outside production)',
    );
    expect(errorOf({ NODE_ENV: 'production', HUB_DATA_KEY: KEY, HUB_JWKS_URL: 'http://localhost/certs' }).message).toBe(
      'HUB_JWKS_URL: must use https:// when NODE_ENV=production',
    );
    expect(errorOf({ HUB_JWT_ISSUER: 'x' }).message).toBe('HUB_JWT_ISSUER: applies to identity-provider tokens only: set HUB_JWKS_URL too, or unset it');
  });
});
