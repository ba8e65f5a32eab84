import * as vm from 'node:vm';
import { createContext } from '../../src/local/emulation/context';
import { FakeUtilities } from '../../src/local/emulation/utilities';

// These tests must pass whatever the machine's zone: run them also under TZ=America/New_York and
// TZ=Asia/Tokyo. Every expectation below is written for an explicit zone.

function setup() {
  const ctx = createContext({ uuid: () => 'fixed-uuid' });
  return { ctx, u: new FakeUtilities(ctx) };
}
const at = (iso: string): GoogleAppsScript.Base.Date => new Date(iso) as unknown as GoogleAppsScript.Base.Date;

/** Signed Java bytes of a hex string. */
const javaBytes = (hex: string): number[] => (hex.match(/../g) ?? []).map((h) => ((parseInt(h, 16) + 128) % 256) - 128);

describe('Utilities.formatDate', () => {
  const { u } = setup();
  const fmt = (iso: string, zone: string, pattern: string): string => u.formatDate(at(iso), zone, pattern);

  describe('America/New_York across the US DST start, 2027-03-14 (02:00 EST → 03:00 EDT)', () => {
    it('is EST (-05:00) one second before the change', () => {
      expect(fmt('2027-03-14T06:59:59Z', 'America/New_York', 'yyyy-MM-dd HH:mm:ss z Z XXX')).toBe('2027-03-14 01:59:59 EST -0500 -05:00');
    });
    it('is EDT (-04:00) at the change: 02:00 does not exist', () => {
      expect(fmt('2027-03-14T07:00:00Z', 'America/New_York', 'yyyy-MM-dd HH:mm:ss z Z XXX')).toBe('2027-03-14 03:00:00 EDT -0400 -04:00');
    });
    it('keeps the same wall time a day apart across the change (09:00 both days)', () => {
      expect(fmt('2027-03-13T14:00:00Z', 'America/New_York', 'EEE HH:mm')).toBe('Sat 09:00');
      expect(fmt('2027-03-15T13:00:00Z', 'America/New_York', 'EEE HH:mm')).toBe('Mon 09:00');
    });
  });

  describe('Europe/London across the UK DST start, 2027-03-28 (01:00 GMT → 02:00 BST)', () => {
    it('is GMT (+00:00, X prints Z) just before', () => {
      expect(fmt('2027-03-28T00:59:59.250Z', 'Europe/London', "yyyy-MM-dd'T'HH:mm:ss.SSS z Z XXX X")).toBe(
        '2027-03-28T00:59:59.250 GMT +0000 Z Z',
      );
    });
    it('is BST (+01:00) from 01:00 UTC', () => {
      expect(fmt('2027-03-28T01:00:00Z', 'Europe/London', "yyyy-MM-dd'T'HH:mm:ss z Z XXX X")).toBe('2027-03-28T02:00:00 BST +0100 +01:00 +01');
    });
    it('differs from New York by 4 hours between the two changes, 5 hours after', () => {
      expect(fmt('2027-03-20T12:00:00Z', 'Europe/London', 'HH')).toBe('12');
      expect(fmt('2027-03-20T12:00:00Z', 'America/New_York', 'HH')).toBe('08');
      expect(fmt('2027-04-05T12:00:00Z', 'Europe/London', 'HH')).toBe('13');
      expect(fmt('2027-04-05T12:00:00Z', 'America/New_York', 'HH')).toBe('08');
    });
  });

  it('handles a half-hour zone: Asia/Kolkata (+05:30)', () => {
    expect(fmt('2027-03-28T01:00:00Z', 'Asia/Kolkata', 'EEE, d MMM yy h:mm a z Z XXX XX X zzzz')).toBe(
      'Sun, 28 Mar 27 6:30 AM IST +0530 +05:30 +0530 +05 India Standard Time',
    );
  });

  it('crosses midnight into the next day in the target zone', () => {
    expect(fmt('2027-03-31T20:00:00Z', 'Asia/Kolkata', 'yyyy-MM-dd HH:mm')).toBe('2027-04-01 01:30');
    expect(fmt('2027-03-31T20:00:00Z', 'Asia/Tokyo', 'EEEE MMMM d u z')).toBe('Thursday April 1 4 JST');
  });

  it('prints every supported field', () => {
    // 2027-01-05 is a Tuesday; 15:07:09.045 UTC.
    const iso = '2027-01-05T15:07:09.045Z';
    expect(fmt(iso, 'UTC', 'G y yy yyy yyyy M MM MMM MMMM L D DDD d dd F E EEE EEEE u')).toBe(
      'AD 2027 27 2027 2027 1 01 Jan January 1 5 005 5 05 1 Tue Tue Tuesday 2',
    );
    expect(fmt(iso, 'UTC', 'a H HH k K h hh m mm s ss S SSS z')).toBe('PM 15 15 15 3 3 03 7 07 9 09 45 045 UTC');
    expect(fmt('2027-01-05T00:30:00Z', 'UTC', 'H k K h a')).toBe('0 24 0 12 AM');
  });

  it("quotes literal text with '…' and a quote with ''", () => {
    expect(fmt('2027-01-05T15:00:00Z', 'UTC', "h 'o''clock' ''yy'' 'at' HH")).toBe("3 o'clock '27' at 15");
    expect(fmt('2027-01-05T15:00:00Z', 'UTC', "yyyy-MM-dd'T'HH:mm:ss'Z'")).toBe('2027-01-05T15:00:00Z');
  });

  it('throws for an illegal pattern letter and an unterminated quote, as SimpleDateFormat does', () => {
    expect(() => fmt('2027-01-05T15:00:00Z', 'UTC', 'yyyy-MM-dd q')).toThrow("Illegal pattern character 'q'");
    expect(() => fmt('2027-01-05T15:00:00Z', 'UTC', "yyyy 'open")).toThrow('Unterminated quote');
    expect(() => fmt('2027-01-05T15:00:00Z', 'UTC', 'XXXX')).toThrow('invalid ISO 8601 format: length=4');
  });

  it('refuses week-based letters it does not emulate instead of guessing', () => {
    expect(() => fmt('2027-01-05T15:00:00Z', 'UTC', "YYYY-'W'ww")).toThrow(/not emulated/);
  });

  it('formats an unknown zone as GMT without error, as Java does ("EDT", wrong case)', () => {
    expect(fmt('2027-07-01T12:00:00Z', 'EDT', 'HH:mm z')).toBe('12:00 GMT');
    expect(fmt('2027-07-01T12:00:00Z', 'europe/london', 'HH:mm z')).toBe('12:00 GMT');
    expect(fmt('2027-07-01T12:00:00Z', 'Not/AZone', 'HH:mm XXX')).toBe('12:00 Z');
  });

  it('accepts Java custom ids GMT+hh:mm and GMT-h', () => {
    expect(fmt('2027-07-01T12:00:00Z', 'GMT+05:30', 'HH:mm z Z')).toBe('17:30 GMT+05:30 +0530');
    expect(fmt('2027-07-01T12:00:00Z', 'GMT-8', 'HH:mm z')).toBe('04:00 GMT-08:00');
    expect(fmt('2027-07-01T12:00:00Z', 'GMT', 'HH:mm z')).toBe('12:00 GMT');
  });

  it('rejects a non-Date or invalid Date', () => {
    expect(() => u.formatDate('2027-01-01' as unknown as GoogleAppsScript.Base.Date, 'UTC', 'yyyy')).toThrow(/date/);
    expect(() => u.formatDate(at('nonsense'), 'UTC', 'yyyy')).toThrow(/date/);
  });

  it('accepts a Date from another realm (the bundle runs in node:vm)', () => {
    const foreign = vm.runInNewContext('new Date(Date.UTC(2027, 0, 5, 15))') as GoogleAppsScript.Base.Date;
    expect(u.formatDate(foreign, 'UTC', 'yyyy-MM-dd HH')).toBe('2027-01-05 15');
  });
});

