// MailApp emulated: sendEmail (every signature) and getRemainingDailyQuota, with the daily quota
// counted in recipients, the per-message recipient limit, and a log of what was sent, for tests and
// a simulator. Nothing leaves the process. Scope: https://www.googleapis.com/auth/script.send_mail.
//
// Sources:
//   [MAIL]  https://developers.google.com/apps-script/reference/mail/mail-app — sendEmail(recipient,
//           subject, body[, options]), sendEmail(to, replyTo, subject, body), sendEmail(message) with
//           {to, cc, bcc, replyTo, subject, body, htmlBody, name, noReply, attachments, inlineImages};
//           recipients are comma-separated addresses; `noReply` "is only possible for Google
//           Workspace accounts, not Gmail users"; getRemainingDailyQuota "Returns the number of
//           remaining emails a user can send for the rest of the day. Quotas are based on the number
//           of email recipients"; both need the scope script.send_mail.
//   [Q]     https://developers.google.com/apps-script/guides/services/quotas — "Email recipients per
//           day" 100 (consumer) / 1,500 (Workspace); 50 recipients per message; body size 200 KB
//           (consumer) / 400 KB (Workspace); quotas reset 24 hours after the first request; the quota
//           error "Service invoked too many times for one day: email." (listed there as the
//           "Service invoked too many times for one day" family; ⚠ exact wording for email).
//   [EDTRIG] https://developers.google.com/workspace/add-ons/concepts/editor-triggers — Google's own
//           editor add-on example checks getRemainingDailyQuota() > 0 and sends from a trigger.
// ⚠ Wordings from community reports, unconfirmed: "Limit Exceeded: Email Recipients Per Message.",
//   "Limit Exceeded: Email Body Size.", "Invalid email: <address>", "Failed to send email: no
//   recipient". ⚠ A message with more recipients than the quota has left is refused whole here.
import type { EmulationContext } from './context';
import { appsScriptError } from './common';

export const MAIL_ERRORS = {
  dailyQuota: 'Service invoked too many times for one day: email.',
  perMessage: 'Limit Exceeded: Email Recipients Per Message.',
  bodySize: 'Limit Exceeded: Email Body Size.',
  invalidEmail: (address: string) => `Invalid email: ${address}`,
  noRecipient: 'Failed to send email: no recipient',
} as const;

/** Recipients per message [Q]. */
export const MAX_RECIPIENTS_PER_MESSAGE = 50;

export interface MailOptions {
  /** 'consumer' (gmail.com, the default): 100 recipients a day, 200 KB body; 'workspace': 1,500 and 400 KB [Q]. */
  account?: 'consumer' | 'workspace';
  /** Overrides the daily recipient quota (e.g. a trial Workspace account's lower figure). */
  dailyRecipients?: number;
}

/** One message MailApp sent. */
export interface SentMail {
  /** ISO instant (context clock). */
  at: string;
  /** The sending user (the trigger's owner in a trigger run), or the no-reply address. */
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  htmlBody: string | null;
  name: string | null;
  replyTo: string | null;
  noReply: boolean;
}

export interface MailSnapshot {
  version: 1;
  sent: SentMail[];
  /** Per user: when the current 24 h window started, and recipients counted in it. */
  quota: Record<string, { windowStart: string; used: number }>;
}

type Params = GoogleAppsScript.Mail.MailAdvancedParameters;

const MS_PER_DAY = 86_400_000;
const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;

/** `MailApp`: sends into {@link FakeMailApp.sent}; each call recorded in the ledger. */
export class FakeMailApp implements Pick<GoogleAppsScript.Mail.MailApp, 'sendEmail' | 'getRemainingDailyQuota'> {
  private log: SentMail[] = [];
  private quota = new Map<string, { windowStart: number; used: number }>();
  private readonly limit: number;
  private readonly bodyLimit: number;
  private readonly workspace: boolean;

  constructor(
    private readonly ctx: EmulationContext,
    snapshot?: MailSnapshot,
    options: MailOptions = {},
  ) {
    this.workspace = options.account === 'workspace';
    this.limit = options.dailyRecipients ?? (this.workspace ? 1500 : 100);
    this.bodyLimit = (this.workspace ? 400 : 200) * 1024;
    if (snapshot) {
      if (snapshot.version !== 1) throw new Error(`Unknown mail snapshot version ${String(snapshot.version)}`);
      this.log = JSON.parse(JSON.stringify(snapshot.sent)) as SentMail[];
      for (const [user, q] of Object.entries(snapshot.quota)) this.quota.set(user, { windowStart: Date.parse(q.windowStart), used: q.used });
    }
  }

