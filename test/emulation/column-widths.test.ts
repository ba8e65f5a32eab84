// Sheet.setColumnWidths: several columns' widths in one call.
// https://developers.google.com/apps-script/reference/spreadsheet/sheet#setColumnWidths(Integer,Integer,Integer)
import { createWorkspace } from '../../src/local/emulation';

describe('Sheet.setColumnWidths', () => {
  it('sets each column of the span in one recorded call, leaving the others at 100 px', () => {
    const ws = createWorkspace();
    const sheet = ws.spreadsheet.insertSheet('Widths');
    ws.ledger.reset();
    sheet.setColumnWidths(2, 3, 180);
    expect(ws.ledger.snapshot()).toEqual({ 'Sheet.setColumnWidths': 1 });
    expect([1, 2, 3, 4, 5].map((c) => sheet.getColumnWidth(c))).toEqual([100, 180, 180, 180, 100]);
    expect(ws.snapshot().spreadsheet.sheets[1].columnWidths).toEqual([[2, 180], [3, 180], [4, 180]]);
  });

  it('refuses columns outside the sheet', () => {
    const ws = createWorkspace();
    const sheet = ws.spreadsheet.insertSheet('Widths');
    expect(() => sheet.setColumnWidths(25, 3, 50)).toThrow('Those columns are out of bounds.');
    expect(() => sheet.setColumnWidths(1, 0, 50)).toThrow('Those columns are out of bounds.');
  });
});
