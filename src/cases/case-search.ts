import { SelectQueryBuilder } from 'typeorm';
import { badInput } from '../access/guard';
import { idNumberProblem, idNumberProblemText, normalizeIdNumber } from '../access/identity-number';
import { text } from '../common/text';
import { IsoDate } from '../common/dates';
import { CaseEntity } from './case.entity';
import { CaseFilter } from './case.inputs';
import { PersonEntity } from '../intake/person.entity';
import { describeNameProblem, nameProblem, normalizeName } from '../intake/person-name';

// Finding a resident's case (查找案件): by identity number through the blind index (never a scan
// or a decryption of stored numbers), by receipt-number prefix, or by the applicant's name within
// one township for the resident who forgot the card.

const TOWNSHIP_DIGITS = 9;

export interface CaseSearch {
  /** Normalized identity number searched for (its blind index is looked up). */
  idNumber: string | null;
  caseNoPrefix: string | null;
  applicantName: string | null;
}

/** A searched-for identity number (cases, the register), normalized; BAD_USER_INPUT naming `field` when it is not a valid one. */
export function searchedIdNumber(raw: string, today: IsoDate, field: string[]): string {
  const idNumber = normalizeIdNumber(raw);
  const problem = idNumberProblem(idNumber, today);
  if (problem) throw badInput(idNumberProblemText(problem), field);
  return idNumber;
}

/** Validates the search fields of a filter; BAD_USER_INPUT naming the field. */
export function caseSearchOf(filter: CaseFilter | null | undefined, region: string, today: IsoDate): CaseSearch {
  let idNumber: string | null = null;
  if (filter?.idNumber != null) idNumber = searchedIdNumber(filter.idNumber, today, ['filter', 'idNumber']);
  let caseNoPrefix: string | null = null;
  if (filter?.caseNoPrefix != null) {
    caseNoPrefix = filter.caseNoPrefix.trim();
    if (!/^\d{1,22}$/.test(caseNoPrefix)) {
      throw badInput(text('受理编号前缀应为1–22位数字。', 'caseNoPrefix is 1 to 22 digits of a receipt number.'), ['filter', 'caseNoPrefix']);
    }
  }
  let applicantName: string | null = null;
  if (filter?.applicantName != null) {
    applicantName = normalizeName(filter.applicantName);
    const problem = nameProblem(applicantName);
    if (problem) throw badInput(text(describeNameProblem(problem, 'zh-CN'), describeNameProblem(problem, 'en')), ['filter', 'applicantName']);
    if (region.length < TOWNSHIP_DIGITS) {
      throw badInput(
        text('按姓名查找只能在一个乡镇（街道）内进行：请同时填写9位乡镇代码（regionCode）。', 'A search by name covers one township: give its 9-digit regionCode too.'),
        ['filter', 'applicantName'],
      );
    }
  }
  return { idNumber, caseNoPrefix, applicantName };
}

/**
 * Adds the search to a query on cases `c`. `idNumberIndex` is the blind index of the number: the
 * household rows of the people recorded with it (persons.id_number_index, then
 * household_members.person_id, both indexed) name the cases.
 */
export function whereCaseSearch(qb: SelectQueryBuilder<CaseEntity>, search: CaseSearch, idNumberIndex: string | null): void {
  if (idNumberIndex !== null) {
    qb.andWhere(
      'c.id IN (SELECT hm.case_id FROM household_members hm INNER JOIN persons sp ON sp.id = hm.person_id WHERE sp.id_number_index = :searchIndex)',
      { searchIndex: idNumberIndex },
    );
  }
  if (search.caseNoPrefix !== null) qb.andWhere('c.case_no LIKE :caseNoPrefix', { caseNoPrefix: `${search.caseNoPrefix}%` });
  if (search.applicantName !== null) {
    // Names hold no % or _ (refused by nameProblem), so the prefix needs no escaping.
    qb.innerJoin(PersonEntity, 'ap', 'ap.id = c.applicant_id AND ap.name LIKE :applicantName', { applicantName: `${search.applicantName}%` });
  }
}
