import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { sm2 } from 'sm-crypto';
import type { DeliveryOutcome, PartnerProtocol } from '../src/delivery/department-adapter';
import { Department } from '../src/access/roles';
import { testReferral } from './conformance';
import { PROTOCOLS } from './index';
import { faultEnvelope } from './education/soap';
import { signedAnswer } from './employment/index';
import { signerOf } from './employment/signing';
import { sealAck } from './judicial/index';
import { signDetached } from './shared/detached-jws';
import { canonicalJson } from './shared/signing';

// Each adapter README's table of outcomes, checked against the code that decides them: every row
// (an HTTP status and the partner's code) is answered, as the partner would write it, by a stub
// of the partner's system; the hub's own adapter reads it, and its outcome must be the row's
// (retried or not, and the reason). Operators read these tables during incidents: a row that says
// what the code does not do fails here.
//
// The table: | HTTP | answer | retried | hub reason |. HTTP is a status or a list ("408, 425, 429,
// 5xx"; 5xx is tried as 500 and 503); answer is the partner's code(s) in backticks, or — for none;
// retried is yes or no; the reason may name <status> or <code>, filled in per row.

interface Row {
  status: number;
  code: string | null;
  retried: boolean;
  reason: string;
  line: string;
}

function rowsOf(readme: string): Row[] {
  const lines = readme.split('\n');
  const start = lines.findIndex((l) => /^\|\s*HTTP\s*\|\s*answer\s*\|\s*retried\s*\|\s*hub reason\s*\|\s*$/.test(l));
  if (start < 0) return [];
  const rows: Row[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const [httpCell, answerCell, retriedCell, reasonCell] = line.split('|').slice(1, 5).map((c) => c.trim());
    const statuses = httpCell.split(',').flatMap((s) => (s.trim() === '5xx' ? [500, 503] : [Number(s.trim())]));
    const codes = answerCell.startsWith('—') ? [null] : [...answerCell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    const reason = /`([^`]+)`/.exec(reasonCell)?.[1] ?? '';
    for (const status of statuses) {
      for (const code of codes) {
        rows.push({ status, code, retried: retriedCell === 'yes', reason: reason.replace('<status>', String(status)).replace('<code>', code ?? ''), line });
      }
    }
  }
  return rows;
}

type Answer = { status: number; contentType: string; body: string };
const jsonAnswer = (status: number, body: unknown): Answer => ({ status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) });

/** How each protocol's partner writes a row's answer, and the credentials that make the adapter trust the stub. */
interface Partner {
  credentials: Record<string, string>;
  answer(row: Row, path: string): Answer;
}

const bureauSm2 = sm2.generateKeyPairHex();
const hubSm2 = sm2.generateKeyPairHex();
const ec = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const bureauEc = ec();
const strangerEc = ec();
const pem = (k: ReturnType<typeof ec>['privateKey']) => k.export({ type: 'pkcs8', format: 'pem' }).toString();

const PARTNERS: Record<string, Partner> = {
  MEDICAL: {
    credentials: { appKey: 'hub', appSecret: 's', callbackSecret: 'c' },
    answer: (row) => jsonAnswer(row.status, row.code === null ? { unexpected: true } : { code: row.code, message: '…' }),
  },
  EDUCATION: {
    credentials: { username: 'hub', password: 'p', callbackSecret: 'c' },
    answer: (row) =>
      row.code === null
        ? { status: row.status, contentType: 'text/plain', body: 'not a SOAP answer' }
        : { status: row.status, contentType: 'text/xml; charset=utf-8', body: faultEnvelope(row.code, '…') },
  },
  HOUSING: {
    credentials: { clientId: 'hub', clientSecret: 's', callbackSecret: 'c' },
    answer: (row, path) => {
      const tokenRow = row.code?.startsWith('token:') ?? false;
      if (path.endsWith('/oauth/token')) {
        return tokenRow ? jsonAnswer(row.status, { error: row.code!.slice('token:'.length) }) : jsonAnswer(200, { access_token: 't', token_type: 'Bearer', expires_in: 3600 });
      }
      return row.code === null ? jsonAnswer(row.status, { unexpected: true }) : jsonAnswer(row.status, { error: row.code });
    },
  },
  EMPLOYMENT: {
    credentials: { hubPrivateKey: hubSm2.privateKey, partnerPublicKey: bureauSm2.publicKey },
    answer: (row) => (row.code === null ? { status: row.status, contentType: 'text/plain', body: 'busy' } : signedAnswer(signerOf(bureauSm2.privateKey), row.status, row.code, '…')),
  },
  JUDICIAL: {
    credentials: { hubPrivateKey: pem(ec().privateKey), partnerPublicKey: bureauEc.publicKey.export({ type: 'spki', format: 'pem' }).toString(), senderId: 'hub', bearerToken: 't' },
    answer: (row) => {
      if (row.code === null) return { status: row.status, contentType: 'text/plain', body: 'not an envelope' };
      // `<ack>:<code>` is the specification's bare answer (Response.yaml: no header, no signature);
      // `bare-signed-by-another-key:…` carries a signature that does not verify.
      const bareSigned = row.code.startsWith('bare-signed-by-another-key:');
      if (bareSigned || /^(ACK|NACK|ERR)(:|$)/.test(row.code)) {
        const [ackStatus, error] = (bareSigned ? row.code.slice('bare-signed-by-another-key:'.length) : row.code).split(':');
        const message = { ack_status: ackStatus, timestamp: new Date().toISOString(), correlation_id: 'C-1', ...(error ? { error: { code: error, message: '…' } } : {}) };
        const signature = bareSigned ? signDetached(canonicalJson({ message }), createPrivateKey(pem(strangerEc.privateKey))) : undefined;
        return { status: row.status, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ ...(signature ? { signature } : {}), message }) };
      }
      // `ACK`, `NACK:<G2P code>`, `ERR:<G2P code>`; `signed-by-another-key:…` is an ACK the bureau did not sign.
      const stranger = row.code.startsWith('signed-by-another-key:');
      const [status, error] = (stranger ? row.code.slice('signed-by-another-key:'.length) : row.code).split(':') as ['ACK' | 'NACK' | 'ERR', string | undefined];
      const key = createPrivateKey(pem(stranger ? strangerEc.privateKey : bureauEc.privateKey));
      const body = sealAck(key, { action: 'on-refer', senderId: 'bureau', receiverId: 'hub' }, { status, correlationId: 'C-1', ...(error ? { error: { code: error, message: '…' } } : {}) });
      return { status: row.status, contentType: 'application/json; charset=utf-8', body };
    },
  },
  CHARITY: {
    credentials: { signingSecret: 's', callbackSecret: 'c' },
    answer: (row) => jsonAnswer(row.status, { error: row.code ?? 'ERROR' }),
  },
};

describe('each adapter README’s table of outcomes is what the adapter does', () => {
  let server: http.Server;
  let url: string;
  let current: { row: Row; partner: Partner } | null = null;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const answer = current!.partner.answer(current!.row, req.url ?? '/');
        res.writeHead(answer.status, { 'Content-Type': answer.contentType }).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each(Object.keys(PARTNERS))('%s: every row of its README', async (department) => {
    const protocol = PROTOCOLS.find((p) => p.department === department) as PartnerProtocol;
    const rows = rowsOf(readFileSync(join(__dirname, department.toLowerCase(), 'README.md'), 'utf8'));
    expect(rows.length).toBeGreaterThanOrEqual(4); // a table that is not found proves nothing
    const partner = PARTNERS[department];
    const wrong: string[] = [];
    for (const row of rows) {
      current = { row, partner };
      // A fresh adapter per row: nothing cached (a token) from the row before.
      const adapter = protocol.create({
        department: department as Department,
        protocol: protocol.name,
        endpoint: new URL(url),
        credentials: partner.credentials,
        timeoutMs: 10_000,
        callbackUrl: 'http://127.0.0.1:1/partners/x/callback',
      });
      const outcome: DeliveryOutcome = await adapter.deliver(testReferral(department as Department), AbortSignal.timeout(10_000));
      const said = { ok: false, retryable: row.retried, reason: row.reason };
      if (JSON.stringify(outcome) !== JSON.stringify(said)) wrong.push(`${row.line}\n    HTTP ${row.status} ${row.code ?? '—'}: the adapter gives ${JSON.stringify(outcome)}`);
    }
    expect(wrong).toEqual([]);
  });
});
