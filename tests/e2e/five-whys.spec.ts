/**
 * The whole 5 × hvorfor workshop, live, with the facilitator's console, the
 * projector and two participants in separate browser contexts: intro, five
 * rounds of the why-ladder, the shared sentence, agreement, result and export.
 */
import fs from 'node:fs/promises';
import type { Page, WebSocketRoute } from '@playwright/test';
import { expect, expectLive, local, test } from './fixtures/room.ts';
import {
  answerCard,
  expectStep,
  FIRST_QUESTION,
  followUp,
  ladderRungs,
  next,
  postAnswer,
  sentenceField,
  STEPS,
} from './fixtures/workshop.ts';

/** One answer per participant and round; participant 1's is the one picked. Written as clauses, in Danish. */
const ROUNDS = [
  { picked: 'vi hjælper kunden videre', other: 'vi får løn for det' },
  { picked: 'kunden kommer videre i sin dag', other: 'kunden slipper for at vente' },
  { picked: 'kunden føler sig tryg og hørt', other: 'der er styr på sagen' },
  { picked: 'tryghed giver ro i hverdagen', other: 'folk får overskud' },
  { picked: 'alle fortjener en god dag på Ærø', other: 'vi gør en forskel' },
] as const;

const DRAFT_START = 'hjælper kunder videre';
const DRAFT_PREFIX = 'Vi ';
const DRAFT_SUFFIX = ' så de går trygge hjem';
const DRAFT = `${DRAFT_PREFIX}${DRAFT_START}${DRAFT_SUFFIX}`;
const TOO_LONG_TAIL = ' hver eneste dag i året';
const AGREED = 'Vi hjælper kunder på Ærø, så de går trygge hjem';
const OBJECTION = 'Nævn Ærø – vi er stolte af øen';
const KISS_HINT = /^Keep it simple/;