  /** Recipients the running user may still send to in the current 24 h window [MAIL][Q]. */
  getRemainingDailyQuota(): number {
    this.ctx.ledger.record('MailApp.getRemainingDailyQuota');
    return Math.max(0, this.limit - this.window().used);
  }

  sendEmail(message: Params): void;
  sendEmail(recipient: string, subject: string, body: string): void;
  sendEmail(recipient: string, subject: string, body: string, options: Params): void;
  sendEmail(to: string, replyTo: string, subject: string, body: string): void;
  sendEmail(a: string | Params, b?: string, c?: string, d?: string | Params): void {
    this.ctx.ledger.record('MailApp.sendEmail');
    let p: Params;
    if (typeof a === 'object' && a !== null) p = { ...a };
    else if (typeof d === 'string') p = { to: String(a), replyTo: b, subject: c ?? '', body: d };
    else p = { ...((d as Params | undefined) ?? {}), to: String(a), subject: b ?? '', body: c ?? '' };
    for (const k of ['attachments', 'inlineImages'] as const) {
      if (p[k] !== undefined) throw new Error(`FakeMailApp: ${k} is not emulated`);
    }
    const to = addresses(p.to);
    const cc = addresses(p.cc);
    const bcc = addresses(p.bcc);
    const all = [...to, ...cc, ...bcc];
    if (all.length === 0) throw appsScriptError(MAIL_ERRORS.noRecipient);
    for (const address of all) if (!EMAIL.test(address)) throw appsScriptError(MAIL_ERRORS.invalidEmail(address));
    if (p.replyTo && !EMAIL.test(bareAddress(p.replyTo))) throw appsScriptError(MAIL_ERRORS.invalidEmail(p.replyTo));
    if (all.length > MAX_RECIPIENTS_PER_MESSAGE) throw appsScriptError(MAIL_ERRORS.perMessage);
    const body = p.body === undefined || p.body === null ? '' : String(p.body);
    const htmlBody = typeof p.htmlBody === 'string' ? p.htmlBody : null;
    if (Buffer.byteLength(body, 'utf8') + Buffer.byteLength(htmlBody ?? '', 'utf8') > this.bodyLimit) throw appsScriptError(MAIL_ERRORS.bodySize);
    const win = this.window();
    if (win.used + all.length > this.limit) throw appsScriptError(MAIL_ERRORS.dailyQuota);
    // Accepted: the recipients count against the user's quota [MAIL].
    if (win.used === 0) win.windowStart = this.ctx.now().getTime();
    win.used += all.length;
    this.quota.set(this.user(), win);
    const noReply = p.noReply === true;
    this.log.push({
      at: this.ctx.now().toISOString(),
      from: noReply && this.workspace ? `noreply@${this.user().split('@')[1] ?? 'example.com'}` : this.user(),
      to,
      cc,
      bcc,
      subject: p.subject === undefined || p.subject === null ? '' : String(p.subject),
      body,
      htmlBody,
      name: typeof p.name === 'string' ? p.name : null,
      replyTo: typeof p.replyTo === 'string' && p.replyTo !== '' ? p.replyTo : null,
      noReply,
    });
  }

  /** Every message sent, oldest first (a copy; not a service call). */
  sent(): SentMail[] {
    return JSON.parse(JSON.stringify(this.log)) as SentMail[];
  }

  /** A JSON-safe copy for the workspace snapshot. */
  toJSON(): MailSnapshot {
    const quota: MailSnapshot['quota'] = {};
    for (const [user, q] of this.quota) quota[user] = { windowStart: new Date(q.windowStart).toISOString(), used: q.used };
    return { version: 1, sent: this.sent(), quota };
  }

  private user(): string {
    return this.ctx.userEmail.trim().toLowerCase();
  }

  /** The running user's window, reset 24 h after its first send [Q]. */
  private window(): { windowStart: number; used: number } {
    const now = this.ctx.now().getTime();
    const q = this.quota.get(this.user());
    if (!q || now - q.windowStart >= MS_PER_DAY) return { windowStart: now, used: 0 };
    return { ...q };
  }
}

/** "a@x.com, B <b@y.com>" → ['a@x.com', 'b@y.com'] (lower case). */
function addresses(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return String(value)
    .split(',')
    .map((s) => bareAddress(s).toLowerCase())
    .filter((s) => s !== '');
}

function bareAddress(s: string): string {
  const m = /<([^>]*)>/.exec(s);
  return (m ? m[1] : s).trim();
}
