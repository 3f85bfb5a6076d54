/**
 * The poster of a result: which result it shows, in which format, and how
 * large its type is set so that it fills one page without running over,
 * however long the sentence or the list. Pure: the page and the tests share it.
 */
import type { ExportedResult, ExportModel } from './export/schema.ts';

export const POSTER_FORMATS = ['a4', 'a3', 'screen'] as const;
export type PosterFormat = (typeof POSTER_FORMATS)[number];
export const DEFAULT_POSTER_FORMAT: PosterFormat = 'a4';

export function isPosterFormat(value: unknown): value is PosterFormat {
  return typeof value === 'string' && (POSTER_FORMATS as readonly string[]).includes(value);
}

/** The poster page of a room; the invite is needed once the facilitator has replaced the participant link. */
export function posterPath(
  room: string,
  options: { format: PosterFormat; invite?: string | null; result?: string | null },
): string {
  const query = new URLSearchParams({ format: options.format });
  if (options.result) query.set('result', options.result);
  if (options.invite) query.set('invite', options.invite);
  return `/r/${encodeURIComponent(room)}/poster?${query.toString()}`;
}

/**
 * The result a poster shows. `stepId` names the step it came from: the
 * statement or define step, the consent step that agreed on it, the vote that
 * chose a list or the step voted on, a behaviours or group step. Without one,
 * the first sentence (the purpose or a definition), else the first result.
 * Null when there is no such result (or nothing yet).
 */
export function posterResult(
  model: Pick<ExportModel, 'results' | 'steps'>,
  stepId: string | null,
): ExportedResult | null {
  if (stepId === null) {
    return model.results.find((r) => r.kind === 'statement' || r.kind === 'definition') ?? model.results[0] ?? null;
  }
  const consent = model.steps.find((s) => s.id === stepId && s.kind === 'consent');
  const target = consent?.kind === 'consent' ? consent.statementStep : stepId;
  return (
    model.results.find((r) => r.stepId === target) ??
    model.results.find((r) => r.kind === 'chosen' && r.sourceStepId === stepId) ??
    null
  );
}

/** Steps of type size, largest first. The stylesheet maps each to a size relative to the sheet. */
export const POSTER_TIERS = 8;

/**
 * Upper character counts of the tiers for one sentence: a purpose of 7–10
 * words (about 40–70 letters) is set as large as it fits; the longest text a
 * statement may hold (400 letters) still fits in the smallest tier.
 */
const SENTENCE_LIMITS = [24, 42, 64, 96, 140, 200, 290] as const;

export function sentenceTier(text: string): number {
  return tierOf(text.trim().length, SENTENCE_LIMITS);
}

/** Most items a list poster holds; the rest are counted under it ("and 4 more"). */
export const POSTER_MAX_ITEMS = 10;

/** Lists with more items than this leave out the details (how, signs, what for) to stay legible. */
const DETAIL_MAX_ITEMS = 6;
/** Weighted letters per tier for lists: details are set smaller, so they weigh half. */
const LIST_LIMITS = [60, 110, 180, 270, 400, 580, 820] as const;
/** Each item costs a line break and a number, whatever its length. */
const ITEM_WEIGHT = 14;

export type PosterListItem = {
  id: string;
  /** 1-based: priority, rank or position. */
  number: number;
  text: string;
  /** For a chosen question: open or closed. */
  questionType: 'open' | 'closed' | null;
  /** Extra lines under the item, each with a label key the page translates. */
  details: { label: 'how' | 'signs' | 'purpose' | 'moment'; text: string }[];
};

export type PosterList = { items: PosterListItem[]; more: number; tier: number; withDetails: boolean };

/** The items of a list result as the poster sets them, with the tier that fits them. */
export function posterList(result: Exclude<ExportedResult, { kind: 'statement' | 'definition' }>): PosterList {
  const all = listItems(result);
  const shown = all.slice(0, POSTER_MAX_ITEMS);
  const withDetails = shown.length <= DETAIL_MAX_ITEMS && shown.some((item) => item.details.length > 0);
  const items = withDetails ? shown : shown.map((item) => ({ ...item, details: [] }));
  const weight = items.reduce(
    (sum, item) =>
      sum +
      ITEM_WEIGHT +
      item.text.length +
      item.details.reduce((d, line) => d + line.text.length / 2 + ITEM_WEIGHT / 2, 0),
    0,
  );
  return { items, more: all.length - shown.length, tier: tierOf(weight, LIST_LIMITS), withDetails };
}

function listItems(result: Exclude<ExportedResult, { kind: 'statement' | 'definition' }>): PosterListItem[] {
  const filled = (list: PosterListItem['details']) => list.filter((line) => line.text.trim() !== '');
  switch (result.kind) {
    case 'behaviours':
      return result.items.map((b) => ({
        id: b.id,
        number: b.position,
        text: b.text,
        questionType: null,
        details: filled([
          { label: 'how', text: b.how },
          { label: 'signs', text: b.signs },
        ]),
      }));
    case 'chosen':
      return result.items.map((item) => ({
        id: item.id,
        number: item.rank,
        text: item.text,
        questionType: item.question?.type ?? null,
        details: filled([
          ...(item.question
            ? [
                { label: 'moment' as const, text: item.question.momentLabel },
                { label: 'purpose' as const, text: item.question.purpose },
              ]
            : []),
          ...(item.behaviour
            ? [
                { label: 'how' as const, text: item.behaviour.how },
                { label: 'signs' as const, text: item.behaviour.signs },
              ]
            : []),
        ]),
      }));
    case 'groups':
      return result.groups.map((g, index) => ({
        id: g.id,
        number: index + 1,
        text: g.name,
        questionType: null,
        details: [],
      }));
  }
}

/** 1 for the shortest texts, up to POSTER_TIERS for anything past the last limit. */
function tierOf(size: number, limits: readonly number[]): number {
  const index = limits.findIndex((limit) => size <= limit);
  return index < 0 ? limits.length + 1 : index + 1;
}
