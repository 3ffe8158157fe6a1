import { PiiCrypto } from '../../src/access/pii-crypto';
import { TestEnvironment, TEST_DATA_KEY } from '../support/environment';
import { describeDb } from '../support/test-database';
import { application } from '../support/applications';
import { SUBMIT } from '../support/operations';
import { idNumber } from '../support/people';
import { accessFixture, PHONE, Q } from '../support/access-fixture';

// DESIGN.md "Access": identity numbers masked or whole by role and by read, every whole one in the
// access log; identity and phone numbers encrypted at rest with a blind index for look-up.

describeDb('access: personal data', () => {
  const f = accessFixture();
  const { t, ref, sql, count, wholeNumbers } = f;
  let env: TestEnvironment;
  let main: any;
  let input: any;
  beforeAll(() => {
    ({ env, main, input } = f);
  });

  describe('masking and the access log', () => {
    const accessLog = () => sql('SELECT actor, role, person_id, purpose, at FROM access_log ORDER BY id');
    const personIds = () => [main.applicant.id, ...main.household.slice(1).map((m: any) => m.person.id)].sort();

    it('a DASHBOARD sees masked identity numbers and no phone numbers, and nothing is logged', async () => {
      const before = await count('access_log');
      const res = await env.gql(t.dashboard, Q.people, { id: main.id });
      const masked = wholeNumbers().map((n: string) => `${n.slice(0, 6)}********${n.slice(-4)}`);
      expect(res.data.case.applicant).toEqual({ id: main.applicant.id, idNumber: masked[0], phone: null });
      expect(res.data.case.household.map((m: any) => m.person.idNumber)).toEqual(masked); // SELF first
      expect(res.data.case.household.every((m: any) => m.person.phone === null)).toBe(true);
      const list = await env.gql(t.dashboard, `{ cases(first: 100) { edges { node { applicant { idNumber phone } } } } }`);
      for (const { node } of list.data.cases.edges) {
        expect(node.applicant.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
        expect(node.applicant.phone).toBeNull();
      }
      expect(await count('access_log')).toBe(before);
    });

    it('a CLERK sees whole numbers and the phone; each person read whole is logged once', async () => {
      env.clock.set('2026-03-03T10:00:00+08:00');
      const before = await count('access_log');
      const res = await env.gql(t.clerk, Q.people, { id: main.id });
      expect(res.data.case.applicant).toEqual({ id: main.applicant.id, idNumber: input.applicant.idNumber, phone: PHONE });
      expect(res.data.case.household.map((m: any) => m.person.idNumber)).toEqual(wholeNumbers());
      const rows = (await accessLog()).slice(before);
      expect(rows.map((r: any) => r.person_id).sort()).toEqual(personIds());
      expect(rows.every((r: any) => r.actor === 'clerk-104' && r.role === 'CLERK' && r.purpose === 'READ_ID_NUMBER')).toBe(true);
      expect(rows.every((r: any) => r.at === '2026-03-03T02:00:00.000Z')).toBe(true);
    });

    it('lists mask identity numbers for every role, also under an alias or a fragment, and log nothing; the case opened by id shows them whole', async () => {
      const before = await count('access_log');
      const lists = [
        [t.clerk, `{ cases(first: 100) { edges { node { id applicant { idNumber } household { person { idNumber } } } } } }`, 'cases'],
        [t.clerk, `{ mine: cases(first: 100) { edges { node { id applicant { idNumber } } } } }`, 'mine'],
        [t.clerk, `query { ...Browse } fragment Browse on Query { cases(first: 100) { edges { node { id applicant { idNumber } } } } }`, 'cases'],
        [t.medical, `{ referrals(first: 100) { edges { node { id case { applicant { idNumber } } } } } }`, 'referrals'],
      ] as const;
      for (const [token, query, key] of lists) {
        const res = await env.gql(token, query);
        const numbers: string[] = JSON.stringify(res.data[key]).match(/"idNumber":"[^"]*"/g) ?? [];
        expect(numbers.length).toBeGreaterThan(0);
        for (const n of numbers) expect(n).toMatch(/^"idNumber":"\d{6}\*{8}\d{3}[\dX]"$/);
      }
      expect(await count('access_log')).toBe(before);
      const opened = await env.gql(t.clerk, `{ cases(first: 1) { edges { node { id } } } one: case(id: "${main.id}") { applicant { idNumber } } }`);
      expect(opened.data.one.applicant.idNumber).toBe(input.applicant.idNumber);
      expect(await count('access_log')).toBe(before + 1);
    });

    it('a DEPARTMENT sees whole numbers through its referral, and is logged as itself', async () => {
      const before = await count('access_log');
      const res = await env.gql(t.medical, Q.throughReferral, { id: ref('MEDICAL') });
      expect(res.data.referral.case.applicant).toEqual({ id: main.applicant.id, idNumber: input.applicant.idNumber, phone: PHONE });
      expect(res.data.referral.case.household.map((m: any) => m.person.idNumber)).toEqual(wholeNumbers());
      const rows = (await accessLog()).slice(before);
      expect(rows.map((r: any) => [r.actor, r.role])).toEqual(Array(3).fill(['medical-sys', 'DEPARTMENT']));
      expect(rows.map((r: any) => r.person_id).sort()).toEqual(personIds());
    });

    it('a read that asks for no identity number writes no log row', async () => {
      const before = await count('access_log');
      const res = await env.gql(t.clerk, `query($id: ID!) { case(id: $id) { applicant { id name phone } } }`, { id: main.id });
      expect(res.data.case.applicant).toEqual({ id: main.applicant.id, name: '王秀英', phone: PHONE });
      expect(await count('access_log')).toBe(before);
    });
  });

  describe('at rest', () => {
    async function everyRow(): Promise<string> {
      const tables: any[] = env.db.kind === 'sqlite'
        ? await sql("SELECT name FROM sqlite_master WHERE type = 'table'")
        : await sql('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()');
      expect(tables.map((r) => r.name ?? r.NAME)).toEqual(expect.arrayContaining(['persons', 'cases', 'timeline_events', 'access_log']));
      const dumps = await Promise.all(tables.map(async (r) => JSON.stringify(await sql(`SELECT * FROM ${r.name ?? r.NAME}`))));
      return dumps.join('\n').toUpperCase();
    }

    it('no identity number or phone number submitted appears in any table', async () => {
      // One more applicant whose number ends in X, submitted in lower case.
      let seq = 1;
      while (!idNumber('19650704', seq, '370785').endsWith('X')) seq += 1;
      const withX = idNumber('19650704', seq, '370785');
      const extra = await env.gql(t.clerk, SUBMIT, { input: application({ applicant: { name: '张三', idNumber: withX.toLowerCase(), phone: '15005310000' } }) });
      expect(extra.data.submitApplication.userErrors).toEqual([]);
      const dump = await everyRow();
      const numbers = [withX, ...wholeNumbers()];
      for (const n of numbers) {
        expect(dump).not.toContain(n);
        expect(dump).not.toContain(n.slice(0, 14)); // region + birth date
        expect(dump).not.toContain(n.slice(6, 17)); // birth date + sequence
      }
      for (const phone of [PHONE, '15005310000']) expect(dump).not.toContain(phone);
      // The dump does hold the people: their masked forms are there.
      for (const n of numbers) expect(dump).toContain(`${n.slice(0, 6)}********${n.slice(-4)}`);
      // What is stored instead: sealed values, the blind index and the masked form.
      const [row] = await sql('SELECT id_number_sealed, id_number_index, id_number_masked, phone_sealed FROM persons WHERE id = ?', [main.applicant.id]);
      const crypto = new PiiCrypto(TEST_DATA_KEY);
      expect(crypto.decrypt(row.id_number_sealed)).toBe(input.applicant.idNumber);
      expect(crypto.decrypt(row.phone_sealed)).toBe(PHONE);
      expect(row.id_number_index).toBe(crypto.blindIndex(input.applicant.idNumber));
      expect(row.id_number_masked).toBe(`${input.applicant.idNumber.slice(0, 6)}********${input.applicant.idNumber.slice(-4)}`);
    });

    it('one resident across two applications: a record per application, one blind index, whatever the case of x', async () => {
      let seq = 1;
      while (!idNumber('19591111', seq, '370786').endsWith('X')) seq += 1;
      const n = idNumber('19591111', seq, '370786');
      const first = await env.gql(t.clerk, SUBMIT, { input: application({ applicant: { name: '刘芳', idNumber: n, phone: '13911112222' } }) });
      const second = await env.gql(t.clerk, SUBMIT, {
        input: application({ applicant: { name: '劉芳', idNumber: n.toLowerCase() }, mode: 'EMERGENCY', emergencyAdvanceFen: 100000, hardship: { emergency: true } }),
      });
      const [a, b] = [first, second].map((r) => r.data.submitApplication);
      expect([a.userErrors, b.userErrors]).toEqual([[], []]);
      expect(b.case.id).not.toBe(a.case.id);
      // Each application keeps the person as it declared them: the second changes nothing of the first.
      expect(b.case.applicant.id).not.toBe(a.case.applicant.id);
      const index = new PiiCrypto(TEST_DATA_KEY).blindIndex(n);
      const rows = await sql('SELECT p.id, p.name, p.id_number_index FROM cases c JOIN persons p ON p.id = c.applicant_id WHERE c.id IN (?, ?) ORDER BY p.id', [a.case.id, b.case.id]);
      expect(rows).toEqual([
        { id: a.case.applicant.id, name: '刘芳', id_number_index: index },
        { id: b.case.applicant.id, name: '劉芳', id_number_index: index },
      ]);
      const phones = await env.gql(t.clerk, `query($id: ID!) { case(id: $id) { applicant { name phone } } }`, { id: b.case.id });
      expect(phones.data.case.applicant).toEqual({ name: '劉芳', phone: null });
    });
  });
});
