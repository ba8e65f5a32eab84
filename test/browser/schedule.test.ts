// L5: booking the invitations, walked in Chromium (issue 5, item 7): set up, check the roster, plan
// and confirm a rotation, watch the sidebar book one series per group with its progress bar, see
// the Rotations rows scheduled, open the people's calendars (each series in each person's own time
// zone, the Meet link, the invitations sent, the notFound calendar flagged), and download the cycle
// as .ics files that ical.js reads back to the same meetings. One manager's name holds HTML: it shows
// as text in the calendars and travels as text into the .ics.
// Screenshots: test-artifacts/schedule-progress.png, schedule-calendar.png.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { SAMPLE_NOT_FOUND_EMAIL } from '../../src/local/sample/calendar';
import { SAMPLE_ROSTER_ROWS, SAMPLE_TIME_ZONE } from '../../src/local/sample/roster';
import { WEEKDAYS } from '../../src/core/settings';
import { localInstant, localTime } from '../../src/core/zones';
import { sandboxPage } from './harness';

jest.setTimeout(60_000);

const ui = sandboxPage('schedule');
const { sidebar } = ui;

const active = SAMPLE_ROSTER_ROWS.filter((r) => r[4] !== 'Paused');
const paused = SAMPLE_ROSTER_ROWS.filter((r) => r[4] === 'Paused');
const groupCount = Math.floor(active.length / 2);
const zoneOf = new Map(SAMPLE_ROSTER_ROWS.map((r) => [r[1], r[3] || SAMPLE_TIME_ZONE]));
const nameOf = new Map(SAMPLE_ROSTER_ROWS.map((r) => [r[1], r[0]]));
const OWNER = 'owner@example.com';
/** Typed over the last sample person's name (row 13 of the Roster sheet). */
const HOSTILE = 'Tom <img src=x onerror="window.__xss=1">';
const HOSTILE_ROW = SAMPLE_ROSTER_ROWS.length + 1;
nameOf.set(SAMPLE_ROSTER_ROWS[SAMPLE_ROSTER_ROWS.length - 1][1], HOSTILE);

/** The Rotations rows of cycle 1, as the grid shows them. */
let rotations: Array<Record<string, string>> = [];
/** The calendar view, in its own tab. */
let calendar: Page;

/** "Tue 2026-11-24 09:30" in `zone` → the instant. */
function instant(text: string, zone: string): number {
  const m = /^[A-Z][a-z]{2} (\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2})$/.exec(text);
  if (!m) throw new Error(`Not a day and time: ${JSON.stringify(text)}`);
  return localInstant(m[1], Number(m[2]) * 60 + Number(m[3]), zone);
}

/** One series as the calendar view shows it on one person's calendar. */
async function shownEvents(email: string): Promise<Array<{ title: string; when: string; occurrences: string[]; guests: string[]; meet: string }>> {
  const person = calendar.locator(`article.person[data-email="${email}"]`);
  const out = [];
  for (const event of await person.locator('.event').all()) {
    out.push({
      title: await event.locator('.event-title').innerText(),
      when: await event.locator('dd.when').innerText(),
      occurrences: await event.locator('ol.occurrences li').allInnerTexts(),
      guests: await event.locator('ul.guests li').allInnerTexts(),
      meet: await event.locator('dd.meet').innerText(),
    });
  }
  return out;
}

