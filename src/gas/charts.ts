// Embedded Sheets charts (Sheet.newChart … insertChart, modify … updateChart; the Charts enums):
// the Dashboard's trend lines. A chart is listed with its id and title so the add-on finds its own
// charts again and never adds a second copy. Listing and updating are tried again when the service
// fails for a moment (retry.ts); inserting and removing a chart are not.
// https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder

import { retryTransient as retried } from './retry';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type EmbeddedChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;
type Builder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;

/** A line chart over ranges of one sheet (1-based rows and columns). */
export interface LineChart {
  title: string;
  ranges: ReadonlyArray<{ row: number; column: number; numRows: number; numColumns: number }>;
  /** Where the chart's top-left corner goes when it is inserted (an existing chart stays where the owner put it). */
  anchor: { row: number; column: number };
  hAxisTitle: string;
  /** `format`: the axis labels' number format, like '0%'. */
  vAxis: { min: number; max: number; title: string; format?: string };
  /** With more than one series: a legend below the chart (else none). */
  legend?: boolean;
}

export interface ChartOnSheet {
  chart: EmbeddedChart;
  id: number | null;
  title: string;
}

/** The sheet's charts with their ids and titles. */
export function listCharts(sheet: Sheet): ChartOnSheet[] {
  return retried(() => sheet.getCharts()).map((chart) => {
    const title = retried(() => chart.getOptions().get('title'));
    return { chart, id: retried(() => chart.getChartId()), title: typeof title === 'string' ? title : '' };
  });
}

function describe(sheet: Sheet, builder: Builder, spec: LineChart): Builder {
  let b = builder.clearRanges();
  for (const r of spec.ranges) b = b.addRange(sheet.getRange(r.row, r.column, r.numRows, r.numColumns));
  b = b
    .setChartType(Charts.ChartType.LINE)
    .setNumHeaders(1)
    .setOption('title', spec.title)
    .setOption('legend.position', spec.legend ? 'bottom' : 'none')
    .setOption('pointSize', 5)
    .setOption('hAxis.title', spec.hAxisTitle)
    .setOption('vAxis.title', spec.vAxis.title)
    .setOption('vAxis.viewWindow.min', spec.vAxis.min)
    .setOption('vAxis.viewWindow.max', spec.vAxis.max);
  return spec.vAxis.format ? b.setOption('vAxis.format', spec.vAxis.format) : b;
}

export function insertLineChart(sheet: Sheet, spec: LineChart): void {
  const builder = describe(sheet, sheet.newChart(), spec).setPosition(spec.anchor.row, spec.anchor.column, 0, 0);
  sheet.insertChart(builder.build());
}

/** Points an existing chart at the spec's ranges and options; its place and size stay the owner's. */
export function updateLineChart(sheet: Sheet, chart: EmbeddedChart, spec: LineChart): void {
  retried(() => sheet.updateChart(describe(sheet, chart.modify(), spec).build()));
}

export function removeChart(sheet: Sheet, chart: EmbeddedChart): void {
  sheet.removeChart(chart);
}
