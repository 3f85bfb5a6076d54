/**
 * The core workshops other than 5 × hvorfor (five-whys.spec.ts), each run from
 * intro to result with the product's own content, live on the facilitator's
 * console, the projector and two participants in separate browser contexts.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { excerpt } from '../../src/islands/steps/notes-format.ts';
import { closeAll, createRoom, expect, openRoles, test } from './fixtures/room.ts';
import { next, sentenceField, stepHeading } from './fixtures/workshop.ts';

/** Every page shows the step (a brief's body may repeat its title as a subheading: the first heading counts). */
async function expectStep(pages: Page[], title: string): Promise<void> {
  await Promise.all(pages.map((page) => expect(stepHeading(page, title).first()).toBeVisible()));
}

/** No serious or critical WCAG 2.2 AA violation in the step's stage. */
async function expectAccessible(page: Page, view: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .include('main')
    .analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(blocking, `axe on ${view}`).toEqual([]);
}

/** A note card (its text paragraph's list item). */
const card = (page: Page, text: string) => page.locator('li', { has: page.locator('p', { hasText: text }) });

async function addStory(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Your story' }).fill(text);
  await page.getByRole('button', { name: 'Add story' }).click();
  await expect(card(page, text)).toBeVisible();
}

/** Moves a note into a group with the keyboard-friendly select + button. */
async function moveNote(page: Page, text: string, group: string): Promise<void> {
  // Long notes are named by their start in labels.
  const name = excerpt(text);
  await page.getByRole('combobox', { name: `Move “${name}” to` }).selectOption({ label: group });
  await page.getByRole('button', { name: `Move “${name}”`, exact: true }).click();
}

