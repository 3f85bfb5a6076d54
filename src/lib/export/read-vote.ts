/**
 * Reads a dot vote for the export: the items of the step voted on, every
 * ballot in the document, and the ranking they add up to.
 */
import { Control } from '../../model/control.ts';
import { Groups } from '../../model/groups.ts';
import type { Locale } from '../../model/locale.ts';
import { Notes } from '../../model/notes.ts';
import { boardKeys, dotsValue, type DotsValue } from '../../model/schema.ts';
import type { StepOf, Workshop } from '../../model/workshop.ts';
import { parsedMap } from '../../model/yjs-values.ts';
import { behaviourValues, momentLabel, questionValues, type ExportDocs } from './read-lists.ts';
import type { ExportedResult, ExportedStep, VoteSourceKind } from './schema.ts';

export type VoteItem = {
  id: string;
  text: string;
  question: Extract<ExportedResult, { kind: 'chosen' }>['items'][number]['question'];
  behaviour: { how: string; signs: string } | null;
};

export type RankedItem = VoteItem & { rank: number; dots: number };

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

/**
 * A ballot counts only within the step's rules: at most `maxPerItem` dots on
 * one item and at most `budget` in all. A ballot over budget (written by a
 * faulty or hostile client) is left out whole rather than guessed at.
 */
export function validBallot(
  ballot: DotsValue,
  step: Pick<StepOf<'vote'>, 'budget' | 'maxPerItem'>,
  itemIds: ReadonlySet<string>,
): Map<string, number> | null {
  const perItem = step.maxPerItem ?? step.budget;
  const dots = new Map<string, number>();
  let total = 0;
  for (const [itemId, given] of Object.entries(ballot.dots)) {
    if (!itemIds.has(itemId) || given <= 0) continue;
    if (given > perItem) return null;
    dots.set(itemId, given);
    total += given;
  }
  return total > step.budget ? null : dots;
}

/** Most dots first; equal totals keep the source order and share a rank (1, 2, 2, 4). */
export function rankItems(items: readonly VoteItem[], totals: ReadonlyMap<string, number>): RankedItem[] {
  const sorted = items
    .map((item, order) => ({ ...item, dots: totals.get(item.id) ?? 0, order }))
    .sort((a, b) => b.dots - a.dots || a.order - b.order);
  return sorted.map(({ order: _order, ...item }) => ({
    ...item,
    rank: 1 + sorted.filter((other) => other.dots > item.dots).length,
  }));
}

export type ReadVote = {
  step: Omit<Extract<ExportedStep, { kind: 'vote' }>, 'contributors'>;
  ranked: RankedItem[];
};

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
  const ids = new Set(source.items.map((i) => i.id));
  const totals = new Map<string, number>();
  const ballots: Record<string, number>[] = [];
  for (const ballot of parsedMap(docs.board.getMap(boardKeys.voteDots(step.id)), dotsValue).values()) {
    const dots = validBallot(ballot, step, ids);
    if (!dots || dots.size === 0) continue;
    // In the source's item order, so equal ballots read the same whoever wrote them.
    const ordered = source.items.flatMap((item) => {
      const given = dots.get(item.id);
      return given ? [[item.id, given] as const] : [];
    });
    ballots.push(Object.fromEntries(ordered));
    for (const [itemId, given] of dots) totals.set(itemId, (totals.get(itemId) ?? 0) + given);
  }
  // Sorted, so the list says nothing about who voted first.
  ballots.sort((a, b) => compareText(JSON.stringify(a), JSON.stringify(b)));
  const ranked = rankItems(source.items, totals);
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
      revealed: new Control(docs.control).stepTools(step.id).revealed,
      voters: ballots.length,
      ballots,
      ranking: ranked.map((r) => ({ id: r.id, rank: r.rank, text: r.text, dots: r.dots })),
    },
  };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
