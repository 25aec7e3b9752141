import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { QuestionResult } from '../surveys';

// Only what a horizontal bar chart needs (tree-shaken ECharts, workspace only).
echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

/** One question's counts as horizontal bars; the figures are also in the text beside it, so the drawing is hidden from screen readers. */
export function SurveyChart({ result }: { result: QuestionResult }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const chart = echarts.init(box.current, undefined, { renderer: 'svg' });
    chart.setOption({
      aria: { enabled: false },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: result.labels, inverse: true, axisLabel: { width: 120, overflow: 'truncate' } },
      series: [{ type: 'bar', name: '人数', data: result.counts, barMaxWidth: 18, label: { show: true, position: 'right' } }],
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(box.current);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [result]);
  return <div ref={box} aria-hidden="true" data-testid="survey-chart" style={{ width: '100%', overflow: 'hidden', height: Math.max(160, result.labels.length * 34 + 40) }} />;
}
