import { connectionOf, parsePartners } from '../src/delivery/partners-file';
import { runConformance } from './conformance';
import { PROTOCOLS } from './index';
import { PartnerFleet, PUSH_DEPARTMENTS, startPartnerFleet } from './fleet';

// The conformance kit run against the six simulated partner systems: each passes every check; a
// partner answering garbage fails (the kit would stop a county switching it to PUSH).

describe('the conformance kit', () => {
  let fleet: PartnerFleet;
  beforeAll(async () => {
    fleet = await startPartnerFleet('http://127.0.0.1:1', { timeoutSeconds: 5 });
  });
  afterAll(() => fleet.close());

  const connection = (department: string) => {
    const settings = parsePartners(fleet.partnersFile, PROTOCOLS).find((p) => p.department === department)!;
    return { protocol: PROTOCOLS.find((p) => p.name === settings.protocol)!, connection: connectionOf(settings, fleet.env, 'http://127.0.0.1:1') };
  };

  it.each(PUSH_DEPARTMENTS)('passes every check against the %s simulator', async (department) => {
    const { protocol, connection: c } = connection(department);
    const before = fleet.simulators[department].ledger.entries('DELIVER').length;
    const results = await runConformance(protocol, c);
    expect(results.filter((r) => !r.passed)).toEqual([]);
    expect(results).toHaveLength(6);
    // The repeat was the same delivery; the wrongly signed one was never applied.
    expect(fleet.simulators[department].ledger.entries('DELIVER').length).toBe(before + 1);
    expect(fleet.simulators[department].ledger.entries('CANCEL').length).toBeGreaterThanOrEqual(1);
  });

  it('fails a partner that answers what its protocol does not say', async () => {
    fleet.simulators.MEDICAL.faults.malformed = true;
    try {
      const { protocol, connection: c } = connection('MEDICAL');
      const failed = (await runConformance(protocol, c)).filter((r) => !r.passed).map((r) => r.name);
      expect(failed).toEqual(expect.arrayContaining(['a signed delivery is taken', 'the refusal comes in the protocol’s error shape']));
    } finally {
      fleet.simulators.MEDICAL.faults.malformed = false;
    }
  });
});
