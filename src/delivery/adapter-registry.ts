import { Department } from '../access/roles';
import { DepartmentAdapter } from './department-adapter';

export type DeliveryMode = 'PUSH' | 'PULL';

/**
 * The department adapters of one hub process, keyed by department, registered at start-up. A
 * department with no adapter is PULL (its system claims referrals); one with an adapter is PUSH.
 */
export class AdapterRegistry {
  private readonly adapters = new Map<Department, DepartmentAdapter>();

  constructor(adapters: Iterable<DepartmentAdapter> = []) {
    for (const adapter of adapters) this.register(adapter);
  }

  register(adapter: DepartmentAdapter): void {
    if (this.adapters.has(adapter.department)) throw new Error(`a second adapter for ${adapter.department}`);
    this.adapters.set(adapter.department, adapter);
  }

  /** The department's adapter, or null when the department pulls. */
  adapterFor(department: Department): DepartmentAdapter | null {
    return this.adapters.get(department) ?? null;
  }

  modeOf(department: Department): DeliveryMode {
    return this.adapters.has(department) ? 'PUSH' : 'PULL';
  }

  /** Every department with its mode, in the order of the Department enum. */
  modes(): Array<{ department: Department; mode: DeliveryMode }> {
    return Object.values(Department).map((department) => ({ department, mode: this.modeOf(department) }));
  }
}