describe('other Utilities', () => {
  it('getUuid comes from ctx.uuid', () => {
    expect(setup().u.getUuid()).toBe('fixed-uuid');
  });

  it('sleep is recorded but does not wait', () => {
    const { ctx, u } = setup();
    const started = Date.now();
    u.sleep(60000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(ctx.ledger.count('Utilities.sleep')).toBe(1);
  });

  it('base64-encodes strings as UTF-8 and decodes to signed Java bytes', () => {
    const { u } = setup();
    expect(u.base64Encode('héllo €')).toBe('aMOpbGxvIOKCrA==');
    expect(u.base64Decode('aMOpbGxvIOKCrA==')).toEqual(javaBytes('68c3a96c6c6f20e282ac'));
    expect(u.base64Encode(javaBytes('ff00fe'))).toBe('/wD+');
    expect(u.base64EncodeWebSafe(javaBytes('ff00fe'))).toBe('_wD-');
    expect(u.base64DecodeWebSafe('_wD-')).toEqual([-1, 0, -2]);
  });

  it('replaces non-ASCII with ? under Charset.US_ASCII', () => {
    const { u } = setup();
    expect(u.base64Encode('é!', u.Charset.US_ASCII)).toBe(Buffer.from('?!').toString('base64'));
  });

  it('rejects characters outside the base64 alphabet', () => {
    expect(() => setup().u.base64Decode('not base64!')).toThrow();
  });

  it('computes MD5 and SHA-256 as signed Java bytes', () => {
    const { u } = setup();
    expect(u.computeDigest(u.DigestAlgorithm.MD5, 'hello')).toEqual(javaBytes('5d41402abc4b2a76b9719d911017c592'));
    expect(u.computeDigest(u.DigestAlgorithm.SHA_256, 'hello')).toEqual(
      javaBytes('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'),
    );
    const digest = u.computeDigest(u.DigestAlgorithm.SHA_256, 'hello');
    expect(Math.min(...digest)).toBeGreaterThanOrEqual(-128);
    expect(Math.max(...digest)).toBeLessThanOrEqual(127);
  });

  it('records one call per method', () => {
    const { ctx, u } = setup();
    u.formatDate(at('2027-01-01T00:00:00Z'), 'UTC', 'yyyy');
    u.getUuid();
    expect(ctx.ledger.snapshot()).toEqual({ 'Utilities.formatDate': 1, 'Utilities.getUuid': 1 });
  });
});
