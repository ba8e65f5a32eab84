// The MailApp adapter (src/gas/mail.ts) against the emulation: one call per send, every field
// passed through, the quota counted in recipients.
import { recipientCount, remainingMailQuota, sendMail } from '../../src/gas/mail';
import { useWorkspace } from '../support/workspace';

describe('sendMail', () => {
  it('sends one message in one call, with every field', () => {
    const ws = useWorkspace();
    sendMail({
      to: ['ann@example.com', 'ben@example.com'],
      cc: ['cat@example.com'],
      bcc: ['owner@example.com'],
      subject: 'Week 3',
      body: 'Plain',
      htmlBody: '<p>Plain</p>',
      name: 'Peer coaching',
      replyTo: 'owner@example.com',
    });
    expect(ws.ledger.snapshot()).toEqual({ 'MailApp.sendEmail': 1 });
    expect(ws.mail.sent()).toEqual([
      expect.objectContaining({
        to: ['ann@example.com', 'ben@example.com'],
        cc: ['cat@example.com'],
        bcc: ['owner@example.com'],
        subject: 'Week 3',
        body: 'Plain',
        htmlBody: '<p>Plain</p>',
        name: 'Peer coaching',
        replyTo: 'owner@example.com',
        noReply: false,
      }),
    ]);
  });

  it('counts recipients against the quota, and MailApp refuses past it', () => {
    useWorkspace({ mail: { dailyRecipients: 5 } });
    const message = { to: ['a@example.com', 'b@example.com'], cc: ['c@example.com'], subject: 's', body: 'b' };
    expect(recipientCount(message)).toBe(3);
    expect(remainingMailQuota()).toBe(5);
    sendMail(message);
    expect(remainingMailQuota()).toBe(2);
    expect(() => sendMail(message)).toThrow('Service invoked too many times for one day: email.');
  });
});
