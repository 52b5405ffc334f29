import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/*
 * ECharts' server-side SVG rendering (no DOM, no canvas): the printed report's charts are the 统计
 * page's own chart options (src/shared/statistics/charts.ts) turned into inline SVG, so paper and screen
 * show the same chart. Text in the SVG is set in the report's Chinese font stack.
 */

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, SVGRenderer]);

const FONT = "'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

export function chartSvg(option: Record<string, unknown>, width = 640, height = 260): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
