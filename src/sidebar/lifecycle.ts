// The lifecycle cards (issue 11): "Organizer" (who runs the program, whose calendar sends its
// invitations, and "Take over" for another editor, with a confirm step) and "This cycle" ("Apply
// roster changes now", "Cancel this cycle" with a confirm step, the latest Log entries). Every
// text from the server or the sheet goes in as text (dom.ts h() never sets HTML).
import type { LogEntryView, OrganizerView, RosterChangesResult } from '../shared/api';
import { h, userText } from './dom';
import type { CardId } from './errors';
import { call } from './run';

/** What the cards need from the sidebar around them (main.ts). */
export interface LifecycleHost {
  /** Runs a server action of `card` with the buttons disabled; its failure shows in the card. */
  act(card: CardId, work: () => Promise<void>): Promise<boolean>;
  render(): void;
  say(text: string): void;
  /** True while another action or the booking loop runs. */
  busy(): boolean;
  /** The cycle the Invitations card shows, or null before one is confirmed. */
  cycle(): number | null;
  /** The program's time zone, for the Log's times. */
  timeZone(): string;
  /** Rotations changed: read the booking state again and book what is to book. */
  afterChange(): Promise<void>;
}

type Confirming = 'takeOver' | 'cancel' | null;

export class LifecycleUi {
  organizer: OrganizerView | null = null;
  log: LogEntryView[] = [];
  private confirming: Confirming = null;
  private result: { message: string; notes: string[] } | null = null;

  constructor(private readonly host: LifecycleHost) {}

  /** Who runs the program and the latest Log entries. */
  async load(): Promise<void> {
    this.organizer = await call('getOrganizer');
    this.log = await call('getLatestLog');
  }

  /** False when another person runs the program: the sidebar then books nothing by itself. */
  mayBook(): boolean {
    return this.organizer === null || this.organizer.isYou;
  }

  private button(label: string, onClick: () => void, primary = false, id?: string): HTMLButtonElement {
    const b = h('button', { class: primary ? 'action' : '', type: 'button', onClick, id }, label);
    b.disabled = this.host.busy();
    return b;
  }

  private ask(what: Confirming): void {
    this.confirming = what;
    this.host.render();
  }

  organizerCard(): HTMLElement | null {
    const o = this.organizer;
    if (!o) return null;
    const who = o.organizer || o.you;
    const body: Array<Node | null> = [h('h2', {}, 'Organizer')];
    if (o.isYou) {
      body.push(
        h('p', { class: 'status', id: 'organizer-who' }, h('span', { class: 'badge ok' }, 'You'), ' ', 'run this program: its invitations come from your calendar', o.you ? h('span', {}, ' (', userText(o.you), ')') : null, '.'),
        h('p', { class: 'secondary' }, 'Your hourly run plans, books and keeps the calendars right; another editor can take it over from their sidebar.'),
      );
      return h('section', { class: 'card', id: 'organizer' }, ...body);
    }
    body.push(
      h('p', { class: 'status', id: 'organizer-who' }, h('span', { class: 'badge todo' }, 'Another person'), ' ', userText(who), ' runs this program: its invitations come from their calendar.'),
      h('p', { class: 'secondary' }, 'You can still edit the roster and plan; their hourly run books the invitations.'),
    );
    if (this.confirming === 'takeOver') {
      body.push(
        h('p', { class: 'notice', id: 'takeover-confirm' }, 'Take the program over? The meetings still to come are booked again from your calendar, and ', userText(who), '’s are removed by their next hourly run. Meetings already held stay.'),
        h('div', { class: 'buttons' }, this.button('Yes, take over', () => void this.takeOver(), true), this.button('Keep it as it is', () => this.ask(null))),
      );
    } else {
      body.push(h('div', { class: 'buttons' }, this.button('Take over', () => this.ask('takeOver'))));
    }
    return h('section', { class: 'card', id: 'organizer' }, ...body);
  }

