import { createContext } from '../../src/local/emulation/context';
import { FakeSession } from '../../src/local/emulation/session';

describe('FakeSession', () => {
  const ctx = createContext({ userEmail: 'ana@example.com', scriptTimeZone: 'America/New_York' });
  const session = new FakeSession(ctx);

  it('reports the emulated user as active and effective user', () => {
    expect(session.getActiveUser().getEmail()).toBe('ana@example.com');
    expect(session.getEffectiveUser().getEmail()).toBe('ana@example.com');
  });

  it('reports the script time zone and an English locale', () => {
    expect(session.getScriptTimeZone()).toBe('America/New_York');
    expect(session.getActiveUserLocale()).toBe('en');
  });

  it('gives a temporary key that is stable for a user, differs between users and hides the email', () => {
    const key = session.getTemporaryActiveUserKey();
    expect(session.getTemporaryActiveUserKey()).toBe(key);
    expect(key).not.toContain('ana');
    const other = new FakeSession(createContext({ userEmail: 'bo@example.com' }));
    expect(other.getTemporaryActiveUserKey()).not.toBe(key);
  });

  it('records Session and User calls', () => {
    const c = createContext();
    new FakeSession(c).getActiveUser().getEmail();
    expect(c.ledger.snapshot()).toEqual({ 'Session.getActiveUser': 1, 'User.getEmail': 1 });
  });
});
