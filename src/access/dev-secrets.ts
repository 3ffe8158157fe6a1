import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DEFAULT_SQLITE_PATH, HubConfig } from '../config';
import { PiiCrypto } from './pii-crypto';

export interface Secrets {
  jwtSecret: string;
  dataKey: string;
  /** Variables taken from the development secrets file instead of the environment (for a warning). */
  generated: string[];
  path?: string;
  /** Variables generated just now (first start). */
  created?: string[];
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
  if (config.jwtSecret && config.dataKey) return { jwtSecret: config.jwtSecret, dataKey: config.dataKey, generated: [] };
  const path = devSecretsPath(config);
  let stored: Partial<Secrets> = {};
  if (existsSync(path)) stored = JSON.parse(readFileSync(path, 'utf8')) as Partial<Secrets>;
  const generated: string[] = [];
  const jwtSecret = config.jwtSecret ?? stored.jwtSecret ?? (generated.push('HUB_JWT_SECRET'), randomBytes(32).toString('base64url'));
  const dataKey = config.dataKey ?? stored.dataKey ?? (generated.push('HUB_DATA_KEY'), PiiCrypto.generateKey());
  if (generated.length > 0) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify({ jwtSecret: stored.jwtSecret ?? jwtSecret, dataKey: stored.dataKey ?? dataKey }, null, 2), { mode: 0o600 });
  }
  const fromFile = [config.jwtSecret ? null : 'HUB_JWT_SECRET', config.dataKey ? null : 'HUB_DATA_KEY'].filter((v): v is string => v !== null);
  return { jwtSecret, dataKey, generated: fromFile, path, created: generated };
}
