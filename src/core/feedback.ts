// One feedback form response → one normalised Feedback row (PRODUCT.md "Feedback"). Pure: the
// response, the roster, the Rotations groups, the settings and the settings' time zone in; one row
// out. The same response (same key, same values) always gives the same row; the caller dedupes by
// the key (`responseKey`: the response's row in the form's responses sheet, with its timestamp).
//
// Nothing is ever dropped: every response gives exactly one row of the 17 FEEDBACK columns, and
// whatever needs a look is named in the Flag column (reasons joined with "; ").
//
// Decisions:
//   - Submitted: the instant, as a Date (the sheet shows it in its date-time format). Every date
//     rule uses the day it is in the settings' time zone (`isoDateInZone`, Intl). An invalid
//     instant leaves Submitted blank, is flagged, and only the code and the given session count.
//   - Respondent: the email the form collected (trimmed, lower-case). Not on the roster: kept,
//     Respondent left blank, flagged "unknown respondent". No email: flagged.
//   - Group from the code (the prefilled link): it must read as a code (`parseGroupCode`), carry
//     this program's tag, and name a group in Rotations (Status "replaced" rows never happened and
//     do not count). A code that fails any of these is flagged with the reason and the group is
//     then found as for a blank code. A code naming a group the respondent is not in is flagged
//     "not a member of C3-01"; the group found from their email and the date is used when there
//     is one (the collected email is verified by Google, a forwarded link is not), else the
//     code's group is kept.
//   - Group from the email and the date (blank or unusable code): the respondent's group whose
//     Starts…Ends contain the date. When a person is in two such groups (someone left mid-cycle
//     and the group was cancelled), a group not "cancelled" is preferred, then the later row.
//     When none contains the date: a group of theirs that ended at most 7 days before (a late
//     answer about the last session: flagged "sent after cycle 3 ended (on …)"), else one that
//     starts at most 7 days after (flagged "sent before cycle 4 started (on …)"), else none
//     (flagged "no group found for … on …"). A blank code in the first days of a new cycle thus
//     counts for the new group: the code in the invitation link is what tells an old session
//     from a new one.
//   - A group whose cycle does not contain the date: after its end by at most 7 days, flagged
//     "sent after cycle 3 ended (on 2027-03-29)"; later than that (an old link), flagged "group
//     C2-03 is from cycle 2, which ended on 2027-02-15"; before its start, "sent before cycle 4
//     started (on …)". The group is recorded all the same.
//   - Cycle: the group's. Without a group: the cycle whose groups contain the date, else the
//     settings' cycle for the date when a first meeting date is set, else blank.
//   - Session: the number chosen (also "Session 3", "#3"). Outside 1…meetings per cycle: kept as
//     given and flagged. Not a number: taken from the date and flagged. Blank: taken from the date:
//     the most recent meeting date on or before the submission day in the group's cycle (meeting
//     dates: the cycle's start, then every cadence), session 1 before the first meeting, the last
//     session after the last one.
//   - Partners: the group's other members by roster name (the email when not on the roster),
//     joined with ", "; every member when the respondent is not one of them.
//   - Met: Yes / Rescheduled / No in any case (surrounding spaces and a final full stop aside).
//     Anything else is kept as written and flagged; blank is flagged (the question is required).
//   - Ratings: a whole number 1–5, else a blank cell (never 0). Text that is not 1–5 leaves the
//     cell blank and is quoted in the flag. Met Yes or Rescheduled with a rating missing: flagged
//     "no rating for Coaching". Met No with ratings: the ratings are kept (the dashboard averages
//     what the sheet holds; the owner may clear them) and flagged "did not meet, but gave ratings".
//   - Pairing (the end-of-cycle rating, optional): a whole number 1–5, else blank and quoted in the
//     flag; kept whatever the session (the Dashboard counts last-session responses only).
//   - Next cycle (optional): the answer as written, as text; what it does to the Roster is
//     app/steering.ts's (core/steering.ts), not a flag here.
//   - Texts (every text cell: answers, names, flag, key) are trimmed and stored so Sheets never
//     reads them as a formula: the Feedback text columns are plain text ('@'), and also a text
//     starting with =, +, - or @ (or with an apostrophe, which Sheets would otherwise swallow) gets
//     a leading apostrophe, which forces text in Sheets and is not shown. A text longer than a
//     cell's 50,000 characters is cut and ends with a visible marker "… [cut: 12,345 more
//     characters; the full answer is in Form Responses 1 row 42]"; the cell, apostrophe and marker
//     included, is never longer than 50,000 characters.
import { addDays, daysBetween, isIsoDate, isoDateInZone } from './dates';
import { FEEDBACK_FORM, GOALS, MET_CHOICES, parseGroupCode, programTag, type GoalKey, type QuestionKey } from './feedback-form';
import { normaliseEmail, type Person } from './people';
import { FEEDBACK, ROTATIONS, matchHeaders, normaliseHeader } from './schema';
import { cadenceWeeks, cycleDates, cycleForDate, meetingsPerCycle, type Settings } from './settings';
import { cycleMeetingPlan, type CycleShape } from './cycle-dates';

