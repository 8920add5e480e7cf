// The chart wrappers: import these, never Chart.js or ng2-charts directly. Each is configured once, themed
// (light/dark), lazy (Chart.js comes in its own chunk when the first chart renders) and accessible (a
// text alternative on the canvas, the numbers in a visually hidden table). See README.md.
export { BarChart } from './bar-chart/bar-chart';
export { LineChart } from './line-chart/line-chart';
export { TopValuesChart, displayValue } from './top-values-chart/top-values-chart';
export { Histogram, binValues, type HistogramBin } from './histogram/histogram';
export { Heatmap, type HeatmapLink } from './heatmap/heatmap';
export {
  ChartTheme,
  chartColors,
  formatChartNumber,
  type ChartSeries,
  type ChartTone,
  type ChartColors,
} from './chart-theme';
