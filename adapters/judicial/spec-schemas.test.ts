import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { Department } from '../../src/access/roles';
import type { CallbackReading, PartnerConnection } from '../../src/delivery/department-adapter';
import { es256PrivateKey } from '../shared/detached-jws';
import { ACTION, JudicialAdapter, newCallbackHeader, sealCallback } from './index';
import { toOnReferMessage } from './mapping';

// Every answer the hub gives the bureau's callbacks — taken, refused for each reason — validated
// against the specification's own Response schema (adapters/judicial/spec: verbatim copies of
// G2P-Connect/specs src/common/response/Response.yaml and the schemas it refers to), by a small
// validator of the keywords those files use (type, properties, required, enum, maxLength,
// format date-time, $ref to a sibling file).

const SPEC = join(__dirname, 'spec');
type Schema = Record<string, unknown>;
const load = (file: string): Schema => parse(readFileSync(file, 'utf8')) as Schema;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function validate(value: unknown, schema: Schema, file: string, path = '$'): string[] {
  if (typeof schema.$ref === 'string') {
    const target = join(dirname(file), schema.$ref);
    return validate(value, load(target), target, path);
  }
  const problems: string[] = [];
  if (schema.type === 'object') {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: not an object`];
    const o = value as Record<string, unknown>;
    for (const key of (schema.required as string[] | undefined) ?? []) if (!(key in o)) problems.push(`${path}.${key}: required`);
    for (const [key, sub] of Object.entries((schema.properties as Record<string, Schema> | undefined) ?? {})) {
      if (key in o) problems.push(...validate(o[key], sub, file, `${path}.${key}`));
    }
  }
  if (schema.type === 'string') {
    if (typeof value !== 'string') return [`${path}: not a string`];
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) problems.push(`${path}: longer than ${schema.maxLength}`);
    if (schema.format === 'date-time' && !RFC3339.test(value)) problems.push(`${path}: not a date-time`);
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) problems.push(`${path}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
  return problems;
}

const responseFile = join(SPEC, 'response', 'Response.yaml');
const RESPONSE = (load(responseFile).content as Record<string, { schema: Schema }>)['application/json'].schema;

describe('the hub’s answers to the bureau validate against the specification’s Response schema', () => {
  const pair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = (k: ReturnType<typeof pair>['privateKey']) => k.export({ type: 'pkcs8', format: 'pem' }).toString();
  const hub = pair();
  const bureau = pair();
  const connection: PartnerConnection = {
    department: Department.JUDICIAL,
    protocol: 'g2p-connect',
    endpoint: new URL('https://sfj.example.gov.cn/g2p'),
    credentials: { hubPrivateKey: pem(hub.privateKey), partnerPublicKey: bureau.publicKey.export({ type: 'spki', format: 'pem' }).toString(), senderId: 'hub', bearerToken: 't' },
    timeoutMs: 5000,
    callbackUrl: 'https://hub.example.gov.cn/partners/judicial/callback',
  };
  const adapter = new JudicialAdapter(connection);
  const key = es256PrivateKey(pem(bureau.privateKey));
  const answer = toOnReferMessage({ referralId: '01JNQ7Y2D5R8K3M6T9V1W4X7ZM', externalRef: 'SFJ-1', kind: 'ACKNOWLEDGED' });
  const header = (over: Record<string, unknown> = {}) => ({ ...newCallbackHeader({ action: ACTION.onRefer, status: 'rcvd', senderId: 'sfj.example.gov.cn', receiverId: 'hub' }), ...over });
  const read = (body: string): CallbackReading =>
    adapter.readCallback({ method: 'POST', path: '/partners/judicial/callback', headers: { 'content-type': 'application/json' }, rawBody: Buffer.from(body) }, new Date());

  it('checks what it claims to check (a wrong answer fails the validator)', () => {
    expect(validate({ message: { ack_status: 'ERR', timestamp: 'yesterday', correlation_id: null, error: { code: 'rjct.message.invalid' } } }, RESPONSE, responseFile)).toEqual([
      '$.message.timestamp: not a date-time',
      '$.message.error.code: "rjct.message.invalid" is not one of err.request.bad, err.request.unauthorized, err.request.forbidden, err.request.not_found, err.request.timeout, err.version.not_supported, err.request.too_many_requests, err.sender_id.invalid, err.sender_uri.invalid, err.receiver_id.invalid, err.signature.missing, err.signature.invalid, err.encryption.invalid, err.service.unavailable',
      '$.message.correlation_id: not a string',
    ]);
  });

  const bodies: Array<[string, () => string]> = [
    ['taken', () => sealCallback(header(), answer, key)],
    ['header only', () => sealCallback(header({ message_id: 'only-header' }), undefined, key)],
    ['not JSON', () => 'not json'],
    ['unsigned', () => JSON.stringify({ header: header(), message: answer })],
    ['signed by another key', () => sealCallback(header(), answer, es256PrivateKey(pem(pair().privateKey)))],
    ['stale', () => sealCallback(header({ message_ts: new Date(Date.now() - 6 * 60_000).toISOString() }), answer, key)],
    ['another version', () => sealCallback(header({ version: '2.0.0' }), answer, key)],
    ['encrypted', () => sealCallback(header({ is_msg_encrypted: true }), answer, key)],
    ['another sender', () => sealCallback(header({ sender_id: 'x.example' }), answer, key)],
    ['another receiver', () => sealCallback(header({ receiver_id: 'other-hub' }), answer, key)],
    ['an unknown action', () => sealCallback(header({ action: 'on-search' }), answer, key)],
    ['a message it cannot read', () => sealCallback(header(), { ...answer, status: 'done' }, key)],
    ['no status in the header', () => sealCallback(header({ status: undefined }), answer, key)],
  ];

  it.each(bodies)('%s', (_what, body) => {
    const reading = read(body());
    const reply = reading.accepted ? reading.reply('APPLIED') : reading.reply;
    expect(validate(JSON.parse(reply.body), RESPONSE, responseFile)).toEqual([]);
    if (reading.accepted) for (const result of ['DUPLICATE', 'REJECTED'] as const) expect(validate(JSON.parse(reading.reply(result).body), RESPONSE, responseFile)).toEqual([]);
  });
});
