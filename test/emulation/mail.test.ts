// MailApp emulated (src/local/emulation/mail.ts): the signatures, the recipient-counted daily quota
// on the context clock, the per-message limit, the errors, the sent log, the workspace snapshot.
import { createWorkspace, type Workspace } from '../../src/local/emulation';
import { MAIL_ERRORS } from '../../src/local/emulation/mail';

function workspace(options: Parameters<typeof createWorkspace>[0] = {}) {
  let now = Date.parse('2027-03-01T09:00:00Z');
  const ws = createWorkspace({ userEmail: 'owner@example.com', now: () => new Date(now), ...options });
  return { ws, MailApp: ws.globals.MailApp as unknown as GoogleAppsScript.Mail.MailApp, advance: (ms: number) => (now += ms) };
}

const many = (n: number, domain = 'example.org') => Array.from({ length: n }, (_, i) => `p${i}@${domain}`);

describe('MailApp.sendEmail', () => {
  it('sends with (recipient, subject, body, options) and logs every field', () => {
    const { ws, MailApp } = workspace();
    MailApp.sendEmail('Ann@Example.com, ben@example.com', 'Your pair', 'Hello', {
      htmlBody: '<p>Hello</p>',
      name: 'Peer coaching',
      replyTo: 'owner@example.com',
      cc: 'cc@example.com',
      bcc: 'Hidden <bcc@example.com>',
    });
    expect(ws.mail.sent()).toEqual([
      {
        at: '2027-03-01T09:00:00.000Z',
        from: 'owner@example.com',
        to: ['ann@example.com', 'ben@example.com'],
        cc: ['cc@example.com'],
        bcc: ['bcc@example.com'],
        subject: 'Your pair',
        body: 'Hello',
        htmlBody: '<p>Hello</p>',
        name: 'Peer coaching',
        replyTo: 'owner@example.com',
        noReply: false,
      },
    ]);
  });

  it('sends with the object form and with (to, replyTo, subject, body)', () => {
    const { ws, MailApp } = workspace();
    MailApp.sendEmail({ to: 'ann@example.com', subject: 'Digest', body: 'text', htmlBody: '<b>x</b>', noReply: true });
    MailApp.sendEmail('ben@example.com', 'reply@example.com', 'Nudge', 'Please give feedback');
    const [a, b] = ws.mail.sent();
    expect([a.to, a.subject, a.htmlBody, a.noReply]).toEqual([['ann@example.com'], 'Digest', '<b>x</b>', true]);
    expect([b.to, b.replyTo, b.subject, b.body]).toEqual([['ben@example.com'], 'reply@example.com', 'Nudge', 'Please give feedback']);
  });

  it('noReply sends from a no-reply address only on a Workspace account', () => {
    const consumer = workspace();
    consumer.MailApp.sendEmail({ to: 'a@example.com', subject: 's', body: 'b', noReply: true });
    expect(consumer.ws.mail.sent()[0].from).toBe('owner@example.com');
    const business = workspace({ mail: { account: 'workspace' } });
    business.MailApp.sendEmail({ to: 'a@example.com', subject: 's', body: 'b', noReply: true });
    expect(business.ws.mail.sent()[0].from).toBe('noreply@example.com');
  });

  it('refuses a bad address, no recipient, more than 50 recipients, a body over 200 KB; nothing is sent or counted', () => {
    const { ws, MailApp } = workspace();
    expect(() => MailApp.sendEmail('not-an-address', 's', 'b')).toThrow(MAIL_ERRORS.invalidEmail('not-an-address'));
    expect(() => MailApp.sendEmail('', 's', 'b')).toThrow(MAIL_ERRORS.noRecipient);
    expect(() => MailApp.sendEmail(many(40).join(','), 's', 'b', { cc: many(6, 'cc.org').join(','), bcc: many(5, 'bcc.org').join(',') })).toThrow(
      MAIL_ERRORS.perMessage,
    );
    expect(() => MailApp.sendEmail('a@example.com', 's', 'x'.repeat(200 * 1024 + 1))).toThrow(MAIL_ERRORS.bodySize);
    expect(ws.mail.sent()).toEqual([]);
    expect(MailApp.getRemainingDailyQuota()).toBe(100);
    // 50 exactly is fine.
    MailApp.sendEmail(many(50).join(','), 's', 'b');
    expect(MailApp.getRemainingDailyQuota()).toBe(50);
  });

  it('throws as Apps Script does: name Exception', () => {
    const { MailApp } = workspace();
    try {
      MailApp.sendEmail('nobody', 's', 'b');
      throw new Error('no error');
    } catch (e) {
      expect((e as Error).name).toBe('Exception');
    }
  });
});

