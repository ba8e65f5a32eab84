// L5: the settings card in Chromium: a bad value is refused with its field named, a good one is
// saved, shown in the summary and still there after the sandbox restarts. Screenshot:
// test-artifacts/settings.png.
import { sandboxPage } from './harness';

jest.setTimeout(30_000);

const ui = sandboxPage('settings');
const { sidebar } = ui;

async function openSidebar(): Promise<void> {
  await ui.openSidebar();
  await sidebar().locator('#settings').waitFor();
}

it('shows the defaults, which work without touching anything', async () => {
  await openSidebar();
  await sidebar().getByText('6-week cycles, weekly, 30 min, a common free time, else Tue 10:00 (Europe/London)').waitFor();
});

it('refuses a bad value, naming the field, and saves nothing', async () => {
  await sidebar().locator('#settings summary').click();
  await sidebar().getByLabel('Cycle length (weeks)').fill('0');
  await sidebar().getByRole('button', { name: 'Save settings' }).click();
  await sidebar().getByRole('alert').filter({ hasText: 'Cycle length' }).waitFor();
  expect(ui.sandbox.workspace().globals.PropertiesService.getDocumentProperties().getProperty('settings')).toBeNull();
});

it('saves good values, shows them, and keeps them across a restart', async () => {
  await sidebar().getByLabel('Cycle length (weeks)').fill('4');
  await sidebar().locator('select[name=preferredWeekday]').selectOption('Wed');
  await sidebar().locator('input[name=preferredTime]').fill('14:30');
  await sidebar().getByRole('button', { name: 'Save settings' }).click();
  await sidebar().getByText('Settings saved.').waitFor();
  await sidebar().getByText('4-week cycles, weekly, 30 min, a common free time, else Wed 14:30 (Europe/London)').waitFor();
  expect(await sidebar().getByRole('alert').isVisible()).toBe(false);
  await ui.page.screenshot({ path: 'test-artifacts/settings.png' });
  await ui.restart();
  await openSidebar();
  await sidebar().getByText('4-week cycles, weekly, 30 min, a common free time, else Wed 14:30 (Europe/London)').waitFor();
});
