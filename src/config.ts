import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { hasSeveralHosts, parseMysqlHosts } from './db/database-hosts';

/** Raised at start-up when a setting is wrong; the message names the variable. */
export class ConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

export type DatabaseUrl = { kind: 'sqlite'; path: string } | { kind: 'mysql'; url: string };

export interface HubConfig {
  production: boolean;
  port: number;
  database: DatabaseUrl;
  /** HS256 secret (HUB_JWT_SECRET); null when not set in the environment. */
  jwtSecret: string | null;
  /** The identity provider's JSON Web Key Set (HUB_JWKS_URL): RS256/ES256 tokens are verified against it. */
  jwksUrl: string | null;
  /** Required `iss` of identity-provider tokens (HUB_JWT_ISSUER). */
  jwtIssuer: string | null;
  /** Required `aud` of identity-provider tokens (HUB_JWT_AUDIENCE). */
  jwtAudience: string | null;
  /** Seconds of clock disagreement tolerated on a token's exp and nbf (HUB_JWT_CLOCK_TOLERANCE_SECONDS). */
  jwtClockToleranceSeconds: number;
  dataKey: string | null;
  slaWorkingDays: number;
  slaWarningDays: number;
  /** How often each periodic job runs (src/jobs.ts says which jobs a process runs). */
  jobIntervals: JobIntervals;
  clockStart: Date | null;
  /** HUB_PARTNERS_FILE: how each department receives referrals (none: every department pulls). */
  partnersFile: string | null;
  /** HUB_PUBLIC_URL: where partner systems reach this hub (their callbacks). */
  publicUrl: string;
  /** HUB_STATUS_QUERY_MINUTES: quiet minutes after which an asynchronous partner is asked for a referral's state. */
  statusQueryMinutes: number;
  /** HUB_WORKERS: hub processes serving one port (node:cluster); they coordinate through the database. */
  workers: number;
  /** HUB_PERIODIC_JOBS: whether this machine runs the SLA scan, the report rollup and partner status queries. */
  periodicJobs: boolean;
  /** HUB_PUBLIC_NOTICE: whether a 低保 or 特困 approval goes on public notice (公示) in the hub before it takes effect. */
  publicNotice: boolean;
  /** HUB_RETENTION_DAYS: finished outbox rows and partner inbox entries older than this are removed. */
  retentionDays: number;
  /** HUB_LOG_LEVEL: the lowest level written to the JSON log. */
  logLevel: LogLevel;
  /** HUB_IMPORT_MAX_MB: the largest roll file the register's import takes, in bytes. */
  importMaxBytes: number;
}

export interface JobIntervals {
  /** HUB_SLA_SCAN_SECONDS: the SLA scan (warnings, expired claim leases). */
  slaScanSeconds: number;
  /** HUB_ROLLUP_SECONDS: the report rollup looks for days that are over (it rolls each day once). */
  rollupSeconds: number;
  /** HUB_RETENTION_SECONDS: the retention job (hourly is plenty for rows kept 90 days). */
  retentionSeconds: number;
  /** HUB_STATUS_QUERY_SECONDS: how often quiet referrals of asynchronous partners are looked for. */
  statusQuerySeconds: number;
  /** HUB_IMPORT_SECONDS: how often approved register imports without a committing process are looked for. */
  importSeconds: number;
  /** HUB_REVIEW_SECONDS: how often the review job looks for reviews fallen due (it catches up whatever it missed). */
  reviewSeconds: number;
}

export const DEFAULT_SQLITE_PATH = 'data/hub.sqlite';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

// RFC 3339 with an explicit offset (Z or ±hh:mm).
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