describe('MailApp quota', () => {
  it('counts recipients (To + Cc + Bcc), 100 a day on a consumer account', () => {
    const { MailApp } = workspace();
    expect(MailApp.getRemainingDailyQuota()).toBe(100);
    MailApp.sendEmail('a@example.com,b@example.com', 's', 'b', { cc: 'c@example.com', bcc: 'd@example.com' });
    expect(MailApp.getRemainingDailyQuota()).toBe(96);
  });

  it('"Service invoked too many times for one day: email." past the quota, until 24 h after the first send', () => {
    const { ws, MailApp, advance } = workspace();
    MailApp.sendEmail(many(50).join(','), 'first', 'b');
    advance(60 * 60_000);
    MailApp.sendEmail(many(49).join(','), 'second', 'b');
    expect(MailApp.getRemainingDailyQuota()).toBe(1);
    // A message with more recipients than are left is refused whole.
    expect(() => MailApp.sendEmail('x@example.com,y@example.com', 'third', 'b')).toThrow(MAIL_ERRORS.dailyQuota);
    MailApp.sendEmail('x@example.com', 'third', 'b');
    expect(() => MailApp.sendEmail('z@example.com', 'fourth', 'b')).toThrow('Service invoked too many times for one day: email.');
    advance(23 * 60 * 60_000 - 1);
    expect(MailApp.getRemainingDailyQuota()).toBe(0);
    advance(1); // 24 h after the first send
    expect(MailApp.getRemainingDailyQuota()).toBe(100);
    MailApp.sendEmail('z@example.com', 'fourth', 'b');
    expect(ws.mail.sent().map((m) => m.subject)).toEqual(['first', 'second', 'third', 'fourth']);
  });

  it('1,500 a day on a Workspace account, or a figure of the test\'s choosing', () => {
    expect(workspace({ mail: { account: 'workspace' } }).MailApp.getRemainingDailyQuota()).toBe(1500);
    expect(workspace({ mail: { dailyRecipients: 20 } }).MailApp.getRemainingDailyQuota()).toBe(20);
  });

  it('is per user: a trigger owned by another user has its own quota', () => {
    const a = workspace({ userEmail: 'a@example.com' });
    a.MailApp.sendEmail(many(30).join(','), 's', 'b');
    const snapshot = a.ws.snapshot();
    const b = workspace({ userEmail: 'b@example.com', snapshot });
    expect(b.MailApp.getRemainingDailyQuota()).toBe(100);
    const again = workspace({ userEmail: 'a@example.com', snapshot });
    expect(again.MailApp.getRemainingDailyQuota()).toBe(70);
  });
});

describe('MailApp in the workspace', () => {
  it('is a global, records calls in the ledger, and survives a snapshot', () => {
    const { ws, MailApp } = workspace();
    MailApp.getRemainingDailyQuota();
    MailApp.sendEmail('a@example.com', 's', 'b');
    expect(ws.ledger.snapshot()).toEqual({ 'MailApp.getRemainingDailyQuota': 1, 'MailApp.sendEmail': 1 });
    const saved: Workspace = createWorkspace({ snapshot: ws.snapshot(), now: () => new Date('2027-03-01T10:00:00Z') });
    expect(saved.mail.sent()).toEqual(ws.mail.sent());
    expect((saved.globals.MailApp as unknown as GoogleAppsScript.Mail.MailApp).getRemainingDailyQuota()).toBe(99);
  });

  it('refuses attachments rather than ignoring them', () => {
    const { MailApp } = workspace();
    expect(() => MailApp.sendEmail({ to: 'a@example.com', subject: 's', body: 'b', attachments: [] })).toThrow('not emulated');
  });
});
