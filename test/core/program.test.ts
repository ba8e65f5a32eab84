import { PROGRAM_KEYS, currentProgramId, locateSheets, parseSheetIds, resolveIdentity } from '../../src/core/program';
import { PROGRAM_SHEETS } from '../../src/core/schema';

const ids = () => {
  let n = 0;
  return () => `new-${++n}`;
};

describe('resolveIdentity', () => {
  it('makes an id for a spreadsheet without one', () => {
    expect(resolveIdentity({}, 'ss1', ids())).toEqual({ programId: 'new-1', change: 'new' });
  });

  it('keeps the id made for this spreadsheet (or stored before the spreadsheet id was)', () => {
    const stored = { [PROGRAM_KEYS.id]: 'p1', [PROGRAM_KEYS.spreadsheetId]: 'ss1' };
    expect(resolveIdentity(stored, 'ss1', ids())).toEqual({ programId: 'p1', change: 'kept' });
    expect(resolveIdentity({ [PROGRAM_KEYS.id]: 'p1' }, 'ss1', ids())).toEqual({ programId: 'p1', change: 'kept' });
    expect(currentProgramId(stored, 'ss1')).toBe('p1');
  });

  it('gives a copy (the id was made for another spreadsheet) a new id', () => {
    const stored = { [PROGRAM_KEYS.id]: 'p1', [PROGRAM_KEYS.spreadsheetId]: 'ss1' };
    expect(resolveIdentity(stored, 'ss2', ids())).toEqual({ programId: 'new-1', change: 'copy' });
    expect(currentProgramId(stored, 'ss2')).toBeNull();
    expect(currentProgramId({}, 'ss2')).toBeNull();
  });
});

describe('parseSheetIds', () => {
  it('reads the stored map and ignores anything malformed', () => {
    expect(parseSheetIds('{"Roster":0,"Rotations":123}')).toEqual({ Roster: 0, Rotations: 123 });
    expect(parseSheetIds('{"Roster":"0","Feedback":1.5,"Dashboard":7}')).toEqual({ Dashboard: 7 });
    for (const bad of [undefined, '', 'nope', '[1]', 'null', '3']) expect(parseSheetIds(bad)).toEqual({});
  });
});

describe('locateSheets', () => {
  const [roster, rotations] = PROGRAM_SHEETS;

  it('uses the sheets by name when no ids are stored, and creates the rest', () => {
    const found = locateSheets(PROGRAM_SHEETS, [{ id: 0, name: 'Sheet1' }, { id: 5, name: 'Roster' }], {});
    expect(found).toEqual({
      Roster: { action: 'use', id: 5 },
      Rotations: { action: 'create' },
      Feedback: { action: 'create' },
      Dashboard: { action: 'create' },
    });
  });

  it('finds a renamed sheet by its id and renames it back when the name is free', () => {
    const found = locateSheets([rotations], [{ id: 7, name: 'Pairs 2026' }], { Rotations: 7 });
    expect(found.Rotations).toEqual({ action: 'rename', id: 7, from: 'Pairs 2026' });
  });

  it('leaves both alone when another sheet has taken the name (in any case)', () => {
    const sheets = [{ id: 7, name: 'Pairs 2026' }, { id: 8, name: 'ROTATIONS' }];
    expect(locateSheets([rotations], sheets, { Rotations: 7 }).Rotations).toEqual({ action: 'conflict', id: 7, from: 'Pairs 2026' });
  });

  it('falls back to the name when the remembered sheet was deleted, and creates it when neither exists', () => {
    expect(locateSheets([roster], [{ id: 9, name: 'Roster' }], { Roster: 3 }).Roster).toEqual({ action: 'use', id: 9 });
    expect(locateSheets([roster], [{ id: 9, name: 'People' }], { Roster: 3 }).Roster).toEqual({ action: 'create' });
  });

  it('adopts a name differing only in case or spaces, to be renamed', () => {
    expect(locateSheets([roster], [{ id: 9, name: ' roster' }], {}).Roster).toEqual({ action: 'rename', id: 9, from: ' roster' });
  });

  it('never gives one sheet to two program sheets', () => {
    const found = locateSheets(PROGRAM_SHEETS, [{ id: 4, name: 'Roster' }], { Roster: 4, Rotations: 4 });
    expect(found.Roster).toEqual({ action: 'use', id: 4 });
    expect(found.Rotations).toEqual({ action: 'create' });
  });

  it('matches ids before names: a sheet renamed to another program sheet\'s name still serves its own', () => {
    // Feedback (id 8) was renamed "Rotations" after the real Rotations (id 7) was deleted.
    const found = locateSheets(PROGRAM_SHEETS, [{ id: 4, name: 'Roster' }, { id: 8, name: 'Rotations' }], { Roster: 4, Rotations: 7, Feedback: 8 });
    expect(found.Rotations).toEqual({ action: 'create' });
    expect(found.Feedback).toEqual({ action: 'rename', id: 8, from: 'Rotations' });
  });

  it('reports two sheets that swapped names as conflicts, touching neither', () => {
    const found = locateSheets(PROGRAM_SHEETS, [{ id: 7, name: 'Feedback' }, { id: 8, name: 'Rotations' }], { Rotations: 7, Feedback: 8 });
    expect(found.Rotations).toEqual({ action: 'conflict', id: 7, from: 'Feedback' });
    expect(found.Feedback).toEqual({ action: 'conflict', id: 8, from: 'Rotations' });
  });
});

