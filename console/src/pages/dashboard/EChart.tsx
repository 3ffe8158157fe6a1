// A small React wrapper around ECharts: created on mount, given each new option, resized with its
// container, disposed on unmount. Only the charts and components the dashboard draws are
// registered (echarts/core), which keeps this chunk small.

import { useEffect, useRef } from 'react';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useReducedMotion } from '../../motion';

use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export interface EChartProps {
  option: ChartOption;
  /** What the chart shows, in words: the accessible name of the picture. */
  label: string;
  height: number;
  /** Lets a test or a reader find this chart. */
  testId?: string;
}

export function EChart({ option, label, height, testId }: EChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const reducedMotion = useReducedMotion();

  useEffect(() => {
    const element = container.current!;
    // Canvas: the chart is pixels, with no generated markup for the CSP's style rules to weigh.
    const instance = init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const resize = () => instance.resize();
    // The container changes width with the window and with the grid's breakpoints; follow both.
    window.addEventListener('resize', resize);
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(resize);
    observer?.observe(element);
    return () => {
      window.removeEventListener('resize', resize);
      observer?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: a series that disappears from the option disappears from the chart.
    // A user who asked for less motion gets the chart drawn at once, without the grow-in animation.
    chart.current?.setOption({ ...option, animation: !reducedMotion }, { notMerge: true });
  }, [option, reducedMotion]);

  return <div ref={container} role="img" aria-label={label} data-testid={testId} style={{ width: '100%', height }} />;
}