// ---- Types -----------------------------------------------------------------------------------------

/** One Rotations row as feedback and the dashboard need it. */
export interface RotationGroup {
  cycle: number;
  /** Like C3-01. */
  groupId: string;
  /** Normalised emails (2 or 3). */
  members: readonly string[];
  /** 'YYYY-MM-DD': the cycle's first meeting. */
  starts: string;
  /** 'YYYY-MM-DD': the cycle's last day. */
  ends: string;
  /** The Rotations Status: planned, scheduled, changed, replaced, cancelled (or blank). */
  status: string;
}

/** One form response as the onFormSubmit trigger delivers it. */
export interface FormResponse {
  /** The Sheets form-submit event's namedValues: question title (and 'Timestamp', 'Email Address') → answers. */
  namedValues: Readonly<Record<string, readonly string[] | string>>;
  /**
   * Identifies the response: its row in the form's responses sheet, like `responseKey` makes
   * ('1234567!42@2027-01-12T11:00:00Z'), or a sheet name and row ('Form Responses 1!42').
   */
  key: string;
  /** When it was submitted: a Date or an ISO instant. */
  submittedAt: Date | string;
  /** Where its full answers are (named in a cut text's marker); else read from the key. */
  source?: { sheet: string; row: number } | null;
}

export interface FeedbackContext {
  programId: string;
  /** The roster (valid rows). */
  people: readonly Person[];
  /** The Rotations rows (rows with Status "replaced" are ignored). */
  groups: readonly RotationGroup[];
  /** For meetings per cycle, the cadence, and the cycle of a date when no group gives it. */
  settings: Settings;
  /** The settings' time zone (resolved: the spreadsheet's when the setting is blank). */
  timeZone: string;
}

/** One Feedback row, sheet-ready: texts are escaped and cut, blanks are ''. */
export interface FeedbackRow {
  submitted: Date | '';
  cycle: number | '';
  group: string;
  session: number | '';
  respondent: string;
  email: string;
  partners: string;
  met: string;
  relationship: number | '';
  coaching: number | '';
  accountability: number | '';
  /** The end-of-cycle rating (asked on the last session), 1–5. */
  pairingRating: number | '';
  workedOn: string;
  commitment: string;
  /** The "Next cycle" answer as written (text; app/steering.ts applies it). */
  nextCycle: string;
  flag: string;
  key: string;
}

/** The FEEDBACK column of each field, in FEEDBACK column order. */
export const FEEDBACK_FIELDS: ReadonlyArray<readonly [keyof FeedbackRow, string]> = [
  ['submitted', 'Submitted'],
  ['cycle', 'Cycle'],
  ['group', 'Group'],
  ['session', 'Session'],
  ['respondent', 'Respondent'],
  ['email', 'Email'],
  ['partners', 'Partners'],
  ['met', 'Met'],
  ['relationship', 'Relationship'],
  ['coaching', 'Coaching'],
  ['accountability', 'Accountability'],
  ['pairingRating', 'Pairing'],
  ['workedOn', 'Worked on'],
  ['commitment', 'Commitment'],
  ['nextCycle', 'Next cycle'],
  ['flag', 'Flag'],
  ['key', 'Key'],
];

/** The FEEDBACK headers, in order. */
export const FEEDBACK_HEADERS: readonly string[] = FEEDBACK.columns.map((c) => c.header);

// ---- Text safety -------------------------------------------------------------------------------------

