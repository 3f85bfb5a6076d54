/**
 * Writes the text activities of an export back into new documents: the
 * why-ladder, a statement or definition drafted together with its saved
 * versions, own definitions, and a consent round with its signals.
 */
import type { ExportedStep } from '../export/schema.ts';
import { Board } from '../../model/board.ts';
import { ConsentRounds } from '../../model/consent-rounds.ts';
import { Control } from '../../model/control.ts';
import { Define } from '../../model/define.ts';
import { newItemId } from '../../model/ids.ts';
import {
  answerValue,
  consentRoundValue,
  consentVoteValue,
  earlierConsentRoundValue,
  ownDefinitionValue,
  pickValue,
  statementVersionValue,
  TEXT_LIMITS,
  type ConsentValue,
} from '../../model/schema.ts';
import { ms, refuse, uniqueIds, valid, type RebuildContext } from './context.ts';

type Exported<K extends ExportedStep['kind']> = Extract<ExportedStep, { kind: K }>;

/**
 * Answers keep their ids, rounds and support counts; the export lists them
 * most supported first, so giving them rising times keeps that order on every
 * screen. Picks are the rungs' answers, tied to the answer with the same text.
 */
export function rebuildLadder(ctx: RebuildContext, exported: Exported<'ladder'>): void {
  const board = new Board(ctx.board);
  const control = new Control(ctx.control);
  uniqueIds(exported.answers, `${ctx.field}.answers`);
  const answers = board.ladderAnswersArray(exported.id);
  const support = board.ladderSupportMap(exported.id);
  exported.answers.forEach((answer, i) => {
    const field = `${ctx.field}.answers[${i}]`;
    const value = valid(
      answerValue,
      {
        id: answer.id,
        round: answer.round,
        text: answer.text,
        authorId: ctx.people.next(),
        authorName: answer.author,
        at: ctx.tick(),
      },
      field,
    );
    answers.push([value]);
    for (const supporter of ctx.people.take(answer.supporters)) support.set(`${answer.id}|${supporter}`, true);
  });
  const picks = control.ladderPicksArray(exported.id);
  const rungs = exported.rungs.filter((rung) => rung.answer !== null);
  rungs.forEach((rung, i) => {
    const field = `${ctx.field}.rungs[${exported.rungs.indexOf(rung)}]`;
    // A pick counts only as the next round's: a gap would hide every pick after it.
    if (rung.round !== i) refuse(`${field}.round`, `round ${rung.round} has an answer, but an earlier round has none`);
    const picked = exported.answers.find((a) => a.round === rung.round && a.text === rung.answer);
    const value = { round: rung.round, answerId: picked?.id ?? newItemId(), text: rung.answer, at: ctx.tick() };
    picks.push([valid(pickValue, value, `${field}.answer`)]);
  });
}

/** The shared draft (of a statement or define step) and its saved versions. */
export function rebuildDraft(ctx: RebuildContext, exported: Exported<'statement'> | Exported<'define'>): void {
  if (exported.draft.length > TEXT_LIMITS.statement) {
    refuse(`${ctx.field}.draft`, `at most ${TEXT_LIMITS.statement} characters`);
  }
  new Board(ctx.board).statementDraft(exported.id).insert(0, exported.draft);
  const versions = new Control(ctx.control).statementVersionsArray(exported.id);
  exported.versions.forEach((version, i) => {
    const value = { text: version.text, at: ms(version.savedAt) };
    versions.push([valid(statementVersionValue, value, `${ctx.field}.versions[${i}]`)]);
  });
}

/**
 * Own definitions are keyed by author. Screens order equal times by author id,
 * so the step's ids are handed out in sorted order, keeping the export's order.
 */
export function rebuildOwnDefinitions(ctx: RebuildContext, exported: Exported<'define'>): void {
  const define = new Define(ctx.board);
  const authors = ctx.people.take(exported.ownDefinitions.length).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const map = define.ownDefinitionsMap(exported.id);
  exported.ownDefinitions.forEach((own, i) => {
    const value = { text: own.text, name: own.author, at: ms(own.at) };
    map.set(authors[i] as string, valid(ownDefinitionValue, value, `${ctx.field}.ownDefinitions[${i}]`));
  });
  // Published definitions exist only after the reveal.
  if (exported.ownDefinitions.length > 0) new Control(ctx.control).setRevealed(exported.id, true);
}

/**
 * The round as it stood, and one signal per person counted in the tally, on
 * the current proposal. Objections come first, in the export's order, with
 * their names and notes; the export has no names or notes for the others.
 */
export function rebuildConsent(ctx: RebuildContext, exported: Exported<'consent'>): void {
  const { proposal, proposedAt, agreedText, agreedAt, tally, objections } = exported;
  const signals = tally.agree + tally.live + tally.object;
  const hasRound = proposal !== null || proposedAt !== null || agreedText !== null || agreedAt !== null;
  if (!hasRound) {
    if (signals > 0) refuse(`${ctx.field}.tally`, 'signals without a proposal');
    return;
  }
  if (objections.length !== tally.object) {
    refuse(
      `${ctx.field}.objections`,
      `tally.object is ${tally.object}, but ${objections.length} objections are listed`,
    );
  }
  const control = new Control(ctx.control);
  const round = valid(
    consentRoundValue,
    {
      proposal: proposal ?? '',
      // The export leaves out a start time of 0 (never set), and reads a missing one the same way.
      proposedAt: proposedAt === null ? 0 : ms(proposedAt),
      agreedText,
      agreedAt: agreedAt === null ? null : ms(agreedAt),
    },
    ctx.field,
  );
  const map = control.consentRoundMap(exported.id);
  ctx.control.transact(() => {
    map.set('proposal', round.proposal);
    map.set('proposedAt', round.proposedAt);
    map.set('agreedText', round.agreedText);
    map.set('agreedAt', round.agreedAt);
  });
  const voters = ctx.people.take(signals);
  const votes = new Board(ctx.board).consentVotesMap(exported.id);
  let cast = 0;
  const signal = (value: ConsentValue, name: string | null, note: string, field: string) => {
    const vote = { value, name, note, proposalAt: round.proposedAt, at: round.proposedAt + cast + 1 };
    votes.set(voters[cast++] as string, valid(consentVoteValue, vote, field));
  };
  objections.forEach((o, i) => signal('object', o.name, o.note, `${ctx.field}.objections[${i}]`));
  for (const value of ['agree', 'live'] as const) {
    for (let i = 0; i < tally[value]; i++) signal(value, null, '', `${ctx.field}.tally.${value}`);
  }
  const rounds = new ConsentRounds(ctx.control);
  ctx.control.transact(() => {
    exported.earlierRounds.forEach((r, i) => {
      const field = `${ctx.field}.earlierRounds[${i}]`;
      if (r.objections.length !== r.tally.object) {
        refuse(
          `${field}.objections`,
          `tally.object is ${r.tally.object}, but ${r.objections.length} objections are listed`,
        );
      }
      const value = { proposal: r.proposal, proposedAt: ms(r.proposedAt), counts: r.tally, objections: r.objections };
      rounds.keep(exported.id, valid(earlierConsentRoundValue, value, field));
    });
  });
}
