import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../config';
import { Department } from '../access/roles';
import type { PartnerConnection, PartnerProtocol } from './department-adapter';

// The partner file (HUB_PARTNERS_FILE, JSON or YAML): how each department receives its referrals.
// Checked whole at start-up; an error names the department and the key. Credentials are given as
// the NAMES of environment variables, never as the secrets themselves.
//
//   partners:
//     CHARITY:
//       mode: PUSH
//       protocol: webhook
//       endpoint: https://cishan.example.gov.cn/hub
//       credentials: { signingSecret: HUB_CHARITY_SIGNING_SECRET, callbackSecret: HUB_CHARITY_CALLBACK_SECRET }
//       timeoutSeconds: 10
//       retryBudgetHours: 72

export type DeliveryMode = 'PUSH' | 'PULL';

/** One department's delivery settings as the hub runs them. */
export interface PartnerSettings {
  department: Department;
  mode: DeliveryMode;
  /** PUSH only: */
  protocol: string | null;
  endpoint: URL | null;
  /** Credential key → environment variable name (names only: shown to admins, never the values). */
  credentialVariables: Record<string, string>;
  timeoutMs: number;
  retryBudgetHours: number;
}

export const DEFAULT_TIMEOUT_SECONDS = 10;
export const DEFAULT_RETRY_BUDGET_HOURS = 72;

const ENV_NAME = /^[A-Z_][A-Z0-9_]{0,99}$/;

const entrySchema = z
  .object({
    mode: z.enum(['PUSH', 'PULL'], { errorMap: () => ({ message: 'must be PUSH or PULL' }) }),
    protocol: z.string().min(1).optional(),
    endpoint: z.string().optional(),
    credentials: z.record(z.string()).optional(),
    timeoutSeconds: z.number({ invalid_type_error: 'must be a number of seconds' }).min(1, 'must be at least 1').max(300, 'must be at most 300').optional(),
    retryBudgetHours: z.number({ invalid_type_error: 'must be a number of hours' }).min(0.01, 'must be more than 0').max(720, 'must be at most 720').optional(),
  })
  .strict();

const fileSchema = z.object({ partners: z.record(z.unknown()) }).strict();

/** Every department PULL: the hub with no partner file. */
export function allPull(): PartnerSettings[] {
  return Object.values(Department).map((department) => pull(department));
}

function pull(department: Department): PartnerSettings {
  return {
    department,
    mode: 'PULL',
    protocol: null,
    endpoint: null,
    credentialVariables: {},
    timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000,
    retryBudgetHours: DEFAULT_RETRY_BUDGET_HOURS,
  };
}

const fail = (where: string, problem: string): never => {
  throw new ConfigError('HUB_PARTNERS_FILE', where ? `${where}: ${problem}` : problem);
};

/** Reads and checks the partner file; departments it does not name pull. */
export function readPartnersFile(path: string, protocols: readonly PartnerProtocol[], options: { production?: boolean } = {}): PartnerSettings[] {
  return parsePartners(parsePartnersFileText(path), protocols, options);
}

/** The partner file parsed (JSON or YAML by its extension), not yet checked. */
export function parsePartnersFileText(path: string): unknown {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    return fail('', `cannot read ${path}`);
  }
  let parsed: unknown;
  try {
    parsed = extname(path).toLowerCase() === '.json' ? JSON.parse(raw) : YAML.parse(raw);
  } catch (error) {
    return fail('', `${path} is not valid ${extname(path).toLowerCase() === '.json' ? 'JSON' : 'YAML'} (${(error as Error).message.split('\n')[0]})`);
  }
  return parsed;
}

