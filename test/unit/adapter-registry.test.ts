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
    calls,
    deliver: (referral, key, signal) => answer(`deliver ${referral.referralId} ${key}`, signal),
    cancel: (referralId, _reason, signal) => answer(`cancel ${referralId}`, signal),
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
      { referralId: 'r1', caseNo: '3707831042026030200001', category: 'MEDICAL', townshipCode: '370783104', dueDate: '2026-03-23', applicant: { name: '王秀英', idNumber: 'x' } },
      'r1',
      controller.signal,
    );
    controller.abort();
    await adapter.cancel('r1', '撤回', controller.signal);
    expect(medical.calls).toEqual(['deliver r1 r1', 'cancel r1 (aborted)']);
  });

  it('refuses a second adapter for one department', () => {
    const registry = new AdapterRegistry([recordingAdapter(Department.HOUSING)]);
    expect(() => registry.register(recordingAdapter(Department.HOUSING))).toThrow(/second adapter for HOUSING/);
  });
});
