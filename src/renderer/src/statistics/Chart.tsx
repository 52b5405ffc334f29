import { useEffect, useId, useRef, type CSSProperties, type ReactNode } from 'react';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use as registerECharts, type EChartsType } from 'echarts/core';
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

/** The desk's font (app.css --desk-font): the canvas needs the families by name. */
export const CHART_FONT = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

interface Props {
  title: string;
  /** One sentence with every value, the chart's accessible name (the canvas itself is hidden). */
  summary: string;
  /** What to draw: an ECharts option as plain data (src/shared/statistics/charts.ts). */
  option: Readonly<Record<string, unknown>>;
  /** The hover tooltip, which only a screen has. */
  tooltip?: Readonly<Record<string, unknown>>;
  height?: number;
  /** The values as a table for screen readers (visually hidden). */
  table: ReactNode;
  /** Set when there is no value to show: said over the faded drawing, which keeps its axes and legend. */
  emptyNote?: string;
}

const DRAWING: CSSProperties = { position: 'relative' };
const FADED: CSSProperties = { opacity: 0.35 };
const NOTE: CSSProperties = {
  position: 'absolute',
  inset: 0,
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  pointerEvents: 'none',
};
/** Opaque, so the note stays legible over the faded axis labels. */
const NOTE_TEXT: CSSProperties = {
  background: '#fff',
  padding: '4px 12px',
  borderRadius: 4,
  color: '#5c6670',
};

/**
 * One ECharts chart in a figure: the drawing is for the eye only (aria-hidden canvas); assistive
 * technology reads the figure's label and the hidden table. Redrawn on option change, resized with its box,
 * disposed on unmount. No animation: a report's chart should stand still.
 */
export function Chart({ title, summary, option, tooltip, height = 280, table, emptyNote }: Props) {
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
      { animation: false, textStyle: { fontFamily: CHART_FONT }, ...option, ...(tooltip ? { tooltip } : {}) },
      { notMerge: true },
    );
  }, [option, tooltip]);

  return (
    <figure className="stats-chart" aria-labelledby={titleId} aria-describedby={`${titleId}-summary`}>
      <figcaption id={titleId} className="stats-chart-title">
        {title}
      </figcaption>
      <p id={`${titleId}-summary`} className="sr-only">
        {summary}
      </p>
      <div style={DRAWING} aria-hidden="true">
        <div ref={box} className="stats-chart-canvas" style={emptyNote ? { ...FADED, height } : { height }} />
        {emptyNote ? (
          <div style={NOTE}>
            <span style={NOTE_TEXT}>{emptyNote}</span>
          </div>
        ) : null}
      </div>
      <div className="sr-only">{table}</div>
    </figure>
  );
}
