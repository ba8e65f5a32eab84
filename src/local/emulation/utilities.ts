// Utilities emulated: formatDate with Java SimpleDateFormat patterns in any zone, UUIDs, base64, digests.
//
// Sources:
//   [UTIL] https://developers.google.com/apps-script/reference/utilities/utilities — formatDate
//          "Formats date according to specification described in Java SE SimpleDateFormat class";
//          computeDigest/base64* return and take Byte[] (Java bytes: signed, -128…127).
//   [SDF]  https://docs.oracle.com/javase/8/docs/api/java/text/SimpleDateFormat.html — pattern
//          letters, quoting ('text', '' for a quote), count rules for text/number/year fields,
//          "Illegal pattern character", X rules.
//   [TZ]   https://docs.oracle.com/javase/8/docs/api/java/util/TimeZone.html#getTimeZone-java.lang.String-
//          — an unknown zone ID silently becomes "GMT"; custom IDs "GMT+h", "GMT+hh:mm", "GMT+hhmm".
//          Seen in Apps Script: pixelcog/gmail-to-pdf#13 ("EDT" was formatted as GMT, no error);
//          thinkinglabs/toggl-google-sheet#1 ("GMT+01:00" accepted).
// The machine's time zone is never used: wall times come from Intl.DateTimeFormat with an
// explicit timeZone.
import { createHash } from 'node:crypto';
import type { EmulationContext } from './context';
import { appsScriptError, makeEnum, wallClockFormatter } from './common';



const Charset = makeEnum<typeof GoogleAppsScript.Utilities.Charset>(['US_ASCII', 'UTF_8']);
const DigestAlgorithm = makeEnum<typeof GoogleAppsScript.Utilities.DigestAlgorithm>([
  'MD2',
  'MD5',
  'SHA_1',
  'SHA_256',
  'SHA_384',
  'SHA_512',
]);

/** True for a Date from any realm (the bundle runs in a node:vm realm). */
function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

// ---------------------------------------------------------------------------------------------
// Zones
// ---------------------------------------------------------------------------------------------

/** A zone as Java resolves an ID: an IANA zone (via Intl) or a fixed offset. */
type Zone = { kind: 'iana'; id: string } | { kind: 'fixed'; offsetMinutes: number; name: string };

const GMT: Zone = { kind: 'fixed', offsetMinutes: 0, name: 'GMT' };
const zoneCache = new Map<string, Zone>();

/** Java's custom ID syntax [TZ]: GMT, sign, 1–2 hour digits, optional [:]MM. */
const CUSTOM_ID = /^GMT([+-])(\d{1,2})(?::?(\d{2}))?$/;

