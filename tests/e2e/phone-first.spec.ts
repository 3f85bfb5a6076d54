/**
 * Phones first for participants: on every participant step of the eight
 * workshops, at 320 and 390 px wide, every visible control is at least 44 px
 * high and the page never scrolls sideways. The room holds a few of everything
 * (answers, notes in groups, questions, behaviours, a vote), so the steps show
 * their cards and buttons, not only their empty forms.
 */
import type { Page } from '@playwright/test';
import * as Y from 'yjs';
import { buildExport } from '../../src/lib/export/model.ts';
import { Control } from '../../src/model/control.ts';
import type { CreatedRoom } from '../../src/model/protocol.ts';
import { workshopNamed } from '../helpers/core-runs.ts';
import { syncClient } from '../helpers/sync-client.ts';
import { fillBehaviours, fillLadder, fillNotes, fillQuestions, fillVote, type WallDocs } from '../helpers/wall-fill.ts';
import { expect, expectLive, local, test } from './fixtures/room.ts';

test.describe.configure({ mode: 'parallel' });

const WORKSHOPS = [
  'five-whys',
  'good-examples',
  'service-minded',
  'question-list',
  'co-listening-focus',
  'listening-levels',
  'decisions',
  'leader-time',
] as const;
const WIDTHS = [320, 390] as const;
/** WCAG 2.5.5's size, and Apple's and Google's guidance for touch targets. */
const MIN_TARGET_PX = 44;

/** A few contributions on every step kind the workshop has (the fill helpers throw for a kind it lacks). */
function fillSome(workshop: string): WallDocs {
  const w = workshopNamed(workshop);
  const docs = { board: new Y.Doc(), control: new Y.Doc() };
  const fills = [
    () => fillLadder(w, docs, 3, 1),
    () => fillNotes(w, docs, 5, 2),
    () => fillQuestions(w, docs, 4),
    () => fillBehaviours(w, docs, 3),
    () => fillVote(w, docs, 4),
  ];
  for (const fill of fills) {
    try {
      fill();
    } catch (error) {
      if (!(error instanceof Error) || !/has no/.test(error.message)) throw error;
    }
  }
  return docs;
}

async function filledRoom(server: { url: string }, workshop: string): Promise<CreatedRoom> {
  const docs = fillSome(workshop);
  const exported = buildExport({
    room: 'phone',
    workshop: workshopNamed(workshop),
    locale: 'nb',
    createdAt: Date.now(),
    ...docs,
  });
  const response = await fetch(`${server.url}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ workshop, locale: 'nb', import: exported }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as CreatedRoom;
}

/** Controls lower than the minimum, and how wide the page is against the screen. */
async function measure(page: Page, minPx: number) {
  return page.evaluate((min) => {
    const small: string[] = [];
    const controls = document.querySelectorAll(
      'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [tabindex]:not([tabindex="-1"])',
    );
    for (const element of controls) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      // The skip link sits off screen until focused; links inside running text are exempt (WCAG 2.5.8).
      if (element.classList.contains('skip-link')) continue;
      if (
        element.tagName === 'A' &&
        getComputedStyle(element).display === 'inline' &&
        element.closest('p, li')?.textContent !== element.textContent
      )
        continue;
      if (box.height < min - 0.5) {
        const name = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 30);
        small.push(`${element.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    return { small, scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth };
  }, minPx);
}

for (const workshop of WORKSHOPS) {
  test(`${workshop}: every participant step fits a phone of 320 and 390 px with 44 px controls`, async ({
    browser,
    server,
  }) => {
    test.setTimeout(180_000);
    const created = await filledRoom(server, workshop);
    const control = syncClient(`${server.url.replace(/^http/, 'ws')}/sync`, `${created.room}/control`, {
      key: created.facilitatorKey,
    });
    await control.synced;
    const steps = workshopNamed(workshop).steps;
    const pages: Page[] = [];
    try {
      for (const width of WIDTHS) {
        const context = await browser.newContext({ viewport: { width, height: 700 }, isMobile: true, hasTouch: true });
        const page = await context.newPage();
        pages.push(page);
        await page.goto(local(server, created.participantUrl));
        await expectLive(page, 30_000);
        await page.getByRole('textbox', { name: /navn/i }).fill('Åse');
        await page.getByRole('button', { name: 'Bli med', exact: true }).click();
        await expect(page.getByText('Du er Åse')).toBeVisible();
      }
      for (const [index, step] of steps.entries()) {
        new Control(control.doc).goToStep(step.id);
        for (const page of pages) {
          const eyebrow = `Steg ${index + 1} av ${steps.length}`;
          await expect(page.getByText(eyebrow, { exact: true })).toBeVisible();
          await expect(page.locator('#step-title')).toHaveText(step.title.nb);
          const found = await measure(page, MIN_TARGET_PX);
          const where = `${workshop} / ${step.id} at ${found.width} px`;
          expect(found.small, `${where}: controls lower than ${MIN_TARGET_PX} px`).toEqual([]);
          expect(found.scrollWidth, `${where}: the page scrolls sideways`).toBeLessThanOrEqual(found.width);
        }
      }
    } finally {
      control.provider.destroy();
      await Promise.all(pages.map((page) => page.context().close()));
    }
  });
}