test.describe('core workshops end to end', () => {
  test('Collect your good examples: stories → groups → the common thread', async ({ browser, server }) => {
    test.setTimeout(150_000);
    const created = await createRoom(server, 'good-examples', 'en');
    const room = await openRoles(browser, server, created);
    const { facilitator, projector, participants, all } = room;
    const [ada, bo] = participants;
    const STORIES = [
      'Ada: we called back within the hour and the customer cried with relief',
      'Ada: a new colleague solved a tricky invoice because we had written it down',
      'Bo: we kept the promise to send the papers the same day',
      'Bo: the customer said she finally felt heard',
    ];
    const DENOMINATOR = 'We keep our promises and make people feel heard';

    await expectStep(all, 'Why good examples?');
    await next(facilitator, 'Your success stories');
    await expectStep(all, 'Your success stories');
    await addStory(ada, STORIES[0]!);
    await addStory(bo, STORIES[2]!);
    await addStory(ada, STORIES[1]!);
    await addStory(bo, STORIES[3]!);
    for (const page of all) for (const story of STORIES) await expect(card(page, story)).toBeVisible();
    // Named stories: the projector says who told them.
    await expect(card(projector, STORIES[2]!)).toContainText('Bo');

    await next(facilitator, 'Find the common thread');
    await expectStep(all, 'Find the common thread');
    await bo.getByRole('button', { name: 'New group' }).click();
    await bo.getByRole('textbox', { name: 'Name of group 1' }).fill('Kept promises');
    await bo.getByRole('button', { name: 'New group' }).click();
    await bo.getByRole('textbox', { name: 'Name of group 2' }).fill('Feeling heard');
    await expect(projector.getByRole('heading', { name: 'Feeling heard' })).toBeVisible();
    await moveNote(ada, STORIES[0]!, 'Kept promises');
    await moveNote(ada, STORIES[2]!, 'Kept promises');
    await moveNote(bo, STORIES[3]!, 'Feeling heard');
    // The wall shows the groups by name; on the editors' screens each note's "Move to" says where it sits.
    await expect(projector.getByRole('region', { name: 'Kept promises' }).getByText(STORIES[2]!)).toBeVisible();
    await expect(projector.getByRole('region', { name: 'Feeling heard' }).getByText(STORIES[3]!)).toBeVisible();
    for (const page of [facilitator, ada, bo]) {
      const placeOf = (text: string) =>
        page.getByRole('combobox', { name: `Move “${excerpt(text)}” to` }).locator('option:checked');
      await expect(placeOf(STORIES[2]!)).toHaveText('Kept promises');
      await expect(placeOf(STORIES[3]!)).toHaveText('Feeling heard');
    }

    await next(facilitator, 'The common thread in one sentence');
    await expectStep(all, 'The common thread in one sentence');
    await sentenceField(ada).click();
    await sentenceField(ada).pressSequentially(DENOMINATOR);
    await expect(sentenceField(bo)).toHaveValue(DENOMINATOR);
    await expect(sentenceField(facilitator)).toHaveValue(DENOMINATOR);
    await expect(projector.getByRole('main').getByText(DENOMINATOR)).toBeVisible();
    await facilitator.getByRole('button', { name: 'Save version' }).click();

    await next(facilitator, 'What keeps coming back');
    await expectStep(all, 'What keeps coming back');
    for (const page of all) {
      await expect(page.getByRole('main').getByText(DENOMINATOR).first()).toBeVisible();
      await expect(page.getByRole('main').getByText('Kept promises').first()).toBeVisible();
    }
    await closeAll(all);
  });

  test('Service-minded: own definitions → one agreed definition → behaviours', async ({ browser, server }) => {
    test.setTimeout(150_000);
    const created = await createRoom(server, 'service-minded', 'en');
    const room = await openRoles(browser, server, created);
    const { facilitator, projector, participants, all } = room;
    const [ada, bo] = participants;
    const OWN_ADA = 'Ada thinks: solving the problem before the customer must ask twice';
    const OWN_BO = 'Bo thinks: every caller knows what happens next when they hang up';
    const AGREED = 'We solve the problem at once and always tell the customer what happens next';
    const BEHAVIOUR = {
      text: 'Sum up before hanging up',
      how: 'Say the next step out loud',
      signs: 'Fewer calls back',
    };

    await expectStep(all, 'How long is long?');
    await next(facilitator, 'What does service-minded mean?');
    await expectStep(all, 'What does service-minded mean?');
    const own = (page: Page) => page.getByRole('textbox', { name: 'Your definition of “service-minded”' });
    await own(ada).fill(OWN_ADA);
    await own(bo).fill(OWN_BO);
    // Private until the reveal (the frame-level proof is in define-behaviours.spec.ts).
    for (const page of [facilitator, projector, bo]) await expect(page.getByText(OWN_ADA)).toHaveCount(0);
    // A definition is kept in its seat a moment after typing stops; the console says when both are
    // (whether, never what), and the facilitator reveals then, as in a room.
    await expect(facilitator.getByText('2 of 2 have written something.')).toBeVisible();
    await facilitator.getByRole('button', { name: 'Reveal the definitions' }).click();
    for (const page of all) {
      await expect(page.getByText(OWN_ADA)).toBeVisible();
      await expect(page.getByText(OWN_BO)).toBeVisible();
    }
    const agreedField = (page: Page) => page.getByRole('textbox', { name: 'Our definition of “service-minded”' });
    await agreedField(bo).click();
    await agreedField(bo).pressSequentially(AGREED);
    await expect(agreedField(ada)).toHaveValue(AGREED);
    await expect(agreedField(facilitator)).toHaveValue(AGREED);

    await next(facilitator, 'Is this our definition?');
    await expectStep(all, 'Is this our definition?');
    await facilitator.getByRole('button', { name: 'Put this to agreement' }).click();
    for (const page of all) await expect(page.getByRole('figure', { name: 'Proposal' })).toContainText(AGREED);
    await ada.getByRole('radio', { name: 'Agree' }).check();
    await ada.getByRole('button', { name: 'Send' }).click();
    await bo.getByRole('radio', { name: 'Can live with it' }).check();
    await bo.getByRole('button', { name: 'Send' }).click();
    await expect(facilitator.getByRole('main').getByText('(2 answers)')).toBeVisible();
    await facilitator.getByRole('button', { name: 'Mark as agreed' }).click();

    await next(facilitator, 'What do we actually do?');
    await expectStep(all, 'What do we actually do?');
    const form = ada.getByRole('form', { name: 'Add a behaviour' });
    await form.getByRole('textbox', { name: 'What we do' }).fill(BEHAVIOUR.text);
    await form.getByRole('textbox', { name: /How we carry it out/ }).fill(BEHAVIOUR.how);
    await form.getByRole('textbox', { name: /How you can see it happen/ }).fill(BEHAVIOUR.signs);
    await form.getByRole('button', { name: 'Add behaviour' }).click();
    for (const page of all) await expect(page.getByText(BEHAVIOUR.text, { exact: true })).toBeVisible();

    await next(facilitator, 'How we are service-minded');
    await expectStep(all, 'How we are service-minded');
    for (const page of all) {
      await expect(page.getByRole('main').getByText(AGREED).first()).toBeVisible();
      await expect(page.getByRole('main').getByText(BEHAVIOUR.text).first()).toBeVisible();
      await expect(page.getByRole('main').getByText(BEHAVIOUR.how).first()).toBeVisible();
    }
    await closeAll(all);
  });

  test('Our list of good questions: questions with attributes → dot vote → the core list', async ({
    browser,
    server,
  }) => {
    test.setTimeout(150_000);
    const created = await createRoom(server, 'question-list', 'en');
    const room = await openRoles(browser, server, created);
    const { facilitator, projector, participants, all } = room;
    const [ada, bo] = participants;
    const Q = {
      help: 'What can I help you with today?',
      tried: 'What have you tried already?',
      number: 'Is the customer number 4711 still right?',
      clear: 'Is there anything else you are unsure about?',
    };

    async function addQuestion(page: Page, text: string, type: 'Open' | 'Closed', moment: string, purpose: string) {
      const form = page.getByRole('form', { name: 'Add a question' });
      await form.getByRole('textbox', { name: 'The question' }).fill(text);
      await form.getByRole('radio', { name: new RegExp(`^${type}`) }).check();
      await form.getByRole('combobox', { name: 'When in the conversation' }).selectOption({ label: moment });
      await form.getByRole('textbox', { name: /What we use the answer for/ }).fill(purpose);
      await form.getByRole('button', { name: 'Add question' }).click();
      await expect(form.getByRole('textbox', { name: 'The question' })).toHaveValue('');
    }

    await expectStep(all, 'Why a list of questions?');
    await next(facilitator, 'Our questions');
    await expectStep(all, 'Our questions');
    await addQuestion(ada, Q.help, 'Open', 'Opening', 'Lets the customer tell it in their own words');
    await addQuestion(bo, Q.tried, 'Open', 'Digging deeper', 'Saves repeating what did not work');
    await addQuestion(bo, Q.number, 'Closed', 'Opening', 'Finds the right case at once');
    // One by keyboard only: type, Tab through the attributes, Enter on the button.
    const form = ada.getByRole('form', { name: 'Add a question' });
    await form.getByRole('textbox', { name: 'The question' }).focus();
    await ada.keyboard.type(Q.clear);
    await form.getByRole('radio', { name: /^Closed/ }).focus();
    await ada.keyboard.press('Space');
    await form.getByRole('combobox', { name: 'When in the conversation' }).selectOption({ label: 'Closing' });
    await form.getByRole('button', { name: 'Add question' }).focus();
    await ada.keyboard.press('Enter');
    for (const page of all) {
      for (const text of Object.values(Q)) await expect(page.getByText(text, { exact: true })).toBeVisible();
    }
    for (const page of [ada, projector, facilitator]) await expectAccessible(page, `questions ${page.url()}`);
    const closing = projector.getByRole('region', { name: 'Closing' });
    await expect(closing.getByText(Q.clear)).toBeVisible();
    await expect(closing.getByText('Closed', { exact: true })).toBeVisible();

    await next(facilitator, 'The core list');
    await expectStep(all, 'The core list');
    const give = (page: Page, text: string) => page.getByRole('button', { name: `Add a dot to: “${text}”` });
    // Ada votes by keyboard.
    await give(ada, Q.help).focus();
    await ada.keyboard.press('Enter');
    await ada.keyboard.press('Enter');
    await expect(give(ada, Q.help)).toBeDisabled(); // two per question at most
    await give(ada, Q.tried).click();
    await give(bo, Q.help).click();
    await give(bo, Q.tried).click();
    await give(bo, Q.number).click();
    await expect(ada.getByText('2 of 5 dots left')).toBeVisible();
    await expect(facilitator.getByText('2 people have voted.')).toBeVisible();
    for (const page of [ada, projector]) await expectAccessible(page, `vote ${page.url()}`);
    // No totals anywhere before the reveal.
    for (const page of all) {
      await expect(page.getByText(/^\d+ dots?$/)).toHaveCount(0);
      await expect(page.getByText('Chosen', { exact: true })).toHaveCount(0);
    }

    await facilitator.getByRole('button', { name: 'Reveal', exact: true }).click();
    for (const page of all) {
      const ranked = page.getByRole('region', { name: 'The result' }).getByRole('listitem');
      await expect(ranked.first()).toContainText(Q.help);
      await expect(ranked.first()).toContainText('3 dots');
      await expect(ranked.first()).toContainText('Chosen');
      await expect(ranked.nth(1)).toContainText(Q.tried);
    }
    for (const page of [bo, projector]) await expectAccessible(page, `vote result ${page.url()}`);

    await next(facilitator, 'Your core list');
    await expectStep(all, 'Your core list');
    for (const page of all) {
      await expect(page.getByRole('main').getByText(Q.help).first()).toBeVisible();
      await expect(page.getByRole('main').getByText(Q.number).first()).toBeVisible();
    }
    await closeAll(all);
  });
});
