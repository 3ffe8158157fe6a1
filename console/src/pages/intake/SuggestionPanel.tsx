// 救助类别: what the hub suggests for these facts and why, as a checklist the clerk may change.
// Checked categories are the ones submitted; the suggestions are asked for once, on request, not
// as the form is typed, and are asked for again only when the facts have changed since.

import { Alert, Button, Checkbox, Form, Space, Typography } from 'antd';
import type { AssistanceCategory, Department } from '../../gql/graphql';
import { CATEGORY, DEPARTMENT } from '../../labels';

export interface Suggestion {
  category: AssistanceCategory;
  department: Department;
  reason: string;
}

// The contract's order (AssistanceCategory), with the department each category goes to.
const ALL: readonly [AssistanceCategory, Department][] = [
  ['MINIMUM_LIVING', 'CIVIL_AFFAIRS'],
  ['EXTREME_POVERTY', 'CIVIL_AFFAIRS'],
  ['TEMPORARY', 'CIVIL_AFFAIRS'],
  ['MEDICAL', 'MEDICAL'],
  ['EDUCATION', 'EDUCATION'],
  ['HOUSING', 'HOUSING'],
  ['EMPLOYMENT', 'EMPLOYMENT'],
  ['LEGAL_AID', 'JUDICIAL'],
  ['CHARITY', 'CHARITY'],
];

interface Props {
  suggestions: Suggestion[] | null;
  /** The facts changed after the suggestions were given. */
  stale: boolean;
  asking: boolean;
  submitting: boolean;
  onAsk(): void;
  onConfirm(): void;
}

export function SuggestionPanel({ suggestions, stale, asking, submitting, onAsk, onConfirm }: Props) {
  const suggested = new Map((suggestions ?? []).map((s) => [s.category, s]));
  const others = ALL.filter(([category]) => !suggested.has(category));
  return (
    <section aria-labelledby="intake-categories">
      <Typography.Title level={2} id="intake-categories" style={{ fontSize: 18 }}>
        救助类别
      </Typography.Title>
      {suggestions === null ? (
        <Typography.Paragraph style={{ color: '#595959' }}>
          填好以上信息后，点击“查看建议”：系统按分层分类规则推荐救助类别并说明理由，核对后再确认受理。
        </Typography.Paragraph>
      ) : (
        <>
          {stale && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message="申请信息在查看建议后有改动，请重新查看建议，再确认受理。"
            />
          )}
          <Typography.Paragraph>
            {suggestions.length > 0
              ? `根据所填情况，建议转办以下 ${suggestions.length} 类救助（已勾选）。可取消勾选，也可勾选其他类别；勾选的类别将转办对应部门。`
              : '根据所填情况，系统没有推荐的救助类别。如该户确有需要，请勾选类别。'}
          </Typography.Paragraph>
          <Form.Item name="categories" rules={[{ type: 'array', min: 1, message: '请至少勾选一个救助类别' }]}>
            <Checkbox.Group style={{ display: 'block' }} disabled={stale}>
              <Space direction="vertical" style={{ width: '100%' }} data-testid="suggestions">
                {(suggestions ?? []).map((s) => (
                  <Checkbox key={s.category} value={s.category}>
                    <strong>{CATEGORY[s.category]}</strong>
                    <span style={{ color: '#595959' }}> → {DEPARTMENT[s.department]}</span>
                    <span style={{ display: 'block', color: '#374151' }}>理由：{s.reason}</span>
                  </Checkbox>
                ))}
                {others.length > 0 && (
                  <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
                    其他类别（未推荐）
                  </Typography.Text>
                )}
                <Space wrap size={[24, 8]}>
                  {others.map(([category, department]) => (
                    <Checkbox key={category} value={category}>
                      {CATEGORY[category]}
                      <span style={{ color: '#595959' }}> → {DEPARTMENT[department]}</span>
                    </Checkbox>
                  ))}
                </Space>
              </Space>
            </Checkbox.Group>
          </Form.Item>
        </>
      )}
      <Space>
        <Button type={suggestions === null || stale ? 'primary' : 'default'} loading={asking} onClick={onAsk}>
          {suggestions === null ? '查看建议' : '重新查看建议'}
        </Button>
        {suggestions !== null && (
          <Button type="primary" disabled={stale || asking} loading={submitting} onClick={onConfirm}>
            确认受理
          </Button>
        )}
      </Space>
    </section>
  );
}
