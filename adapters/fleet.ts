import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { sm2 } from 'sm-crypto';
import { Department } from '../src/access/roles';
import type { Simulator, SimulatorOptions } from './shared/simulator-kit';
import { startMedicalSimulator } from './medical/simulator';
import { startEducationSimulator } from './education/simulator';
import { startHousingSimulator } from './housing/simulator';
import { startEmploymentSimulator } from './employment/simulator';
import { startJudicialSimulator } from './judicial/simulator';
import { startCharitySimulator } from './charity/simulator';

// The six partner systems simulated together, with fresh credentials on both sides: what the
// end-to-end tests, `npm run demo` and the delivery benchmark run the hub against. It hands back a
// partner file (credentials as environment variable NAMES) and the environment holding them.

export const PUSH_DEPARTMENTS = [Department.MEDICAL, Department.EDUCATION, Department.HOUSING, Department.EMPLOYMENT, Department.JUDICIAL, Department.CHARITY] as const;
export type PushDepartment = (typeof PUSH_DEPARTMENTS)[number];

export interface PartnerFleet {
  simulators: Record<PushDepartment, Simulator>;
  /** The partner file's content (mode PUSH for all six). */
  partnersFile: { partners: Record<string, unknown> };
  /** The environment variables the partner file names, with their values. */
  env: Record<string, string>;
  /** Where the simulators send their callbacks: `<base>/partners/<department>/callback`. */
  setHubUrl(base: string): void;
  close(): Promise<void>;
}

const secret = () => randomBytes(24).toString('base64url');
const ecKeys = () => {
  const k = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privatePem: k.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicPem: k.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
};

/** Starts the six simulators on free ports (or `ports`, in the order of PUSH_DEPARTMENTS). */
export async function startPartnerFleet(hubUrl: string, options: SimulatorOptions & { ports?: number[]; timeoutSeconds?: number } = {}): Promise<PartnerFleet> {
  const callback = (d: string) => `${hubUrl.replace(/\/$/, '')}/partners/${d.toLowerCase()}/callback`;
  const port = (d: PushDepartment) => options.ports?.[PUSH_DEPARTMENTS.indexOf(d)] ?? 0;
  const common = { faults: options.faults, answers: options.answers, host: options.host };
  const env: Record<string, string> = {};
  const cred = (d: string, key: string, value: string) => {
    const name = `HUB_${d}_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
    env[name] = value;
    return [key, name] as const;
  };
  const opts: Record<PushDepartment, { callbackUrl: string } & Record<string, unknown>> = {} as never;

  const medical = { appKey: `hub-${secret().slice(0, 8)}`, appSecret: secret(), callbackSecret: secret() };
  opts.MEDICAL = { ...common, ...medical, callbackUrl: callback('MEDICAL'), port: port(Department.MEDICAL) };
  const education = { username: 'hub', password: secret(), callbackSecret: secret() };
  opts.EDUCATION = { ...common, ...education, callbackUrl: callback('EDUCATION'), port: port(Department.EDUCATION) };
  const housing = { clientId: 'hub', clientSecret: secret(), callbackSecret: secret() };
  opts.HOUSING = { ...common, ...housing, callbackUrl: callback('HOUSING'), port: port(Department.HOUSING) };
  const hubSm2 = sm2.generateKeyPairHex();
  const bureauSm2 = sm2.generateKeyPairHex();
  opts.EMPLOYMENT = { ...common, hubPublicKey: hubSm2.publicKey, bureauPrivateKey: bureauSm2.privateKey, callbackUrl: callback('EMPLOYMENT'), port: port(Department.EMPLOYMENT) };
  const hubEc = ecKeys();
  const bureauEc = ecKeys();
  const judicial = { clientId: 'hub', clientSecret: secret() };
  opts.JUDICIAL = { ...common, ...judicial, hubPublicKey: hubEc.publicPem, bureauPrivateKey: bureauEc.privatePem, hubSenderId: 'hub', callbackUrl: callback('JUDICIAL'), port: port(Department.JUDICIAL) };
  const charity = { signingSecret: secret(), callbackSecret: secret() };
  opts.CHARITY = { ...common, ...charity, callbackUrl: callback('CHARITY'), port: port(Department.CHARITY) };

  const education$ = await startEducationSimulator(opts.EDUCATION as never);
  const simulators: Record<PushDepartment, Simulator> = {
    MEDICAL: await startMedicalSimulator(opts.MEDICAL as never),
    EDUCATION: education$,
    HOUSING: await startHousingSimulator(opts.HOUSING as never),
    EMPLOYMENT: await startEmploymentSimulator(opts.EMPLOYMENT as never),
    JUDICIAL: await startJudicialSimulator(opts.JUDICIAL as never),
    CHARITY: await startCharitySimulator(opts.CHARITY as never),
  };
  const entry = (d: PushDepartment, protocol: string, endpoint: string, credentials: Array<readonly [string, string]>) => ({
    mode: 'PUSH',
    protocol,
    endpoint,
    credentials: Object.fromEntries(credentials),
    ...(options.timeoutSeconds ? { timeoutSeconds: options.timeoutSeconds } : {}),
  });
  const partners = {
    MEDICAL: entry(Department.MEDICAL, 'medical-gateway', simulators.MEDICAL.url, [
      cred('MEDICAL', 'appKey', medical.appKey),
      cred('MEDICAL', 'appSecret', medical.appSecret),
      cred('MEDICAL', 'callbackSecret', medical.callbackSecret),
    ]),
    EDUCATION: entry(Department.EDUCATION, 'soap', (education$ as Simulator & { endpoint: string }).endpoint, [
      cred('EDUCATION', 'username', education.username),
      cred('EDUCATION', 'password', education.password),
      cred('EDUCATION', 'callbackSecret', education.callbackSecret),
    ]),
    HOUSING: entry(Department.HOUSING, 'oauth2-json', simulators.HOUSING.url, [
      cred('HOUSING', 'clientId', housing.clientId),
      cred('HOUSING', 'clientSecret', housing.clientSecret),
      cred('HOUSING', 'callbackSecret', housing.callbackSecret),
    ]),
    EMPLOYMENT: entry(Department.EMPLOYMENT, 'sm2-json', simulators.EMPLOYMENT.url, [
      cred('EMPLOYMENT', 'hubPrivateKey', hubSm2.privateKey),
      cred('EMPLOYMENT', 'partnerPublicKey', bureauSm2.publicKey),
    ]),
    JUDICIAL: entry(Department.JUDICIAL, 'g2p-connect', simulators.JUDICIAL.url, [
      cred('JUDICIAL', 'hubPrivateKey', hubEc.privatePem),
      cred('JUDICIAL', 'partnerPublicKey', bureauEc.publicPem),
      cred('JUDICIAL', 'senderId', 'hub'),
      cred('JUDICIAL', 'clientId', judicial.clientId),
      cred('JUDICIAL', 'clientSecret', judicial.clientSecret),
    ]),
    CHARITY: entry(Department.CHARITY, 'webhook', simulators.CHARITY.url, [
      cred('CHARITY', 'signingSecret', charity.signingSecret),
      cred('CHARITY', 'callbackSecret', charity.callbackSecret),
    ]),
  };
  return {
    simulators,
    partnersFile: { partners },
    env,
    setHubUrl(base: string) {
      for (const d of PUSH_DEPARTMENTS) opts[d].callbackUrl = callback(d).replace(hubUrl.replace(/\/$/, ''), base.replace(/\/$/, ''));
    },
    async close() {
      await Promise.all(Object.values(simulators).map((s) => s.close()));
    },
  };
}
