// A Rotations row as scheduling reads it (core/schedule ScheduleRow), for the core scheduling tests.
import type { ScheduleRow } from '../../src/core/schedule';

export const row = (over: Partial<ScheduleRow> = {}): ScheduleRow => ({
  index: 1,
  cycle: 1,
  starts: '2027-01-05',
  ends: '2027-02-15',
  group: 'C1-01',
  members: ['a@x.org', 'b@x.org'],
  dayAndTime: 'Tue 10:00',
  timeZone: 'Europe/London',
  status: 'planned',
  eventId: '',
  meetLink: '',
  notes: '',
  ...over,
});
