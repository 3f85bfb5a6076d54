/**
 * What a participant's phone does when the room moves: a new proposal on a
 * scrolled phone is announced where it can be seen, the on-screen keyboard
 * never covers the field being typed in, a new step brings its instruction
 * into view, and the logo does not lead out of the room.
 */
import type { Browser, Page } from '@playwright/test';
import { Control } from '../../src/model/control.ts';
import { syncClient } from '../helpers/sync-client.ts';
import { createRoom, expect, expectLive, joinAs, local, test } from './fixtures/room.ts';

test.describe.configure({ mode: 'parallel' });

async function phone(browser: Browser, url: string, size = { width: 390, height: 640 }): Promise<Page> {
  const context = await browser.newContext({ viewport: size, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(url);
  await expectLive(page, 30_000);
  await joinAs(page, 'Ada');
  return page;
}

function steering(server: { url: string }, room: string, key: string) {
  return syncClient(`${server.url.replace(/^http/, 'ws')}/sync`, `${room}/control`, { key });
}

const inViewport = (page: Page, selector: string) =>
  page.evaluate((s) => {
    const box = document.querySelector(s)!.getBoundingClientRect();
    const bar = document.querySelector('.room-bar')!.getBoundingClientRect();
    return box.top >= bar.bottom - 0.5 && box.bottom <= window.innerHeight + 0.5;
  }, selector);

test('a new proposal on a scrolled phone shows a bar that leads to it', async ({ browser, server }) => {
  const created = await createRoom(server, 'five-whys', 'en');
  const control = steering(server, created.room, created.facilitatorKey);
  await control.synced;
  const steer = new Control(control.doc);
  steer.propose('agreement', 'We make hard things simple for customers');
  steer.goToStep('agreement');
  const page = await phone(browser, local(server, created.participantUrl), { width: 390, height: 480 });
  try {
    await expect(page.getByText('We make hard things simple for customers')).toBeVisible();
    await expect(page.getByRole('button', { name: /new proposal/ })).toHaveCount(0);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await inViewport(page, '.consent-proposal')).toBe(false);

    steer.propose('agreement', 'We make the hard things simple for every customer');
    const show = page.getByRole('button', { name: 'There is a new proposal – show it' });
    await expect(show).toBeVisible();
    const box = await show.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(480);
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await show.click();
    await expect.poll(() => inViewport(page, '.consent-proposal')).toBe(true);
    await expect(page.locator('.consent-proposal')).toContainText('every customer');
    await expect(show).toHaveCount(0);
  } finally {
    control.provider.destroy();
    await page.context().close();
  }
});

test('the field being typed in stays above the on-screen keyboard', async ({ browser, server }) => {
  const created = await createRoom(server, 'five-whys', 'en');
  const control = steering(server, created.room, created.facilitatorKey);
  await control.synced;
  new Control(control.doc).goToStep('ladder');
  const page = await phone(browser, local(server, created.participantUrl), { width: 390, height: 760 });
  try {
    const field = page.getByRole('textbox', { name: 'Your answer' });
    await expect(field).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, 0));
    await field.evaluate((el) => (el as HTMLElement).focus({ preventScroll: true }));
    const before = await field.boundingBox();
    // The keyboard takes the lower part of the screen: the viewport shrinks to what is left.
    const left = Math.floor(before!.y) - 20;
    expect(left, 'the field starts low enough for the keyboard to cover it').toBeGreaterThan(200);
    await page.setViewportSize({ width: 390, height: left });
    await expect
      .poll(async () => {
        const box = await field.boundingBox();
        return box !== null && box.y >= 0 && box.y + box.height <= left;
      })
      .toBe(true);
    await expect(field).toBeFocused();
  } finally {
    control.provider.destroy();
    await page.context().close();
  }
});

test('a new step brings its instruction into view, and the logo stays in the room', async ({ browser, server }) => {
  const created = await createRoom(server, 'good-examples', 'en');
  const control = steering(server, created.room, created.facilitatorKey);
  await control.synced;
  const steer = new Control(control.doc);
  steer.goToStep('intro');
  const page = await phone(browser, local(server, created.participantUrl), { width: 320, height: 480 });
  try {
    await expect(page.locator('.room-bar a[href]')).toHaveCount(0);
    // The step's own part loads after the page (one module per step kind): scroll once it is there.
    await expect(page.locator('.brief')).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
    steer.goToStep('stories');
    await expect(page.locator('#step-title')).toHaveText(/.+/);
    await expect.poll(() => inViewport(page, '.step__instruction')).toBe(true);
  } finally {
    control.provider.destroy();
    await page.context().close();
  }
});