/** Resolves a zone ID as java.util.TimeZone.getTimeZone does: unknown IDs become GMT [TZ]. */
export function resolveZone(id: string): Zone {
  const cached = zoneCache.get(id);
  if (cached) return cached;
  let zone: Zone = GMT;
  const custom = CUSTOM_ID.exec(id);
  if (id === 'GMT') zone = GMT;
  else if (custom) {
    const hours = Number(custom[2]);
    const minutes = Number(custom[3] ?? '0');
    if (hours <= 23 && minutes <= 59) {
      const total = (custom[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
      zone = { kind: 'fixed', offsetMinutes: total, name: `GMT${offsetText(total, ':')}` };
    }
  } else {
    try {
      const resolved = new Intl.DateTimeFormat('en-US', { timeZone: id }).resolvedOptions().timeZone;
      // Java IDs are case-sensitive; Intl is not. "europe/london" is unknown to Java, so GMT.
      // (Intl also canonicalises aliases, e.g. Asia/Kolkata → Asia/Calcutta: those stay valid.)
      const sameButCase = resolved !== id && resolved.toLowerCase() === id.toLowerCase();
      if (!sameButCase) zone = { kind: 'iana', id };
    } catch {
      zone = GMT;
    }
  }
  zoneCache.set(id, zone);
  return zone;
}


/** Minutes to add to UTC to get the zone's wall time at instant `ms`. */
function offsetMinutesAt(zone: Zone, ms: number): number {
  if (zone.kind === 'fixed') return zone.offsetMinutes;
  const seconds = Math.floor(ms / 1000) * 1000; // Intl has no milliseconds
  const parts = wallClockFormatter(zone.id).formatToParts(new Date(seconds));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const era = parts.find((p) => p.type === 'era')?.value;
  const year = era === 'BC' || era === 'B' ? 1 - get('year') : get('year');
  const d = new Date(0);
  d.setUTCFullYear(year, get('month') - 1, get('day'));
  d.setUTCHours(get('hour'), get('minute'), get('second'), 0);
  return Math.round((d.getTime() - seconds) / 60000);
}

function offsetText(offsetMinutes: number, separator: string): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${separator}${pad(abs % 60, 2)}`;
}

/**
 * Locales tried, in order, for an alphabetic short zone name ("BST", "EDT", "IST", "JST"). Java
 * (which Apps Script formats with) has such abbreviations for most zones, while ICU's en-US data
 * gives "GMT+1" for many; other English locales (and ja for JST) fill the gaps. When none has an
 * abbreviation the Java fallback "GMT+08:00" is used. ⚠ Java's exact abbreviation for zones not
 * covered by the tests is unverified.
 */
const SHORT_NAME_LOCALES = ['en-US', 'en-GB', 'en-IN', 'en-AU', 'en-NZ', 'en-CA', 'ja-JP'];
const nameFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneNamePart(locale: string, id: string, style: 'short' | 'long', date: Date): string {
  const key = `${locale}|${id}|${style}`;
  let f = nameFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: id, timeZoneName: style });
    nameFormatters.set(key, f);
  }
  return f.formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

function zoneName(zone: Zone, ms: number, long: boolean): string {
  if (zone.kind === 'fixed') return zone.name;
  const date = new Date(ms);
  if (long) {
    const name = zoneNamePart('en-US', zone.id, 'long', date);
    return /^GMT[+-]/.test(name) ? `GMT${offsetText(offsetMinutesAt(zone, ms), ':')}` : name;
  }
  for (const locale of SHORT_NAME_LOCALES) {
    const name = zoneNamePart(locale, zone.id, 'short', date);
    if (/^[A-Z]{2,5}$/.test(name)) return name;
  }
  return `GMT${offsetText(offsetMinutesAt(zone, ms), ':')}`;
}

// ---------------------------------------------------------------------------------------------
// SimpleDateFormat
// ---------------------------------------------------------------------------------------------

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Every letter SimpleDateFormat knows [SDF]; any other ASCII letter is illegal. */
const JAVA_LETTERS = 'GyYMLwWDdFEuaHkKhmsSzZX';
/** Letters Java knows whose output depends on locale week rules; not emulated (fail loudly). */
const NOT_EMULATED = 'YwW';

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

type Token = { literal: string } | { letter: string; count: number };

/** Splits a pattern into fields and literal text, as SimpleDateFormat compiles it [SDF]. */
function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        tokens.push({ literal: "'" });
        i += 2;
        continue;
      }
      let text = '';
      i += 1;
      for (;;) {
        if (i >= pattern.length) throw appsScriptError('Unterminated quote');
        if (pattern[i] === "'") {
          if (pattern[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        text += pattern[i];
        i += 1;
      }
      tokens.push({ literal: text });
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      if (!JAVA_LETTERS.includes(c)) throw appsScriptError(`Illegal pattern character '${c}'`);
      let count = 1;
      while (pattern[i + count] === c) count += 1;
      tokens.push({ letter: c, count });
      i += count;
    } else {
      tokens.push({ literal: c });
      i += 1;
    }
  }
  return tokens;
}

/** Formats `date` in `zoneId` with a Java SimpleDateFormat `pattern`, in English. */
export function formatJavaDate(date: Date, zoneId: string, pattern: string): string {
  const ms = date.getTime();
  const zone = resolveZone(zoneId);
  const offset = offsetMinutesAt(zone, ms);
  const wall = new Date(ms + offset * 60000); // read with getUTC*: the zone's wall clock
  const year = wall.getUTCFullYear();
  const month = wall.getUTCMonth();
  const day = wall.getUTCDate();
  const weekday = wall.getUTCDay();
  const hour = wall.getUTCHours();
  const startOfYear = Date.UTC(year, 0, 1);
  const dayOfYear = Math.floor((Date.UTC(year, month, day) - startOfYear) / 86400000) + 1;

  let out = '';
  for (const t of tokenize(pattern)) {
    if ('literal' in t) {
      out += t.literal;
      continue;
    }
    const { letter, count } = t;
    if (NOT_EMULATED.includes(letter)) {
      throw new Error(`Utilities.formatDate: pattern letter '${letter}' (locale week rules) is not emulated`);
    }
    switch (letter) {
      case 'G':
        out += year > 0 ? 'AD' : 'BC';
        break;
      case 'y': {
        const y = year > 0 ? year : 1 - year;
        out += count === 2 ? pad(y % 100, 2) : pad(y, count);
        break;
      }
      case 'M':
      case 'L':
        out += count >= 4 ? MONTHS[month] : count === 3 ? MONTHS[month].slice(0, 3) : pad(month + 1, count);
        break;
      case 'D':
        out += pad(dayOfYear, count);
        break;
      case 'd':
        out += pad(day, count);
        break;
      case 'F':
        out += pad(Math.floor((day - 1) / 7) + 1, count);
        break;
      case 'E':
        out += count >= 4 ? DAYS[weekday] : DAYS[weekday].slice(0, 3);
        break;
      case 'u':
        out += pad(weekday === 0 ? 7 : weekday, count);
        break;
      case 'a':
        out += hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(hour, count);
        break;
      case 'k':
        out += pad(hour === 0 ? 24 : hour, count);
        break;
      case 'K':
        out += pad(hour % 12, count);
        break;
      case 'h':
        out += pad(hour % 12 === 0 ? 12 : hour % 12, count);
        break;
      case 'm':
        out += pad(wall.getUTCMinutes(), count);
        break;
      case 's':
        out += pad(wall.getUTCSeconds(), count);
        break;
      case 'S':
        out += pad(wall.getUTCMilliseconds(), count); // Java: milliseconds as a number [SDF]
        break;
      case 'z':
        out += zoneName(zone, ms, count >= 4);
        break;
      case 'Z':
        out += offsetText(offset, '');
        break;
      case 'X':
        if (count > 3) throw appsScriptError(`invalid ISO 8601 format: length=${count}`);
        if (offset === 0) out += 'Z';
        else if (count === 1) out += offsetText(offset, '').slice(0, 3); // hours only, e.g. "+05"
        else out += offsetText(offset, count === 3 ? ':' : '');
        break;
      default:
        throw new Error(`Utilities.formatDate: pattern letter '${letter}' is not emulated`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Bytes
// ---------------------------------------------------------------------------------------------

/** Java bytes (signed) from raw bytes. */
function toJavaBytes(buf: Uint8Array): number[] {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}

/** Raw bytes of a string (charset default UTF-8 ⚠) or of a Java byte array. */
function toBuffer(data: string | number[], charset?: GoogleAppsScript.Utilities.Charset): Buffer {
  if (typeof data === 'string') {
    if (String(charset) === 'US_ASCII') {
      // Java replaces unmappable characters with '?'.
      return Buffer.from(Array.from(data, (ch) => (ch.codePointAt(0)! < 128 ? ch : '?')).join(''), 'latin1');
    }
    return Buffer.from(data, 'utf8');
  }
  if (!Array.isArray(data)) throw appsScriptError('Invalid argument: data');
  return Buffer.from(data.map((b) => Number(b) & 0xff));
}

const NODE_DIGESTS: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

// ---------------------------------------------------------------------------------------------
// Utilities
// ---------------------------------------------------------------------------------------------

export class FakeUtilities
  implements
    Pick<
      GoogleAppsScript.Utilities.Utilities,
      | 'Charset'
      | 'DigestAlgorithm'
      | 'formatDate'
      | 'getUuid'
      | 'sleep'
      | 'base64Encode'
      | 'base64Decode'
      | 'base64EncodeWebSafe'
      | 'base64DecodeWebSafe'
      | 'computeDigest'
    >
{
  readonly Charset = Charset;
  readonly DigestAlgorithm = DigestAlgorithm;

  constructor(private readonly ctx: EmulationContext) {}

  /**
   * Java SimpleDateFormat in `timeZone` [UTIL][SDF], English names. An unknown zone formats as GMT
   * without error, as Java's TimeZone.getTimeZone does [TZ]. Week-based letters (Y, w, W) throw
   * "not emulated" rather than guess.
   */
  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    this.ctx.ledger.record('Utilities.formatDate');
    const d = date as unknown;
    if (!isDate(d) || Number.isNaN(d.getTime())) {
      // ⚠ Apps Script's wording for a non-Date / invalid Date is unconfirmed.
      throw appsScriptError('Invalid argument: date');
    }
    return formatJavaDate(d, String(timeZone), String(format));
  }

  /** From ctx.uuid, so tests can make ids deterministic. */
  getUuid(): string {
    this.ctx.ledger.record('Utilities.getUuid');
    return this.ctx.uuid();
  }

  /**
   * Recorded, but no time passes: the emulation's clock is ctx.now, which sleep does not move.
   * Code that must respect a time budget should read the clock, not count sleeps.
   */
  sleep(milliseconds: number): void {
    this.ctx.ledger.record('Utilities.sleep');
    if (typeof milliseconds !== 'number' || Number.isNaN(milliseconds)) {
      throw appsScriptError(`Cannot convert ${String(milliseconds)} to int.`); // ⚠ wording from gas-fakes
    }
  }

  /** A string is encoded as UTF-8 unless `charset` says US_ASCII (⚠ UTF-8 default assumed). */
  base64Encode(data: string | number[], charset?: GoogleAppsScript.Utilities.Charset): string {
    this.ctx.ledger.record('Utilities.base64Encode');
    return toBuffer(data, charset).toString('base64');
  }

  base64EncodeWebSafe(data: string | number[], charset?: GoogleAppsScript.Utilities.Charset): string {
    this.ctx.ledger.record('Utilities.base64EncodeWebSafe');
    // Java's URL-safe encoder keeps the '=' padding.
    return toBuffer(data, charset).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }

  /** Java bytes (signed); turn them into text with `Utilities.newBlob(bytes).getDataAsString()` in Apps Script. */
  base64Decode(encoded: string, _charset?: GoogleAppsScript.Utilities.Charset): number[] {
    this.ctx.ledger.record('Utilities.base64Decode');
    return toJavaBytes(decodeBase64(String(encoded), false));
  }

  base64DecodeWebSafe(encoded: string, _charset?: GoogleAppsScript.Utilities.Charset): number[] {
    this.ctx.ledger.record('Utilities.base64DecodeWebSafe');
    return toJavaBytes(decodeBase64(String(encoded), true));
  }

  /** Digest as Java bytes (signed, -128…127) [UTIL]. MD2 is not emulated. */
  computeDigest(
    algorithm: GoogleAppsScript.Utilities.DigestAlgorithm,
    value: string | number[],
    charset?: GoogleAppsScript.Utilities.Charset,
  ): number[] {
    this.ctx.ledger.record('Utilities.computeDigest');
    const name = NODE_DIGESTS[String(algorithm)];
    if (!name) throw new Error(`Utilities.computeDigest: algorithm ${String(algorithm)} is not emulated`);
    return toJavaBytes(createHash(name).update(toBuffer(value, charset)).digest());
  }
}

/** Strict base64: characters outside the alphabet are an error, as in Java's decoder. */
function decodeBase64(encoded: string, webSafe: boolean): Buffer {
  const alphabet = webSafe ? /^[A-Za-z0-9_-]*={0,2}$/ : /^[A-Za-z0-9+/]*={0,2}$/;
  const compact = encoded.replace(/\s+/g, '');
  if (!alphabet.test(compact)) throw appsScriptError('Could not decode string.'); // ⚠ wording unconfirmed
  return Buffer.from(webSafe ? compact.replace(/-/g, '+').replace(/_/g, '/') : compact, 'base64');
}
