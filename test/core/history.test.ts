// readHistory and readCsv on their own: rows, columns, statuses.
import { readCsv } from '../../src/local/planner/csv';
import { readHistory } from '../../src/core/history';

describe('readCsv', () => {
  it('keeps spreadsheet rows: a quoted field with newlines is one row, blank lines are rows', () => {
    const table = readCsv('\uFEFFName,Email\r\n"Ann\r\nLee",a@x.org\r\n\r\n"Bob, Jr",b@x.org\r\n');
    expect(table).toEqual([['Name', 'Email'], ['Ann\r\nLee', 'a@x.org'], [''], ['Bob, Jr', 'b@x.org']]);
  });

  it('reads semicolon- and tab-separated files by their header line', () => {
    expect(readCsv('Name;Email\nAnn;a@x.org\n')).toEqual([['Name', 'Email'], ['Ann', 'a@x.org']]);
    expect(readCsv('Name\tEmail\nAnn\ta@x.org\n')).toEqual([['Name', 'Email'], ['Ann', 'a@x.org']]);
  });

  it('reads a quote inside an unquoted field as text', () => {
    expect(readCsv('Name,Email\nAnn "Annie" Lee,a@x.org\n')[1]).toEqual(['Ann "Annie" Lee', 'a@x.org']);
  });

  it('throws a CsvError with the line for an unclosed quote', () => {
    expect(() => readCsv('a,b\n"x,y\n')).toThrow(expect.objectContaining({ name: 'CsvError', line: 2 }));
  });
});

describe('readHistory', () => {
  it('reads pairs and trios, normalises emails and finds the last cycle', () => {
    const h = readHistory([
      ['member 3', 'CYCLE', 'Member 1', 'Member 2', 'Group'],
      ['', '2', ' A@X.org ', 'b@x.org', '1'],
      ['e@x.org', '3', 'c@x.org', 'd@x.org', '2'],
      ['', '', '', '', ''],
    ]);
    expect(h.problems).toEqual([]);
    expect(h.groups).toEqual([
      { cycle: 2, members: ['a@x.org', 'b@x.org'] },
      { cycle: 3, members: ['c@x.org', 'd@x.org', 'e@x.org'] },
    ]);
    expect(h.lastCycle).toBe(3);
  });

  it('ignores replaced groups and counts every other status', () => {
    const h = readHistory([
      ['Cycle', 'Member 1', 'Member 2', 'Status'],
      ['1', 'a@x.org', 'b@x.org', 'REPLACED'],
      ['1', 'a@x.org', 'c@x.org', 'cancelled'],
      ['2', 'a@x.org', 'b@x.org', 'planned'],
      ['3', 'a@x.org', 'd@x.org', 'Scheduled'],
      ['4', 'b@x.org', 'd@x.org', 'changed'],
      ['9', 'not even', 'checked', 'replaced'],
    ]);
    expect(h.problems).toEqual([]);
    expect(h.ignored).toBe(2);
    expect(h.groups.map((g) => g.cycle)).toEqual([1, 2, 3, 4]);
  });

  it('reports an empty file and missing columns on row 1', () => {
    expect(readHistory([]).problems).toEqual([expect.objectContaining({ row: 1, message: expect.stringMatching(/no header row/) })]);
    expect(readHistory([['Cycle', 'Member 1']]).problems).toEqual([
      expect.objectContaining({ row: 1, message: 'no Member 2 column in the header' }),
    ]);
  });
});