it('confirms a rotation, and the sidebar books every group with a progress bar', async () => {
  await ui.openSidebar();
  await sidebar().getByRole('button', { name: 'Set up this spreadsheet' }).click();
  await sidebar().locator('#roster').getByText('No problems').waitFor();
  await ui.type(HOSTILE_ROW, 1, HOSTILE);
  await sidebar().getByRole('button', { name: 'Plan next rotation' }).click();
  await sidebar().locator('#plan li.group').first().waitFor();
  await sidebar().getByRole('button', { name: 'Confirm' }).click();
  await sidebar().getByText(`Cycle 1 confirmed: ${groupCount} groups written to Rotations.`).waitFor();

  // The sidebar drives scheduleStep chunk by chunk and shows the counts.
  const progress = sidebar().locator('#schedule-progress');
  await progress.waitFor();
  await sidebar().getByText(`${groupCount} of ${groupCount} groups scheduled`).waitFor({ timeout: 30_000 });
  expect(await progress.getAttribute('max')).toBe(String(groupCount));
  expect(await progress.getAttribute('value')).toBe(String(groupCount));
  // Done only once Google has made every Meet link (the emulation makes them on a later call).
  await sidebar().getByText(`Cycle 1: all ${groupCount} groups have their invitations.`).waitFor({ timeout: 30_000 });
  await sidebar().locator('#schedule').scrollIntoViewIfNeeded();
  await ui.page.screenshot({ path: 'test-artifacts/schedule-progress.png' });

  await ui.page.getByRole('tab', { name: 'Rotations' }).click();
  await ui.cell(2, 1).filter({ hasText: '1' }).waitFor();
  rotations = (await ui.records()).filter((r) => r.Cycle === '1');
  expect(rotations).toHaveLength(groupCount);
  for (const row of rotations) {
    expect(row.Status).toBe('scheduled');
    expect(row['Event ID']).toMatch(/^[a-v0-9]{5,1024}$/);
    expect(row['Meet link']).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(row['Day and time']).toMatch(/^(Mon|Tue|Wed|Thu|Fri) \d{2}:\d{2}$/);
  }
  // Find a common time (on by default) could not read one calendar: that group says so.
  const flagged = rotations.find((r) => [r['Member 1'], r['Member 2'], r['Member 3']].includes(SAMPLE_NOT_FOUND_EMAIL))!;
  expect(flagged.Notes).toMatch(/could not be checked \(notFound\)/);
  expect(rotations.filter((r) => /notFound/.test(r.Notes))).toEqual([flagged]);
});

