import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../src/config';
import { Department } from '../../src/access/roles';
import { connectionOf, parsePartners, readPartnersFile } from '../../src/delivery/partners-file';
import { charityProtocol } from '../../adapters/charity';
import { judicialProtocol } from '../../adapters/judicial';

const PROTOCOLS = [charityProtocol];
const charity = (over: Record<string, unknown> = {}) => ({
  partners: {
    CHARITY: {
      mode: 'PUSH',
      protocol: 'webhook',
      endpoint: 'https://cishan.example.gov.cn/hub',
      credentials: { signingSecret: 'HUB_CHARITY_SIGNING', callbackSecret: 'HUB_CHARITY_CALLBACK' },
      ...over,
    },
  },
});
const problem = (parsed: unknown) => {
  try {
    parsePartners(parsed, PROTOCOLS);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('no error');
};

describe('the partner file', () => {
  it('makes the departments it does not name PULL, with default timeout and budget', () => {
    const settings = parsePartners(charity(), PROTOCOLS);
    expect(settings).toHaveLength(Object.values(Department).length);
    expect(settings.find((s) => s.department === 'CHARITY')).toMatchObject({ mode: 'PUSH', protocol: 'webhook', timeoutMs: 10_000, retryBudgetHours: 72 });
    expect(settings.filter((s) => s.mode === 'PULL')).toHaveLength(Object.values(Department).length - 1);
  });

  it('names the department and the key of every mistake', () => {
    expect(problem({ partners: { CHARTY: { mode: 'PUSH' } } })).toMatch(/^HUB_PARTNERS_FILE: CHARTY: is not a department/);
    expect(problem(charity({ mode: 'PUT' }))).toBe('HUB_PARTNERS_FILE: CHARITY.mode: must be PUSH or PULL');
    expect(problem(charity({ protocol: 'soap' }))).toBe('HUB_PARTNERS_FILE: CHARITY.protocol: CHARITY speaks webhook, not soap');
    expect(problem(charity({ endpoint: 'not a url' }))).toBe('HUB_PARTNERS_FILE: CHARITY.endpoint: is not a URL');
    expect(problem(charity({ endpoint: 'https://user:pw@x.example/' }))).toMatch(/CHARITY\.endpoint: must not hold a user or password/);
    expect(problem(charity({ credentials: { signingSecret: 'HUB_X' } }))).toMatch(/^HUB_PARTNERS_FILE: CHARITY\.credentials\.callbackSecret: is required by webhook/);
    expect(problem(charity({ credentials: { signingSecret: 's3cr3t-value!', callbackSecret: 'HUB_Y' } }))).toMatch(
      /CHARITY\.credentials\.signingSecret: must be the NAME of an environment variable/,
    );
    expect(problem(charity({ timeoutSeconds: 0 }))).toBe('HUB_PARTNERS_FILE: CHARITY.timeoutSeconds: must be at least 1');
    expect(problem(charity({ colour: 'red' }))).toBe('HUB_PARTNERS_FILE: CHARITY.colour: is not a setting');
    expect(problem({ partners: { CIVIL_AFFAIRS: { mode: 'PUSH' } } })).toMatch(/CIVIL_AFFAIRS\.mode: civil affairs is the hub’s own side/);
    expect(problem({ partners: { MEDICAL: { mode: 'PUSH', protocol: 'webhook' } } })).toMatch(/MEDICAL\.protocol: MEDICAL speaks none, not webhook/);
    expect(() => parsePartners(charity({ endpoint: 'http://cishan.example.gov.cn/hub' }), PROTOCOLS, { production: true })).toThrow(
      'HUB_PARTNERS_FILE: CHARITY.endpoint: must be https:// when NODE_ENV=production',
    );
  });

  it('takes a protocol’s optional credentials and still refuses a key no protocol knows', () => {
    const judicial = (credentials: Record<string, string>) => ({
      partners: { JUDICIAL: { mode: 'PUSH', protocol: 'g2p-connect', endpoint: 'https://sfj.example.gov.cn/g2p', credentials } },
    });
    const required = { hubPrivateKey: 'HUB_J_KEY', partnerPublicKey: 'HUB_J_PARTNER', senderId: 'HUB_J_SENDER' };
    const settings = parsePartners(judicial({ ...required, clientId: 'HUB_J_CLIENT', clientSecret: 'HUB_J_SECRET' }), [judicialProtocol]);
    expect(settings.find((s) => s.department === 'JUDICIAL')?.credentialVariables).toMatchObject({ clientId: 'HUB_J_CLIENT', clientSecret: 'HUB_J_SECRET' });
    expect(() => parsePartners(judicial({ ...required, apiKey: 'HUB_J_API' }), [judicialProtocol])).toThrow(
      'HUB_PARTNERS_FILE: JUDICIAL.credentials.apiKey: is not a credential of g2p-connect (hubPrivateKey, senderId, partnerPublicKey, partnerJwksUrl, bearerToken, clientId, clientSecret)',
    );
  });

  it('reads credentials from the environment variables it names, never from the file', () => {
    const [settings] = parsePartners(charity(), PROTOCOLS).filter((s) => s.mode === 'PUSH');
    expect(() => connectionOf(settings, {}, 'https://hub.example.gov.cn')).toThrow(
      'HUB_PARTNERS_FILE: CHARITY.credentials.signingSecret: environment variable HUB_CHARITY_SIGNING is not set',
    );
    const connection = connectionOf(settings, { HUB_CHARITY_SIGNING: 'a', HUB_CHARITY_CALLBACK: 'b' }, 'https://hub.example.gov.cn/');
    // A secret pasted where the variable's name belongs is not echoed back.
    const [pasted] = parsePartners(charity({ credentials: { signingSecret: 'K8QZ2M4X9TRW7P3N', callbackSecret: 'HUB_CHARITY_CALLBACK' } }), PROTOCOLS).filter((s) => s.mode === 'PUSH');
    expect(() => connectionOf(pasted, {}, 'https://hub.example.gov.cn')).toThrow(/not shown/);
    try {
      connectionOf(pasted, {}, 'https://hub.example.gov.cn');
    } catch (error) {
      expect((error as Error).message).not.toContain('K8QZ2M4X9TRW7P3N');
    }
    expect(connection).toMatchObject({ credentials: { signingSecret: 'a', callbackSecret: 'b' }, callbackUrl: 'https://hub.example.gov.cn/partners/charity/callback' });
  });

  it('reads YAML and JSON files and says which file is broken', () => {
    const dir = mkdtempSync(join(tmpdir(), 'partners-'));
    const yaml = join(dir, 'partners.yaml');
    writeFileSync(yaml, 'partners:\n  CHARITY:\n    mode: PULL\n');
    expect(readPartnersFile(yaml, PROTOCOLS).every((s) => s.mode === 'PULL')).toBe(true);
    const json = join(dir, 'partners.json');
    writeFileSync(json, '{ "partners": ');
    expect(() => readPartnersFile(json, PROTOCOLS)).toThrow(/partners\.json is not valid JSON/);
    expect(() => readPartnersFile(join(dir, 'missing.yaml'), PROTOCOLS)).toThrow(/cannot read/);
  });
});
