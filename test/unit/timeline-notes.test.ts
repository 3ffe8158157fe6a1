import { legacyParams } from '../../migrations/1763870400002-timeline-event-params';
import { timelineNote } from '../../src/timeline/timeline-notes';

// Events written before events carried data held an English note in a fixed format per kind. The
// migration reads the data back out of those notes; read through timelineNote they then render in
// both languages. Each note below is exactly what the earlier hub wrote.
const OLD: Array<[string, string | null, string, string]> = [
  ['CASE_ACCEPTED', 'STANDARD acceptance via WINDOW', '一般受理，受理渠道：窗口', 'standard acceptance via the window'],
  ['CASE_ACCEPTED', 'TOLERANT acceptance via ONLINE; missing: 户口簿、收入证明', '容缺受理，受理渠道：网上；缺少材料：户口簿、收入证明', 'tolerant acceptance (materials to follow) via online; missing: 户口簿, 收入证明'],
  ['CASE_ACCEPTED', 'EMERGENCY acceptance via HOTLINE; emergency advance paid: 50000 fen', '急难救助绿色通道，受理渠道：热线；已先行支付急难救助金500.00元', 'emergency acceptance via the hotline; emergency advance paid: 500.00 yuan'],
  ['REFERRAL_CREATED', 'LEGAL_AID → JUDICIAL', '法律援助 → 司法部门', 'legal aid → justice'],
  ['REFERRAL_DELIVERED', 'claimed until 2026-03-02T09:05:00.000+08:00', '部门系统已领取，须在2026-03-02 09:05前受理', 'claimed until 2026-03-02 09:05 CST'],
  ['REFERRAL_LEASE_EXPIRED', 'lease ran out before acknowledgement', '领取后未在期限内受理，已退回待领取', 'lease ran out before acknowledgement'],
  ['REFERRAL_ACKNOWLEDGED', 'externalRef MZ-2026-0001', '部门已受理，部门业务编号 MZ-2026-0001', 'acknowledged, department reference MZ-2026-0001'],
  ['REFERRAL_ACKNOWLEDGED', null, '部门已受理', 'acknowledged'],
  ['SUPPLEMENT_REQUESTED', '银行流水、户口簿 — 近六个月', '需补充材料：银行流水、户口簿（近六个月）；办理时限暂停计算', 'materials requested: 银行流水, 户口簿 — 近六个月; clock paused'],
  ['SUPPLEMENT_PROVIDED', '银行流水; clock resumed', '已补充：银行流水；恢复计时', 'provided: 银行流水; clock resumed'],
  ['SUPPLEMENT_PROVIDED', '银行流水; still outstanding: 户口簿', '已补充：银行流水；仍缺：户口簿', 'provided: 银行流水; still outstanding: 户口簿'],
  ['MATERIALS_PROVIDED', '户口簿', '已补齐材料：户口簿', 'provided: 户口簿'],
  ['REFERRAL_RESOLVED', 'APPROVED; 83800 fen; 纳入低保', '批准，金额838.00元；纳入低保', 'approved, 838.00 yuan; 纳入低保'],
  ['REFERRAL_RESOLVED', 'REJECTED; 收入超标', '不予批准；收入超标', 'rejected; 收入超标'],
  ['REFERRAL_CANCELLED', 'case withdrawn; MEDICAL informed', '案件已撤回，已告知医保部门', 'case withdrawn; medical insurance informed'],
  ['SLA_AT_RISK', 'referral due 2026-03-23', '即将超期，办理期限2026-03-23', 'at risk, due 2026-03-23'],
  ['SLA_OVERDUE', 'case', '案件已超期', 'case overdue'],
  ['CASE_CLOSED', 'every referral is resolved or cancelled', '各转办事项均已办结或撤销，案件办结', 'every referral is resolved or cancelled'],
  ['CASE_WITHDRAWN', '申请人已外出务工', '撤回原因：申请人已外出务工', 'withdrawn: 申请人已外出务工'],
];

describe('events written before events carried data', () => {
  it.each(OLD)('%s "%s" reads in both languages', (type, note, zh, en) => {
    const params = legacyParams(type, note);
    expect(params).not.toBeNull();
    const event = { type, note, params: JSON.stringify(params) };
    expect(timelineNote(event, 'zh-CN')).toBe(zh);
    expect(timelineNote(event, 'en')).toBe(en);
  });

  it('keeps a note it cannot read as it was written', () => {
    expect(legacyParams('REFERRAL_CREATED', 'something else')).toBeNull();
    expect(legacyParams('SOME_FUTURE_KIND', 'x')).toBeNull();
    expect(timelineNote({ type: 'REFERRAL_CREATED', note: 'something else', params: null }, 'zh-CN')).toBe('something else');
  });
});
