import { useEffect, useId, useRef, type ReactNode } from 'react';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { init, use as registerECharts, type ComposeOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the page draws, so the bundle carries no other chart type (echarts' modular build).
registerECharts([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

/** The desk's font (app.css --desk-font): the canvas needs the families by name. */
export const CHART_FONT = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

interface Props {
  title: string;
  /** One sentence with every value, the chart's accessible name (the canvas itself is hidden). */
  summary: string;
  option: ChartOption;
  height?: number;
  /** The values as a table for screen readers (visually hidden). */
  table: ReactNode;
}

/**
 * One ECharts chart in a figure: the drawing is for the eye only (aria-hidden canvas); assistive
 * technology reads the figure's label and the hidden table. Redrawn on option change, resized with its box,
 * disposed on unmount. No animation: a report's chart should stand still.
 */
export function Chart({ title, summary, option, height = 280, table }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const titleId = useId();

  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const instance = init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    // Follow the box: the page's grid settles after the first paint, and the window may be resized.
    const observer = new ResizeObserver(() => {
      if (!instance.isDisposed()) instance.resize();
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    // Measure again before drawing: the box may have been laid out since init.
    instance.resize();
    instance.setOption(
      { animation: false, textStyle: { fontFamily: CHART_FONT }, ...option },
      { notMerge: true },
    );
  }, [option]);

  return (
    <figure className="stats-chart" aria-labelledby={titleId} aria-describedby={`${titleId}-summary`}>
      <figcaption id={titleId} className="stats-chart-title">
        {title}
      </figcaption>
      <p id={`${titleId}-summary`} className="sr-only">
        {summary}
      </p>
      <div ref={box} className="stats-chart-canvas" style={{ height }} aria-hidden="true" />
      <div className="sr-only">{table}</div>
    </figure>
  );
}
