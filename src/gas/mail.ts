// MailApp: the add-on's e-mail (the owner's digest, feedback nudges), sent from the running user's
// account, a trigger's owner in a trigger run. Quotas count recipients (To + Cc + Bcc), not
// messages: 100 a day on a consumer account, 1,500 on Workspace, 50 per message; scope
// script.send_mail. https://developers.google.com/apps-script/reference/mail/mail-app ·
// https://developers.google.com/apps-script/guides/services/quotas

/** One message. Addresses are plain emails. */
export interface MailMessage {
  to: readonly string[];
  subject: string;
  /** The plain-text body (also what clients without HTML show). */
  body: string;
  /** The HTML body; escape any user text in it. */
  htmlBody?: string;
  /** The sender's display name. */
  name?: string;
  replyTo?: string;
  cc?: readonly string[];
  bcc?: readonly string[];
  /** From a no-reply address (Workspace accounts only; ignored on consumer accounts). */
  noReply?: boolean;
}

/** The recipients a message costs against the daily quota. */
export function recipientCount(message: MailMessage): number {
  return message.to.length + (message.cc?.length ?? 0) + (message.bcc?.length ?? 0);
}

/** Sends one message (one MailApp call). Throws MailApp's error when over quota or invalid. */
export function sendMail(message: MailMessage): void {
  const params: GoogleAppsScript.Mail.MailAdvancedParameters = {
    to: message.to.join(','),
    subject: message.subject,
    body: message.body,
  };
  if (message.htmlBody !== undefined) params.htmlBody = message.htmlBody;
  if (message.name !== undefined) params.name = message.name;
  if (message.replyTo !== undefined) params.replyTo = message.replyTo;
  if (message.cc && message.cc.length > 0) params.cc = message.cc.join(',');
  if (message.bcc && message.bcc.length > 0) params.bcc = message.bcc.join(',');
  if (message.noReply) params.noReply = true;
  MailApp.sendEmail(params);
}

/** Recipients the running user may still e-mail today (one MailApp call). */
export function remainingMailQuota(): number {
  return MailApp.getRemainingDailyQuota();
}