/** The most characters a Sheets cell holds. */
export const CELL_LIMIT = 50_000;
/** Sheets reads a value starting with one of these as a formula (or swallows the apostrophe). */
const NEEDS_APOSTROPHE = /^[=+\-@']/;

/**
 * A response's key: the responses sheet's id (a rename does not change it), the row, and the
 * row's Timestamp to the second ('1234567!42@2027-01-12T11:00:00Z'). Google writes each response
 * into the first free row, so once the owner deletes rows a row number comes back for another
 * response: the timestamp tells the two apart. A Timestamp cell that is not a date leaves the key
 * without it. The key starts with a digit, so the cell keeps it exactly as it is.
 */
export function responseKey(sheetId: number, row: number, timestamp: unknown): string {
  const time = Object.prototype.toString.call(timestamp) === '[object Date]' ? (timestamp as Date).getTime() : NaN;
  if (!Number.isFinite(time)) return `${sheetId}!${row}`;
  return `${sheetId}!${row}@${new Date(Math.round(time / 1000) * 1000).toISOString().replace(/\.000Z$/, 'Z')}`;
}

/** Where a response's full answers are: its row in the form's responses sheet, from a key naming the sheet. */
export function responseSource(key: string): { sheet: string; row: number } | null {
  const m = /^(.+)!\$?[A-Za-z]*\$?(\d+)$/.exec(String(key ?? '').trim());
  if (!m) return null;
  const sheet = m[1].replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
  return sheet.length > 0 && sheet.length <= 200 ? { sheet, row: Number(m[2]) } : null;
}

/**
 * A text as stored in a plain-text cell: trimmed; a leading apostrophe added when it starts with
 * =, +, -, @ or ' (Sheets then keeps it as text and hides the apostrophe); cut with a visible
 * marker when longer than a cell holds, never longer than CELL_LIMIT in all.
 */
export function sheetText(value: unknown, source: { sheet: string; row: number } | null = null): string {
  const text = String(value ?? '').trim();
  const prefix = NEEDS_APOSTROPHE.test(text) ? "'" : '';
  if (prefix.length + text.length <= CELL_LIMIT) return prefix + text;
  const where = source ? `; the full answer is in ${source.sheet} row ${source.row}` : '';
  const marker = (n: number) => `… [cut: ${thousands(n)} more characters${where}]`;
  let keep = CELL_LIMIT - prefix.length - marker(text.length).length;
  const code = text.charCodeAt(keep - 1);
  if (code >= 0xd800 && code <= 0xdbff) keep--; // never split a surrogate pair
  return prefix + text.slice(0, keep) + marker(text.length - keep);
}

/** A text as a person wrote it, from a cell written by `sheetText` (the apostrophe removed). */
export function unescapeSheetText(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value ?? '');
  return text.startsWith("'") ? text.slice(1) : text;
}

function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A short quotation of something a person typed, for a flag. */
function quote(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return `“${t.length > 40 ? `${t.slice(0, 40)}…` : t}”`;
}

// ---- Groups --------------------------------------------------------------------------------------------

/** Days after a cycle's end (and before its start) in which a response still goes to its group. */
export const GRACE_DAYS = 7;

const isLive = (g: RotationGroup) => normaliseHeader(g.status) !== 'replaced';
const isCancelled = (g: RotationGroup) => normaliseHeader(g.status) === 'cancelled';
const hasDates = (g: RotationGroup) => isIsoDate(g.starts) && isIsoDate(g.ends);

/** Of several candidate groups, the one to use: not cancelled first, then the later one in the list. */
function preferred(candidates: readonly RotationGroup[]): RotationGroup | null {
  let best: RotationGroup | null = null;
  for (const g of candidates) if (!best || isCancelled(best) || !isCancelled(g)) best = g;
  return best;
}

/** Groups that count (not replaced), by id (upper case). */
export function groupsById(groups: readonly RotationGroup[]): Map<string, RotationGroup> {
  const byId = new Map<string, RotationGroup[]>();
  for (const g of groups) {
    if (!isLive(g)) continue;
    const id = String(g.groupId).trim().toUpperCase();
    byId.set(id, [...(byId.get(id) ?? []), g]);
  }
  return new Map([...byId].map(([id, list]) => [id, preferred(list) as RotationGroup]));
}

const memberOf = (g: RotationGroup, email: string) => g.members.some((m) => normaliseEmail(m) === email);

