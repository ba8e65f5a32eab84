// L5 (issue 12, item 10): the sandbox is one spreadsheet opened once per visit. Sheets runs onOpen
// when a person opens (or reloads) the spreadsheet; here a visit is one load of the host page in a
// browser tab. Its assets, the sidebar, the page's polling, other pages of the sandbox and GETs of
// "/" that are not a page load (a tool, a prefetch) never run onOpen.
import { sandboxPage } from './harness';

jest.setTimeout(60_000);

const ui = sandboxPage('visits');
const { sidebar } = ui;
const onOpens = () => ui.sandbox.executions().filter((c) => c.name === 'onOpen').length;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('runs onOpen once when the page is opened, and not again while the visit goes on', async () => {
  expect(onOpens()).toBe(0); // nobody has opened the spreadsheet yet
  await ui.openSidebar();
  expect(onOpens()).toBe(1);
  await sidebar().getByRole('button', { name: 'Set up this spreadsheet' }).click();
  await sidebar().locator('#roster').getByText('No problems').waitFor();
  await sleep(3000); // the page and the sidebar poll and call the server meanwhile
  // GETs of the page that are not a page load: a tool, a link preview, a prefetch.
  for (const route of ['/', '/?reload=1', '/host.js', '/sidebar', '/api/workbook']) {
    expect((await ui.page.request.get(new URL(route, ui.sandbox.url).href)).ok()).toBe(true);
  }
  // Another page of the sandbox, in its own tab.
  const calendar = await ui.newTab(() => ui.page.getByRole('link', { name: 'Calendars' }).click());
  await calendar.locator('body[data-ready="true"]').waitFor();
  expect(onOpens()).toBe(1);
  expect(ui.sandbox.executions().filter((c) => c.via === 'trigger').map((c) => c.name)).toEqual(['onOpen']);
  // The sidebar is still open: nothing re-opened the spreadsheet under it.
  expect(ui.sandbox.workspace().ui.sidebar).not.toBeNull();
  await sidebar().getByRole('button', { name: 'Check again' }).click();
  await sidebar().locator('#roster').getByText('No problems').waitFor();
  expect(onOpens()).toBe(1);

  // Back to the spreadsheet from the calendar tab: that tab opens the spreadsheet, once.
  await calendar.getByRole('link', { name: /Spreadsheet/ }).click();
  await calendar.locator('body[data-ready="true"]').waitFor();
  expect(onOpens()).toBe(2);
  await calendar.close();
});

it('a reload is a new visit: onOpen runs once more, as in Sheets', async () => {
  await ui.page.reload();
  await ui.page.locator('body[data-ready="true"]').waitFor();
  await sleep(1000);
  expect(onOpens()).toBe(3);
  // The menu it built is there.
  await ui.page.getByRole('button', { name: 'Extensions' }).click();
  await ui.page.locator('#menu-popup > .menu-item').first().click();
  await ui.page.getByRole('menuitem', { name: 'Open' }).waitFor();
});
