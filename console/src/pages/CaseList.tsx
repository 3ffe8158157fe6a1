import { Typography } from 'antd';

export function CaseListPage() {
  return <Typography.Title level={1}>CaseList</Typography.Title>;
}
