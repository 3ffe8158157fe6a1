// 受理回执: what the applicant takes home — the case number (also as a QR code), when the case
// was accepted, the date by which it is promised to be settled, the departments it went to and what
// is still to be brought. Laid out for one A4 sheet; the buttons are not printed.

import { useEffect, useState } from 'react';
import { Button, Descriptions, Space, Typography } from 'antd';
import QRCode from 'qrcode';
import { maskIdNumber } from '../../../../src/access/identity-number';
import { ACCEPTANCE_MODE, CATEGORY, DEPARTMENT, label, townshipPlace } from '../../labels';
import { dateTime, longDate, yuan } from '../../format';

export interface ReceiptCase {
  caseNo: string;
  townshipCode: string;
  /** The national division codes' names; null for a code they do not know (the code is printed then). */
  townshipName?: string | null;
  countyName?: string | null;
  mode: string;
  acceptedAt: string;
  emergencyAdvanceFen?: number | null;
  missingMaterials: readonly string[];
  applicant: { name: string; idNumber: string };
  sla: { dueDate: string; workingDaysLeft: number; provisional: boolean };
  referrals: readonly { id: string; department: string; category: string }[];
}

interface Props {
  accepted: ReceiptCase;
  clerk: string;
  onNext(): void;
}

export function Receipt({ accepted, clerk, onNext }: Props) {
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(accepted.caseNo, { errorCorrectionLevel: 'M', margin: 1, width: 200 })
      .then((url) => live && setQr(url))
      .catch(() => live && setQr(null));
    return () => {
      live = false;
    };
  }, [accepted.caseNo]);

  // One line per department, with the categories it handles for this case.
  const departments = new Map<string, string[]>();
  for (const r of accepted.referrals) departments.set(r.department, [...(departments.get(r.department) ?? []), label(CATEGORY, r.category)]);

  return (
    <div>
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" autoFocus onClick={() => window.print()}>
          打印回执
        </Button>
        <Button onClick={onNext}>受理下一件</Button>
      </Space>
      <article
        className="print-page"
        aria-labelledby="receipt-title"
        data-testid="receipt"
        style={{ background: '#fff', maxWidth: 760, margin: '0 auto', padding: '32px 40px', boxShadow: '0 1px 4px rgba(0,0,0,0.15)' }}
      >
        <Typography.Title level={2} id="receipt-title" style={{ textAlign: 'center', fontSize: 24, marginTop: 0 }}>
          社会救助受理回执
        </Typography.Title>
        <div style={{ display: 'flex', gap: 24, alignItems: 'flex-start', justifyContent: 'space-between', marginBottom: 16 }}>
          <div>
            <Typography.Text style={{ color: '#595959' }}>受理编号</Typography.Text>
            <div data-testid="receipt-case-no" style={{ fontSize: 22, fontWeight: 600, fontFamily: 'ui-monospace, monospace', letterSpacing: 1 }}>
              {accepted.caseNo}
            </div>
            <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
              凭受理编号（或扫描右侧二维码）可到本窗口查询办理进度。
            </Typography.Paragraph>
          </div>
          {qr && <img src={qr} alt={`受理编号${accepted.caseNo}的二维码`} width={120} height={120} data-testid="receipt-qr" />}
        </div>
        <Descriptions bordered column={1} size="middle" styles={{ label: { width: 160 } }}>
          <Descriptions.Item label="申请人">
            {accepted.applicant.name}（身份证号码 {maskIdNumber(accepted.applicant.idNumber)}）
          </Descriptions.Item>
          <Descriptions.Item label="受理乡镇（街道）">{townshipPlace(accepted.countyName, accepted.townshipName, accepted.townshipCode)}</Descriptions.Item>
          <Descriptions.Item label="受理时间">{dateTime(accepted.acceptedAt)}</Descriptions.Item>
          <Descriptions.Item label="受理方式">
            {label(ACCEPTANCE_MODE, accepted.mode)}
            {accepted.mode === 'EMERGENCY' && accepted.emergencyAdvanceFen != null && `，已先行支付 ${yuan(accepted.emergencyAdvanceFen)} 元`}
          </Descriptions.Item>
          <Descriptions.Item label="承诺办结日期">
            <strong data-testid="receipt-due-date">{longDate(accepted.sla.dueDate)}</strong>
            <div>
              自受理之日起 {accepted.sla.workingDaysLeft} 个工作日内办结
              {accepted.sla.provisional && '（该年度节假日安排尚未公布，暂按周一至周五计算，如有调整以实际为准）'}
            </div>
          </Descriptions.Item>
          <Descriptions.Item label="转办部门">
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {[...departments].map(([department, categories]) => (
                <li key={department}>
                  {label(DEPARTMENT, department)}：{categories.join('、')}
                </li>
              ))}
            </ul>
          </Descriptions.Item>
          <Descriptions.Item label="尚缺材料">
            {accepted.missingMaterials.length > 0 ? (
              <>
                {accepted.missingMaterials.join('、')}
                <div>请尽快到本窗口补交；补交前不影响办理。</div>
              </>
            ) : (
              '无'
            )}
          </Descriptions.Item>
          <Descriptions.Item label="经办人">{clerk}</Descriptions.Item>
        </Descriptions>
        <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 48 }}>
          <span>申请人签字：＿＿＿＿＿＿＿＿</span>
          <span>受理单位（盖章）：＿＿＿＿＿＿＿＿</span>
        </div>
      </article>
    </div>
  );
}
