// Embedded charts: Sheet.newChart() → builder → build → insertChart / getCharts / updateChart /
// removeChart, the Charts enums, errors, the ledger, and charts in the sheet's snapshot.
import { createWorkspace, type Workspace, type WorkspaceSnapshot } from '../../src/local/emulation';
import { FakeEmbeddedChart } from '../../src/local/emulation/charts';

function workspace(snapshot?: WorkspaceSnapshot): Workspace {
  let n = 0;
  return createWorkspace({ now: () => new Date('2026-11-23T09:00:00Z'), uuid: () => `uuid-${++n}`, snapshot });
}

/** A Dashboard sheet with a small table, and a line chart of it inserted. */
function dashboard() {
  const ws = workspace();
  const { Charts } = ws.globals;
  const sheet = ws.spreadsheet.insertSheet('Dashboard');
  sheet.getRange('A1:C4').setValues([
    ['Cycle', 'Response rate', 'Average'],
    [1, 0.5, 3.5],
    [2, 0.75, 4],
    [3, 0.8, 4.2],
  ]);
  const chart = sheet
    .newChart()
    .setChartType(Charts.ChartType.LINE)
    .addRange(sheet.getRange('A1:A4'))
    .addRange(sheet.getRange('C1:C4'))
    .setPosition(2, 5, 10, 20)
    .setOption('title', 'Average per cycle')
    .setOption('vAxis', { viewWindow: { min: 1, max: 5 } })
    .setNumHeaders(1)
    .build();
  return { ws, sheet, chart, Charts };
}