/** The respondent's group for a date (see the module comment), or null. */
export function groupForDate(groups: readonly RotationGroup[], email: string, date: string): RotationGroup | null {
  const theirs = groups.filter((g) => isLive(g) && hasDates(g) && memberOf(g, email));
  const current = theirs.filter((g) => g.starts <= date && date <= g.ends);
  if (current.length > 0) return preferred(current);
  const ended = theirs.filter((g) => g.ends < date && daysBetween(g.ends, date) <= GRACE_DAYS);
  if (ended.length > 0) {
    const last = ended.reduce((a, g) => (g.ends > a ? g.ends : a), '');
    return preferred(ended.filter((g) => g.ends === last));
  }
  const coming = theirs.filter((g) => date < g.starts && daysBetween(date, g.starts) <= GRACE_DAYS);
  if (coming.length > 0) {
    const first = coming.reduce((a, g) => (a === '' || g.starts < a ? g.starts : a), '');
    return preferred(coming.filter((g) => g.starts === first));
  }
  return null;
}

/** Why a group's cycle does not contain the date, or null when it does. */
function timingFlag(g: RotationGroup, date: string): string | null {
  if (!hasDates(g)) return null;
  if (date < g.starts) return `sent before cycle ${g.cycle} started (on ${g.starts})`;
  if (date > g.ends) {
    return daysBetween(g.ends, date) <= GRACE_DAYS
      ? `sent after cycle ${g.cycle} ended (on ${g.ends})`
      : `group ${g.groupId} is from cycle ${g.cycle}, which ended on ${g.ends}`;
  }
  return null;
}

/** The cycle a date falls in when no group gives it: from the groups' dates, else the settings. */
function cycleAt(groups: readonly RotationGroup[], settings: Settings, date: string): { cycle: number; starts: string } | null {
  const holding = groups.filter((g) => isLive(g) && hasDates(g) && g.starts <= date && date <= g.ends);
  if (holding.length > 0) {
    const cycle = Math.max(...holding.map((g) => g.cycle));
    const starts = holding.filter((g) => g.cycle === cycle).map((g) => g.starts).sort()[0];
    return { cycle, starts };
  }
  if (settings.firstMeetingDate !== '' && isIsoDate(settings.firstMeetingDate)) {
    const cycle = cycleForDate(settings, date);
    if (cycle >= 1) return { cycle, starts: cycleDates(settings, cycle, date).starts };
  }
  return null;
}

/** The meeting dates of a cycle starting on `starts` ('YYYY-MM-DD'), session 1 first. */
export function sessionDates(starts: string, settings: CycleShape): string[] {
  // The cycle's meetings held: a date in "Skip these dates" is no session (the cycle runs on or shrinks).
  if ((settings.skipDates ?? '').trim() !== '') return cycleMeetingPlan(settings, starts).dates;
  const step = cadenceWeeks(settings.cadence) * 7;
  return Array.from({ length: meetingsPerCycle(settings) }, (_, i) => addDays(starts, i * step));
}

/** The session a date belongs to: the latest meeting on or before it (1 before the first). */
export function sessionForDate(starts: string, date: string, settings: CycleShape): number {
  const dates = sessionDates(starts, settings);
  let session = 1;
  dates.forEach((d, i) => {
    if (d <= date) session = i + 1;
  });
  return session;
}

// ---- Reading the answers ------------------------------------------------------------------------------

type Answers = Record<QuestionKey | 'email', string>;

/** The answers by question key (blank when absent), found by title (case and spaces aside). */
function readAnswers(given: FormResponse['namedValues']): Answers {
  const namedValues = given ?? {};
  const entries = Object.keys(namedValues).map((k) => [normaliseHeader(k), k] as const);
  const lookup = (...titles: string[]): string => {
    for (const title of titles) {
      const exact = Object.prototype.hasOwnProperty.call(namedValues, title) ? title : entries.find(([n]) => n === normaliseHeader(title))?.[1];
      if (exact === undefined) continue;
      const raw = namedValues[exact];
      const list = Array.isArray(raw) ? raw : [raw];
      return list
        .map((v) => String(v ?? '').trim())
        .filter((v) => v !== '')
        .join(', ');
    }
    return '';
  };
  const out = { email: lookup('Email Address', 'Email') } as Answers;
  for (const q of FEEDBACK_FORM.questions) out[q.key] = lookup(q.title);
  return out;
}

function instant(at: Date | string): Date | null {
  const d = at instanceof Date ? new Date(at.getTime()) : typeof at === 'string' && /^\d{4}-\d{2}-\d{2}/.test(at.trim()) ? new Date(at.trim()) : null;
  return d && Number.isFinite(d.getTime()) ? d : null;
}

// ---- The row ------------------------------------------------------------------------------------------

const EXAMPLE_CODE = 'K7QD-C3-01';

