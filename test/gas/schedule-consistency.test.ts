// The calendars always hold what Rotations states (issue 12, defects 1, 5 and 8): the common times
// written to the sheet are the booked ones whatever fails after the inserts; the scheduling record
// keeps only what the running job needs, however many groups were replaced; a Rotations row
// deleted while booking has its series removed (and said so); a series' meetings come from its
// row's Starts and Ends, not from settings changed after the confirm.
import { confirmRotation, planRotation } from '../../src/app/plan';
import { getSchedule } from '../../src/app/schedule';
import { saveSettings } from '../../src/app/settings';
import { MAX_JOB_BYTES, SCHEDULE_JOB_KEY } from '../../src/core/schedule';
import type { Workspace } from '../../src/local/emulation';
import { execution } from '../support/workspace';
import { confirmed, expectCalendarsMatchRotations, rotations, runToEnd, series, step } from './schedule-fixtures';

/** a is busy every Tuesday 10:00–11:00 London for the first weeks of 2027, so the common time is not the preferred one. */
function busyOnTuesdays(ws: Workspace, email: string): void {
  const busy = Array.from({ length: 8 }, (_, i) => {
    const day = new Date(Date.UTC(2027, 0, 5 + 7 * i, 10));
    return { start: day, end: new Date(day.getTime() + 3_600_000) };
  });
  ws.calendar.addPerson(email, { busy });
}

function commonTimeProgram(): Workspace {
  const ws = confirmed({ n: 8, allActive: true, settings: { findCommonTime: true }, people: false });
  const rows = rotations(ws);
  busyOnTuesdays(ws, rows[0]['Member 1']);
  for (const r of rows) for (const m of [r['Member 1'], r['Member 2'], r['Member 3']].filter(Boolean)) if (m !== rows[0]['Member 1']) ws.calendar.addPerson(m);
  return ws;
}

/** Arms a fault on the next sheet write once `after` inserts have been made. */
function failFirstWriteAfterInserts(ws: Workspace, after: number): void {
  const events = ws.globals.Calendar.Events;
  const insert = events.insert.bind(events);
  let made = 0;
  events.insert = ((resource: never, calendarId: string, args?: object) => {
    const created = insert(resource, calendarId, args);
    if (++made === after) ws.ledger.failAt(1, { kind: 'Range.setValues' });
    return created;
  }) as never;
}

const jobBytes = (ws: Workspace) =>
  Buffer.byteLength(ws.ledger.untracked(() => ws.globals.PropertiesService.getDocumentProperties().getProperty(SCHEDULE_JOB_KEY)) ?? '', 'utf8');

describe('defect 1: the Day and time written is the time booked', () => {
  it('common time on, the sheet write after the inserts fails: the re-run states the booked times', () => {
    const ws = commonTimeProgram();
    failFirstWriteAfterInserts(ws, 4);
    expect(() => step(ws)).toThrow();
    ws.ledger.clearFaults();
    expect(series(ws)).toHaveLength(4); // booked, but the sheet write was lost
    runToEnd(ws);
    expect(rotations(ws)[0]['Day and time']).not.toBe('Tue 10:00');
    expectCalendarsMatchRotations(ws);
  });
});

describe('defect 8a: a Rotations row deleted while booking', () => {
  const deleteRow = (ws: Workspace, group: string) =>
    ws.ledger.untracked(() => {
      const sheet = ws.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Rotations')!;
      const at = sheet.getDataRange().getValues().findIndex((r) => r[3] === group);
      sheet.deleteRow(at + 1);
    });

  it('between chunks, after its event was booked: the series is removed from every calendar, and the sidebar says so', () => {
    const ws = confirmed({ n: 8, allActive: true });
    step(ws); // books all four; Meet links pending
    const gone = rotations(ws).find((r) => r.Group === 'C1-02')!;
    deleteRow(ws, 'C1-02');
    const views = runToEnd(ws);
    expectCalendarsMatchRotations(ws);
    expect(series(ws)).toHaveLength(3);
    for (const m of [gone['Member 1'], gone['Member 2']]) expect(ws.calendar.eventsOn(m)).toEqual([]);
    const said = views.flatMap((v) => v.notes).join(' ');
    expect(said).toContain('C1-02');
    expect(said).toMatch(/deleted from Rotations/);
    expect(execution(ws, getSchedule).notes.join(' ')).toContain('C1-02'); // kept in the record, not only shown once
  });

  it('during a chunk, while Calendar is called: the update is dropped and the next run removes the series', () => {
    const ws = confirmed({ n: 8, allActive: true });
    const events = ws.globals.Calendar.Events;
    const insert = events.insert.bind(events);
    let made = 0;
    events.insert = ((resource: never, calendarId: string, args?: object) => {
      const created = insert(resource, calendarId, args);
      if (++made === 2) deleteRow(ws, 'C1-01');
      return created;
    }) as never;
    const first = step(ws);
    expect(first.done).toBe(false);
    runToEnd(ws);
    expectCalendarsMatchRotations(ws);
    expect(series(ws)).toHaveLength(3);
  });
});

