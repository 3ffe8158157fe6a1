import { Role } from '../../src/access/roles';
import { createTestEnvironment, TestEnvironment, TOWNSHIP } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { SUBMIT } from '../support/operations';

// Some servers create databases latin1 by default: the migrations must still store Chinese.
const describeMysql = process.env.HUB_TEST_DB === 'mysql' ? describeDb : describe.skip;

describeMysql('a MySQL database created latin1', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment({ mysqlCharset: 'latin1 COLLATE latin1_swedish_ci' });
  });
  afterAll(() => env.close());

  it('gets utf8mb4 tables from the migrations and keeps Chinese names and notes', async () => {
    const clerk = await env.token(Role.CLERK, TOWNSHIP);
    const res = await env.gql(clerk, SUBMIT, { input: application({ note: '火警后临时安置 🏠' }) });
    expect(res.data.submitApplication.userErrors).toEqual([]);
    expect(res.data.submitApplication.case.applicant.name).toBe('王秀英');
    const tables = await env.running.services.uow.dataSource.query(
      "SELECT table_name AS name, table_collation AS collation FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name <> 'migrations'",
    );
    // Every table of the migrations: each one the hub maps, and the calendar revision it reads by hand.
    const mapped = env.running.services.uow.dataSource.entityMetadatas.map((e) => e.tableName);
    expect(tables.map((t: any) => t.name).sort()).toEqual([...mapped, 'calendar_revision'].sort());
    expect(tables.every((t: any) => t.collation === 'utf8mb4_unicode_ci')).toBe(true);
    const note = await env.running.services.uow.dataSource.query('SELECT note FROM cases');
    expect(note[0].note).toBe('火警后临时安置 🏠');
  });
});
