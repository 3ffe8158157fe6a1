// The household as accepted: each member's relation, income and circumstances.

import { Card, Space, Table, Tag } from 'antd';
import { yuan } from '../../format';
import { RELATION, SCHOOL_STAGE, label } from '../../labels';
import type { CaseMember } from './types';
import { emptyText } from '../../components/EmptyText';

function flags(m: CaseMember): string[] {
  return [
    m.schoolStage ? `在读（${label(SCHOOL_STAGE, m.schoolStage)}）` : null,
    m.laborCapable ? '有劳动能力' : '无劳动能力',
    m.laborCapable ? (m.employed ? '在业' : '未就业') : null,
    m.disabled ? '残疾' : null,
    m.seriouslyIll ? '重病' : null,
  ].filter((f): f is string => f !== null);
}

export function HouseholdTable({ household }: { household: CaseMember[] }) {
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>家庭成员（{household.length}人）</h2>}>
      <Table<CaseMember>
        rowKey={(m) => m.person.id}
        size="small"
        pagination={false}
        dataSource={household}
        locale={{ emptyText: emptyText('暂无家庭成员信息') }}
        columns={[
          { title: '姓名', key: 'name', render: (_, m) => m.person.name },
          { title: '与申请人关系', dataIndex: 'relation', render: (r: string) => label(RELATION, r) },
          { title: '身份证号', key: 'idNumber', render: (_, m) => m.person.idNumber },
          { title: '月收入（元）', dataIndex: 'monthlyIncomeFen', align: 'right', render: (fen: number) => yuan(fen) },
          {
            title: '情况',
            key: 'flags',
            render: (_, m) => (
              <Space size={[4, 4]} wrap>
                {flags(m).map((f) => (
                  <Tag key={f}>{f}</Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
