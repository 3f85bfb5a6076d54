/**
 * On a slow phone the start page is shown before its form has come alive.
 * A workshop and language picked in that moment must be the ones the room
 * starts with: the island's script is held back until both are chosen, then
 * let through, and the room that starts is the chosen one, in the chosen language.
 */
import { closeAll, expect, test } from './fixtures/room.ts';

test('a workshop and language chosen before the start page has come alive are kept', async ({ browser, server }) => {
  const page = await (await browser.newContext()).newPage();
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_astro/StartWorkshop*.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${server.url}/?lang=en`);
  const island = page.locator('astro-island[component-url*="StartWorkshop"]');
  // Still the server's HTML: Astro removes `ssr` once the island has hydrated.
  await expect(island).toHaveAttribute('ssr', '');

  await page.getByRole('radio', { name: /^Collect your good examples/ }).check();
  await page.getByRole('combobox', { name: 'Language of the workshop' }).selectOption({ label: 'Norsk bokmål' });
  release();
  await expect(island).not.toHaveAttribute('ssr', '');

  await expect(page.getByRole('radio', { name: /^Collect your good examples/ })).toBeChecked();
  await expect(page.getByRole('combobox', { name: 'Language of the workshop' })).toHaveValue('nb');
  await page.getByRole('button', { name: 'Start workshop' }).click();
  await page.waitForURL(/\/r\/[\w-]{21}\/facilitator$/);
  // The console speaks the page's language; the workshop's own title is in the room's (Norwegian).
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Saml de gode eksemplene');
  await closeAll([page]);
});
