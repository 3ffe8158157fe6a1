// 督办: the supervisor's dashboard. On-time figures of a region for a period (slaReport), week by
// week, by department, the open cases that are overdue or at risk, and the low-income register with
// its periodic reviews (registerFigures). Loaded as its own chunk (see App.tsx) so that ECharts
// stays out of the main bundle.

import { useCallback, useMemo, useState } from 'react';
import { Alert, Flex, Space, Typography } from 'antd';
import { useQuery } from 'urql';
import { errorText } from '../api';
import type { DashboardWeeklyQueryVariables } from '../gql/graphql';
import { useSession } from '../auth';
import { AtRiskList } from './dashboard/AtRiskList';
import { Controls } from './dashboard/Controls';
import { DepartmentSection } from './dashboard/DepartmentSection';
import { Summary } from './dashboard/Summary';
import { TownshipSection } from './dashboard/TownshipSection';
import { WeeklySection } from './dashboard/WeeklySection';
import { RegisterSection } from './dashboard/RegisterSection';
import { AT_RISK_CASES, REGISTER, REPORT, WEEK_KEYS, WEEKLY } from './dashboard/queries';
import { defaultPeriod, periodText, weeksEnding, type Period } from './dashboard/period';


export default function DashboardPage() {
  const { session } = useSession();
  // ADMIN sees the whole country ('' region): start with Shandong, where the demo data lives.
  const [region, setRegion] = useState(session.region || '37');
  const [period, setPeriod] = useState<Period>(() => defaultPeriod());
  const weeks = useMemo(() => weeksEnding(period.to), [period.to]);

  const [report, reexecuteReport] = useQuery({ query: REPORT, variables: { regionCode: region, ...period } });
  const weeklyVariables = useMemo(
    () => ({ regionCode: region, ...Object.fromEntries(weeks.flatMap((w, i) => [[`w${i + 1}from`, w.from], [`w${i + 1}to`, w.to]])) }),
    [region, weeks],
  );
  const [weekly, reexecuteWeekly] = useQuery({ query: WEEKLY, variables: weeklyVariables as DashboardWeeklyQueryVariables });
  const [atRisk, reexecuteAtRisk] = useQuery({ query: AT_RISK_CASES, variables: { regionCode: region } });
  const [register, reexecuteRegister] = useQuery({ query: REGISTER, variables: { regionCode: region, ...period } });

  const refresh = useCallback(() => {
    for (const reexecute of [reexecuteReport, reexecuteWeekly, reexecuteAtRisk, reexecuteRegister]) reexecute({ requestPolicy: 'network-only' });
  }, [reexecuteReport, reexecuteWeekly, reexecuteAtRisk, reexecuteRegister]);

  const sla = report.data?.slaReport ?? null;
  const weekRows = useMemo(() => (weekly.data ? WEEK_KEYS.map((key) => weekly.data![key]) : null), [weekly.data]);
  const cases = useMemo(() => atRisk.data?.cases.edges.map((e) => e.node) ?? null, [atRisk.data]);
  const registerFigures = register.data?.registerFigures ?? null;
  const errors = [report.error, weekly.error, atRisk.error, register.error].map(errorText).filter((m): m is string => m !== null);
  const periodLabel = periodText(period);

  return (
    <>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Flex wrap justify="space-between" align="center" gap={16}>
          <Typography.Title level={1} style={{ margin: 0 }}>
            督办
          </Typography.Title>
          <Controls
            editableRegion={session.role === 'ADMIN'}
            region={region}
            onRegion={setRegion}
            period={period}
            onPeriod={setPeriod}
            refreshing={report.fetching || weekly.fetching || atRisk.fetching || register.fetching}
            onRefresh={refresh}
          />
        </Flex>
        <Typography.Text type="secondary">
          辖区 {region}，统计期间 {periodLabel}（北京时间）。超期与临期为当前办理中的事项，与统计期间无关。
        </Typography.Text>
        {[...new Set(errors)].map((message) => (
          <Alert key={message} type="error" showIcon message="数据加载失败" description={`${message} 请稍后点击“刷新”重试。`} />
        ))}
        <Summary figures={sla} loading={report.fetching} />
        <DepartmentSection rows={sla?.rows ?? null} loading={report.fetching && !sla} periodNote={`${periodLabel}期间`} />
        <TownshipSection rows={sla?.townships ?? null} loading={report.fetching && !sla} periodNote={`${periodLabel}期间`} />
        <WeeklySection weeks={weekRows} loading={weekly.fetching && !weekRows} to={period.to} />
        <AtRiskList cases={cases} totalCount={atRisk.data?.cases.totalCount ?? 0} loading={atRisk.fetching && !cases} regionCode={region} />
        <RegisterSection figures={registerFigures} loading={register.fetching && !registerFigures} periodNote={`${periodLabel}期间`} />
      </Space>
    </>
  );
}
