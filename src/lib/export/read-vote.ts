/**
 * Reads a dot vote for the export: the items of the step voted on and the
 * result the server published at the reveal.
 */
import type * as Y from 'yjs';
import { Control } from '../../model/control.ts';
import { Groups } from '../../model/groups.ts';
import type { Locale } from '../../model/locale.ts';
import { Notes } from '../../model/notes.ts';
import { VoteResults } from '../../model/vote-results.ts';
import { rankItems } from '../../model/vote-rule.ts';
import { boardKeys } from '../../model/schema.ts';
import type { StepOf, Workshop } from '../../model/workshop.ts';
import { behaviourValues, momentLabel, questionValues, type ExportDocs } from './read-lists.ts';
import type { ExportedResult, ExportedStep, VoteSourceKind } from './schema.ts';

export type VoteItem = {
  id: string;
  text: string;
  question: Extract<ExportedResult, { kind: 'chosen' }>['items'][number]['question'];
  behaviour: { how: string; signs: string } | null;
};

/**
 * The board roots voteItems reads for a source step, for a view to observe: a change in any of them
 * can change the items on offer.
 */
export function voteSourceTypes(board: Y.Doc, sourceId: string): Y.Map<unknown>[] {
  const keys = [boardKeys.notes, boardKeys.groups, boardKeys.groupMembers, boardKeys.questions, boardKeys.behaviours];
  return keys.map((key) => board.getMap(key(sourceId)));
}

/** The items a vote step offers, in the source step's own order. */
export function voteItems(
  sourceId: string,
  workshop: Workshop,
  locale: Locale,
  docs: ExportDocs,
): { kind: VoteSourceKind; items: VoteItem[] } | null {
  const source = workshop.steps.find((s) => s.id === sourceId);
  const plain = (id: string, text: string): VoteItem => ({ id, text, question: null, behaviour: null });
  switch (source?.kind) {
    case 'notes':
      return { kind: 'notes', items: new Notes(docs.board).notes(source.id).map((n) => plain(n.id, n.text)) };
    case 'group':
      return { kind: 'group', items: new Groups(docs.board).groups(source.id).map((g) => plain(g.id, g.name)) };
    case 'behaviours':
      return {
        kind: 'behaviours',
        items: behaviourValues(source.id, docs).map((b) => ({
          ...plain(b.id, b.text),
          behaviour: { how: b.how, signs: b.signs },
        })),
      };
    case 'questions':
      return {
        kind: 'questions',
        items: questionValues(source.id, docs).map((q) => ({
          ...plain(q.id, q.text),
          question: {
            type: q.type,
            moment: q.moment,
            momentLabel: momentLabel(source, q.moment, locale),
            purpose: q.purpose,
          },
        })),
      };
    default:
      return null;
  }
}

export type RankedItem = VoteItem & { rank: number; dots: number };

export type ReadVote = {
  step: Omit<Extract<ExportedStep, { kind: 'vote' }>, 'contributors'>;
  ranked: RankedItem[];
};

/**
 * The vote as published by the server: nothing of it before the reveal but
 * the number of voters (hidden results are absent from every format), the
 * ranking after. Ballots appear, without names, only for open votes.
 */
export function readVote(
  step: StepOf<'vote'>,
  workshop: Workshop,
  locale: Locale,
  docs: ExportDocs,
  title: string,
  carried: ExportedStep['carried'],
): ReadVote | null {
  const source = voteItems(step.source, workshop, locale, docs);
  if (!source) return null;
  const results = new VoteResults(docs.board);
  const revealed = new Control(docs.control).stepTools(step.id).revealed;
  const published = revealed ? results.result(step.id) : null;
  const ranked = published ? rankItems(source.items, new Map(Object.entries(published.totals))) : [];
  // Without names, and sorted, so the list says nothing about who voted or when.
  const ballots = (published?.named ?? [])
    .map((b) => orderedDots(b.dots, source.items))
    .sort((a, b) => compareText(JSON.stringify(a), JSON.stringify(b)));
  return {
    ranked,
    step: {
      id: step.id,
      kind: 'vote',
      title,
      carried,
      source: step.source,
      sourceKind: source.kind,
      budget: step.budget,
      keepTop: step.keepTop ?? null,
      revealed: published !== null,
      voters: published ? published.voters : results.voters(step.id),
      ballots,
      ranking: ranked.map((r) => ({ id: r.id, rank: r.rank, text: r.text, dots: r.dots })),
    },
  };
}

/** In the source's item order, so equal ballots read the same whoever wrote them. */
function orderedDots(dots: Record<string, number>, items: readonly VoteItem[]): Record<string, number> {
  return Object.fromEntries(items.flatMap((item) => (dots[item.id] ? [[item.id, dots[item.id]!] as const] : [])));
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
