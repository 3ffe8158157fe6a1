import { Typography } from 'antd';

export function IntakePage() {
  return <Typography.Title level={1}>Intake</Typography.Title>;
}
