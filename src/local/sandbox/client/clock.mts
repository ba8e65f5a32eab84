// The simulated clock on the host page: the date and time (in the spreadsheet's zone), the buttons
// that move it on (POST /api/clock, asked again while a long move goes on, with its progress in
// the status line), and the footer's report of the latest move. Time only moves forward: there is
// no button back (its tooltip says why).
import type { ClockResponse, ClockStep, ClockView, MoveReport } from '../clock-types';
import { $, el, post, toast } from './kit.mjs';

const shown = $<HTMLTimeElement>('clock-now');
const buttons = Array.from(document.querySelectorAll<HTMLButtonElement>('#clock button[data-by]'));
const status = $('status');
const progress = $<HTMLProgressElement>('clock-progress');

let moving = false;
let nextCycleOpen = false;
let zone = 'UTC';
let afterMove: () => Promise<void> = async () => {};

/** Wires the buttons; `refresh` redraws the page once a move is over. */
export function initClock(refresh: () => Promise<void>): void {
  afterMove = refresh;
  for (const button of buttons) {
    button.addEventListener('click', () => void move(button.dataset.by as ClockStep));
  }
}

function enable(): void {
  for (const button of buttons) button.disabled = moving || (button.dataset.by === 'cycle' && !nextCycleOpen);
}

export function drawClock(view: ClockView): void {
  zone = view.timeZone;
  shown.textContent = view.text;
  shown.dateTime = view.now;
  shown.title =
    `The sandbox's simulated date and time, in the spreadsheet's time zone (${view.timeZone}). ` +
    'The add-on reads it: new Date(), timestamps, when the hourly tick runs. It stands still between actions ' +
    '(it runs only while the add-on runs); the buttons move it on. There is no way back: time never runs ' +
    "backwards on Google, and what the add-on recorded (timestamps, what its tick already did) relies on it. " +
    'To start again from today, restart the sandbox with npm start -- --reset.';
  const cycle = buttons.find((b) => b.dataset.by === 'cycle');
  if (cycle) cycle.title = view.nextCycle.title;
  nextCycleOpen = view.nextCycle.to !== null;
  enable();
}

/** Draws the latest move in the status line; false when there is none to show (the last call is shown instead). */
export function drawMoveStatus(report: MoveReport | null): boolean {
  if (moving) return true; // the move under way shows its own progress
  if (!report) return false;
  showMove(report, false);
  return true;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function when(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** "Tue 19 Jan 2027, 14:59" in the spreadsheet's zone, as the server writes the clock. */
function clockText(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')}`;
}

function showMove(m: MoveReport, underWay: boolean): void {
  // The clock as the move has it so far (a refresh after the move draws the server's own words).
  if (underWay) {
    shown.textContent = clockText(m.now);
    shown.dateTime = m.now;
  }
  const where = m.done ? `Moved to ${m.toText}` : underWay ? `Moving to ${m.toText}…` : `Stopped on the way to ${m.toText}`;
  const ran = m.ticks === 0 && m.triggers === 0 ? 'no clock trigger installed: nothing ran' : `${plural(m.ticks, 'tick')} ran, ${m.failed} failed`;
  status.replaceChildren(
    document.createTextNode(`${where} · `),
    el('span', m.failed > 0 ? 'bad' : '', ran),
    document.createTextNode(m.done ? '' : ` · ${m.remaining} to go`),
  );
  status.title = m.failures.map((f) => `${when(f.at)} ${f.function}: ${f.error}`).join('\n');
  progress.hidden = m.done || !underWay;
  progress.max = Math.max(1, m.ticks + m.remaining);
  progress.value = m.ticks;
}

async function move(by: ClockStep): Promise<void> {
  if (moving) return;
  moving = true;
  enable();
  try {
    let answer = await post<ClockResponse>('/api/clock', { by });
    while (answer.ok) {
      showMove(answer.move, true);
      if (answer.move.done) break;
      answer = await post<ClockResponse>('/api/clock', { to: answer.move.to });
    }
    if (!answer.ok) toast(answer.error.message, 'error');
    else if (answer.move.failed > 0) {
      const first = answer.move.failures[0];
      toast(`${answer.move.failed} of ${plural(answer.move.ticks, 'tick')} failed; the first at ${when(first.at)}: ${first.error}`, 'error');
    }
  } catch (error) {
    toast(`The clock could not move: ${error instanceof Error ? error.message : String(error)}`, 'error');
  } finally {
    moving = false;
    progress.hidden = true;
    enable();
    await afterMove();
  }
}