describe('Sheet charts', () => {
  it('a built chart has no id until it is inserted; then getCharts lists it with an id', () => {
    const { sheet, chart } = dashboard();
    expect(chart.getChartId()).toBeNull();
    expect(sheet.getCharts()).toEqual([]);
    sheet.insertChart(chart);
    const [stored] = sheet.getCharts();
    expect(Number.isInteger(stored.getChartId())).toBe(true);
    expect(stored.getChartId()).toBe(chart.getChartId());
    expect(stored.getId()).toBe(String(stored.getChartId()));
  });

  it('keeps the type, ranges, position, options and header count', () => {
    const { sheet, chart } = dashboard();
    sheet.insertChart(chart);
    const [stored] = sheet.getCharts();
    expect(stored.getRanges().map((r) => `${r.getSheet().getName()}!${r.getA1Notation()}`)).toEqual(['Dashboard!A1:A4', 'Dashboard!C1:C4']);
    const info = stored.getContainerInfo();
    expect([info.getAnchorRow(), info.getAnchorColumn(), info.getOffsetX(), info.getOffsetY()]).toEqual([2, 5, 10, 20]);
    expect(stored.getOptions().get('title')).toBe('Average per cycle');
    expect(stored.getOptions().get('vAxis')).toEqual({ viewWindow: { min: 1, max: 5 } });
    expect(stored.getOptions().get('legend')).toBeNull();
    expect(stored.getNumHeaders()).toBe(1);
    expect(stored.getTransposeRowsAndColumns()).toBe(false);
    expect(String(stored.getMergeStrategy())).toBe('MERGE_COLUMNS');
    expect(String(stored.modify().getChartType())).toBe('LINE');
  });

  it('options read back are copies: changing one changes nothing stored', () => {
    const { sheet, chart } = dashboard();
    sheet.insertChart(chart);
    const vAxis = sheet.getCharts()[0].getOptions().get('vAxis') as { viewWindow: { min: number } };
    vAxis.viewWindow.min = 0;
    expect(sheet.getCharts()[0].getOptions().get('vAxis')).toEqual({ viewWindow: { min: 1, max: 5 } });
  });

  it('modify() changes nothing until updateChart saves it, keeping the id', () => {
    const { sheet, chart, Charts } = dashboard();
    sheet.insertChart(chart);
    const [stored] = sheet.getCharts();
    const rebuilt = stored.modify().setOption('title', 'Updated').setChartType(Charts.ChartType.COLUMN).setPosition(1, 1, 0, 0).build();
    expect(sheet.getCharts()[0].getOptions().get('title')).toBe('Average per cycle');
    sheet.updateChart(rebuilt);
    const [after] = sheet.getCharts();
    expect(after.getChartId()).toBe(stored.getChartId());
    expect(after.getOptions().get('title')).toBe('Updated');
    expect(String(after.modify().getChartType())).toBe('COLUMN');
    expect(after.getContainerInfo().getAnchorRow()).toBe(1);
    expect(sheet.getCharts()).toHaveLength(1);
  });

  it('removeRange drops equal ranges only; clearRanges drops all', () => {
    const { sheet } = dashboard();
    const builder = sheet.newChart().addRange(sheet.getRange('A1:A4')).addRange(sheet.getRange('B1:B4'));
    builder.removeRange(sheet.getRange('A1:A4'));
    expect(builder.getRanges().map((r) => r.getA1Notation())).toEqual(['B1:B4']);
    builder.removeRange(sheet.getRange('B1:B3'));
    expect(builder.getRanges().map((r) => r.getA1Notation())).toEqual(['B1:B4']);
    builder.clearRanges();
    expect(builder.getRanges()).toEqual([]);
  });

  it('charts may draw on another sheet\'s ranges; a range on a deleted sheet is left out', () => {
    const { ws, sheet, Charts } = dashboard();
    const data = ws.spreadsheet.insertSheet('Data');
    sheet.insertChart(sheet.newChart().setChartType(Charts.ChartType.PIE).addRange(data.getRange('A1:B3')).addRange(sheet.getRange('A1:A2')).build());
    expect(sheet.getCharts()[0].getRanges().map((r) => r.getSheet().getName())).toEqual(['Data', 'Dashboard']);
    ws.spreadsheet.deleteSheet(data);
    expect(sheet.getCharts()[0].getRanges().map((r) => r.getA1Notation())).toEqual(['A1:A2']);
  });

  it('removeChart removes it; ids stay unique across the spreadsheet\'s charts and sheets', () => {
    const { ws, sheet, chart, Charts } = dashboard();
    sheet.insertChart(chart);
    const other = ws.spreadsheet.insertSheet('Other');
    for (let i = 0; i < 5; i++) other.insertChart(other.newChart().setChartType(Charts.ChartType.BAR).build());
    const ids = [...sheet.getCharts(), ...other.getCharts()].map((c) => c.getChartId());
    const sheetIds = ws.spreadsheet.getSheets().map((s) => s.getSheetId());
    expect(new Set([...ids, ...sheetIds]).size).toBe(ids.length + sheetIds.length);
    sheet.removeChart(sheet.getCharts()[0]);
    expect(sheet.getCharts()).toEqual([]);
    expect(other.getCharts()).toHaveLength(5);
  });

  it("builder defaults as documented: hidden dimension IGNORE_ROWS, merge MERGE_COLUMNS, no transpose (EmbeddedChartBuilder reference)", () => {
    const { sheet, Charts } = dashboard();
    const plain = sheet.newChart().setChartType(Charts.ChartType.LINE).addRange(sheet.getRange('A1:B4')).build();
    expect(String(plain.getHiddenDimensionStrategy())).toBe('IGNORE_ROWS');
    expect(String(plain.getMergeStrategy())).toBe('MERGE_COLUMNS');
    expect(plain.getTransposeRowsAndColumns()).toBe(false);
  });

  it('refuses what Sheets refuses', () => {
    const { sheet, chart } = dashboard();
    expect(() => sheet.newChart().build()).toThrow(/chart type is required/);
    expect(() => sheet.newChart().setPosition(0, 1, 0, 0)).toThrow(/Invalid argument: anchorRowPos/);
    expect(() => sheet.newChart().setPosition(1, 1, -5, 0)).toThrow(/Invalid argument: offsetX/);
    expect(() => sheet.newChart().setChartType('DONUT' as unknown as GoogleAppsScript.Charts.ChartType)).toThrow(/Invalid argument: type/);
    expect(() => sheet.newChart().addRange('A1:B2' as unknown as never)).toThrow(/don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.addRange/);
    expect(() => sheet.updateChart(chart)).toThrow(/not in this sheet/);
    expect(() => sheet.removeChart(chart)).toThrow(/not in this sheet/);
    sheet.insertChart(chart);
    expect(() => sheet.insertChart(sheet.getCharts()[0])).toThrow(/already in the sheet/);
    expect(() => sheet.insertChart({} as FakeEmbeddedChart)).toThrow(/don't match the method signature for SpreadsheetApp.Sheet.insertChart/);
    expect(sheet.getCharts()).toHaveLength(1);
  });

  it('records one ledger entry per call, by class', () => {
    const { ws, sheet, Charts } = dashboard();
    ws.ledger.reset();
    const built = sheet.newChart().setChartType(Charts.ChartType.LINE).addRange(sheet.getRange('A1:A4')).build();
    sheet.insertChart(built);
    sheet.getCharts()[0].getContainerInfo().getAnchorRow();
    expect(ws.ledger.snapshot()).toEqual({
      'ContainerInfo.getAnchorRow': 1,
      'EmbeddedChart.getContainerInfo': 1,
      'EmbeddedChartBuilder.addRange': 1,
      'EmbeddedChartBuilder.build': 1,
      'EmbeddedChartBuilder.setChartType': 1,
      'Sheet.getCharts': 1,
      'Sheet.getRange': 1,
      'Sheet.insertChart': 1,
      'Sheet.newChart': 1,
    });
  });
});

describe('Charts global', () => {
  it('has the ChartType and strategy enums', () => {
    const { Charts } = workspace().globals;
    expect(String(Charts.ChartType.LINE)).toBe('LINE');
    expect(String(Charts.ChartType.COLUMN)).toBe('COLUMN');
    expect(String(Charts.ChartMergeStrategy.MERGE_ROWS)).toBe('MERGE_ROWS');
    expect(String(Charts.ChartHiddenDimensionStrategy.SHOW_BOTH)).toBe('SHOW_BOTH');
    expect(Object.isFrozen(Charts.ChartType)).toBe(true);
  });
});

describe('charts in snapshots', () => {
  it('are saved with their sheet and load back', () => {
    const { ws, sheet, chart } = dashboard();
    sheet.insertChart(chart);
    const snap = ws.snapshot();
    const saved = snap.spreadsheet.sheets.find((s) => s.name === 'Dashboard')!;
    expect(saved.charts).toHaveLength(1);
    expect(saved.charts![0]).toMatchObject({ chartType: 'LINE', options: { title: 'Average per cycle' }, position: { anchorRow: 2, anchorColumn: 5 } });
    const again = workspace(snap);
    const [loaded] = again.spreadsheet.getSheetByName('Dashboard')!.getCharts();
    expect(loaded.getChartId()).toBe(chart.getChartId());
    expect(loaded.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:A4', 'C1:C4']);
    expect(again.snapshot()).toEqual(snap);
  });

  it('a sheet without charts has no charts key, and older snapshots without it load', () => {
    const ws = workspace();
    const snap = ws.snapshot();
    expect('charts' in snap.spreadsheet.sheets[0]).toBe(false);
    const again = workspace(snap);
    expect(again.spreadsheet.getSheets()[0].getCharts()).toEqual([]);
  });
});
