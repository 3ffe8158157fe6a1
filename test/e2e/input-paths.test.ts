import { Role } from '../../src/access/roles';
import { createTestEnvironment, TestEnvironment } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { freshIdNumber } from '../support/people';
import { SUBMIT } from '../support/operations';

// GraphQL's own input checks (a required field missing, an unknown enum value, a wrong type in the
// variables) answer BAD_USER_INPUT with the input path in extensions.field, as the hub's own do;
// names are checked as people really have them.

describeDb('input paths and names', () => {
  let env: TestEnvironment;
  let clerk: string;

  beforeAll(async () => {
    env = await createTestEnvironment();
    clerk = await env.token(Role.CLERK, '370783');
  });
  afterAll(() => env.close());

  const submit = (input: Record<string, unknown>, lang?: string) => env.gql(clerk, SUBMIT, { input }, { lang });

  it('names the missing required field', async () => {
    const { townshipCode: _t, ...input } = application();
    const res = await submit(input);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'townshipCode'] });
    expect(res.errors?.[0].message).toMatch(/^输入有误（input\.townshipCode）/);
    const nested = application();
    delete (nested.applicant as Record<string, unknown>).name;
    const deep = await submit(nested, 'en');
    expect(deep.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'applicant', 'name'] });
    expect(deep.errors?.[0].message).toMatch(/^Variable "\$input"/);
  });

  it('names the field holding an unknown enum value or a value of the wrong type', async () => {
    const input = application();
    (input.household as Array<Record<string, unknown>>)[1].relation = 'COUSIN';
    const res = await submit(input);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'household', '1', 'relation'] });
    const wrongType = await submit(application({ applicantMonthlyIncomeFen: '600' }));
    expect(wrongType.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'applicantMonthlyIncomeFen'] });
    const missingVariable = await env.gql(clerk, SUBMIT, {});
    expect(missingVariable.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input'] });
  });

  it('refuses a date that does not exist on its field, in the reader\'s language', async () => {
    const FIND = 'query ($filter: CaseFilter) { cases(filter: $filter) { totalCount } }';
    const res = await env.gql(clerk, FIND, { filter: { acceptedFrom: '2026-02-30' } });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['filter', 'acceptedFrom'] });
    expect(res.errors?.[0].message).toBe('输入有误（filter.acceptedFrom）：日期格式不正确，应为真实存在的日期，写作 YYYY-MM-DD，例如 2026-09-24。');
    const en = await env.gql(clerk, FIND, { filter: { acceptedFrom: '30/02/2026' } }, { lang: 'en' });
    expect(en.errors?.[0].message).toBe('Invalid value at filter.acceptedFrom: Date must be a real calendar date as YYYY-MM-DD');
    const literal = await env.gql(clerk, '{ cases(filter: { acceptedTo: "2026-13-01" }) { totalCount } }');
    expect(literal.errors?.[0].message).toContain('日期格式不正确');
  });

  it('accepts 生僻字 from the extension planes and the middle dot of minority names, counted in characters', async () => {
    const res = await submit(
      application({
        applicant: { name: '买买提·艾力', idNumber: freshIdNumber('19700101') },
        household: [
          { person: { name: '吉𠮷', idNumber: freshIdNumber('19720101') }, relation: 'SPOUSE' },
          { person: { name: '𡒄'.repeat(50), idNumber: freshIdNumber('20100101') }, relation: 'CHILD', schoolStage: 'PRIMARY' },
          { person: { name: '阿沛・阿旺晋美', idNumber: freshIdNumber('19400101') }, relation: 'PARENT' },
        ],
      }),
    );
    expect(res.data.submitApplication.userErrors).toEqual([]);
    const names = res.data.submitApplication.case.household.map((m: any) => m.person.name);
    // The look-alike dot typed by a Japanese IME is stored as the dot of the identity card.
    expect(names).toEqual(['买买提·艾力', '吉𠮷', '𡒄'.repeat(50), '阿沛·阿旺晋美']);
  });

  it('refuses emoji, control characters and symbols in names, on the field, writing nothing', async () => {
    const before = await env.rowCounts();
    const res = await submit(
      application({
        applicant: { name: '王秀英😀', idNumber: freshIdNumber('19700101') },
        household: [
          { person: { name: '李\u200b强', idNumber: freshIdNumber('19720101') }, relation: 'SPOUSE' },
          { person: { name: '☆小明', idNumber: freshIdNumber('20100101') }, relation: 'CHILD' },
          { person: { name: '𡒄'.repeat(51), idNumber: freshIdNumber('20110101') }, relation: 'CHILD' },
        ],
      }),
    );
    const errors = res.data.submitApplication.userErrors;
    expect(errors.map((e: any) => [e.code, e.field.join('.')])).toEqual([
      ['INVALID_NAME', 'input.applicant.name'],
      ['INVALID_NAME', 'input.household.0.person.name'],
      ['INVALID_NAME', 'input.household.1.person.name'],
      ['INVALID_NAME', 'input.household.2.person.name'],
    ]);
    expect(errors[0].message).toContain('第4个字');
    expect(errors[3].message).toContain('50');
    expect(await env.rowCounts()).toEqual(before);
  });
});
