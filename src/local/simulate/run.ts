// `peer-coaching simulate`: a program rehearsed offline. The real build/Code.js runs on the
// in-memory Workspace with a virtual clock. The simulation starts from an empty spreadsheet owned
// by the owner, does what an owner does on day one through the sidebar's server functions (set-up,
// the roster, the settings, the feedback form, plan and confirm cycle 1, the invitations), then
// only moves the clock on, hour by hour, firing the installed clock triggers at their minute and
// applying the events file (roster edits, settings, feedback, sidebar calls) at their times.
//
// Faults (`--faults RATE`): every service call the add-on makes fails with that probability, as
// Apps Script's transient "server error" does; the run goes on as triggers do. The owner's sheet
// edits and a person's form submission always land (the form's trigger may fail). A sidebar action
// that fails is tried again an hour later, as an owner would, up to 24 times.
//
// The clock moves inside an execution too: each service call costs virtual time (CALL_COST_MS),
// so the add-on's own deadlines (chunks, the tick's budget) behave as they would on Google.
import { readFileSync } from 'node:fs';
import { seededRandom } from '../../core/random';
import { localInstant } from '../../core/zones';
import { normaliseEmail } from '../../core/people';
import { createWorkspace, type ChangeType, type Workspace } from '../emulation';
import { dueFirings, VirtualClock } from '../clock';
import type { TriggerSnapshot } from '../emulation/script';
import { AddonHost, type ExecutionRecord } from '../host';
import { type SimEvent } from './events';
import type { CycleCoverage } from '../../core/coverage';
import { isoDateInZone } from '../../core/dates';
import { calendarsOf, coverageResult, sheetsOf, type SimCalendars } from './result';
import { feedbackSubmission } from './feedback';
import { addRosterRow, deleteRosterRow, rosterEmails, setAwayCell, setRosterCell, writeRoster } from './roster-edits';
import { isoWithOffset } from './time';

export const DEFAULT_OWNER = 'owner@example.org';
export const DEFAULT_ZONE = 'Europe/London';
const HOUR = 3_600_000;
/** Tries of a failed sidebar action, an hour apart, before the owner gives up on it. */
export const OWNER_TRIES = 24;
/** Scheduling chunks the sidebar drives after a confirm before it leaves the rest to the tick. */
const SIDEBAR_STEPS = 40;

/** Virtual milliseconds one service call takes (Calendar and mail are slow, the rest quick). */
export function callCostMs(kind: string): number {
  if (kind.startsWith('Calendar.') || kind.startsWith('MailApp.')) return 300;
  return 50;
}

export interface SimulateInput {
  /** The roster as a table: header row first (the Roster sheet's columns, any order). */
  roster: string[][];
  /** 'YYYY-MM-DD': the last day simulated (its whole day, in the settings' zone). */
  until: string;
  /** 'YYYY-MM-DDTHH:MM' in the settings' zone: the start. Default today 08:00 there. */
  now?: string;
  /** Settings as the sidebar saves them. */
  settings?: Record<string, unknown>;
  events?: SimEvent[];
  faults?: { rate: number; seed: number };
  owner?: string;
  /** The bundle (build/Code.js). */
  code: string;
  /** The machine's clock, for the default start. */
  machineNow?: () => Date;
  /**
   * Called every `everyHours` of simulated time (and at the end) with what the calendars and
   * Rotations hold then: for checks "at every week" (tests), not part of result.json.
   */
  observe?: { everyHours: number; see: (at: string, state: { calendars: SimCalendars; rotations: string[][] }) => void };
}

export interface SimulationResult {
  calendars: SimCalendars;
  sheets: Record<string, string[][]>;
  emails: Array<{ at: string; to: string; subject: string; text: string }>;
  /** Relationship coverage per cycle, from the Rotations history at the end (result.ts coverageResult). */
  coverage: CycleCoverage[];
  executions: Array<{ at: string; function: string; ok: boolean; error?: string }>;
  calls: Record<string, number>;
}

/** A sidebar action of the owner's, retried an hour later while it fails. */
interface OwnerTask {
  label: string;
  /** One try: true when done (or nothing more to do), false to try again later. */
  attempt(): boolean;
  due: number;
  tries: number;
}

/** The start instant: `now` read in the zone, or today 08:00 there. */
export function startInstant(now: string | undefined, zone: string, machineNow: Date): number {
  if (now !== undefined) return localInstant(now.slice(0, 10), Number(now.slice(11, 13)) * 60 + Number(now.slice(14, 16)), zone);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(machineNow);
  return localInstant(today, 8 * 60, zone);
}

/** The result file's content, sentences about events that could not happen, and the workspace. */
export interface Simulation {
  result: SimulationResult;
  /** Every execution with its service calls by kind (for benchmarks; not in result.json). */
  records: Array<ExecutionRecord & { at: number }>;
  warnings: string[];
  workspace: Workspace;
}