const schemas = {
  PORT: int(0, 65535),
  HUB_SLA_WORKING_DAYS: int(1, 250),
  HUB_SLA_WARNING_DAYS: int(0, 250),
  HUB_SLA_SCAN_SECONDS: int(1, 86_400),
  HUB_ROLLUP_SECONDS: int(1, 86_400),
  HUB_RETENTION_SECONDS: int(60, 86_400),
  HUB_STATUS_QUERY_SECONDS: int(1, 86_400),
  HUB_STATUS_QUERY_MINUTES: int(1, 10_080),
  HUB_IMPORT_SECONDS: int(1, 86_400),
  HUB_REVIEW_SECONDS: int(1, 86_400),
  HUB_IMPORT_MAX_MB: int(1, 2048),
  HUB_RETENTION_DAYS: int(7, 3650),
  HUB_LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }),
  HUB_JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
  HUB_JWT_ISSUER: z.string().max(500, 'must be at most 500 characters').refine((v) => v.trim() === v, 'must not start or end with spaces'),
  HUB_JWT_AUDIENCE: z.string().max(500, 'must be at most 500 characters').refine((v) => v.trim() === v, 'must not start or end with spaces'),
  HUB_JWT_CLOCK_TOLERANCE_SECONDS: int(0, 300),
  HUB_WORKERS: int(1, 64),
  HUB_PERIODIC_JOBS: z.enum(['on', 'off'], { message: 'must be on or off' }).transform((v) => v === 'on'),
  HUB_PUBLIC_NOTICE: z.enum(['on', 'off'], { message: 'must be on or off' }).transform((v) => v === 'on'),
  HUB_DATA_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$|^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes as 64 hex digits or base64'),
};

function parse<T>(env: NodeJS.ProcessEnv, name: keyof typeof schemas, fallback: T) {
  return parseWith(env, name, schemas[name], fallback);
}

function parseWith<T>(env: NodeJS.ProcessEnv, name: string, schema: z.ZodTypeAny, fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const result = schema.safeParse(raw);
  if (!result.success) throw new ConfigError(name, result.error.issues[0].message);
  return result.data as T;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** HUB_JWKS_URL: https://, or http:// to this machine (a local identity provider) outside production. */
function jwksUrlSchema(production: boolean) {
  return z
    .string()
    .url("must be the URL of the identity provider's JSON Web Key Set, e.g. https://idp.example.gov.cn/realms/hub/protocol/openid-connect/certs")
    .superRefine((raw, ctx) => {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        return; // reported by .url()
      }
      if (url.protocol === 'https:') return;
      if (url.protocol === 'http:' && production) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must use https:// when NODE_ENV=production' });
      } else if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must use https:// (http:// only for localhost, outside production)' });
      } else if (url.protocol !== 'http:') {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be an https:// URL' });
      }
    });
}

export function parseDatabaseUrl(raw: string | undefined): DatabaseUrl {
  if (raw === undefined || raw === '') return { kind: 'sqlite', path: DEFAULT_SQLITE_PATH };
  if (raw.startsWith('sqlite:')) {
    const path = raw.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new ConfigError('HUB_DATABASE_URL', 'sqlite: needs a file path, e.g. sqlite:data/hub.sqlite');
    return { kind: 'sqlite', path };
  }
  if (raw.startsWith('mysql://')) {
    // Several hosts (a Galera cluster) are comma-separated: mysql://user:pass@h1:3306,h2:3306,h3:3306/hub
    if (hasSeveralHosts(raw)) {
      try {
        parseMysqlHosts(raw);
      } catch (error) {
        throw new ConfigError('HUB_DATABASE_URL', `${(error as Error).message} (several hosts: mysql://user:pass@host1:port,host2:port,host3:port/database)`);
      }
      return { kind: 'mysql', url: raw };
    }
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new ConfigError('HUB_DATABASE_URL', 'is not a valid mysql:// URL');
    }
    if (!url.hostname || url.pathname.length < 2) {
      throw new ConfigError('HUB_DATABASE_URL', 'mysql:// URL needs a host and a database name');
    }
    return { kind: 'mysql', url: raw };
  }
  throw new ConfigError('HUB_DATABASE_URL', 'must start with sqlite: or mysql://');
}

