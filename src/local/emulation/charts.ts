// Embedded Sheets charts, emulated as records: `Sheet.newChart()` gives a builder, `build()` an
// immutable chart, and `insertChart` / `updateChart` / `removeChart` / `getCharts` keep the
// sheet's list, which is saved in the sheet's snapshot. Nothing is drawn: a chart here is its
// type, its source ranges, its anchor and its options, which is what code can read back.
//
// Sources:
//   [ECHART]  https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart —
//             getChartId(): "a stable identifier for the chart that is unique across the
//             spreadsheet containing the chart or null if the chart is not in a spreadsheet";
//             modify() returns a builder; changes are saved by Sheet.updateChart.
//   [ECB]     https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder —
//             "Changes made to the chart are not saved until Sheet.updateChart(chart) is called on
//             the rebuilt chart"; setPosition(anchorRowPos, anchorColPos, offsetX, offsetY).
//   [SHEET]   https://developers.google.com/apps-script/reference/spreadsheet/sheet — newChart,
//             insertChart, getCharts, removeChart, updateChart.
//   [CHARTS]  https://developers.google.com/apps-script/reference/charts/charts — the Charts
//             service and its enums (ChartType, ChartMergeStrategy, …); also @types/google-apps-script.
//   [ADDCHART] https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request#addchartrequest —
//             "It is an error to specify the ID of an embedded object that already exists."
// ⚠ marks defaults and error wordings not found in those pages (from reasoning, to confirm on a
// real sheet): the builder's default anchor (A1, no offset), numHeaders -1 ("let Sheets guess"),
// the default merge and hidden-dimension strategies, and the emulation's own error texts.
import type { EmulationContext } from './context';
import { appsScriptError, makeEnum } from './common';
import type { Faked, FakeRange, FakeSheet } from './spreadsheet';

// ---------------------------------------------------------------------------------------------
// Enums and the Charts global
// ---------------------------------------------------------------------------------------------

export const CHART_TYPE = makeEnum<typeof GoogleAppsScript.Charts.ChartType>([
  'TIMELINE', 'AREA', 'BAR', 'BUBBLE', 'CANDLESTICK', 'COLUMN', 'COMBO', 'GAUGE', 'GEO', 'HISTOGRAM',
  'RADAR', 'LINE', 'ORG', 'PIE', 'SCATTER', 'SPARKLINE', 'STEPPED_AREA', 'TABLE', 'TREEMAP', 'WATERFALL',
]);
export const CHART_MERGE_STRATEGY = makeEnum<typeof GoogleAppsScript.Charts.ChartMergeStrategy>(['MERGE_COLUMNS', 'MERGE_ROWS']);
export const CHART_HIDDEN_DIMENSION_STRATEGY = makeEnum<typeof GoogleAppsScript.Charts.ChartHiddenDimensionStrategy>([
  'IGNORE_BOTH', 'IGNORE_ROWS', 'IGNORE_COLUMNS', 'SHOW_BOTH',
]);
const COLUMN_TYPE = makeEnum<typeof GoogleAppsScript.Charts.ColumnType>(['DATE', 'NUMBER', 'STRING']);
const CURVE_STYLE = makeEnum<typeof GoogleAppsScript.Charts.CurveStyle>(['NORMAL', 'SMOOTH']);
const POINT_STYLE = makeEnum<typeof GoogleAppsScript.Charts.PointStyle>(['NONE', 'TINY', 'MEDIUM', 'LARGE', 'HUGE']);
const POSITION = makeEnum<typeof GoogleAppsScript.Charts.Position>(['TOP', 'RIGHT', 'BOTTOM', 'NONE']);

type ChartsEnums =
  | 'ChartType' | 'ChartMergeStrategy' | 'ChartHiddenDimensionStrategy' | 'ColumnType' | 'CurveStyle' | 'PointStyle' | 'Position';

/**
 * The `Charts` global: its enums only [CHARTS]. The standalone builders (newLineChart(), data
 * tables) make image charts for HtmlService and are not emulated; Sheets charts come from
 * `Sheet.newChart()`.
 */
