export enum Role {
  CLERK = 'CLERK',
  DEPARTMENT = 'DEPARTMENT',
  DASHBOARD = 'DASHBOARD',
  ADMIN = 'ADMIN',
}

export enum Department {
  CIVIL_AFFAIRS = 'CIVIL_AFFAIRS',
  MEDICAL = 'MEDICAL',
  EDUCATION = 'EDUCATION',
  HOUSING = 'HOUSING',
  EMPLOYMENT = 'EMPLOYMENT',
  JUDICIAL = 'JUDICIAL',
  CHARITY = 'CHARITY',
}

/** The verified caller of one request. */
export interface Caller {
  sub: string;
  role: Role;
  /** Administrative-division code prefix of the caller's jurisdiction ('' for the whole country). */
  region: string;
  department: Department | null;
}

export function seesPhoneNumbers(caller: Caller): boolean {
  return caller.role !== Role.DASHBOARD;
}
