/**
 * Reads the text activities for the export: the why-ladder, a statement
 * drafted together, a definition (own ones side by side, then one shared), and
 * a consent round.
 */
import { Board } from '../../model/board.ts';
import { ConsentRounds } from '../../model/consent-rounds.ts';
import { Control } from '../../model/control.ts';
import type { Locale } from '../../model/locale.ts';
import { Define } from '../../model/define.ts';
import type { StepOf } from '../../model/workshop.ts';
import { tallyConsent } from '../consent.ts';
import { ladderRungs, rankAnswers } from '../ladder.ts';
import { countWords } from '../words.ts';
import { iso, type ExportDocs } from './read-lists.ts';

export function readLadder(step: StepOf<'ladder'>, locale: Locale, docs: ExportDocs) {
  const board = new Board(docs.board);
  const picks = new Control(docs.control).ladderPicks(step.id);
  const answers = board.ladderAnswers(step.id);
  const support = board.ladderSupport(step.id);
  const rounds = [...new Set(answers.map((a) => a.round))].sort((a, b) => a - b);
  return {
    rungs: ladderRungs(step, locale, picks).map((r) => ({
      round: r.round,
      question: r.question,
      answer: r.pick?.text ?? null,
    })),
    answers: rounds.flatMap((round) =>
      rankAnswers(answers, support, round).map((a) => ({
        id: a.id,
        round,
        text: a.text,
        author: a.authorName,
        supporters: a.supporters,
      })),
    ),
  };
}

/** The shared draft and its saved versions; statement and define steps keep them under the same keys. */
export function readDraft(step: StepOf<'statement'> | StepOf<'define'>, docs: ExportDocs) {
  const draft = new Board(docs.board).statementDraft(step.id).toString().trim();
  return {
    draft,
    words: countWords(draft),
    targetWords: { min: step.minWords, max: step.maxWords },
    versions: new Control(docs.control).statementVersions(step.id).map((v) => ({ text: v.text, savedAt: iso(v.at) })),
  };
}

/** Everyone's own definition, side by side in the order every screen shows; a name only where its author gave one. */
export function readOwnDefinitions(step: StepOf<'define'>, docs: ExportDocs) {
  return new Define(docs.board).ownDefinitions(step.id).map((d) => ({ text: d.text, author: d.name, at: iso(d.at) }));
}

export function readConsent(step: StepOf<'consent'>, docs: ExportDocs) {
  const round = new Control(docs.control).consentRound(step.id);
  const tally = tallyConsent(new Board(docs.board).consentVotes(step.id), round?.proposedAt ?? -1);
  const when = (ms: number | null | undefined) => (ms ? iso(ms) : null);
  return {
    statementStep: step.statementStep,
    proposal: round?.proposal || null,
    proposedAt: when(round?.proposedAt),
    agreedText: round?.agreedText ?? null,
    agreedAt: when(round?.agreedAt),
    tally: tally.counts,
    objections: tally.objections.map((o) => ({ name: o.name, note: o.note })),
    earlierRounds: new ConsentRounds(docs.control).earlier(step.id).map((r) => ({
      proposal: r.proposal,
      proposedAt: iso(r.proposedAt),
      tally: r.counts,
      objections: r.objections,
    })),
  };
}