it('shows every person the series on their calendar, at its time in their own zone', async () => {
  calendar = await ui.newTab(() => ui.page.getByRole('link', { name: 'Calendars' }).click());
  expect(new URL(calendar.url()).pathname).toBe('/calendar');
  await calendar.locator('body[data-ready="true"]').waitFor();
  await calendar.locator('article.person').first().waitFor();

  // The organizer holds one series per group; each is the Rotations row's slot, in the row's zone.
  const owned = await shownEvents(OWNER);
  expect(owned).toHaveLength(groupCount);
  const byTitle = new Map(owned.map((e) => [e.title, e]));
  for (const row of rotations) {
    const members = [row['Member 1'], row['Member 2'], row['Member 3']].filter((e) => e !== '');
    const title = `Peer coaching: ${members.map((e) => nameOf.get(e)).join(' ↔ ')}`;
    const series = byTitle.get(title);
    expect(series).toBeDefined();
    expect(series!.occurrences).toHaveLength(6);
    expect(series!.meet).toBe(row['Meet link']);
    const first = localTime(instant(series!.occurrences[0], SAMPLE_TIME_ZONE), row['Time zone']);
    expect(`${WEEKDAYS[first.weekday]} ${String(Math.floor(first.minutes / 60)).padStart(2, '0')}:${String(first.minutes % 60).padStart(2, '0')}`).toBe(row['Day and time']);
    expect(series!.guests.map((g) => /<([^<>\s]+@[^<>\s]+)>/.exec(g)![1]).sort()).toEqual(members.slice().sort());

    // Each member holds the same series, its meetings shown at the same instants in their own zone.
    for (const email of members) {
      const theirs = await shownEvents(email);
      expect(theirs.map((e) => e.title)).toEqual([title]);
      expect(theirs[0].when).toContain(`(${zoneOf.get(email)})`);
      expect(theirs[0].occurrences.map((o) => instant(o, zoneOf.get(email)!))).toEqual(series!.occurrences.map((o) => instant(o, SAMPLE_TIME_ZONE)));
    }
  }

  // New York is hours behind London: the same meeting shows at another clock time there.
  const ny = active.find((r) => r[3] === 'America/New_York')![1];
  const nyFirst = (await shownEvents(ny))[0].occurrences[0];
  const ownerFirst = byTitle.get((await shownEvents(ny))[0].title)!.occurrences[0];
  expect(nyFirst.slice(-5)).not.toBe(ownerFirst.slice(-5));

  // Paused people hold nothing; the calendar the owner cannot see is flagged.
  for (const r of paused) {
    await calendar.locator(`article.person[data-email="${r[1]}"] .no-events`).waitFor();
    expect(await shownEvents(r[1])).toEqual([]);
  }
  await expect(calendar.locator(`article.person[data-email="${SAMPLE_NOT_FOUND_EMAIL}"] .flag`).innerText()).resolves.toBe('free/busy: notFound');
  expect(await calendar.locator('article.person .flag.warn').count()).toBe(1);

  // One invitation per guest, each to an active person.
  await calendar.getByRole('heading', { name: `Invitations sent (${active.length})` }).waitFor();
  const to = await calendar.locator('#invitations tbody tr td:nth-child(3)').allInnerTexts();
  expect(to.sort()).toEqual(active.map((r) => r[1]).sort());

  // The name holding HTML is text: in titles, guest lists and headings; no element was made of it.
  const tom = SAMPLE_ROSTER_ROWS[SAMPLE_ROSTER_ROWS.length - 1][1];
  await expect(calendar.locator(`article.person[data-email="${tom}"] h2`).innerText()).resolves.toBe(`${HOSTILE} ${tom}`);
  const tomsGroup = rotations.find((r) => [r['Member 1'], r['Member 2'], r['Member 3']].includes(tom))!;
  const copies = 1 + [tomsGroup['Member 1'], tomsGroup['Member 2'], tomsGroup['Member 3']].filter((e) => e !== '').length;
  expect(await calendar.locator('.event-title', { hasText: HOSTILE }).count()).toBe(copies); // the organizer's and each member's
  expect(await calendar.locator('img').count()).toBe(0);
  expect(await calendar.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();

  await calendar.locator(`article.person[data-email="${ny}"]`).scrollIntoViewIfNeeded();
  await calendar.screenshot({ path: 'test-artifacts/schedule-calendar.png' });
});

/** Parses iCalendar text with ical.js, registering the file's own VTIMEZONEs (none built in). */
function parse(text: string): ICAL.Component {
  ICAL.TimezoneService.reset();
  const root = new ICAL.Component(ICAL.parse(text));
  for (const vtz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtz);
  return root;
}

function occurrences(vevent: ICAL.Component): number[] {
  const event = new ICAL.Event(vevent);
  const it = event.iterator();
  const out: number[] = [];
  for (let next = it.next(); next; next = it.next()) {
    out.push(event.getOccurrenceDetails(next).startDate.toJSDate().getTime());
    if (out.length > 100) throw new Error('the series does not end');
  }
  return out;
}

it('downloads the cycle as .ics: one series per group, the same meetings as the calendars', async () => {
  await calendar.locator('#downloads').scrollIntoViewIfNeeded();
  const [download] = await Promise.all([calendar.waitForEvent('download'), calendar.getByRole('link', { name: `All ${groupCount} groups (.ics)` }).click()]);
  expect(download.suggestedFilename()).toBe('all.ics');
  const text = readFileSync(await download.path(), 'utf8');
  expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);

  const vevents = parse(text).getAllSubcomponents('vevent');
  expect(vevents).toHaveLength(groupCount);
  const owned = new Map((await shownEvents(OWNER)).map((e) => [e.title, e]));
  const attendees: string[] = [];
  for (const vevent of vevents) {
    const title = String(vevent.getFirstPropertyValue('summary'));
    const booked = owned.get(title);
    expect(booked).toBeDefined();
    expect(occurrences(vevent)).toEqual(booked!.occurrences.map((o) => instant(o, SAMPLE_TIME_ZONE)));
    attendees.push(...vevent.getAllProperties('attendee').map((p) => String(p.getFirstValue()).replace(/^mailto:/, '')));
  }
  expect(attendees.sort()).toEqual(active.map((r) => r[1]).sort());
  expect(vevents.map((v) => String(v.getFirstPropertyValue('summary'))).filter((t) => t.includes(HOSTILE))).toHaveLength(1);

  // One group's own file, served as a calendar attachment.
  const group = rotations[0].Group;
  const [one] = await Promise.all([calendar.waitForEvent('download'), calendar.getByRole('link', { name: `${group}.ics` }).click()]);
  expect(one.suggestedFilename()).toBe(`${group}.ics`);
  expect(parse(readFileSync(await one.path(), 'utf8')).getAllSubcomponents('vevent')).toHaveLength(1);
  const origin = new URL(ui.sandbox.url).origin;
  const response = await calendar.request.get(`${origin}/ics/${group}.ics`);
  expect(response.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  expect(response.headers()['content-disposition']).toBe(`attachment; filename="${group}.ics"`);
  expect((await calendar.request.get(`${origin}/ics/C9-01.ics`)).status()).toBe(404);

  // Nothing left the sandbox: no Meet, no Google, only 127.0.0.1.
  expect(ui.requests().filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && u !== 'about:blank')).toEqual([]);
});
