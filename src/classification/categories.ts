import { Department } from '../access/roles';

/** Assistance categories (分层分类); each maps to exactly one department. */
export enum AssistanceCategory {
  MINIMUM_LIVING = 'MINIMUM_LIVING', // 最低生活保障
  EXTREME_POVERTY = 'EXTREME_POVERTY', // 特困人员救助供养
  TEMPORARY = 'TEMPORARY', // 临时救助(含急难)
  MEDICAL = 'MEDICAL', // 医疗救助
  EDUCATION = 'EDUCATION', // 教育救助
  HOUSING = 'HOUSING', // 住房救助
  EMPLOYMENT = 'EMPLOYMENT', // 就业救助
  LEGAL_AID = 'LEGAL_AID', // 法律援助 / 司法救助
  CHARITY = 'CHARITY', // 慈善帮扶 / 社会力量
}

export const DEPARTMENT_OF: Record<AssistanceCategory, Department> = {
  MINIMUM_LIVING: Department.CIVIL_AFFAIRS,
  EXTREME_POVERTY: Department.CIVIL_AFFAIRS,
  TEMPORARY: Department.CIVIL_AFFAIRS,
  MEDICAL: Department.MEDICAL,
  EDUCATION: Department.EDUCATION,
  HOUSING: Department.HOUSING,
  EMPLOYMENT: Department.EMPLOYMENT,
  LEGAL_AID: Department.JUDICIAL,
  CHARITY: Department.CHARITY,
};

/** The order suggestions and referrals are listed in: the contract's enum order. */
export const CATEGORY_ORDER = Object.values(AssistanceCategory);
