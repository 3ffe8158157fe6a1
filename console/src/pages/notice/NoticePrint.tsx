// The public notice (公示) of a 低保 or 特困 approval as the township prints it for the village board:
// the hub's text (the given name masked, the place, the kind of assistance, the amount and the period)
// on one A4 page, nothing else. Reached from the case page.

import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Result, Space, Spin, Typography } from 'antd';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { errorText } from '../../api';

const NOTICE_FOR_PRINT = graphql(`
  query NoticeForPrint($id: ID!) {
    referral(id: $id) {
      id
      case {
        id
        caseNo
      }
      publicNotice {
        startsOn
        endsOn
        running
        text
      }
    }
  }
`);

export function NoticePrintPage() {
  const { id = '', referralId = '' } = useParams<{ id: string; referralId: string }>();
  const [{ data, fetching, error }] = useQuery({ query: NOTICE_FOR_PRINT, variables: { id: referralId } });
  const back = <Link to={`/cases/${id}`}>返回案件</Link>;
  const notice = data?.referral?.publicNotice;
  if (!notice) {
    if (fetching) return <Spin tip="正在加载公示…"><div style={{ height: 120 }} /></Spin>;
    if (error && error.graphQLErrors[0]?.extensions?.code !== 'FORBIDDEN') return <Alert type="error" showIcon message={errorText(error)} action={back} />;
    return <Result status="404" title="找不到该公示" subTitle="该事项没有公示，或不在您的辖区范围内。" extra={back} />;
  }
  const [title, ...body] = notice.text.split('\n');
  return (
    <div>
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" autoFocus onClick={() => window.print()}>
          打印公示
        </Button>
        {back}
        {!notice.running && <Typography.Text type="secondary">公示期已结束（{notice.endsOn}）</Typography.Text>}
      </Space>
      <article
        className="print-page"
        aria-labelledby="notice-title"
        data-testid="public-notice"
        style={{ background: '#fff', maxWidth: 760, margin: '0 auto', padding: '48px 56px', boxShadow: '0 1px 4px rgba(0,0,0,0.15)' }}
      >
        <Typography.Title level={1} id="notice-title" style={{ textAlign: 'center', fontSize: 26, marginTop: 0 }}>
          {title}
        </Typography.Title>
        {body.map((line, i) => (
          <Typography.Paragraph key={i} style={{ fontSize: 16, lineHeight: 2, marginBottom: 4 }}>
            {line}
          </Typography.Paragraph>
        ))}
      </article>
    </div>
  );
}
