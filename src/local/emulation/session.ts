// Session emulated: the running user (ctx.userEmail), the script's time zone and locale.
//
// Source: https://developers.google.com/apps-script/reference/base/session
//   - getScriptTimeZone(): the manifest's `timeZone` (here ctx.scriptTimeZone).
//   - getTemporaryActiveUserKey(): "a temporary key that is unique to the active user but does not
//     reveal the user identity"; it rotates every 30 days (not modelled).
//   - getActiveUser() may return an empty email in some consumer/cross-domain contexts; the
//     emulation always knows the user (⚠ add-on code should still cope with '').
import { createHash } from 'node:crypto';
import type { EmulationContext } from './context';

export class FakeUser implements GoogleAppsScript.Base.User {
  /** @internal */
  constructor(
    private readonly ctx: EmulationContext,
    private readonly email: string,
  ) {}

  getEmail(): string {
    this.ctx.ledger.record('User.getEmail');
    return this.email;
  }

  /** Deprecated in Apps Script; returns the email as it did. */
  getUserLoginId(): string {
    this.ctx.ledger.record('User.getUserLoginId');
    return this.email;
  }
}

export class FakeSession
  implements
    Pick<
      GoogleAppsScript.Base.Session,
      'getActiveUser' | 'getEffectiveUser' | 'getScriptTimeZone' | 'getActiveUserLocale' | 'getTemporaryActiveUserKey'
    >
{
  constructor(private readonly ctx: EmulationContext) {}

  /** The user at the keyboard (for an installable trigger: the user who installed it). */
  getActiveUser(): GoogleAppsScript.Base.User {
    this.ctx.ledger.record('Session.getActiveUser');
    return new FakeUser(this.ctx, this.ctx.userEmail);
  }

  /** Whose authority the script runs under; the same user in an add-on's own executions. */
  getEffectiveUser(): GoogleAppsScript.Base.User {
    this.ctx.ledger.record('Session.getEffectiveUser');
    return new FakeUser(this.ctx, this.ctx.userEmail);
  }

  getScriptTimeZone(): string {
    this.ctx.ledger.record('Session.getScriptTimeZone');
    return this.ctx.scriptTimeZone;
  }

  /** A language code such as 'en' (the emulated user's locale). */
  getActiveUserLocale(): string {
    this.ctx.ledger.record('Session.getActiveUserLocale');
    return 'en';
  }

  /** Stable for a user, and does not contain the email. */
  getTemporaryActiveUserKey(): string {
    this.ctx.ledger.record('Session.getTemporaryActiveUserKey');
    return createHash('sha256').update(`temporary-key:${this.ctx.userEmail}`).digest('base64');
  }
}
