import { Typography } from 'antd';

export default function DashboardPage() {
  return <Typography.Title level={1}>Dashboard</Typography.Title>;
}