export class FakeCharts implements Pick<GoogleAppsScript.Charts.Charts, ChartsEnums> {
  readonly ChartType = CHART_TYPE;
  readonly ChartMergeStrategy = CHART_MERGE_STRATEGY;
  readonly ChartHiddenDimensionStrategy = CHART_HIDDEN_DIMENSION_STRATEGY;
  readonly ColumnType = COLUMN_TYPE;
  readonly CurveStyle = CURVE_STYLE;
  readonly PointStyle = POINT_STYLE;
  readonly Position = POSITION;
}

// ---------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------

/** A JSON value, as chart options are kept (and saved). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A source range of a chart, by sheet id and coordinates (1-based). */
export interface ChartRangeRef {
  sheetId: number;
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

/** One embedded chart, JSON-safe: what a sheet's snapshot holds in `charts`. */
export interface ChartSnapshot {
  chartId: number;
  chartType: string;
  ranges: ChartRangeRef[];
  /** The anchor cell (1-based) and the pixel offsets from it [ECB setPosition]. */
  position: { anchorRow: number; anchorColumn: number; offsetX: number; offsetY: number };
  options: Record<string, JsonValue>;
  numHeaders: number;
  transpose: boolean;
  mergeStrategy: string;
  hiddenDimensionStrategy: string;
}

/** A chart being built or already built; `chartId` is null until the chart is inserted. */
type ChartSpec = Omit<ChartSnapshot, 'chartId' | 'chartType'> & { chartId: number | null; chartType: string | null };

/** A deep, JSON-safe copy (also used to load and save snapshots). */
export function copyChart<T extends ChartSpec | ChartSnapshot>(spec: T): T {
  return JSON.parse(JSON.stringify(spec)) as T;
}

function newSpec(): ChartSpec {
  return {
    chartId: null,
    chartType: null,
    ranges: [],
    position: { anchorRow: 1, anchorColumn: 1, offsetX: 0, offsetY: 0 }, // ⚠ default anchor
    options: {},
    numHeaders: -1, // ⚠ "not set": Sheets infers the headers
    transpose: false,
    mergeStrategy: 'MERGE_COLUMNS', // "Defaults to MERGE_COLUMNS" [ECB]
    hiddenDimensionStrategy: 'IGNORE_ROWS', // "Defaults to IGNORE_ROWS" [ECB]: hidden rows left out, hidden columns kept
  };
}

function isFakeRange(value: unknown): value is FakeRange {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { areaInternal?: unknown }).areaInternal === 'function' &&
    typeof (value as { getSheetInternal?: unknown }).getSheetInternal === 'function'
  );
}

function refOf(range: FakeRange): ChartRangeRef {
  return { sheetId: range.getSheetInternal().state.id, ...range.areaInternal() };
}

function sameRef(a: ChartRangeRef, b: ChartRangeRef): boolean {
  return a.sheetId === b.sheetId && a.row === b.row && a.column === b.column && a.numRows === b.numRows && a.numColumns === b.numColumns;
}

/** The ranges of a chart as FakeRange objects; ranges on deleted sheets are left out ⚠. */
function rangesOf(sheet: FakeSheet, refs: readonly ChartRangeRef[]): FakeRange[] {
  const sheets = sheet.getParentInternal().sheetsInternal();
  const out: FakeRange[] = [];
  for (const ref of refs) {
    const on = sheets.find((s) => s.state.id === ref.sheetId);
    if (on) out.push(on.rangeInternal(ref.row, ref.column, ref.numRows, ref.numColumns));
  }
  return out;
}

function checkInteger(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw appsScriptError(`Invalid argument: ${name} (emulation wording ⚠)`);
  }
  return value;
}

