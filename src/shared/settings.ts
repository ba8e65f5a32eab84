// The program's settings as they cross google.script.run (JSON-safe: dates are 'YYYY-MM-DD'
// strings, times 'HH:MM'). Types only; the rules live in src/core/settings.ts.

/** Days as the sidebar shows and sends them. */
export type Weekday = 'Mon' | 'Tue' | 'Wed' | 'Thu' | 'Fri' | 'Sat' | 'Sun';

/** Who starts each next cycle: the hourly run by itself, or the owner in the sidebar. */
export type NextCycleMode = 'automatic' | 'manual';

/** How often a group meets within a cycle. */
export type Cadence = 'weekly' | 'fortnightly';

/** Every setting, defaults filled. What `saveSettings` accepts (any subset of it) and stores. */
export interface Settings {
  /** Whole weeks, 1–12. Default 6. */
  cycleWeeks: number;
  /** Default 'weekly'. 'fortnightly' = every two weeks. */
  cadence: Cadence;
  /** Minutes, 15–120 in steps of 5. Default 30. */
  meetingMinutes: number;
  /** 'YYYY-MM-DD' (must fall on `preferredWeekday`), or '' = the next preferred weekday after today. */
  firstMeetingDate: string;
  /** Default 'Tue'. The weekday of every meeting. */
  preferredWeekday: Weekday;
  /** 'HH:MM', 24-hour, on a 5-minute grid; the meeting ends by midnight. Default '10:00'. */
  preferredTime: string;
  /** IANA zone of the weekday and time, or '' = the spreadsheet's time zone (the default). */
  timeZone: string;
  /**
   * Per group, choose the weekly slot (weekday and time) inside every member's working hours with
   * the fewest free/busy conflicts across the cycle; ties go to the preferred weekday and time.
   * Off: every group meets at the preferred weekday and time. Default true.
   */
  findCommonTime: boolean;
  /** Default true. */
  keepTeammatesApart: boolean;
  /** Up to 100 characters; placeholders {names} and {cycle} only. Default 'Peer coaching: {names}'. */
  titleTemplate: string;
  /** Add a Google Meet link to each meeting. Default true. */
  googleMeet: boolean;
  /** Email the invitations to the guests. Default true. */
  sendInvitations: boolean;
  /** 'automatic': the hourly run plans and books each next cycle; 'manual': the owner does. Default 'automatic'. */
  nextCycle: NextCycleMode;
  /** Days before a cycle starts that it is planned and the preview emailed. 1–28, default 7. */
  headsUpDays: number;
  /** Days before a cycle starts that it is booked unless the owner did. 1–14, default 3, at most headsUpDays. */
  noticeDays: number;
  /** A new Active person joins a running group as its third while 2 or more meetings are left. Default true. */
  newcomersJoinRunningCycle: boolean;
  /**
   * "Skip these dates": dates and ranges with no meeting (holidays), written canonically
   * ('2026-12-21..2027-01-03, 2027-04-05'); '' for none (the default).
   */
  skipDates: string;
  /**
   * A cycle with skipped dates runs on past its end to keep its number of meetings (true, the
   * default), or keeps its end with fewer meetings (false).
   */
  keepMeetingCount: boolean;
  /**
   * "Feedback reminders": a person who has not given feedback a day after a session gets one short
   * email (at most one per session, within the daily email quota). Default true.
   */
  feedbackNudges: boolean;
}

/** One cycle's calendar dates, all in the settings' time zone. */
export interface CycleDatesView {
  cycle: number;
  /** 'YYYY-MM-DD': the first meeting. */
  starts: string;
  /** 'YYYY-MM-DD': the cycle's last day (the day before the next cycle starts). */
  ends: string;
  /** Meetings in the cycle. */
  meetings: number;
}

/** What `getSettings` and `saveSettings` return to the sidebar. */
export interface SettingsView {
  /** The stored settings, each missing or unreadable one replaced by its default. */
  settings: Settings;
  /** The defaults, for placeholders and a "reset" button. */
  defaults: Settings;
  /** The spreadsheet's time zone (what a blank `settings.timeZone` means). */
  spreadsheetTimeZone: string;
  /** The zone meetings are in: `settings.timeZone`, or the spreadsheet's when blank. */
  timeZone: string;
  /** 'YYYY-MM-DD' in `timeZone` when the view was made. */
  today: string;
  /** The cycle `today` falls in, or null before cycle 1. */
  currentCycle: CycleDatesView | null;
  /** The first cycle starting after today. */
  nextCycle: CycleDatesView;
  /** False while nothing has been saved (every value is a default). */
  saved: boolean;
  /** Sentences about stored values that could not be used (each replaced by its default). */
  notices: string[];
}

/** The server functions for the settings screen, by name (for the lead's `SidebarApi`). */
export interface SettingsApi {
  getSettings(): SettingsView;
  /** Any subset of the settings; absent fields keep their stored values. */
  saveSettings(input: Partial<Settings>): SettingsView;
}
