// A participant answering the feedback form in the simulation: they open the prefilled link of
// their latest meeting that started before now (the link is in the invitation's description) and
// submit, answering "Next cycle" when the event says (in, skip, leave). The submission always
// lands; the form's trigger runs as its own execution (it may fail).
import { FEEDBACK_FORM, GOALS } from '../../core/feedback-form';
import { NEXT_CYCLE_CHOICES } from '../../core/steering';
import { normaliseEmail } from '../../core/people';
import type { Workspace } from '../emulation';
import type { SimEvent } from './events';

/** A trigger to run for the submission: its handler and the event's plain and live parts. */
export interface FeedbackDelivery {
  handler: string;
  plain: object;
  live: object;
}

const title = (key: string): string => FEEDBACK_FORM.questions.find((q) => q.key === key)?.title ?? key;

/** The prefilled link in an invitation's description, with its `entry.N` answers. */
export function prefilledLink(description: string): { publishedId: string; answers: Record<string, string> } | null {
  const text = description.replace(/&amp;/g, '&');
  const m = /https?:\/\/[^\s"'<>]*\/forms\/d\/e\/([A-Za-z0-9_-]+)\/viewform\?([^\s"'<>]*)/.exec(text);
  if (!m) return null;
  const answers: Record<string, string> = {};
  for (const part of m[2].split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = decodeURIComponent(part.slice(0, eq));
    const entry = /^entry\.(\d+)$/.exec(key);
    if (entry) answers[entry[1]] = decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
  }
  return { publishedId: m[1], answers };
}

/**
 * Submits `e` as `e.email` at `nowMs`. Returns the trigger deliveries to run, or a sentence saying
 * why the person could not answer (no meeting yet, no link in it, the form refused).
 */
export function feedbackSubmission(ws: Workspace, e: Extract<SimEvent, { do: 'feedback' }>, nowMs: number): FeedbackDelivery[] | string {
  const email = normaliseEmail(e.email);
  let latest: { at: number; description: string } | null = null;
  for (const entry of ws.ledger.untracked(() => ws.calendar.eventsOn(email))) {
    const guest = (entry.event.attendees ?? []).some((a) => normaliseEmail(a.email ?? '') === email);
    if (!guest) continue;
    for (const o of entry.occurrences) {
      const at = Date.parse(o.start);
      if (at <= nowMs && (!latest || at > latest.at)) latest = { at, description: entry.event.description ?? '' };
    }
  }
  if (!latest) return `${email} has no meeting before ${new Date(nowMs).toISOString()}, so no feedback link to open`;
  const link = prefilledLink(latest.description);
  if (!link) return `${email}'s latest meeting has no feedback link in its description`;
  const form = ws.forms.toJSON().forms.find((f) => f.publishedId === link.publishedId);
  if (!form) return `the feedback link of ${email}'s latest meeting names no form`;
  const met = e.met === true ? 'Yes' : e.met === false ? 'No' : e.met;
  const answers: Record<string, string | number> = { ...link.answers, [title('met')]: met };
  for (const goal of GOALS) {
    const value = e[goal.key];
    if (value !== undefined) answers[goal.title] = value;
  }
  if (e.workedOn !== undefined) answers[title('workedOn')] = e.workedOn;
  if (e.commitment !== undefined) answers[title('commitment')] = e.commitment;
  if (e.nextCycle !== undefined) answers[title('nextCycle')] = NEXT_CYCLE_CHOICES[['in', 'skip', 'leave'].indexOf(e.nextCycle)];
  try {
    const deliveries = ws.forms.respond(form.id, { email, answers, at: new Date(nowMs) });
    return deliveries.map((d) => {
      const { range, source, user, authMode, ...plain } = d.event;
      return { handler: d.handler, plain, live: { range, source, user, authMode } };
    });
  } catch (error) {
    return `the form refused ${email}'s answers: ${(error as Error).message}`;
  }
}
