import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DEFAULT_SQLITE_PATH, HubConfig } from '../config';
import { PiiCrypto } from './pii-crypto';

export interface Secrets {
  /** Null when tokens come from an identity provider (HUB_JWKS_URL) and no HS256 secret is set. */
  jwtSecret: string | null;
  dataKey: string;
  /** Variables taken from the development secrets file instead of the environment (for a warning). */
  fromFile: string[];
  path: string | null;
}

interface StoredSecrets {
  jwtSecret?: string;
  dataKey?: string;
}

/** Where development secrets live: beside the SQLite file (or data/ when the hub runs on MySQL). */
export function devSecretsPath(config: HubConfig): string {
  const base = config.database.kind === 'sqlite' && config.database.path !== ':memory:' ? config.database.path : DEFAULT_SQLITE_PATH;
  return join(dirname(base), 'hub-dev-secrets.json');
}

/**
 * Production takes HUB_JWT_SECRET and HUB_DATA_KEY from the environment (loadConfig enforces it).
 * In development a missing one is generated ONCE and kept in a file beside the database, so
 * encrypted identity numbers stay readable across restarts and `npm run token` mints tokens the
 * running hub accepts. Losing that file makes the stored identity numbers unreadable.
 */
export function resolveSecrets(config: HubConfig): Secrets {
  // With an identity provider, an HS256 secret exists only when set: none is ever generated.
  const wantsJwtSecret = !config.jwksUrl;
  if (config.dataKey && (config.jwtSecret || !wantsJwtSecret)) return { jwtSecret: config.jwtSecret, dataKey: config.dataKey, fromFile: [], path: null };
  const path = devSecretsPath(config);
  const stored: StoredSecrets = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as StoredSecrets) : {};
  // Only generated values go to the file; a secret given in the environment is never copied there.
  const missing = { ...stored };
  if (wantsJwtSecret) missing.jwtSecret ??= config.jwtSecret ? undefined : randomBytes(32).toString('base64url');
  missing.dataKey ??= config.dataKey ? undefined : PiiCrypto.generateKey();
  if (missing.jwtSecret !== stored.jwtSecret || missing.dataKey !== stored.dataKey) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(missing, null, 2), { mode: 0o600 });
  }
  return {
    jwtSecret: config.jwtSecret ?? (wantsJwtSecret ? missing.jwtSecret! : null),
    dataKey: config.dataKey ?? missing.dataKey!,
    fromFile: [config.jwtSecret || !wantsJwtSecret ? null : 'HUB_JWT_SECRET', config.dataKey ? null : 'HUB_DATA_KEY'].filter((v): v is string => v !== null),
    path,
  };
}