/** One response as one Feedback row (see the module comment for every rule). */
export function normaliseResponse(response: FormResponse, context: FeedbackContext): FeedbackRow {
  const flags: string[] = [];
  const source = response.source !== undefined ? response.source : responseSource(response.key);
  const answers = readAnswers(response.namedValues);
  const { settings } = context;
  const meetings = meetingsPerCycle(settings);

  const at = instant(response.submittedAt);
  const date = at ? isoDateInZone(at, context.timeZone) : null;

  // Respondent.
  const email = normaliseEmail(answers.email);
  const names = new Map<string, string>();
  for (const p of context.people) if (!names.has(normaliseEmail(p.email))) names.set(normaliseEmail(p.email), p.name);
  if (email === '') flags.push('no email address (the form did not collect one)');
  else if (!names.has(email)) flags.push('unknown respondent');
  if (!at) flags.push('no valid submission time');

  // Group.
  const live = context.groups.filter(isLive);
  const byId = groupsById(live);
  const own = email !== '' && date ? groupForDate(live, email, date) : null;
  let group: RotationGroup | null = null;
  let fromCode = false;
  const code = answers.groupCode;
  if (code !== '') {
    const parsed = parseGroupCode(code);
    if (!parsed) flags.push(`group code ${quote(code)} is not a code like ${EXAMPLE_CODE}`);
    else if (parsed.programTag !== programTag(context.programId)) flags.push(`group code of another program (${parsed.programTag}-${parsed.groupId})`);
    else {
      const named = byId.get(parsed.groupId);
      if (!named) flags.push(`group ${parsed.groupId} (from the group code) is not in Rotations`);
      else if (email !== '' && !memberOf(named, email)) {
        if (own) flags.push(`not a member of ${named.groupId}; recorded under their own group ${own.groupId}`);
        else {
          flags.push(`not a member of ${named.groupId}`);
          group = named;
          fromCode = true;
        }
      } else {
        group = named;
        fromCode = true;
      }
    }
  }
  if (!fromCode) {
    group = own;
    if (!group && email !== '' && date) flags.push(`no group found for ${email} on ${date}`);
  }
  if (group && date) {
    const timing = timingFlag(group, date);
    if (timing) flags.push(timing);
  }

  // Cycle and session.
  const where = group ? (hasDates(group) ? { cycle: group.cycle, starts: group.starts } : { cycle: group.cycle, starts: '' }) : date ? cycleAt(live, settings, date) : null;
  const derived = where && where.starts !== '' && date ? sessionForDate(where.starts, date, settings) : '';
  let session: number | '' = derived;
  const given = /^(?:session\s*)?#?\s*(\d{1,6})$/i.exec(answers.session);
  if (given) {
    session = Number(given[1]);
    if (session < 1 || session > meetings) flags.push(`session ${session} is not one of 1–${meetings}`);
  } else if (answers.session !== '') {
    flags.push(`session ${quote(answers.session)} is not a number${derived === '' ? '' : '; taken from the date'}`);
  }

  // Met and ratings.
  const metText = answers.met.replace(/\.$/, '').trim();
  const met = MET_CHOICES.find((c) => c.toLowerCase() === metText.toLowerCase());
  if (answers.met === '') flags.push('no answer to “Did you meet?”');
  else if (!met) flags.push(`“Did you meet?” answer ${quote(answers.met)} is not Yes, Rescheduled or No`);
  const ratings = {} as Record<GoalKey, number | ''>;
  for (const g of GOALS) {
    const raw = answers[g.key];
    ratings[g.key] = /^[1-5]$/.test(raw) ? Number(raw) : '';
    if (raw !== '' && ratings[g.key] === '') flags.push(`${g.header} rating ${quote(raw)} is not a whole number from 1 to 5`);
  }
  // The end-of-cycle rating: optional, absent from forms made before it (an older form files as before).
  const pairingRating: number | '' = /^[1-5]$/.test(answers.pairingRating) ? Number(answers.pairingRating) : '';
  if (answers.pairingRating !== '' && pairingRating === '') flags.push(`pairing rating ${quote(answers.pairingRating)} is not a whole number from 1 to 5`);
  const rated = GOALS.filter((g) => ratings[g.key] !== '');
  if (met === 'No' && rated.length > 0) flags.push('did not meet, but gave ratings');
  if ((met === 'Yes' || met === 'Rescheduled') && rated.length < GOALS.length) {
    flags.push(`no rating for ${GOALS.filter((g) => ratings[g.key] === '').map((g) => g.header).join(', ')}`);
  }

  const nameOf = (e: string) => names.get(e) ?? e;
  const partners = group ? group.members.map(normaliseEmail).filter((m) => m !== email).map(nameOf).join(', ') : '';
  const text = (v: string) => sheetText(v, source);
  return {
    submitted: at ?? '',
    cycle: where ? where.cycle : '',
    group: text(group ? group.groupId : ''),
    session,
    respondent: text(names.get(email) ?? ''),
    email: text(email),
    partners: text(partners),
    met: text(met ?? answers.met),
    relationship: ratings.relationship,
    coaching: ratings.coaching,
    accountability: ratings.accountability,
    pairingRating,
    workedOn: text(answers.workedOn),
    commitment: text(answers.commitment),
    nextCycle: text(answers.nextCycle),
    flag: text(flags.join('; ')),
    key: text(response.key),
  };
}

