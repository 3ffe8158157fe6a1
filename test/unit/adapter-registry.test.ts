import { Department } from '../../src/access/roles';
import { AdapterRegistry } from '../../src/delivery/adapter-registry';
import { DepartmentAdapter, DeliveryOutcome } from '../../src/delivery/department-adapter';

/** An adapter that records what it was asked, for the registry's sake only. */
function recordingAdapter(department: Department): DepartmentAdapter & { calls: string[] } {
  const calls: string[] = [];
  const answer = async (what: string, signal: AbortSignal): Promise<DeliveryOutcome> => {
    calls.push(`${what}${signal.aborted ? ' (aborted)' : ''}`);
    return { ok: true, externalRef: `${department}-1` };
  };
  return {
    department,
    protocol: 'test',
    calls,
    deliver: (delivery, signal) => answer(`deliver ${delivery.referralId}`, signal),
    cancel: (cancellation, signal) => answer(`cancel ${cancellation.referralId}`, signal),
    disclosedPersons: () => [],
    readCallback: () => ({ accepted: false, reason: 'UNSIGNED', reply: { status: 401, contentType: 'text/plain', body: '' } }),
  };
}

describe('AdapterRegistry', () => {
  it('makes every department PULL when nothing is registered', () => {
    const registry = new AdapterRegistry();
    expect(registry.modes().map((m) => m.mode)).toEqual(Object.values(Department).map(() => 'PULL'));
    expect(registry.adapterFor(Department.MEDICAL)).toBeNull();
  });

  it('makes a department with an adapter PUSH and hands that adapter out', async () => {
    const medical = recordingAdapter(Department.MEDICAL);
    const registry = new AdapterRegistry([medical]);
    expect(registry.modeOf(Department.MEDICAL)).toBe('PUSH');
    expect(registry.modeOf(Department.CIVIL_AFFAIRS)).toBe('PULL');
    const controller = new AbortController();
    const adapter = registry.adapterFor(Department.MEDICAL)!;
    await adapter.deliver(
      {
        referralId: 'r1',
        caseNo: '370783104202603020001',
        department: Department.MEDICAL,
        category: 'MEDICAL',
        townshipCode: '370783104',
        acceptedDate: '2026-03-02',
        dueDate: '2026-03-23',
        householdSize: 1,
        perCapitaMonthlyIncomeFen: 50000,
        household: [],
      },
      controller.signal,
    );
    controller.abort();
    await adapter.cancel({ referralId: 'r1', caseNo: '370783104202603020001', externalRef: null, reason: '撤回' }, controller.signal);
    expect(medical.calls).toEqual(['deliver r1', 'cancel r1 (aborted)']);
    expect(registry.all().find((p) => p.settings.department === Department.MEDICAL)?.settings).toMatchObject({ mode: 'PUSH', protocol: 'test' });
  });

  it('refuses a second adapter for one department', () => {
    const registry = new AdapterRegistry([recordingAdapter(Department.HOUSING)]);
    expect(() => registry.register(recordingAdapter(Department.HOUSING))).toThrow(/second adapter for HOUSING/);
  });
});