describe('a cycle no longer in force', () => {
  it('every row of the booked cycle cancelled: its series leave the calendars, though no cycle is left to schedule', () => {
    const ws = confirmed({ n: 8, allActive: true });
    runToEnd(ws);
    ws.ledger.untracked(() => {
      const sheet = ws.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Rotations')!;
      sheet.getRange(2, 10, 4, 1).setValues([['cancelled'], ['cancelled'], ['cancelled'], ['cancelled']]);
    });
    const views = runToEnd(ws);
    expect(series(ws)).toEqual([]);
    expect(views.flatMap((v) => v.notes).join(' ')).toContain('4 cancelled invitations were removed from calendars.');
    ws.ledger.reset();
    expect(step(ws)).toMatchObject({ cycle: null, done: true });
    expect(ws.ledger.count('Calendar.*')).toBe(0);
  });

  it('a row deleted after its series started: the meetings held stay, the rest are gone', () => {
    // A cycle that started two Tuesdays ago by the real clock (the add-on's "now").
    const today = new Date();
    const back = ((today.getUTCDay() - 2 + 7) % 7) + 14;
    const starts = new Date(today.getTime() - back * 86_400_000).toISOString().slice(0, 10);
    const ws = confirmed({ n: 8, allActive: true, settings: { firstMeetingDate: starts } });
    step(ws);
    const gone = rotations(ws).find((r) => r.Group === 'C1-03')!;
    ws.ledger.untracked(() => ws.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Rotations')!.deleteRow(4));
    runToEnd(ws);
    expectCalendarsMatchRotations(ws);
    const kept = ws.calendar.eventsOn(gone['Member 1']);
    expect(kept).toHaveLength(1);
    expect(kept[0].occurrences.length).toBeGreaterThanOrEqual(2);
    for (const o of kept[0].occurrences) expect(Date.parse(o.start)).toBeLessThanOrEqual(Date.now());
  });
});

describe('defect 8b: the series follows its row, not settings changed after the confirm', () => {
  it('confirmed with 6 weeks, settings changed to 12: 6 meetings, the last in the row\'s last week', () => {
    const ws = confirmed({ n: 4, allActive: true });
    execution(ws, () => saveSettings({ cycleWeeks: 12 }));
    runToEnd(ws);
    expectCalendarsMatchRotations(ws);
    const row = rotations(ws)[0];
    expect(row.Ends).toBe('2027-02-15');
    const e = series(ws).find((x) => x.event.id === row['Event ID'])!;
    expect(e.occurrences).toHaveLength(6);
    expect(e.occurrences[5].start.slice(0, 10)).toBe('2027-02-09');
  });

  it('cadence changed to fortnightly after the confirm: every other week inside the row\'s dates', () => {
    const ws = confirmed({ n: 4, allActive: true });
    execution(ws, () => saveSettings({ cadence: 'fortnightly', cycleWeeks: 8 }));
    runToEnd(ws);
    expectCalendarsMatchRotations(ws, 2);
    expect(series(ws)[0].occurrences).toHaveLength(3);
  });
});

describe('defect 5: the scheduling record keeps only what the running job needs', () => {
  it('after replacing a cycle of 701 groups, scheduling runs to the end and the record stays under its cap', () => {
    const ws = confirmed({ n: 1402, allActive: true, settings: { googleMeet: false } });
    runToEnd(ws, 40);
    const again = execution(ws, () => planRotation({ seed: 'another', replace: true }));
    expect(execution(ws, () => confirmRotation(again)).status).toBe('confirmed');
    let biggest = 0;
    for (let i = 0; i < 60; i++) {
      const v = step(ws);
      biggest = Math.max(biggest, jobBytes(ws));
      expect(v.errors).toEqual([]);
      if (v.done) break;
    }
    expect(execution(ws, getSchedule).done).toBe(true);
    console.log(`701 replaced groups: the scheduling record peaked at ${biggest} bytes (cap ${MAX_JOB_BYTES}), ${jobBytes(ws)} bytes when done`);
    expect(biggest).toBeLessThanOrEqual(MAX_JOB_BYTES);
    expect(jobBytes(ws)).toBeLessThan(1000);
    expectCalendarsMatchRotations(ws);
  });
});
