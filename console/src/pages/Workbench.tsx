import { Typography } from 'antd';

export function WorkbenchPage() {
  return <Typography.Title level={1}>Workbench</Typography.Title>;
}
