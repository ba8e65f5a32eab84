// TextFinder on a range and on a sheet: matching on display values, case-insensitive and partial
// by default, the options, findNext/findPrevious/findAll, replacing, errors and the ledger.
import { createContext } from '../../src/local/emulation/context';
import { FakeSpreadsheet, type FakeSheet } from '../../src/local/emulation/spreadsheet';

function world() {
  let n = 0;
  const ctx = createContext({ timeZone: 'Europe/London', now: () => new Date('2026-06-15T12:00:00Z'), uuid: () => `id-${++n}` });
  const ss = FakeSpreadsheet.create(ctx, 'Program');
  const sheet = ss.getSheets()[0];
  sheet.getRange('A1:C4').setValues([
    ['Name', 'Email', 'Team'],
    ['Ana Núñez', 'ana@example.com', 'Platform'],
    ['Bo', 'BO@EXAMPLE.COM', 'platform tools'],
    ['Cy', 'cy@example.org', 'Data'],
  ]);
  return { ctx, ledger: ctx.ledger, ss, sheet };
}

const where = (ranges: Array<{ getA1Notation(): string }>) => ranges.map((r) => r.getA1Notation());

describe('TextFinder', () => {
  it('by default matches part of a cell, whatever the case', () => {
    const { sheet } = world();
    expect(where(sheet.createTextFinder('platform').findAll())).toEqual(['C2', 'C3']);
    expect(where(sheet.createTextFinder('EXAMPLE.COM').findAll())).toEqual(['B2', 'B3']);
  });

  it('matchCase(true) matches the case exactly', () => {
    const { sheet } = world();
    expect(where(sheet.createTextFinder('platform').matchCase(true).findAll())).toEqual(['C3']);
  });

  it('matchEntireCell(true) matches whole cells only, still ignoring case', () => {
    const { sheet } = world();
    expect(where(sheet.createTextFinder('platform').matchEntireCell(true).findAll())).toEqual(['C2']);
    expect(where(sheet.createTextFinder('bo').matchEntireCell(true).findAll())).toEqual(['A3']);
  });

  it('matches what the cell displays, not the stored value', () => {
    const { sheet } = world();
    sheet.getRange('D1').setValue('12/1/2026'); // a date, shown as 12/1/2026
    sheet.getRange('D2').setValue(0.5).setNumberFormat('0%');
    expect(where(sheet.createTextFinder('12/1/2026').findAll())).toEqual(['D1']);
    expect(where(sheet.createTextFinder('50%').findAll())).toEqual(['D2']);
    expect(sheet.createTextFinder('0.5').findAll()).toEqual([]);
  });

  it('a range finder searches only its range; a sheet finder sees later edits', () => {
    const { sheet } = world();
    // C2 'Platform', C3 and C4 'Data' hold an a too, outside the range.
    expect(where(sheet.getRange('A1:B4').createTextFinder('a').findAll())).toEqual(['A1', 'B1', 'A2', 'B2', 'B3', 'B4']);
    const finder = sheet.createTextFinder('zed');
    expect(finder.findAll()).toEqual([]);
    sheet.getRange('E9').setValue('Zed');
    expect(where(finder.findAll())).toEqual(['E9']);
  });

  it('findNext walks the matches row by row, then gives null; findPrevious walks back', () => {
    const { sheet } = world();
    const finder = sheet.createTextFinder('example');
    expect(finder.getCurrentMatch()).toBeNull();
    expect(finder.findNext()?.getA1Notation()).toBe('B2');
    expect(finder.findNext()?.getA1Notation()).toBe('B3');
    expect(finder.getCurrentMatch()?.getA1Notation()).toBe('B3');
    expect(finder.findNext()?.getA1Notation()).toBe('B4');
    expect(finder.findNext()).toBeNull();
    expect(finder.findPrevious()?.getA1Notation()).toBe('B3');
    expect(finder.findPrevious()?.getA1Notation()).toBe('B2');
    expect(finder.findPrevious()).toBeNull();
  });

  it('startFrom starts immediately after the given cell', () => {
    const { sheet } = world();
    const finder = sheet.createTextFinder('example').startFrom(sheet.getRange('B2'));
    expect(finder.findNext()?.getA1Notation()).toBe('B3');
  });

  it('matchFormulaText(true) matches formula text; by default a formula cell matches its display', () => {
    const { sheet } = world();
    sheet.getRange('F1').setFormula('=COUNTIF(C:C,"Platform")');
    expect(sheet.createTextFinder('COUNTIF').findAll()).toEqual([]);
    expect(where(sheet.createTextFinder('COUNTIF').matchFormulaText(true).findAll())).toEqual(['F1']);
  });

  it('useRegularExpression(true) takes a pattern; ignoreDiacritics(true) finds Núñez as Nunez', () => {
    const { sheet } = world();
    expect(where(sheet.createTextFinder('^[a-c]\\w*@example\\.(com|org)$').useRegularExpression(true).findAll())).toEqual(['B2', 'B3', 'B4']);
    expect(where(sheet.createTextFinder('\\.org$').useRegularExpression(true).findAll())).toEqual(['B4']);
    expect(sheet.createTextFinder('Nunez').findAll()).toEqual([]);
    expect(where(sheet.createTextFinder('Nunez').ignoreDiacritics(true).findAll())).toEqual(['A2']);
    // A dot is literal without useRegularExpression.
    expect(sheet.createTextFinder('example.c.m').findAll()).toEqual([]);
  });

  it('replaceAllWith replaces every match, keeps the rest of the text, and counts the cells', () => {
    const { sheet } = world();
    expect(sheet.createTextFinder('example').replaceAllWith('corp')).toBe(3);
    expect(sheet.getRange('B2:B4').getValues()).toEqual([['ana@corp.com'], ['BO@corp.COM'], ['cy@corp.org']]);
    expect(sheet.createTextFinder('Nunez').ignoreDiacritics(true).replaceAllWith('N.')).toBe(1);
    expect(sheet.getRange('A2').getValue()).toBe('Ana N.');
    expect(sheet.createTextFinder('(\\w+)@corp').useRegularExpression(true).replaceAllWith('$1 at corp')).toBe(3);
    expect(sheet.getRange('B2').getValue()).toBe('ana at corp.com');
    expect(sheet.createTextFinder('nothing here').replaceAllWith('x')).toBe(0);
  });

  it('replaceWith replaces the current match only', () => {
    const { sheet } = world();
    const finder = sheet.createTextFinder('platform');
    expect(finder.replaceWith('x')).toBe(0);
    finder.findNext();
    expect(finder.replaceWith('Infra')).toBe(1);
    expect(sheet.getRange('C2:C3').getValues()).toEqual([['Infra'], ['platform tools']]);
  });

  it('refuses empty text and a broken pattern', () => {
    const { sheet } = world();
    expect(() => sheet.createTextFinder('')).toThrow(/Invalid argument: findText/);
    expect(() => sheet.createTextFinder('(').useRegularExpression(true).findAll()).toThrow(/Invalid regular expression/);
  });

  it('records one ledger entry per call and none for its reads', () => {
    const { sheet, ledger } = world();
    ledger.reset();
    const finder = sheet.getRange('A1:C4').createTextFinder('a').matchCase(true);
    finder.findNext();
    finder.findAll();
    expect(ledger.snapshot()).toEqual({
      'Range.createTextFinder': 1,
      'Sheet.getRange': 1,
      'TextFinder.findAll': 1,
      'TextFinder.findNext': 1,
      'TextFinder.matchCase': 1,
    });
    ledger.reset();
    (sheet as FakeSheet).createTextFinder('x').findAll();
    expect(ledger.snapshot()).toEqual({ 'Sheet.createTextFinder': 1, 'TextFinder.findAll': 1 });
  });
});
