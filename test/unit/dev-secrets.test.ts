import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { resolveSecrets } from '../../src/access/dev-secrets';

describe('development secrets', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hub-secrets-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates both once beside the SQLite file and reuses them', () => {
    const config = loadConfig({ HUB_DATABASE_URL: `sqlite:${join(dir, 'hub.sqlite')}` });
    const first = resolveSecrets(config);
    expect(first.fromFile).toEqual(['HUB_JWT_SECRET', 'HUB_DATA_KEY']);
    expect(first.dataKey).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(join(dir, 'hub-dev-secrets.json')).mode & 0o777).toBe(0o600);
    const second = resolveSecrets(config);
    expect(second).toEqual(first);
  });

  it('never copies a secret from the environment into the file, and uses the environment first', () => {
    const secret = 'e'.repeat(40);
    const config = loadConfig({ HUB_DATABASE_URL: `sqlite:${join(dir, 'hub.sqlite')}`, HUB_JWT_SECRET: secret });
    const secrets = resolveSecrets(config);
    expect(secrets.jwtSecret).toBe(secret);
    expect(secrets.fromFile).toEqual(['HUB_DATA_KEY']);
    expect(readFileSync(join(dir, 'hub-dev-secrets.json'), 'utf8')).not.toContain(secret);
  });

  it('touches no file when both are configured', () => {
    const config = loadConfig({ HUB_DATABASE_URL: `sqlite:${join(dir, 'hub.sqlite')}`, HUB_JWT_SECRET: 'x'.repeat(32), HUB_DATA_KEY: 'ab'.repeat(32) });
    expect(resolveSecrets(config)).toMatchObject({ fromFile: [], path: null });
    expect(() => statSync(join(dir, 'hub-dev-secrets.json'))).toThrow();
  });
});