export function simulate(input: SimulateInput): Simulation {
  const settings = input.settings ?? {};
  const zone = typeof settings.timeZone === 'string' && settings.timeZone !== '' ? settings.timeZone : DEFAULT_ZONE;
  const owner = input.owner ?? DEFAULT_OWNER;
  const clock = new VirtualClock(startInstant(input.now, zone, input.machineNow ? input.machineNow() : new Date()));
  const end = localInstant(addDay(input.until), 0, zone);
  const ws = createWorkspace({
    spreadsheetName: 'Peer coaching program',
    timeZone: zone,
    userEmail: owner,
    now: () => clock.now(),
    uuid: seededUuid(input.faults?.seed ?? 1),
  });
  const people = rosterEmails(input.roster);
  const everyone = new Set(people.map((p) => p.email));
  const warnings: string[] = [];
  for (const email of new Set([owner, ...everyone])) {
    ws.ledger.untracked(() => ws.calendar.addPerson(email));
  }

  const random = input.faults ? seededRandom(input.faults.seed) : null;
  const rate = input.faults?.rate ?? 0;
  const host = new AddonHost(ws, {
    code: input.code,
    now: () => clock.ms,
    onCall: (kind) => {
      clock.ms += callCostMs(kind);
      // Utilities.sleep is a pause in the script's own runtime (the backoff between tries), not a call to a Google service.
      if (random && kind !== 'Utilities.sleep' && random() < rate) throw serviceError(kind);
    },
  });

  const executions: SimulationResult['executions'] = [];
  const records: Simulation['records'] = [];
  const run = (name: string, args: unknown[] = [], event?: { plain: object; live?: object }, trigger?: TriggerSnapshot) => {
    const at = clock.ms;
    const { outcome, record } = trigger ? host.executeTrigger(trigger, at) : event ? host.executeWithEvent(name, event.plain, event.live) : host.execute(name, args);
    executions.push(executionLine(at, zone, record));
    records.push({ ...record, at });
    return outcome;
  };

  // The owner's day one, as sidebar actions in a row; later ones wait for the earlier.
  const tasks: OwnerTask[] = [];
  const enqueue = (label: string, attempt: () => boolean): void => {
    tasks.push({ label, attempt, due: clock.ms, tries: 0 });
  };
  const sidebar = (name: string, args: unknown[] = []): boolean => run(name, args).ok;
  enqueue('setUp', () => sidebar('setUp'));
  enqueue('roster', () => {
    writeRoster(ws, input.roster);
    return true;
  });
  enqueue('saveSettings', () => Object.keys(settings).length === 0 || sidebar('saveSettings', [settings]));
  // The sidebar's Feedback card: the form exists before the first invitations, so they carry links.
  enqueue('createFeedbackForm', () => sidebar('createFeedbackForm'));
  enqueuePlanAndConfirm(enqueue, run, false);

  // The owner's edit fires the spreadsheet's installable change triggers (as their creators).
  const changed = (changeType: ChangeType): void => {
    for (const trigger of ws.globals.ScriptApp.triggersFor('ON_CHANGE')) {
      const at = clock.ms;
      const { record } = host.executeChangeTrigger(trigger, changeType);
      executions.push(executionLine(at, zone, record));
      records.push({ ...record, at });
    }
  };

  const events = [...(input.events ?? [])];
  const handleEvent = (e: SimEvent): void => {
    switch (e.do) {
      case 'status':
        setRosterCell(ws, e.email, 'Status', e.status);
        changed('EDIT');
        break;
      case 'away':
        if (setAwayCell(ws, e.email, e.away)) changed('EDIT');
        else warnings.push(`events line ${e.line}: ${e.email} is not on the Roster, so no Away cell was edited`);
        break;
      case 'add':
        addRosterRow(ws, e);
        everyone.add(normaliseEmail(e.email));
        ws.ledger.untracked(() => {
          if (!ws.calendar.isKnown(e.email)) ws.calendar.addPerson(e.email);
        });
        changed('EDIT');
        break;
      case 'delete':
        deleteRosterRow(ws, e.email);
        changed('REMOVE_ROW');
        break;
      case 'settings':
        enqueue('saveSettings', () => sidebar('saveSettings', [e.settings]));
        break;
      case 'replace':
        enqueuePlanAndConfirm(enqueue, run, true);
        break;
      case 'cancel':
        enqueue('cancelRotation', () => sidebar('cancelRotation'));
        break;
      case 'sidebar':
        enqueue(e.call, () => sidebar(e.call, e.args));
        break;
      case 'feedback': {
        const delivery = feedbackSubmission(ws, e, clock.ms);
        if (typeof delivery === 'string') warnings.push(`events line ${e.line}: ${delivery}`);
        else for (const d of delivery) run(d.handler, [], { plain: d.plain, live: d.live });
        break;
      }
    }
  };

  const runDueTasks = (): void => {
    while (tasks.length > 0 && tasks[0].due <= clock.ms) {
      const task = tasks[0];
      task.tries += 1;
      if (task.attempt()) tasks.shift();
      else if (task.tries >= OWNER_TRIES) tasks.shift(); // the owner gives up; the failures are in executions
      else {
        task.due = clock.ms + HOUR;
        break;
      }
    }
  };

  const observe = (at: number): void => {
    const sheets = sheetsOf(ws, ['Rotations']);
    input.observe!.see(isoWithOffset(at, zone), { calendars: calendarsOf(ws, [...everyone], zone), rotations: sheets.Rotations });
  };

  runDueTasks();
  // Hour by hour: the events of the hour and the triggers at their minute, in time order.
  let hour = Math.floor(clock.ms / HOUR) * HOUR;
  const startHour = hour;
  while (hour < end) {
    const next = hour + HOUR;
    const moments: Array<{ at: number; order: number; go: () => void }> = [];
    for (const e of events) {
      const at = eventInstant(e.at, zone);
      if (at >= hour && at < next) moments.push({ at, order: 0, go: () => handleEvent(e) });
    }
    for (const { at, trigger } of dueFirings(ws.globals.ScriptApp.triggersFor('CLOCK'), hour, next)) {
      moments.push({ at, order: 1, go: () => run(trigger.handler, [], undefined, trigger) });
    }
    if (tasks.length > 0 && tasks[0].due < next) moments.push({ at: Math.max(hour, tasks[0].due), order: 2, go: runDueTasks });
    moments.sort((a, b) => a.at - b.at || a.order - b.order);
    for (const m of moments) {
      if (m.at >= end) break;
      clock.moveTo(m.at);
      m.go();
    }
    clock.moveTo(next);
    hour = next;
    if (input.observe && (hour - startHour) % (input.observe.everyHours * HOUR) === 0) observe(hour);
  }
  if (input.observe) observe(clock.ms);

  return {
    result: {
      calendars: calendarsOf(ws, [...everyone], zone),
      sheets: sheetsOf(ws, ['Roster', 'Rotations', 'Feedback', 'Log']),
      emails: sentEmails(ws, zone),
      coverage: coverageResult(ws, isoDateInZone(new Date(clock.ms), zone)),
      executions,
      calls: host.totalCalls(),
    },
    records,
    warnings,
    workspace: ws,
  };
}

