// 收入核算: the household's per-capita monthly income, computed as the form is typed with the
// hub's own rule (classification.rules.ts perCapitaMonthlyIncomeFen: total ÷ people, floored to the
// fen), against the township's 低保 standard and its 低保边缘 line.

import { Button, Descriptions, Form, Space, Tag, Typography } from 'antd';
import { incomeTier, perCapitaMonthlyIncomeFen } from '../../../../src/classification/classification.rules';
import { fenOf, yuan } from '../../format';
import type { MemberValues } from './form-values';

export interface LivingStandard {
  monthlyFen: number;
  lowIncomeMonthlyFen: number;
  urban: boolean;
  source: string;
}

interface Props {
  standard: LivingStandard | null;
  loading: boolean;
  problem: string | null;
  onRetry(): void;
}

type Verdict = { label: string; color: string; sentence: string };

/** The hub's own comparison (incomeTier), put in words. */
function verdictOf(perCapita: number, standard: LivingStandard): Verdict {
  switch (incomeTier(perCapita, standard)) {
    case 'BELOW_MINIMUM':
      return { label: '低于低保标准', color: 'red', sentence: `比低保标准低 ${yuan(standard.monthlyFen - perCapita)} 元。` };
    case 'LOW_INCOME_MARGIN':
      return { label: '低保边缘', color: 'orange', sentence: `不低于低保标准，但低于低保边缘线 ${yuan(standard.lowIncomeMonthlyFen)} 元。` };
    case 'ABOVE_LOW_INCOME':
      return { label: '高于低保边缘线', color: 'blue', sentence: `比低保边缘线高 ${yuan(perCapita - standard.lowIncomeMonthlyFen)} 元。` };
  }
}

export function IncomeCheck({ standard, loading, problem, onRetry }: Props) {
  const applicantIncome = Form.useWatch<number | null | undefined>('applicantMonthlyIncomeFen');
  const household = Form.useWatch<MemberValues[] | undefined>('household') ?? [];
  const incomes = [applicantIncome, ...household.map((m) => m?.monthlyIncomeFen)].map((v) => Math.max(0, fenOf(v) ?? 0));
  const total = incomes.reduce((sum, v) => sum + v, 0);
  const perCapita = perCapitaMonthlyIncomeFen({
    members: incomes.map((monthlyIncomeFen) => ({ monthlyIncomeFen, schoolStage: null, laborCapable: false, employed: false, disabled: false, seriouslyIll: false })),
  });
  const verdict = standard ? verdictOf(perCapita, standard) : null;

  return (
    <section aria-labelledby="intake-income" style={{ background: '#f8fafc', border: '1px solid #e2e8f0', borderRadius: 4, padding: '12px 16px', margin: '16px 0' }}>
      <Typography.Title level={2} id="intake-income" style={{ fontSize: 18, marginTop: 0 }}>
        收入核算
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, md: 3, xl: 5 }}>
        <Descriptions.Item label="家庭人口">{incomes.length} 人</Descriptions.Item>
        <Descriptions.Item label="家庭月收入合计">{yuan(total)} 元</Descriptions.Item>
        <Descriptions.Item label="月人均收入">
          <strong data-testid="per-capita">{yuan(perCapita)} 元</strong>
        </Descriptions.Item>
        <Descriptions.Item label={standard ? `${standard.urban ? '城市' : '农村'}低保标准` : '低保标准'}>
          {standard ? `${yuan(standard.monthlyFen)} 元/人·月` : loading ? '读取中…' : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="低保边缘线">{standard ? `${yuan(standard.lowIncomeMonthlyFen)} 元/人·月` : '—'}</Descriptions.Item>
      </Descriptions>
      <div aria-live="polite" data-testid="income-verdict">
        {verdict && standard && (
          <Space wrap>
            <Tag color={verdict.color} style={{ fontSize: 14, padding: '2px 10px' }}>
              {verdict.label}
            </Tag>
            <Typography.Text>
              月人均收入 {yuan(perCapita)} 元，{verdict.sentence}
            </Typography.Text>
            <Typography.Text style={{ color: '#595959' }}>标准依据：{standard.source}</Typography.Text>
          </Space>
        )}
        {!standard && problem && (
          <Space wrap>
            <Typography.Text type="danger">低保标准读取失败：{problem} 人均收入照常计算，可稍后重试。</Typography.Text>
            <Button size="small" onClick={onRetry}>
              重新读取
            </Button>
          </Space>
        )}
      </div>
    </section>
  );
}
