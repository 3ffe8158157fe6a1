import { Department, Role, type Caller } from './roles';

// Who may read and write the low-income register (低收入人口库), as pure rules with no GraphQL in
// them: the console's menu applies the same ones (console/src/access.ts). The assertions that
// answer FORBIDDEN are in department-view.ts. The register is civil affairs' own: among departments
// only civil affairs reads and writes it; clerks, dashboards and administrators read it in their region.

/** Whether the caller may read the register at all (its region is checked apart). */
export function readsRegister(caller: Pick<Caller, 'role' | 'department'>): boolean {
  return caller.role !== Role.DEPARTMENT || caller.department === Department.CIVIL_AFFAIRS;
}

/** Writing the register (imports, their approval): civil affairs and administrators. */
export function writesRegister(caller: Pick<Caller, 'role' | 'department'>): boolean {
  return caller.role === Role.ADMIN || (caller.role === Role.DEPARTMENT && caller.department === Department.CIVIL_AFFAIRS);
}

/** Recording a periodic review's outcome: the township's clerks, civil affairs and administrators (each in its region). */
export function recordsReviews(caller: Pick<Caller, 'role' | 'department'>): boolean {
  return caller.role === Role.CLERK || writesRegister(caller);
}