function checkEnum(name: string, value: unknown, allowed: object): string {
  const s = String(value);
  if (!Object.prototype.hasOwnProperty.call(allowed, s)) throw appsScriptError(`Invalid argument: ${name} (emulation wording ⚠)`);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Builder, chart, container info, options
// ---------------------------------------------------------------------------------------------

type OfficialBuilder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
type BuilderMethods =
  | 'addRange' | 'removeRange' | 'clearRanges' | 'getRanges' | 'setChartType' | 'getChartType' | 'setPosition'
  | 'getContainer' | 'setOption' | 'setNumHeaders' | 'setTransposeRowsAndColumns' | 'setMergeStrategy'
  | 'setHiddenDimensionStrategy' | 'build';

/** `Sheet.newChart()` or `EmbeddedChart.modify()` [ECB]. */
export class FakeEmbeddedChartBuilder implements Faked<Pick<OfficialBuilder, BuilderMethods>> {
  private readonly ctx: EmulationContext;
  private readonly spec: ChartSpec;

  /** @internal */
  constructor(
    private readonly sheet: FakeSheet,
    from?: ChartSpec,
  ) {
    this.ctx = sheet.ctx;
    this.spec = from ? copyChart(from) : newSpec();
  }

  private rec(method: string): void {
    this.ctx.ledger.record(`EmbeddedChartBuilder.${method}`);
  }

  addRange(range: FakeRange): FakeEmbeddedChartBuilder {
    this.rec('addRange');
    if (!isFakeRange(range)) throw appsScriptError("The parameters (Object) don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.addRange.");
    this.spec.ranges.push(refOf(range));
    return this;
  }

  /** Removes every source range with the same sheet and coordinates; others stay (⚠ no error when absent). */
  removeRange(range: FakeRange): FakeEmbeddedChartBuilder {
    this.rec('removeRange');
    if (!isFakeRange(range)) throw appsScriptError("The parameters (Object) don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.removeRange.");
    const ref = refOf(range);
    this.spec.ranges = this.spec.ranges.filter((r) => !sameRef(r, ref));
    return this;
  }

  clearRanges(): FakeEmbeddedChartBuilder {
    this.rec('clearRanges');
    this.spec.ranges = [];
    return this;
  }

  getRanges(): FakeRange[] {
    this.rec('getRanges');
    return rangesOf(this.sheet, this.spec.ranges);
  }

  setChartType(type: GoogleAppsScript.Charts.ChartType): FakeEmbeddedChartBuilder {
    this.rec('setChartType');
    this.spec.chartType = checkEnum('type', type, CHART_TYPE);
    return this;
  }

  /** The type set so far; null before setChartType (⚠ Apps Script's value then is unconfirmed). */
  getChartType(): GoogleAppsScript.Charts.ChartType {
    this.rec('getChartType');
    return this.spec.chartType as unknown as GoogleAppsScript.Charts.ChartType;
  }

  /** Anchors the chart's top-left corner at a cell (1-based) plus pixel offsets [ECB]. */
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): FakeEmbeddedChartBuilder {
    this.rec('setPosition');
    this.spec.position = {
      anchorRow: checkInteger('anchorRowPos', anchorRowPos, 1),
      anchorColumn: checkInteger('anchorColPos', anchorColPos, 1),
      offsetX: checkInteger('offsetX', offsetX, 0),
      offsetY: checkInteger('offsetY', offsetY, 0),
    };
    return this;
  }

  getContainer(): FakeContainerInfo {
    this.rec('getContainer');
    return new FakeContainerInfo(this.ctx, { ...this.spec.position });
  }

  /**
   * Sets a chart option ('title', 'legend.position', 'vAxis.viewWindow.min', …). The value is kept
   * as JSON (⚠ a Date becomes its ISO string, functions are dropped); undefined removes it.
   */
  setOption(option: string, value: any): FakeEmbeddedChartBuilder {
    this.rec('setOption');
    if (typeof option !== 'string' || option === '') throw appsScriptError('Invalid argument: option (emulation wording ⚠)');
    if (value === undefined) delete this.spec.options[option];
    else this.spec.options[option] = JSON.parse(JSON.stringify(value)) as JsonValue;
    return this;
  }

  setNumHeaders(headers: number): FakeEmbeddedChartBuilder {
    this.rec('setNumHeaders');
    this.spec.numHeaders = checkInteger('headers', headers, -1);
    return this;
  }

  setTransposeRowsAndColumns(transpose: boolean): FakeEmbeddedChartBuilder {
    this.rec('setTransposeRowsAndColumns');
    this.spec.transpose = !!transpose;
    return this;
  }

  setMergeStrategy(mergeStrategy: GoogleAppsScript.Charts.ChartMergeStrategy): FakeEmbeddedChartBuilder {
    this.rec('setMergeStrategy');
    this.spec.mergeStrategy = checkEnum('mergeStrategy', mergeStrategy, CHART_MERGE_STRATEGY);
    return this;
  }

  setHiddenDimensionStrategy(strategy: GoogleAppsScript.Charts.ChartHiddenDimensionStrategy): FakeEmbeddedChartBuilder {
    this.rec('setHiddenDimensionStrategy');
    this.spec.hiddenDimensionStrategy = checkEnum('strategy', strategy, CHART_HIDDEN_DIMENSION_STRATEGY);
    return this;
  }

  /**
   * The chart, not yet on any sheet: insert it with Sheet.insertChart (a chart from modify()
   * keeps its id and is saved with Sheet.updateChart) [ECB]. ⚠ Building without a chart type is
   * refused here (Apps Script's behaviour unconfirmed).
   */
  build(): FakeEmbeddedChart {
    this.rec('build');
    if (this.spec.chartType === null) throw appsScriptError('A chart type is required: call setChartType() before build() (emulation wording ⚠).');
    return new FakeEmbeddedChart(this.sheet, copyChart(this.spec));
  }
}

type OfficialChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;
type ChartMethods =
  | 'getChartId' | 'getRanges' | 'getOptions' | 'getContainerInfo' | 'modify' | 'getNumHeaders' | 'getMergeStrategy'
  | 'getHiddenDimensionStrategy' | 'getTransposeRowsAndColumns';

/** A built chart: an immutable value; edit it with modify() then Sheet.updateChart [ECHART]. */
export class FakeEmbeddedChart implements Faked<Pick<OfficialChart, ChartMethods>> {
  private readonly ctx: EmulationContext;

  /** @internal */
  constructor(
    private readonly sheet: FakeSheet,
    /** @internal */ readonly spec: ChartSpec,
  ) {
    this.ctx = sheet.ctx;
  }

  private rec(method: string): void {
    this.ctx.ledger.record(`EmbeddedChart.${method}`);
  }

  /** The id once inserted (unique in the spreadsheet); null for a chart not inserted yet [ECHART]. */
  getChartId(): number | null {
    this.rec('getChartId');
    return this.spec.chartId;
  }

  /**
   * The chart's id as a string, or null before it is inserted. Not in @types/google-apps-script;
   * ⚠ older Apps Script code calls it, and the emulation answers with the chart id's digits.
   */
  getId(): string | null {
    this.rec('getId');
    return this.spec.chartId === null ? null : String(this.spec.chartId);
  }

  getRanges(): FakeRange[] {
    this.rec('getRanges');
    return rangesOf(this.sheet, this.spec.ranges);
  }

  getOptions(): FakeChartOptions {
    this.rec('getOptions');
    return new FakeChartOptions(this.ctx, copyChart(this.spec).options);
  }

  getContainerInfo(): FakeContainerInfo {
    this.rec('getContainerInfo');
    return new FakeContainerInfo(this.ctx, { ...this.spec.position });
  }

  /** A builder holding this chart's settings and id [ECHART modify]. */
  modify(): FakeEmbeddedChartBuilder {
    this.rec('modify');
    return new FakeEmbeddedChartBuilder(this.sheet, this.spec);
  }

  getNumHeaders(): number {
    this.rec('getNumHeaders');
    return this.spec.numHeaders;
  }

  getMergeStrategy(): GoogleAppsScript.Charts.ChartMergeStrategy {
    this.rec('getMergeStrategy');
    return this.spec.mergeStrategy as unknown as GoogleAppsScript.Charts.ChartMergeStrategy;
  }

  getHiddenDimensionStrategy(): GoogleAppsScript.Charts.ChartHiddenDimensionStrategy {
    this.rec('getHiddenDimensionStrategy');
    return this.spec.hiddenDimensionStrategy as unknown as GoogleAppsScript.Charts.ChartHiddenDimensionStrategy;
  }

  getTransposeRowsAndColumns(): boolean {
    this.rec('getTransposeRowsAndColumns');
    return this.spec.transpose;
  }
}

/** Where a chart sits [SS ContainerInfo]: anchor cell (1-based) and pixel offsets. */
export class FakeContainerInfo implements Pick<GoogleAppsScript.Spreadsheet.ContainerInfo, 'getAnchorRow' | 'getAnchorColumn' | 'getOffsetX' | 'getOffsetY'> {
  /** @internal */
  constructor(
    private readonly ctx: EmulationContext,
    private readonly position: ChartSnapshot['position'],
  ) {}

