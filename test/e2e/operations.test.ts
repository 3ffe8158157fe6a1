import request from 'supertest';
import { Role } from '../../src/access/roles';
import { createTestEnvironment, TestEnvironment } from '../support/environment';
import { describeDb } from '../support/test-database';

describeDb('operations: health, readiness, GraphiQL and introspection', () => {
  describe('in development', () => {
    let env: TestEnvironment;
    beforeAll(async () => {
      env = await createTestEnvironment();
    });
    afterAll(() => env.close());

    it('runs in a server time zone other than China Standard Time', () => {
      // New York is 5 hours behind UTC in January; UTC is 0; China would be -480.
      const offset = new Date('2026-01-15T12:00:00Z').getTimezoneOffset();
      expect(offset).toBe(process.env.HUB_TEST_DB === 'sqlite' ? 300 : 0);
    });

    it('answers /healthz and /readyz', async () => {
      expect((await request(env.server).get('/healthz')).status).toBe(200);
      const ready = await request(env.server).get('/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ status: 'ready' });
    });

    it('answers /readyz 503 while a migration is pending', async () => {
      const dataSource = env.running.services.uow.dataSource;
      await dataSource.undoLastMigration({ transaction: 'each' });
      try {
        const pending = await request(env.server).get('/readyz');
        expect(pending.status).toBe(503);
        expect(pending.body).toEqual({ status: 'migrations pending' });
      } finally {
        await dataSource.runMigrations({ transaction: 'each' });
      }
      expect((await request(env.server).get('/readyz')).status).toBe(200);
    });

    it('serves GraphiQL from its own origin to a browser, and allows introspection', async () => {
      const page = await request(env.server).get('/graphql').set('Accept', 'text/html');
      expect(page.status).toBe(200);
      expect(page.text).toContain('/graphiql/assets/');
      expect(page.text).not.toMatch(/https?:\/\//);
      const res = await env.gql(null, '{ __schema { queryType { name } } }');
      expect(res.data.__schema.queryType.name).toBe('Query');
    });

    it('takes operations by POST only, so no identity number ends up in a URL', async () => {
      const token = await env.token(Role.CLERK, '3707');
      const res = await request(env.server)
        .get('/graphql?query=' + encodeURIComponent('{ cases(filter: { idNumber: "37078319780312001X" }) { totalCount } }'))
        .set('Accept', 'application/json')
        .set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('POST');
      expect(res.body.errors[0]).toMatchObject({ message: '请使用 POST 提交 GraphQL 请求。', extensions: { code: 'METHOD_NOT_ALLOWED' } });
      const accessLog = await env.running.services.uow.dataSource.query("SELECT COUNT(*) AS n FROM access_log WHERE purpose = 'SEARCH_BY_ID_NUMBER'");
      expect(Number(accessLog[0].n)).toBe(0); // refused before anything ran
    });

    it('refuses documents nested too deep or with too many aliases', async () => {
      const token = await env.token(Role.DASHBOARD, '37');
      let deep = 'id';
      for (let i = 0; i < 7; i++) deep = `referrals { case { ${deep} } }`;
      const res = await env.gql(token, `{ cases(first: 1) { edges { node { ${deep} } } } }`, {}, { lang: 'en' });
      expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors?.[0].message).toMatch(/levels deep/);
      const zh = await env.gql(token, `{ cases(first: 1) { edges { node { ${deep} } } } }`);
      expect(zh.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^查询嵌套了\d+层，最多允许12层。$/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
      const aliases = Array.from({ length: 51 }, (_, i) => `a${i}: addWorkingDays(from: "2026-03-02", days: ${i})`).join(' ');
      const many = await env.gql(token, `{ ${aliases} }`, {}, { lang: 'en' });
      expect(many.errors?.[0].message).toMatch(/51 aliases/);
      expect((await env.gql(token, `{ ${aliases} }`)).errors?.[0].message).toBe('查询使用了51个别名，最多允许50个。');
      const fine = await env.gql(token, `{ cases(first: 1) { edges { node { referrals { case { timeline { referral { id } } } } } } } }`);
      expect(fine.errors).toBeUndefined();
    });

    it('answers a body that is not JSON, or too large, with a JSON error and no stack trace', async () => {
      const broken = await request(env.server).post('/graphql').set('Content-Type', 'application/json').set('Accept-Language', 'en').send('{"query": ');
      expect(broken.status).toBe(400);
      expect(broken.body).toEqual({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
      const brokenZh = await request(env.server).post('/graphql').set('Content-Type', 'application/json').send('{"query": ');
      expect(brokenZh.body.errors[0].message).toBe('请求内容不是有效的 JSON。');
      const huge = await request(env.server)
        .post('/graphql')
        .set('Content-Type', 'application/json')
        .set('Accept-Language', 'en-US')
        .send(JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(1_100_000) } }));
      expect(huge.status).toBe(413);
      expect(huge.body.errors[0].message).toMatch(/larger than 1 MB/);
      expect(broken.text + huge.text).not.toMatch(/node_modules|at JSON\.parse/);
    });

    it('hides internal errors and never sends a stack trace', async () => {
      const token = await env.token(Role.CLERK, '370783104');
      const res = await env.gql(token, '{ nope }');
      expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(JSON.stringify(res.errors)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
    });
  });

  describe('with NODE_ENV=production', () => {
    let env: TestEnvironment;
    beforeAll(async () => {
      env = await createTestEnvironment({ env: { NODE_ENV: 'production' } });
    });
    afterAll(() => env.close());

    it('turns GraphiQL and introspection off', async () => {
      const page = await request(env.server).get('/graphql').set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
      expect(page.text ?? '').not.toContain('graphiql');
      // A browser gets a plain page saying so, not Apollo's CSRF refusal.
      expect(page.status).toBe(404);
      expect(page.type).toBe('text/html');
      expect(page.text).toContain('GraphiQL 在生产环境中已关闭');
      expect(page.text).not.toMatch(/csrf/i);
      const assets = await request(env.server).get('/graphiql/assets/graphiql.min.js');
      expect(assets.status).toBe(404);
      const res = await env.gql(null, '{ __schema { queryType { name } } }');
      expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors?.[0].message).toMatch(/introspection/i);
    });
  });
});
