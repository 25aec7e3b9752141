import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// Only what the bar chart uses, so the workspace bundle stays small (tree-shaken ECharts).
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

export interface BarSeries {
  name: string;
  values: number[];
}

/**
 * A horizontal stacked bar chart: one bar per category, one stack part per series. The SVG
 * renderer keeps the text selectable; `summary` is read out instead of the drawing.
 */
export function StackedBars({ categories, series, summary, onPick }: { categories: string[]; series: BarSeries[]; summary: string; onPick?: (index: number) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  useEffect(() => {
    if (!box.current) return;
    const chart = echarts.init(box.current, undefined, { renderer: 'svg' });
    chart.on('click', (p) => pick.current?.(p.dataIndex));
    // The observer runs after layout, so until then the drawing keeps its old width; the box's
    // overflow: hidden keeps that stale width from widening the page (a phone turned sideways).
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(box.current);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, []);
  useEffect(() => {
    const chart = box.current && echarts.getInstanceByDom(box.current);
    if (!chart) return;
    chart.setOption(
      {
        aria: { enabled: false },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { show: series.length > 1, type: 'scroll', top: 0 },
        grid: { left: 8, right: 24, top: series.length > 1 ? 32 : 8, bottom: 8, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: categories, inverse: true, axisLabel: { width: 130, overflow: 'truncate' } },
        series: series.map((s) => ({ type: 'bar', name: s.name, stack: 'all', data: s.values, barMaxWidth: 18 })),
      },
      true,
    );
  }, [categories, series]);
  return <div ref={box} role="img" aria-label={summary} style={{ width: '100%', overflow: 'hidden', height: Math.max(220, categories.length * 30 + 60) }} data-testid="supervision-chart" />;
}
