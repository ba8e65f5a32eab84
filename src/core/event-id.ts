// Event ids for the program's series (Calendar v3 Event.id): "characters allowed in the ID are
// those used in base32hex encoding, i.e. lowercase letters a-v and digits 0-9 … the length of the
// ID must be between 5 and 1024 characters". An id encodes the program, cycle, group and a version,
// so an event is found again (and never booked twice) from the sheet alone. Pure.

/** Calendar's rule for a client-chosen event id (Event.id). */
export const EVENT_ID_PATTERN = /^[a-v0-9]{5,1024}$/;
export const EVENT_ID_MAX_LENGTH = 1024;
/** The first field of the canonical string; marks our ids among others on the calendar. */
export const EVENT_ID_PREFIX = 'pcr';

/** What identifies one group's series: the program, the cycle, the group and the booking version. */
export interface EventKey {
  programId: string;
  /** 1, 2, … */
  cycle: number;
  /** "C3-01" (rotation.ts `groupId`). */
  groupId: string;
  /** 0, 1, …: a deliberate re-schedule bumps it, so the new series gets a fresh id. */
  version: number;
}

/**
 * The Calendar event id of a group's series: the UTF-8 bytes of the canonical string
 * `pcr|<programId>|<cycle>|<groupId>|<version>` in lower-case base32hex without padding
 * (RFC 4648 §7). '%' and '|' inside programId and groupId are written %25 and %7C, so the string,
 * and therefore the id, is different for every different key (no hash, no collision). Deleting an
 * event does not free its id (apps-script.md §2), hence the version.
 *
 * Throws a RangeError for a blank programId or groupId, a text with a lone surrogate (it has no
 * UTF-8 form), a cycle that is not a whole number from 1, a version that is not one from 0, or an
 * id longer than 1024 characters (a canonical string over 640 bytes).
 *
 * @example eventId('p1', 3, 'C3-01', 0) // 'e1hn4v3g65u36v236cmj0cbs60'
 */
export function eventId(programId: string, cycle: number, groupId: string, version: number): string {
  requireIdText(programId, 'program id');
  requireIdText(groupId, 'group id');
  if (!isWhole(cycle) || cycle < 1) throw new RangeError(`A cycle is a whole number from 1, not ${String(cycle)}.`);
  if (!isWhole(version) || version < 0) throw new RangeError(`A version is a whole number from 0, not ${String(version)}.`);
  const canonical = [EVENT_ID_PREFIX, escapeField(programId), String(cycle), escapeField(groupId), String(version)].join('|');
  const id = base32hexEncode(utf8Encode(canonical));
  if (id.length > EVENT_ID_MAX_LENGTH) {
    throw new RangeError(`The event id would be ${id.length} characters; Calendar allows at most ${EVENT_ID_MAX_LENGTH}. Use a shorter program id.`);
  }
  return id;
}

/** `eventId` of a key. */
export function eventIdOf(key: EventKey): string {
  return eventId(key.programId, key.cycle, key.groupId, key.version);
}

/** The key an id made by `eventId` encodes, or null for any other string (never throws). */
export function parseEventId(id: string): EventKey | null {
  if (typeof id !== 'string' || !EVENT_ID_PATTERN.test(id)) return null;
  const bytes = base32hexDecode(id);
  const text = bytes && utf8Decode(bytes);
  if (text === null || text === undefined) return null;
  const parts = text.split('|');
  if (parts.length !== 5 || parts[0] !== EVENT_ID_PREFIX) return null;
  const programId = unescapeField(parts[1]);
  const groupId = unescapeField(parts[3]);
  const cycle = canonicalNumber(parts[2]);
  const version = canonicalNumber(parts[4]);
  if (programId === null || groupId === null || cycle === null || version === null) return null;
  const key = { programId, cycle, groupId, version };
  try {
    return eventIdOf(key) === id ? key : null; // only the canonical form of a valid key
  } catch {
    return null;
  }
}

function requireIdText(value: string, what: string): void {
  if (typeof value !== 'string' || value === '') throw new RangeError(`An event id needs a ${what}.`);
  if (hasLoneSurrogate(value)) throw new RangeError(`The ${what} has a broken character (a lone surrogate).`);
}

function escapeField(value: string): string {
  return value.split('%').join('%25').split('|').join('%7C');
}

function unescapeField(value: string): string | null {
  if (/%(?!25|7C)/.test(value)) return null;
  return value.split('%7C').join('|').split('%25').join('%');
}

function canonicalNumber(text: string): number | null {
  if (!/^(0|[1-9][0-9]{0,15})$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

export function isWhole(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n);
}

function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

/** The UTF-8 bytes of `text` (RFC 3629). Throws a RangeError on a lone surrogate. */
export function utf8Encode(text: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (c > 0xdbff || d < 0xdc00 || d > 0xdfff) throw new RangeError('A lone surrogate has no UTF-8 form.');
      c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
      i++;
    }
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return bytes;
}

/** The text of well-formed UTF-8 bytes, or null (overlong forms, surrogates, truncation…). */
export function utf8Decode(bytes: readonly number[]): string | null {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    let length: number;
    let cp: number;
    let min: number;
    if (b < 0x80) [length, cp, min] = [1, b, 0];
    else if (b >= 0xc2 && b <= 0xdf) [length, cp, min] = [2, b & 0x1f, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [length, cp, min] = [3, b & 0x0f, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [length, cp, min] = [4, b & 0x07, 0x10000];
    else return null;
    if (i + length > bytes.length) return null;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if ((next & 0xc0) !== 0x80) return null;
      cp = (cp << 6) | (next & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
    out += String.fromCodePoint(cp);
    i += length;
  }
  return out;
}

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

/** Lower-case base32hex without padding (RFC 4648 §7): 'foobar' bytes → 'cpnmuoj1e8'. */
export function base32hexEncode(bytes: readonly number[]): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | (byte & 0xff)) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += BASE32HEX[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32HEX[(buffer << (5 - bits)) & 31];
  return out;
}

/** The bytes of canonical unpadded lower-case base32hex, or null (bad letter, length or tail bits). */
export function base32hexDecode(text: string): number[] | null {
  if (![0, 2, 4, 5, 7].includes(text.length % 8)) return null;
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text) {
    const v = BASE32HEX.indexOf(ch);
    if (v < 0) return null;
    buffer = ((buffer << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) return null; // leftover bits must be zero
  return bytes;
}

