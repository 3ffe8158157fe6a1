import { Department } from '../access/roles';
import { DepartmentAdapter } from './department-adapter';
import { allPull, DeliveryMode, PartnerSettings } from './partners-file';

export type { DeliveryMode } from './partners-file';

/** A department's delivery settings and, when it is PUSH, the adapter that reaches its system. */
export interface Partner {
  settings: PartnerSettings;
  adapter: DepartmentAdapter | null;
}

/**
 * The departments of one hub process and how each receives its referrals, built at start-up from
 * the partner file. A department with no adapter is PULL (its system claims referrals).
 */
export class AdapterRegistry {
  private readonly partners = new Map<Department, Partner>();

  /** `settings`: from the partner file (default: every department PULL); `adapters`: one per PUSH department. */
  constructor(adapters: Iterable<DepartmentAdapter> = [], settings: PartnerSettings[] = allPull()) {
    for (const s of settings) this.partners.set(s.department, { settings: s, adapter: null });
    for (const adapter of adapters) this.register(adapter);
  }

  register(adapter: DepartmentAdapter): void {
    const partner = this.partners.get(adapter.department)!;
    if (partner.adapter) throw new Error(`a second adapter for ${adapter.department}`);
    const settings: PartnerSettings = partner.settings.mode === 'PUSH' ? partner.settings : { ...partner.settings, mode: 'PUSH', protocol: adapter.protocol };
    this.partners.set(adapter.department, { settings, adapter });
  }

  /** The department's adapter, or null when the department pulls. */
  adapterFor(department: Department | string): DepartmentAdapter | null {
    return this.partners.get(department as Department)?.adapter ?? null;
  }

  modeOf(department: Department | string): DeliveryMode {
    return this.adapterFor(department) ? 'PUSH' : 'PULL';
  }

  settingsOf(department: Department | string): PartnerSettings {
    return this.partners.get(department as Department)!.settings;
  }

  /** Every department with its settings, in the order of the Department enum. */
  all(): Partner[] {
    return Object.values(Department).map((d) => this.partners.get(d)!);
  }

  pushing(): DepartmentAdapter[] {
    return this.all().flatMap((p) => (p.adapter ? [p.adapter] : []));
  }

  /** Every department with its mode, in the order of the Department enum. */
  modes(): Array<{ department: Department; mode: DeliveryMode }> {
    return this.all().map((p) => ({ department: p.settings.department, mode: this.modeOf(p.settings.department) }));
  }
}
