// What the dashboard covers: the region (ADMIN types one; a supervisor sees their own), the period
// (CST dates, at most 366 days, nothing after today) and a refresh button.

import { useState } from 'react';
import { Button, DatePicker, Form, Input, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { dayjs, todayCst } from '../../format';
import { addDays, defaultPeriod, MAX_SPAN_DAYS, type Period } from './period';
import { isRegionPrefix } from '../../../../src/access/division-code';


export interface ControlsProps {
  /** False for a supervisor: the region is their own and is only shown. */
  editableRegion: boolean;
  region: string;
  onRegion(region: string): void;
  period: Period;
  onPeriod(period: Period): void;
  refreshing: boolean;
  onRefresh(): void;
}

// The picker works on plain local dates made from CST date strings, so what it shows is the CST date.
const day = (date: string) => dayjs(date, 'YYYY-MM-DD');
const text = (value: Dayjs) => value.format('YYYY-MM-DD');

export function Controls({ editableRegion, region, onRegion, period, onPeriod, refreshing, onRefresh }: ControlsProps) {
  const [draft, setDraft] = useState(region);
  const draftValid = isRegionPrefix(draft.trim());
  const today = todayCst();
  const last12 = defaultPeriod(today);
  const presets = [
    { label: '最近12周', value: [day(last12.from), day(today)] as [Dayjs, Dayjs] },
    { label: '最近30天', value: [day(addDays(today, -29)), day(today)] as [Dayjs, Dayjs] },
    { label: '本年', value: [day(`${today.slice(0, 4)}-01-01`), day(today)] as [Dayjs, Dayjs] },
  ];

  const applyRegion = () => {
    const value = draft.trim();
    if (isRegionPrefix(value) && value !== region) onRegion(value);
  };

  return (
    <Form layout="inline" style={{ rowGap: 12 }}>
      {editableRegion ? (
        <Form.Item
          label="辖区代码"
          htmlFor="dashboard-region"
          validateStatus={draftValid ? undefined : 'error'}
          help={draftValid ? undefined : '应为2、4、6、9或12位行政区划代码，如 37 或 370783'}
        >
          <Input.Search
            id="dashboard-region"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onSearch={applyRegion}
            enterButton="查看"
            inputMode="numeric"
            maxLength={12}
            style={{ width: 220 }}
          />
        </Form.Item>
      ) : (
        <Form.Item label="辖区">
          <Typography.Text strong data-testid="dashboard-region">
            {region}
          </Typography.Text>
        </Form.Item>
      )}
      <Form.Item label="统计期间" htmlFor="dashboard-from">
        <DatePicker.RangePicker
          id={{ start: 'dashboard-from', end: 'dashboard-to' }}
          value={[day(period.from), day(period.to)]}
          allowClear={false}
          presets={presets}
          disabledDate={(current, info) => {
            const date = text(current);
            if (date > today) return true;
            const from = info?.from ? text(info.from) : null;
            return from !== null && Math.abs(current.diff(info!.from!, 'day')) > MAX_SPAN_DAYS;
          }}
          onChange={(values) => {
            if (values?.[0] && values[1]) onPeriod({ from: text(values[0]), to: text(values[1]) });
          }}
        />
      </Form.Item>
      <Form.Item>
        <Button onClick={onRefresh} loading={refreshing}>
          刷新
        </Button>
      </Form.Item>
    </Form>
  );
}