/**
 * The row's cells in FEEDBACK column order; with `columns` (canonical header → 0-based column, as
 * `matchHeaders(headerRow, FEEDBACK).columns` gives for a sheet whose owner moved columns), each
 * value at its column and '' in the others.
 */
export function feedbackRowValues(row: FeedbackRow, columns?: Readonly<Record<string, number>>): Array<Date | string | number> {
  if (!columns) return FEEDBACK_FIELDS.map(([field]) => row[field]);
  const width = Math.max(0, ...Object.values(columns).map((i) => i + 1));
  const out: Array<Date | string | number> = Array.from({ length: width }, () => '');
  for (const [field, header] of FEEDBACK_FIELDS) if (columns[header] !== undefined) out[columns[header]] = row[field];
  return out;
}

// ---- Reading the sheets back --------------------------------------------------------------------------

/** A Feedback row as read back from the sheet: canonical header → the cell's value. */
export type FeedbackRecord = Readonly<Partial<Record<string, unknown>>>;

/** The Feedback sheet's rows (header first) as records by canonical header; blank rows skipped. */
export function readFeedbackRecords(table: ReadonlyArray<readonly unknown[]>): FeedbackRecord[] {
  if (table.length === 0) return [];
  const { columns } = matchHeaders(table[0], FEEDBACK);
  const out: FeedbackRecord[] = [];
  for (let r = 1; r < table.length; r++) {
    const row = table[r];
    if (row.every((c) => c === null || c === undefined || String(c).trim() === '')) continue;
    out.push(Object.fromEntries(Object.entries(columns).map(([header, i]) => [header, row[i] ?? ''])));
  }
  return out;
}

/** A row made by `normaliseResponse` as the record it reads back as. */
export function feedbackRecord(row: FeedbackRow): FeedbackRecord {
  return Object.fromEntries(FEEDBACK_FIELDS.map(([field, header]) => [header, row[field]]));
}

/**
 * The Rotations sheet's rows (header first) as groups. Date cells are read in `spreadsheetTimeZone`
 * (a date cell comes back as the Date of its midnight in the spreadsheet's zone); 'YYYY-MM-DD' text
 * is taken as it is. Rows without a cycle number or group id are skipped; every status is kept.
 */
export function readRotationGroups(table: ReadonlyArray<readonly unknown[]>, spreadsheetTimeZone: string): RotationGroup[] {
  if (table.length === 0) return [];
  const { columns } = matchHeaders(table[0], ROTATIONS);
  const cell = (row: readonly unknown[], header: string) => (columns[header] === undefined ? '' : row[columns[header]]);
  const day = (v: unknown): string => {
    if (v instanceof Date) return Number.isFinite(v.getTime()) ? isoDateInZone(v, spreadsheetTimeZone) : '';
    const t = String(v ?? '').trim().slice(0, 10);
    return isIsoDate(t) ? t : '';
  };
  const out: RotationGroup[] = [];
  for (let r = 1; r < table.length; r++) {
    const row = table[r];
    const cycle = Number(String(cell(row, 'Cycle') ?? '').trim());
    const groupId = unescapeSheetText(cell(row, 'Group')).trim().toUpperCase();
    if (!Number.isSafeInteger(cycle) || cycle < 1 || groupId === '') continue;
    const members = ['Member 1', 'Member 2', 'Member 3'].map((h) => normaliseEmail(cell(row, h))).filter((e) => e !== '');
    out.push({ cycle, groupId, members, starts: day(cell(row, 'Starts')), ends: day(cell(row, 'Ends')), status: String(cell(row, 'Status') ?? '').trim().toLowerCase() });
  }
  return out;
}
