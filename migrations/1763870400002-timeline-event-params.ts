import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

// Timeline events carry structured data (`params`, JSON) and are rendered in the reader's language
// at read time. Events written before carried an English note only: this migration reads the data
// back out of those notes (their formats were fixed), so old events render in Chinese and English
// too. The old note is kept (so `down` loses nothing); one it cannot read is shown as written. Self-contained on purpose: a
// landed migration must not change when the code it once used does.

const PAGE = 500;
const list = (text: string) => text.split('、').map((s) => s.trim()).filter(Boolean);

/** The structured data an old note held, or null when it does not match its kind's format. */
export function legacyParams(type: string, note: string | null): Record<string, unknown> | null {
  const n = note ?? '';
  let m: RegExpExecArray | null;
  switch (type) {
    case 'CASE_ACCEPTED': {
      m = /^(\w+) acceptance via (\w+)(?:; missing: (.*?))?(?:; emergency advance paid: (\d+) fen)?$/.exec(n);
      if (!m) return null;
      const p: Record<string, unknown> = { mode: m[1], channel: m[2] };
      if (m[3] !== undefined) p.missing = list(m[3]);
      if (m[4] !== undefined) p.advanceFen = Number(m[4]);
      return p;
    }
    case 'REFERRAL_CREATED':
      m = /^(\w+) → (\w+)$/.exec(n);
      return m ? { category: m[1], department: m[2] } : null;
    case 'REFERRAL_DELIVERED':
      m = /^claimed until (\S+)$/.exec(n);
      return m ? { leaseUntil: new Date(m[1]).toISOString() } : null;
    case 'REFERRAL_ACKNOWLEDGED':
      if (note === null) return {};
      m = /^externalRef (.+)$/s.exec(n);
      return m ? { externalRef: m[1] } : null;
    case 'SUPPLEMENT_REQUESTED':
      m = /^(.*?)(?: — (.*))?$/s.exec(n);
      return m ? { materials: list(m[1]), note: m[2] ?? null } : null;
    case 'SUPPLEMENT_PROVIDED':
      m = /^(.*?); (?:clock resumed|still outstanding: (.*))$/s.exec(n);
      return m ? { materials: list(m[1]), left: m[2] === undefined ? [] : list(m[2]) } : null;
    case 'MATERIALS_PROVIDED':
      return { materials: list(n) };
    case 'REFERRAL_RESOLVED': {
      m = /^(APPROVED|REJECTED)(?:; (\d+) fen)?(?:; (.*))?$/s.exec(n);
      return m ? { decision: m[1], amountFen: m[2] === undefined ? null : Number(m[2]), note: m[3] ?? null } : null;
    }
    case 'REFERRAL_CANCELLED':
      m = /^case withdrawn; (\w+) informed$/.exec(n);
      return m ? { department: m[1] } : null;
    case 'SLA_AT_RISK':
    case 'SLA_OVERDUE':
      m = /^referral due (\S+)$/.exec(n);
      return m ? { dueDate: m[1] } : n === 'case' ? {} : null;
    case 'CASE_WITHDRAWN':
      return { reason: n };
    case 'REFERRAL_LEASE_EXPIRED':
    case 'CASE_CLOSED':
      return {};
    default:
      return null;
  }
}

export class TimelineEventParams1763870400002 implements MigrationInterface {
  name = 'TimelineEventParams1763870400002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('timeline_events', new TableColumn({ name: 'params', type: 'text', isNullable: true }));
    let afterId = '';
    for (;;) {
      const rows: Array<{ id: string; type: string; note: string | null }> = await queryRunner.query(
        'SELECT id, type, note FROM timeline_events WHERE id > ? ORDER BY id LIMIT ' + PAGE,
        [afterId],
      );
      if (rows.length === 0) break;
      afterId = rows[rows.length - 1].id;
      for (const row of rows) {
        const params = legacyParams(row.type, row.note);
        if (params === null) continue;
        await queryRunner.query('UPDATE timeline_events SET params = ? WHERE id = ?', [JSON.stringify(params), row.id]);
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('timeline_events', 'params');
  }
}
