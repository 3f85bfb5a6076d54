/**
 * The one export model, built from a room's documents (never from a page),
 * so every format says the same thing. Versioned: `version` changes when the
 * shape does. Names of contributors who posted without a name never appear.
 */
import type * as Y from 'yjs';
import { Board } from '../../model/board.ts';
import { Control } from '../../model/control.ts';
import type { Locale } from '../../model/locale.ts';
import type { ConsentValue } from '../../model/schema.ts';
import type { StepKind, StepOf, Workshop } from '../../model/workshop.ts';
import { tallyConsent } from '../consent.ts';
import { ladderRungs, rankAnswers } from '../ladder.ts';
import { countWords } from '../words.ts';

export const EXPORT_FORMAT = 'ledestjerne.export';
export const EXPORT_VERSION = 1;

export type ExportedStatement = { text: string; words: number; agreed: boolean; agreedAt: string | null };

export type ExportedStep =
  | { id: string; kind: Exclude<StepKind, 'ladder' | 'statement' | 'consent'>; title: string }
  | {
      id: string;
      kind: 'ladder';
      title: string;
      rungs: { round: number; question: string; answer: string | null }[];
      answers: { round: number; text: string; author: string | null; supporters: number }[];
    }
  | {
      id: string;
      kind: 'statement';
      title: string;
      draft: string;
      words: number;
      targetWords: { min: number; max: number };
      versions: { text: string; savedAt: string }[];
    }
  | {
      id: string;
      kind: 'consent';
      title: string;
      proposal: string | null;
      proposedAt: string | null;
      agreedText: string | null;
      agreedAt: string | null;
      tally: Record<ConsentValue, number>;
      objections: { name: string | null; note: string }[];
    };

export type ExportModel = {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  room: string;
  workshop: { id: string; title: string };
  locale: Locale;
  createdAt: string;
  exportedAt: string;
  /** Distinct people who contributed (posted, supported or signalled). */
  participantCount: number;
  results: { statement: ExportedStatement | null };
  steps: ExportedStep[];
};

export type ExportInput = {
  room: string;
  workshop: Workshop;
  locale: Locale;
  createdAt: number;
  board: Y.Doc;
  control: Y.Doc;
  now?: number;
};

const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : null);

export function buildExport(input: ExportInput): ExportModel {
  const board = new Board(input.board);
  const control = new Control(input.control);
  const contributors = new Set<string>();
  const steps = input.workshop.steps.map((step): ExportedStep => {
    const title = step.title[input.locale];
    switch (step.kind) {
      case 'ladder':
        return exportLadder(step, title, board, control, input.locale, contributors);
      case 'statement': {
        const draft = board.statementDraft(step.id).toString().trim();
        return {
          id: step.id,
          kind: 'statement',
          title,
          draft,
          words: countWords(draft),
          targetWords: { min: step.minWords, max: step.maxWords },
          versions: control.statementVersions(step.id).map((v) => ({ text: v.text, savedAt: iso(v.at) ?? '' })),
        };
      }
      case 'consent': {
        const round = control.consentRound(step.id);
        const votes = board.consentVotes(step.id);
        for (const [id, vote] of votes) if (round && vote.proposalAt === round.proposedAt) contributors.add(id);
        const tally = tallyConsent(votes, round?.proposedAt ?? -1);
        return {
          id: step.id,
          kind: 'consent',
          title,
          proposal: round?.proposal || null,
          proposedAt: iso(round?.proposedAt),
          agreedText: round?.agreedText ?? null,
          agreedAt: iso(round?.agreedAt),
          tally: tally.counts,
          objections: tally.objections.map((o) => ({ name: o.name, note: o.note })),
        };
      }
      default:
        return { id: step.id, kind: step.kind, title };
    }
  });
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    room: input.room,
    workshop: { id: input.workshop.id, title: input.workshop.title[input.locale] },
    locale: input.locale,
    createdAt: iso(input.createdAt) ?? '',
    exportedAt: iso(input.now ?? Date.now()) ?? '',
    participantCount: contributors.size,
    results: { statement: agreedStatement(steps) },
    steps,
  };
}

function exportLadder(
  step: StepOf<'ladder'>,
  title: string,
  board: Board,
  control: Control,
  locale: Locale,
  contributors: Set<string>,
): ExportedStep {
  const picks = control.ladderPicks(step.id);
  const answers = board.ladderAnswers(step.id);
  const support = board.ladderSupport(step.id);
  for (const a of answers) contributors.add(a.authorId);
  for (const ids of support.values()) for (const id of ids) contributors.add(id);
  const rounds = [...new Set(answers.map((a) => a.round))].sort((a, b) => a - b);
  return {
    id: step.id,
    kind: 'ladder',
    title,
    rungs: ladderRungs(step, locale, picks).map((r) => ({
      round: r.round,
      question: r.question,
      answer: r.pick?.text ?? null,
    })),
    answers: rounds.flatMap((round) =>
      rankAnswers(answers, support, round).map((a) => ({
        round,
        text: a.text,
        author: a.authorName,
        supporters: a.supporters,
      })),
    ),
  };
}

/** The agreed sentence if there is one; otherwise the latest draft, marked as not agreed. */
function agreedStatement(steps: ExportedStep[]): ExportedStatement | null {
  for (const step of steps) {
    if (step.kind === 'consent' && step.agreedText) {
      return { text: step.agreedText, words: countWords(step.agreedText), agreed: true, agreedAt: step.agreedAt };
    }
  }
  for (const step of steps) {
    if (step.kind === 'statement' && step.draft) {
      return { text: step.draft, words: step.words, agreed: false, agreedAt: null };
    }
  }
  return null;
}