/** Reads and validates every setting; throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const production = env.NODE_ENV === 'production';
  const jwtSecret = parse<string | null>(env, 'HUB_JWT_SECRET', null);
  const jwksUrl = parseWith<string | null>(env, 'HUB_JWKS_URL', jwksUrlSchema(production), null);
  const jwtIssuer = parse<string | null>(env, 'HUB_JWT_ISSUER', null);
  const jwtAudience = parse<string | null>(env, 'HUB_JWT_AUDIENCE', null);
  // Issuer and audience are checked on identity-provider tokens only: alone they would check nothing.
  for (const [name, value] of [['HUB_JWT_ISSUER', jwtIssuer], ['HUB_JWT_AUDIENCE', jwtAudience]] as const) {
    if (value !== null && !jwksUrl) throw new ConfigError(name, 'applies to identity-provider tokens only: set HUB_JWKS_URL too, or unset it');
  }
  const dataKey = parse<string | null>(env, 'HUB_DATA_KEY', null);
  if (production && !jwtSecret && !jwksUrl) {
    throw new ConfigError('HUB_JWT_SECRET', 'is required when NODE_ENV=production, unless tokens come from an identity provider (HUB_JWKS_URL)');
  }
  if (production && !dataKey) throw new ConfigError('HUB_DATA_KEY', 'is required when NODE_ENV=production');

  let clockStart: Date | null = null;
  if (env.HUB_CLOCK_START) {
    if (production) throw new ConfigError('HUB_CLOCK_START', 'is refused when NODE_ENV=production');
    if (!RFC3339.test(env.HUB_CLOCK_START) || Number.isNaN(Date.parse(env.HUB_CLOCK_START))) {
      throw new ConfigError('HUB_CLOCK_START', 'must be an RFC 3339 instant, e.g. 2026-09-24T09:30:00+08:00');
    }
    clockStart = new Date(env.HUB_CLOCK_START);
  }
  const database = parseDatabaseUrl(env.HUB_DATABASE_URL);
  // One process per core on a server database; one on SQLite, whose writes take turns on one file
  // anyway (more may be asked for on a file, never on an in-memory database).
  const workers = parse(env, 'HUB_WORKERS', database.kind === 'mysql' ? availableParallelism() : 1);
  if (workers > 1 && database.kind === 'sqlite' && database.path === ':memory:') {
    throw new ConfigError('HUB_WORKERS', 'must be 1 with an in-memory SQLite database (each process would have its own)');
  }
  const config: HubConfig = {
    production,
    workers,
    periodicJobs: parse(env, 'HUB_PERIODIC_JOBS', true),
    publicNotice: parse(env, 'HUB_PUBLIC_NOTICE', true),
    port: parse(env, 'PORT', 4000),
    database,
    jwtSecret,
    jwksUrl,
    jwtIssuer,
    jwtAudience,
    jwtClockToleranceSeconds: parse(env, 'HUB_JWT_CLOCK_TOLERANCE_SECONDS', 30),
    dataKey,
    slaWorkingDays: parse(env, 'HUB_SLA_WORKING_DAYS', 15),
    slaWarningDays: parse(env, 'HUB_SLA_WARNING_DAYS', 3),
    jobIntervals: {
      slaScanSeconds: parse(env, 'HUB_SLA_SCAN_SECONDS', 60),
      rollupSeconds: parse(env, 'HUB_ROLLUP_SECONDS', 600),
      retentionSeconds: parse(env, 'HUB_RETENTION_SECONDS', 3600),
      statusQuerySeconds: parse(env, 'HUB_STATUS_QUERY_SECONDS', 60),
      importSeconds: parse(env, 'HUB_IMPORT_SECONDS', 30),
      reviewSeconds: parse(env, 'HUB_REVIEW_SECONDS', 3600),
    },
    importMaxBytes: parse(env, 'HUB_IMPORT_MAX_MB', 300) * 1024 * 1024,
    clockStart,
    partnersFile: env.HUB_PARTNERS_FILE ? env.HUB_PARTNERS_FILE : null,
    statusQueryMinutes: parse(env, 'HUB_STATUS_QUERY_MINUTES', 60),
    retentionDays: parse(env, 'HUB_RETENTION_DAYS', 90),
    logLevel: parse(env, 'HUB_LOG_LEVEL', 'info' as LogLevel),
    publicUrl: parseWith(
      env,
      'HUB_PUBLIC_URL',
      z
        .string()
        .url('must be the URL partner systems use to reach this hub, e.g. https://hub.example.gov.cn')
        .refine((u) => /^https?:\/\/[^?#]+$/.test(u), 'must be an http(s):// address without a query or fragment'),
      '',
    ),
  };
  if (!config.publicUrl) config.publicUrl = `http://localhost:${config.port}`;
  if (config.slaWarningDays >= config.slaWorkingDays) {
    throw new ConfigError('HUB_SLA_WARNING_DAYS', 'must be smaller than HUB_SLA_WORKING_DAYS');
  }
  return config;
}
