// Calendar emulation: the GoogleJsonResponseException shape, the error texts (sources in index.ts), and
// the error thrown for what is not emulated.

// ---------------------------------------------------------------------------------------------
// Errors: GoogleJsonResponseException [GJRE]
// ---------------------------------------------------------------------------------------------

/** One entry of a Google JSON error's `errors` array [ERR]. */
export interface GoogleJsonErrorItem {
  domain: string;
  reason: string;
  message: string;
  locationType?: string;
  location?: string;
}

/** `e.details` of a GoogleJsonResponseException: the API's JSON `error` object [GJRE][ERR]. */
export interface GoogleJsonErrorDetails {
  code: number;
  message: string;
  errors: GoogleJsonErrorItem[];
}

/**
 * What an advanced service throws on an API error [GJRE]: `name` 'GoogleJsonResponseException',
 * `message` "API call to calendar.events.insert failed with error: <message>", `details`.
 */
export interface GoogleJsonResponseException extends Error {
  name: 'GoogleJsonResponseException';
  details: GoogleJsonErrorDetails;
}

/** True for an error shaped like a GoogleJsonResponseException (works across node:vm realms). */
export function isGoogleJsonResponseException(e: unknown): e is GoogleJsonResponseException {
  if (typeof e !== 'object' || e === null) return false;
  const d = (e as { details?: unknown }).details;
  return (
    (e as { name?: unknown }).name === 'GoogleJsonResponseException' &&
    typeof d === 'object' && d !== null && typeof (d as { code?: unknown }).code === 'number'
  );
}

/** The REST method names Apps Script puts in the message; `remove` is REST `delete` [GJRE]. */
export type CalendarApiMethod =
  | 'calendar.events.insert'
  | 'calendar.events.get'
  | 'calendar.events.patch'
  | 'calendar.events.list'
  | 'calendar.events.update'
  | 'calendar.events.delete'
  | 'calendar.events.instances'
  | 'calendar.freebusy.query';

/** Error texts used by the emulation (see the header for each one's source). */
export const CALENDAR_ERRORS = {
  invalidId: 'Invalid resource id value.',
  duplicate: 'The requested identifier already exists.',
  notFound: 'Not Found',
  deleted: 'Resource has been deleted',
  missingTimeZone: (which: 'start' | 'end') => `Missing time zone definition for ${which} time.`,
  invalidTimeZone: (which: 'start' | 'end') => `Invalid time zone definition for ${which} time.`, // ⚠
  missingTime: (which: 'start' | 'end') => `Missing ${which} time.`, // "Missing end time." ✓, start ⚠
  invalidTime: (which: 'start' | 'end') => `Invalid ${which} time.`, // ⚠
  mixedTimes: 'Start and end times must either both be date or both be dateTime.', // ⚠
  timeRangeEmpty: 'The specified time range is empty.',
  timeRangeTooLong: 'The requested time range is too long.',
  usageLimits: 'Calendar usage limits exceeded.',
  invalidRecurrence: 'Invalid recurrence rule.', // ⚠ (gogcli#347 quotes it for an update)
  invalidValue: 'Invalid Value', // ⚠ Google's generic 400 wording
  invalidConferenceType: 'Invalid conference type value.', // ⚠
  missingParameter: (name: string) => `Missing ${name} parameter.`,
  backendError: 'Backend Error',
  /** ⚠ Google's text for orderBy=startTime without singleEvents, as client libraries report it. */
  orderByUnavailable: 'The requested ordering is not available for the particular query.',
  /** [ERR] 403/429 reason rateLimitExceeded. */
  rateLimitExceeded: 'Rate Limit Exceeded',
  /** ⚠ No documented limit (community ≈ 8,000 characters); the emulation refuses past its option. */
  descriptionTooLong: 'The event description is too long.',
} as const;

/** Thrown for a call the emulation does not model, so a test never passes on silent divergence. */
export class NotEmulatedError extends Error {
  constructor(what: string) {
    super(`FakeCalendar: ${what} is not emulated`);
    this.name = 'NotEmulatedError';
  }
}