/** Plan (or re-plan, replacing the running cycle) and confirm as proposed, then book. */
function enqueuePlanAndConfirm(
  enqueue: (label: string, attempt: () => boolean) => void,
  run: (name: string, args?: unknown[]) => { ok: boolean; value?: unknown },
  replace: boolean,
): void {
  let preview: unknown = null;
  enqueue(replace ? 'replace' : 'plan', () => {
    // The preview stays in the sidebar: a confirm that failed is confirmed again, not re-planned.
    if (preview === null) {
      const planned = run('planRotation', [replace ? { replace: true } : {}]);
      if (!planned.ok) return false;
      preview = (planned as { value: unknown }).value;
    }
    for (let i = 0; i < 3; i++) {
      const confirmed = run('confirmRotation', [preview]);
      if (!confirmed.ok) return false;
      const value = (confirmed as { value: { status?: string; preview?: unknown } }).value;
      if (value?.status !== 'replanned') return true;
      preview = value.preview; // the roster changed meanwhile: the sidebar shows the new preview
    }
    return true;
  });
  let steps = 0;
  enqueue('scheduleStep', () => {
    while (steps < SIDEBAR_STEPS) {
      steps += 1;
      const step = run('scheduleStep', [{}]);
      if (!step.ok) return false;
      if ((step as { value: { done?: boolean } }).value?.done) return true;
    }
    return true; // the hourly tick continues
  });
}

function addDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function eventInstant(at: string, zone: string): number {
  return localInstant(at.slice(0, 10), Number(at.slice(11, 13)) * 60 + Number(at.slice(14, 16)), zone);
}

function executionLine(at: number, zone: string, record: ExecutionRecord): SimulationResult['executions'][number] {
  return { at: isoWithOffset(at, zone), function: record.function, ok: record.ok, ...(record.error !== undefined ? { error: record.error } : {}) };
}

/** Apps Script's words for a transient failure of a service (what a fault looks like). */
function serviceError(kind: string): Error {
  const error = new Error(`We're sorry, a server error occurred while calling ${kind}. Please wait a bit and try again.`);
  error.name = 'Exception';
  return error;
}

/** Ids from a seeded counter: the same run gives the same spreadsheet, form and trigger ids. */
function seededUuid(seed: number): () => string {
  const next = seededRandom(seed ^ 0x5eed);
  return () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  };
}

/** Emails the add-on sent (MailApp): one entry per message, its recipients in `to` (To, Cc, Bcc). */
function sentEmails(ws: Workspace, zone: string): SimulationResult['emails'] {
  return ws.mail.sent().map((m) => ({ at: isoWithOffset(Date.parse(m.at), zone), to: [...m.to, ...m.cc, ...m.bcc].join(', '), subject: m.subject, text: m.body }));
}

/** Reads a whole file as UTF-8 (the bundle). */
export function readBundle(path: string): string {
  return readFileSync(path, 'utf8');
}
