import { Typography } from 'antd';

export function CasePage() {
  return <Typography.Title level={1}>CasePage</Typography.Title>;
}
