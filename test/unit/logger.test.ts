import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger(stream, 'info') };
}

describe('logs', () => {
  it('are JSON lines', () => {
    const { lines, logger } = capture();
    logger.info({ caseNo: '3707831042026030200001' }, 'case accepted');
    expect(JSON.parse(lines[0])).toMatchObject({ level: 30, msg: 'case accepted', service: 'assistance-hub' });
  });

  it('redact identity numbers, phones and secrets even when a caller passes them by mistake', () => {
    const { lines, logger } = capture();
    logger.warn({ person: { idNumber: '37078319780312001X', phone: '13800138000' }, config: { jwtSecret: 'top-secret-value', dataKey: 'ab'.repeat(32) } }, 'oops');
    const text = lines.join('');
    for (const secret of ['37078319780312001X', '13800138000', 'top-secret-value', 'ab'.repeat(32)]) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });
});