  cycleCard(): HTMLElement {
    const cycle = this.host.cycle();
    const body: Array<Node | null> = [h('h2', {}, cycle === null ? 'Running the program' : `Cycle ${cycle}`)];
    body.push(h('p', { class: 'secondary' }, 'Roster changes reach the booked cycle within the hour; apply them now to see what changes.'));
    if (this.result) {
      body.push(h('p', { class: 'status', id: 'lifecycle-result' }, this.result.message));
      if (this.result.notes.length) body.push(h('ul', { class: 'details', id: 'lifecycle-notes' }, ...this.result.notes.map((n) => h('li', {}, n))));
    }
    if (this.confirming === 'cancel' && cycle !== null) {
      body.push(
        h('p', { class: 'notice', id: 'cancel-confirm' }, `Cancel cycle ${cycle}? Its meetings still to come are taken off everyone's calendar; the meetings held stay. This cannot be undone.`),
        h('div', { class: 'buttons' }, this.button(`Yes, cancel cycle ${cycle}`, () => void this.cancel(cycle), true), this.button('Keep the cycle', () => this.ask(null))),
      );
    } else {
      body.push(
        h(
          'div',
          { class: 'buttons' },
          this.button('Apply roster changes now', () => void this.applyChanges()),
          cycle !== null ? this.button('Cancel this cycle', () => this.ask('cancel')) : null,
        ),
      );
    }
    body.push(this.logList());
    return h('section', { class: 'card', id: 'lifecycle' }, ...body);
  }

  private logList(): HTMLElement {
    if (this.log.length === 0) return h('p', { class: 'secondary', id: 'log-empty' }, 'Nothing logged yet: automatic actions and changes to a booked cycle show here.');
    const format = whenFormat(this.host.timeZone());
    return h(
      'details',
      { class: 'log', id: 'log' },
      h('summary', {}, `Latest activity (${this.log.length})`),
      h(
        'ol',
        { class: 'log-entries' },
        ...this.log.map((e) =>
          h(
            'li',
            { class: `log-entry ${e.outcome === 'failed' ? 'failed' : ''}` },
            h('span', { class: 'log-when' }, e.when ? format(e.when) : ''),
            h('span', { class: 'log-action' }, userText(e.action, 'user'), ' ', h('span', { class: `badge ${e.outcome === 'failed' ? 'bad' : e.outcome === 'ok' ? 'ok' : 'todo'}` }, e.outcome)),
            h('span', { class: 'log-detail' }, e.detail),
          ),
        ),
      ),
    );
  }

  private async refreshLog(): Promise<void> {
    this.log = await call('getLatestLog');
  }

  private takeOver(): Promise<boolean> {
    this.host.say('');
    this.confirming = null;
    return this.host
      .act('organizer', async () => {
        this.organizer = await call('takeOverProgram');
        this.host.say('You now run this program: the meetings still to come are booked from your calendar.');
        await this.refreshLog();
      })
      .then(async (ok) => {
        if (ok) await this.host.afterChange();
        return ok;
      });
  }

  private applyChanges(): Promise<boolean> {
    this.host.say('');
    this.result = null;
    return this.host
      .act('lifecycle', async () => {
        const r: RosterChangesResult = await call('applyRosterChanges');
        this.result = { message: r.message, notes: r.notes };
        await this.refreshLog();
      })
      .then(async (ok) => {
        if (ok) await this.host.afterChange();
        return ok;
      });
  }

  private cancel(cycle: number): Promise<boolean> {
    this.host.say('');
    this.confirming = null;
    this.result = null;
    return this.host
      .act('lifecycle', async () => {
        const r = await call('cancelRotation', { cycle });
        this.result = { message: r.message, notes: [] };
        await this.refreshLog();
      })
      .then(async (ok) => {
        if (ok) await this.host.afterChange();
        return ok;
      });
  }
}

/** "7 Dec 09:00" in the program's zone (the browser's when the zone is unknown). */
function whenFormat(timeZone: string): (iso: string) => string {
  let f: Intl.DateTimeFormat;
  try {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false });
  } catch {
    f = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false });
  }
  return (iso) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? '' : f.format(d);
  };
}