test('5 × hvorfor from intro to export, live on every screen', async ({ room, server }) => {
  // The whole workshop in one test: four screens, five rounds, two proposals.
  test.setTimeout(120_000);
  const { facilitator, projector, participants, all } = room;
  const [ada, bo] = participants;
  const others = [projector, ...participants];

  // --- intro -----------------------------------------------------------------
  await expectStep(all, STEPS.intro);
  await Promise.all(others.map((page) => expect(page.getByRole('main').getByText('Step 1 of 5')).toBeVisible()));

  // --- the why-ladder ---------------------------------------------------------
  await next(facilitator, STEPS.ladder);
  await expectStep(all, STEPS.ladder);
  await Promise.all(
    all.map((page) => expect(page.getByRole('main').getByText(FIRST_QUESTION, { exact: true })).toBeVisible()),
  );
  await expect(ladderRungs(projector)).toHaveCount(1);

  for (const [round, { picked, other }] of ROUNDS.entries()) {
    await test.step(`round ${round + 1}`, async () => {
      await Promise.all([postAnswer(ada, picked), postAnswer(bo, other)]);
      for (const page of [facilitator, projector, ada, bo]) {
        await expect(answerCard(page, picked)).toBeVisible();
        await expect(answerCard(page, other)).toBeVisible();
      }
      await expect(projector.getByRole('main').getByText('2 answers so far')).toBeVisible();

      // Bo supports Ada's answer: the count shows on the projector and the console.
      const support = bo.getByRole('button', { name: `Support: “${picked}”` });
      await support.click();
      await expect(support).toHaveAttribute('aria-pressed', 'true');
      await expect(answerCard(projector, picked)).toContainText('1 supporter');
      await expect(answerCard(facilitator, picked)).toContainText('1 supporter');

      const last = round === ROUNDS.length - 1;
      // The last round's pick says what it does: it ends the ladder, there is no next why.
      const pickName = last
        ? `Pick as the final answer, the raw material for your purpose: “${picked}”`
        : `Pick for the next why: “${picked}”`;
      await facilitator.getByRole('button', { name: pickName }).click();
      if (!last) {
        await Promise.all(
          all.map((page) => expect(page.getByRole('main').getByText(followUp(picked), { exact: true })).toBeVisible()),
        );
      } else {
        await Promise.all(
          all.map((page) => expect(page.getByRole('heading', { name: 'The why-ladder is complete' })).toBeVisible()),
        );
      }
      // The ladder grows one rung per pick, up to the fifth "why".
      await expect(ladderRungs(projector)).toHaveCount(Math.min(round + 2, ROUNDS.length));
      await expect(projector.getByRole('main').getByText('Answer carried on')).toHaveCount(
        Math.min(round + 1, ROUNDS.length - 1),
      );
    });
  }
  for (const { picked } of ROUNDS) {
    await expect(projector.getByRole('main').getByText(picked, { exact: true }).first()).toBeVisible();
  }

  // --- the shared sentence ----------------------------------------------------
  await next(facilitator, STEPS.statement);
  await expectStep(all, STEPS.statement);
  // The ladder's last answer is the starting point.
  await Promise.all(
    all.map((page) =>
      expect(page.getByRole('figure', { name: 'Where the why-ladder ended' })).toContainText(ROUNDS[4].picked),
    ),
  );

  const adaField = sentenceField(ada);
  const boField = sentenceField(bo);
  await adaField.click();
  await adaField.pressSequentially(DRAFT_START);
  await expect(boField).toHaveValue(DRAFT_START);
  // Both type at once, at opposite ends of the sentence: the edits merge.
  await boField.focus();
  await Promise.all([
    (async () => {
      await adaField.press('Control+Home');
      await adaField.pressSequentially(DRAFT_PREFIX);
    })(),
    (async () => {
      await boField.press('Control+End');
      await boField.pressSequentially(DRAFT_SUFFIX);
    })(),
  ]);
  await expectSentence(room, DRAFT);
  await Promise.all(
    all.map((page) => expect(page.getByRole('main').getByText('9 words — aim for 7–10')).toBeVisible()),
  );
  await Promise.all(all.map((page) => expect(page.getByRole('main').getByText('Good length')).toBeVisible()));
  await Promise.all(all.map((page) => expect(page.getByRole('main').getByText(KISS_HINT)).toBeHidden()));

  // Too long: the count and the KISS hint appear everywhere, and go again.
  await adaField.press('Control+End');
  await adaField.pressSequentially(TOO_LONG_TAIL);
  await Promise.all(
    all.map((page) => expect(page.getByRole('main').getByText('14 words — aim for 7–10')).toBeVisible()),
  );
  await Promise.all(all.map((page) => expect(page.getByRole('main').getByText('Too long')).toBeVisible()));
  await Promise.all(all.map((page) => expect(page.getByRole('main').getByText(KISS_HINT)).toBeVisible()));
  for (let i = 0; i < TOO_LONG_TAIL.length; i++) await adaField.press('Backspace');
  await expectSentence(room, DRAFT);
  await Promise.all(
    all.map((page) => expect(page.getByRole('main').getByText('9 words — aim for 7–10')).toBeVisible()),
  );
  await Promise.all(all.map((page) => expect(page.getByRole('main').getByText(KISS_HINT)).toBeHidden()));

  // The facilitator saves a version.
  await facilitator.getByRole('button', { name: 'Save version' }).click();
  const versions = facilitator.getByRole('region', { name: 'Saved versions' });
  await expect(versions.getByText(DRAFT, { exact: true })).toBeVisible();
  await expect(versions.getByText('Same as now')).toBeVisible();
  await expect(facilitator.getByRole('button', { name: 'Save version' })).toBeDisabled();

  // --- agreement ---------------------------------------------------------------
  await next(facilitator, STEPS.agreement);
  await expectStep(all, STEPS.agreement);
  await Promise.all(
    participants.map((page) =>
      expect(page.getByRole('main').getByText('Waiting for the facilitator to put a sentence forward.')).toBeVisible(),
    ),
  );
  await facilitator.getByRole('button', { name: 'Put this to agreement' }).click();
  await Promise.all(all.map((page) => expect(page.getByRole('figure', { name: 'Proposal' })).toContainText(DRAFT)));

  await vote(ada, 'Agree');
  await vote(bo, 'Object', OBJECTION);
  for (const page of [projector, facilitator]) {
    const objection = page.getByRole('list', { name: 'Objections' }).getByRole('listitem');
    await expect(objection).toHaveCount(1);
    await expect(objection).toContainText('Bo');
    await expect(objection).toContainText(OBJECTION);
  }
  await expect(facilitator.getByRole('main').getByText(/There are objections/)).toBeVisible();

  // The facilitator changes the sentence in place and puts it forward again: nobody leaves the step.
  const edit = facilitator.getByRole('button', { name: 'Edit the sentence' });
  await expect(edit).toHaveAttribute('aria-expanded', 'false');
  await edit.click();
  await expect(edit).toHaveAttribute('aria-expanded', 'true');
  await expect(sentenceField(facilitator)).toBeFocused();
  await expect(sentenceField(facilitator)).toHaveValue(DRAFT);
  await sentenceField(facilitator).fill(AGREED);
  await expect(
    facilitator.getByRole('main').getByText('The draft has changed since it was put forward.'),
  ).toBeVisible();
  await expectStep(all, STEPS.agreement);
  // A participant who opens the editor sees the same shared draft.
  await bo.getByRole('button', { name: 'Edit the sentence' }).click();
  await expect(sentenceField(bo)).toHaveValue(AGREED);
  await facilitator.getByRole('button', { name: 'Put this to agreement' }).click();
  await Promise.all(all.map((page) => expect(page.getByRole('figure', { name: 'Proposal' })).toContainText(AGREED)));
  // A new round: earlier answers no longer count.
  await expect(projector.getByRole('main').getByText('No objections so far.')).toBeVisible();
  await vote(ada, 'Agree');
  await vote(bo, 'Agree');
  await expect(facilitator.getByRole('main').getByText('(2 answers)')).toBeVisible();
  await facilitator.getByRole('button', { name: 'Mark as agreed' }).click();
  await Promise.all(
    all.map(async (page) => {
      await expect(page.getByRole('main').getByText(/^\W*Agreed$/)).toBeVisible();
      await expect(page.getByRole('main').getByText(AGREED, { exact: true }).first()).toBeVisible();
    }),
  );

  // --- result -------------------------------------------------------------------
  await next(facilitator, STEPS.result);
  await expectStep(all, STEPS.result);
  await Promise.all(
    all.map(async (page) => {
      const purpose = page.getByRole('region', { name: 'Our purpose' });
      await expect(purpose.getByText(AGREED, { exact: true })).toBeVisible();
      await expect(purpose.getByText(/Agreed \w+/)).toBeVisible();
      const ladder = page.getByRole('region', { name: 'How we got here' });
      for (const { picked } of ROUNDS) await expect(ladder.getByText(picked, { exact: true })).toBeVisible();
    }),
  );

  // --- export -------------------------------------------------------------------
  const exportUrl = (format: string) => `${server.url}/api/rooms/${room.created.room}/export?format=${format}`;
  const md = await fetch(exportUrl('md'));
  expect(md.status).toBe(200);
  expect(md.headers.get('content-type')).toMatch(/^text\/markdown; charset=utf-8/);
  const markdown = await md.text();
  expect(markdown).toContain(AGREED);
  for (const { picked } of ROUNDS) expect(markdown).toContain(picked);

  const json = await fetch(exportUrl('json'));
  expect(json.status).toBe(200);
  const model = (await json.json()) as {
    version: number;
    results: { kind: string; text?: string; agreed?: boolean }[];
    steps: { kind: string; rungs?: { answer: string | null }[] }[];
  };
  expect(model.version).toBe(2);
  expect(model.results[0]).toMatchObject({ kind: 'statement', text: AGREED, agreed: true });
  const ladder = model.steps.find((step) => step.kind === 'ladder');
  expect(ladder?.rungs?.map((rung) => rung.answer)).toEqual(ROUNDS.map((r) => r.picked));

  // The console's own download link gives the same file.
  const [download] = await Promise.all([
    facilitator.waitForEvent('download'),
    facilitator
      .getByRole('region', { name: 'Export the results' })
      .getByRole('link', { name: 'Text (Markdown)', exact: true })
      .click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^5-why-your-team-s-purpose-\d{4}-\d{2}-\d{2}\.md$/);
  const downloaded = await fs.readFile(await download.path(), 'utf8');
  expect(downloaded).toContain(AGREED);
  for (const { picked } of ROUNDS) expect(downloaded).toContain(picked);

  // The participant link still works as a plain page load after all this.
  expect((await fetch(local(server, room.created.participantUrl))).status).toBe(200);
});

test('an answer sent as the round closes stays in view, and its author can post it for the new question', async ({
  room,
}) => {
  const { facilitator, projector, participants } = room;
  const [ada, bo] = participants;
  const picked = 'vi hjælper kunden videre';
  const late = 'kunden får ro';
  await next(facilitator, STEPS.ladder);

  // Bo's control document (what the facilitator steers) can be held back: the pick then reaches
  // everyone but Bo, as when Bo sends an answer in the instant the facilitator picks.
  const control = await holdableControl(bo);
  await bo.reload();
  await expectStep([bo], STEPS.ladder);
  await expectLive(bo);

  await postAnswer(ada, picked);
  control.hold();
  await facilitator.getByRole('button', { name: `Pick for the next why: “${picked}”` }).click();
  await expect(projector.getByRole('main').getByText(followUp(picked), { exact: true })).toBeVisible();
  await expect(bo.getByRole('main').getByText(FIRST_QUESTION, { exact: true })).toBeVisible();
  await postAnswer(bo, late);
  control.release();

  // The answer landed in the round that closed: it is kept under that rung on every screen…
  await expect(bo.getByRole('main').getByText(followUp(picked), { exact: true })).toBeVisible();
  for (const page of [facilitator, projector, ada, bo]) {
    const others = page.getByRole('group').filter({ hasText: 'Other answers (1)' });
    await page.getByText('Other answers (1)').click();
    await expect(others.getByText(late, { exact: true })).toBeVisible();
  }
  // …and Bo is told, with the offer to post it for the question now open.
  const notice = bo
    .getByRole('listitem')
    .filter({ hasText: `Your answer “${late}” arrived just as the round closed.` });
  await expect(notice).toBeVisible();
  await notice.getByRole('button', { name: `Post it for this question: “${late}”` }).click();
  await expect(notice).toHaveCount(0);
  await expect(bo.getByRole('textbox', { name: 'Your answer' })).toBeFocused();
  for (const page of [facilitator, projector, ada, bo]) {
    // Wait for the old entry to leave first: until the move reaches a page, the text stands in both places.
    await expect(page.getByText('Other answers (1)')).toHaveCount(0);
    await expect(answerCard(page, late)).toBeVisible();
  }
  await expect(projector.getByRole('main').getByText('1 answer so far')).toBeVisible();
});

/**
 * Routes the page's control-document socket through the test, so messages
 * from the server can be held back and then delivered in order. Install
 * before the page connects (reload after).
 */
async function holdableControl(page: Page): Promise<{ hold: () => void; release: () => void }> {
  let holding = false;
  const held: (string | Buffer)[] = [];
  let toPage: WebSocketRoute | null = null;
  await page.routeWebSocket(
    (url) => url.pathname.endsWith('/control'),
    (ws) => {
      toPage = ws;
      const server = ws.connectToServer();
      ws.onMessage((message) => server.send(message));
      server.onMessage((message) => (holding ? held.push(message) : ws.send(message)));
    },
  );
  return {
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      for (const message of held.splice(0)) toPage?.send(message);
    },
  };
}

/** The sentence as every screen shows it: the shared field, or the projector's big text. */
async function expectSentence(room: { facilitator: Page; projector: Page; participants: Page[] }, text: string) {
  await Promise.all([
    ...[room.facilitator, ...room.participants].map((page) => expect(sentenceField(page)).toHaveValue(text)),
    expect(room.projector.getByRole('main').getByText(text, { exact: true })).toBeVisible(),
  ]);
}

/** A participant's signal on the current proposal, with an optional note. */
async function vote(page: Page, choice: 'Agree' | 'Can live with it' | 'Object', note?: string) {
  await page.getByRole('radio', { name: choice }).check();
  if (note !== undefined) {
    const label = choice === 'Object' ? 'What would make it acceptable for you?' : 'Comment (optional)';
    await page.getByRole('textbox', { name: label }).fill(note);
  }
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('main').getByText(`Your answer: ${choice}.`)).toBeVisible();
}