  getAnchorRow(): number {
    this.ctx.ledger.record('ContainerInfo.getAnchorRow');
    return this.position.anchorRow;
  }

  getAnchorColumn(): number {
    this.ctx.ledger.record('ContainerInfo.getAnchorColumn');
    return this.position.anchorColumn;
  }

  getOffsetX(): number {
    this.ctx.ledger.record('ContainerInfo.getOffsetX');
    return this.position.offsetX;
  }

  getOffsetY(): number {
    this.ctx.ledger.record('ContainerInfo.getOffsetY');
    return this.position.offsetY;
  }
}

/** A chart's options, read-only ("These options are immutable." [CHARTS ChartOptions]). */
export class FakeChartOptions implements Pick<GoogleAppsScript.Charts.ChartOptions, 'get'> {
  /** @internal */
  constructor(
    private readonly ctx: EmulationContext,
    private readonly options: Record<string, JsonValue>,
  ) {}

  /** The option's value, a copy; null when it was never set (⚠ unconfirmed). */
  get(option: string): any {
    this.ctx.ledger.record('ChartOptions.get');
    if (!Object.prototype.hasOwnProperty.call(this.options, option)) return null;
    return JSON.parse(JSON.stringify(this.options[option])) as JsonValue;
  }
}

// ---------------------------------------------------------------------------------------------
// The sheet's list (called by FakeSheet, which records the Sheet.* call)
// ---------------------------------------------------------------------------------------------

function chartArg(chart: unknown, method: string): FakeEmbeddedChart {
  if (!(chart instanceof FakeEmbeddedChart)) {
    throw appsScriptError(`The parameters (Object) don't match the method signature for SpreadsheetApp.Sheet.${method}.`);
  }
  return chart;
}

/**
 * Puts a built chart on the sheet with a new id unique in the spreadsheet [ECHART getChartId,
 * ADDCHART]. The chart object passed in gets that id too (⚠: whether the real object learns its
 * id is unconfirmed; this lets removeChart/updateChart take it). A chart whose id is already on
 * this sheet (one from modify()) throws: use updateChart ⚠ wording.
 */
export function insertChartInto(sheet: FakeSheet, charts: ChartSnapshot[], chart: unknown, newId: () => number): void {
  const c = chartArg(chart, 'insertChart');
  if (c.spec.chartId !== null && charts.some((r) => r.chartId === c.spec.chartId)) {
    throw sheet.raise('This chart is already in the sheet; use updateChart to save changes to it (emulation wording ⚠).');
  }
  if (c.spec.chartType === null) throw sheet.raise('A chart type is required (emulation wording ⚠).');
  const id = newId();
  c.spec.chartId = id;
  charts.push(copyChart({ ...c.spec, chartId: id, chartType: c.spec.chartType }));
}

/** Replaces the sheet's chart of the same id [ECB]; an id not on this sheet throws ⚠ wording. */
export function updateChartIn(sheet: FakeSheet, charts: ChartSnapshot[], chart: unknown): void {
  const c = chartArg(chart, 'updateChart');
  const at = c.spec.chartId === null ? -1 : charts.findIndex((r) => r.chartId === c.spec.chartId);
  if (at < 0 || c.spec.chartType === null) throw sheet.raise('The chart is not in this sheet (emulation wording ⚠).');
  charts[at] = copyChart({ ...c.spec, chartId: charts[at].chartId, chartType: c.spec.chartType });
}

/** Removes the sheet's chart of the same id; an id not on this sheet throws ⚠ wording. */
export function removeChartFrom(sheet: FakeSheet, charts: ChartSnapshot[], chart: unknown): void {
  const c = chartArg(chart, 'removeChart');
  const at = c.spec.chartId === null ? -1 : charts.findIndex((r) => r.chartId === c.spec.chartId);
  if (at < 0) throw sheet.raise('The chart is not in this sheet (emulation wording ⚠).');
  charts.splice(at, 1);
}

/** The sheet's charts as new chart objects, in insertion order. */
export function chartsOf(sheet: FakeSheet, charts: readonly ChartSnapshot[]): FakeEmbeddedChart[] {
  return charts.map((r) => new FakeEmbeddedChart(sheet, copyChart(r)));
}
