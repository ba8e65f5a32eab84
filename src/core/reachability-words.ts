// The words of reachability: shared windows as a person reads them ("share 14:00–17:00
// Europe/London on Mon–Thu") and why a group cannot meet. Pure.
import { DAY_MINUTES, type SharedWindow } from './reachability-masks';

const DAY_ABBREVIATIONS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** What the group shares, or why it cannot meet, for the preview's reasons and the owner. */
export function overlapSentence(zone: string, f: { minutes: number }, everyWeek: boolean, shared: SharedWindow[], failing: string[], weeks: number, anyOverlap: boolean): string {
  if (everyWeek) return `share ${describeWindows(shared, zone)}`;
  if (!anyOverlap) return 'share no working hour';
  if (failing.length === weeks) return `have no ${f.minutes}-minute slot in common within their working hours`;
  if (failing.length > 0) {
    return `have a ${f.minutes}-minute slot in common only in some weeks: none in the week${failing.length === 1 ? '' : 's'} of ${list(failing)}`;
  }
  return `have no ${f.minutes}-minute weekly slot in common that works in every week (daylight saving moves it)`;
}

/** "14:00–17:00 Europe/London on Mon–Thu and 14:00–15:00 on Fri". */
export function describeWindows(windows: readonly SharedWindow[], zone: string): string {
  const groups = new Map<string, { start: number; end: number; days: number[] }>();
  const mondayFirst = (d: number) => (d + 6) % 7;
  for (const w of [...windows].sort((a, b) => mondayFirst(a.weekday) - mondayFirst(b.weekday) || a.start - b.start)) {
    const key = `${w.start}-${w.end}`;
    const g = groups.get(key) ?? { start: w.start, end: w.end, days: [] };
    if (!g.days.includes(w.weekday)) g.days.push(w.weekday);
    groups.set(key, g);
  }
  return [...groups.values()]
    .map((g, i) => `${clock(g.start)}–${clock(g.end)}${i === 0 ? ` ${zone}` : ''} on ${days(g.days)}`)
    .join(' and ');
}

/** Mon–Thu, Mon, Wed, Fri, Sat–Sun: runs of three or more days as ranges, Monday first. */
function days(list: number[]): string {
  const sorted = [...new Set(list)].map((d) => (d + 6) % 7).sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    const name = (k: number) => DAY_ABBREVIATIONS[(sorted[k] + 1) % 7];
    if (j - i >= 2) parts.push(`${name(i)}–${name(j)}`);
    else for (let k = i; k <= j; k++) parts.push(name(k));
    i = j + 1;
  }
  return parts.join(', ');
}

function clock(minutes: number): string {
  const m = ((minutes % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