/** Checks a parsed partner file (see the file comment for its shape). */
export function parsePartners(parsed: unknown, protocols: readonly PartnerProtocol[], options: { production?: boolean } = {}): PartnerSettings[] {
  const file = fileSchema.safeParse(parsed);
  if (!file.success) fail(file.error.issues[0].path.join('.'), 'the file holds one key, partners, mapping departments to their settings');
  const entries = (file as { data: z.infer<typeof fileSchema> }).data.partners;
  const settings = new Map(allPull().map((p) => [p.department, p]));
  for (const [name, value] of Object.entries(entries)) {
    if (!(Object.values(Department) as string[]).includes(name)) fail(name, `is not a department (one of ${Object.values(Department).join(', ')})`);
    const department = name as Department;
    const entry = entrySchema.safeParse(value);
    if (!entry.success) {
      const issue = entry.error.issues[0];
      const key = [name, ...issue.path].join('.');
      fail(issue.code === 'unrecognized_keys' ? `${key}.${issue.keys[0]}` : key, issue.code === 'unrecognized_keys' ? 'is not a setting' : issue.message);
    }
    const e = entry.data!;
    const timeoutMs = Math.round((e.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000);
    const retryBudgetHours = e.retryBudgetHours ?? DEFAULT_RETRY_BUDGET_HOURS;
    if (e.mode === 'PULL') {
      settings.set(department, { ...pull(department), timeoutMs, retryBudgetHours });
      continue;
    }
    if (department === Department.CIVIL_AFFAIRS) fail(`${name}.mode`, 'civil affairs is the hub’s own side and pulls (PULL)');
    const protocol = protocols.find((p) => p.department === department);
    const spoken = protocol ? protocol.name : 'none';
    if (!e.protocol) fail(`${name}.protocol`, `is required for PUSH (${department} speaks ${spoken})`);
    if (!protocol || protocol.name !== e.protocol) fail(`${name}.protocol`, `${department} speaks ${spoken}, not ${e.protocol}`);
    if (!e.endpoint) fail(`${name}.endpoint`, 'is required for PUSH');
    let endpoint: URL | null = null;
    try {
      endpoint = new URL(e.endpoint!);
    } catch {
      fail(`${name}.endpoint`, 'is not a URL');
    }
    if (endpoint!.protocol !== 'https:' && endpoint!.protocol !== 'http:') fail(`${name}.endpoint`, 'must be an http:// or https:// URL');
    // Whole identity numbers travel to most partners: never in clear text in production.
    if (options.production && endpoint!.protocol !== 'https:') fail(`${name}.endpoint`, 'must be https:// when NODE_ENV=production');
    if (endpoint!.username || endpoint!.password) fail(`${name}.endpoint`, 'must not hold a user or password: give credentials as environment variable names');
    const credentials = e.credentials ?? {};
    for (const key of protocol!.credentialKeys) {
      if (!(key in credentials)) fail(`${name}.credentials.${key}`, `is required by ${protocol!.name}: the NAME of the environment variable holding it`);
    }
    const allowed = [...protocol!.credentialKeys, ...(protocol!.optionalCredentialKeys ?? [])];
    for (const [key, variable] of Object.entries(credentials)) {
      if (!allowed.includes(key)) fail(`${name}.credentials.${key}`, `is not a credential of ${protocol!.name} (${allowed.join(', ')})`);
      if (!ENV_NAME.test(variable)) fail(`${name}.credentials.${key}`, 'must be the NAME of an environment variable (A–Z, 0–9, _), not the secret itself');
    }
    settings.set(department, { department, mode: 'PUSH', protocol: protocol!.name, endpoint, credentialVariables: credentials, timeoutMs, retryBudgetHours });
  }
  return [...settings.values()];
}

/**
 * The connection of a PUSH department: its credentials read from the environment variables the
 * file names. A variable that is not set is an error naming the department, the key and the
 * variable (never a value).
 */
export function connectionOf(p: PartnerSettings, env: NodeJS.ProcessEnv, publicUrl: string): PartnerConnection {
  const credentials: Record<string, string> = {};
  for (const [key, variable] of Object.entries(p.credentialVariables)) {
    const value = env[variable];
    // The name is printed only when it looks like one (a secret pasted in its place must not be).
    const shown = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(variable) && !/\d{6}/.test(variable) ? variable : '(the name given, not shown: it does not look like a variable name)';
    if (value === undefined || value === '') fail(`${p.department}.credentials.${key}`, `environment variable ${shown} is not set`);
    credentials[key] = value!;
  }
  return {
    department: p.department,
    protocol: p.protocol!,
    endpoint: p.endpoint!,
    credentials,
    timeoutMs: p.timeoutMs,
    callbackUrl: `${publicUrl.replace(/\/$/, '')}/partners/${p.department.toLowerCase()}/callback`,
  };
}
