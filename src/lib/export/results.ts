/**
 * The agreed results, which every format puts first: the purpose sentence,
 * the shared definition, the behaviours in priority order, the lists chosen
 * by vote (the core questions), and the common denominators of the groups.
 */
import { countWords } from '../words.ts';
import type { RankedItem } from './read-vote.ts';
import type { ExportedResult, ExportedStep, ResultKind } from './schema.ts';

/** The order results are given in; within a kind, the order of the steps. */
export const RESULT_ORDER: readonly ResultKind[] = ['statement', 'definition', 'behaviours', 'chosen', 'groups'];

/** Rankings of vote steps, by vote step id, for the results. */
export type Rankings = Map<string, RankedItem[]>;

type StepOfKind<K extends ExportedStep['kind']> = Extract<ExportedStep, { kind: K }>;

export function agreedResults(steps: readonly ExportedStep[], rankings: Rankings): ExportedResult[] {
  const results = steps.flatMap((step): ExportedResult[] => {
    switch (step.kind) {
      case 'statement': {
        const text = agreedText(step, steps);
        return text ? [{ kind: 'statement', stepId: step.id, title: step.title, ...text }] : [];
      }
      case 'define': {
        const text = agreedText(step, steps);
        return text ? [{ kind: 'definition', stepId: step.id, title: step.title, term: step.term, ...text }] : [];
      }
      case 'behaviours':
        return step.items.length === 0
          ? []
          : [
              {
                kind: 'behaviours',
                stepId: step.id,
                title: step.title,
                items: step.items.map(({ id, position, text, how, signs }) => ({ id, position, text, how, signs })),
              },
            ];
      case 'vote':
        return chosenResult(step, rankings);
      case 'group': {
        const named = step.groups.filter((g) => g.name.trim() !== '');
        return named.length === 0
          ? []
          : [
              {
                kind: 'groups',
                stepId: step.id,
                title: step.title,
                groups: named.map((g) => ({ id: g.id, name: g.name, size: g.notes.length })),
              },
            ];
      }
      default:
        return [];
    }
  });
  return results.sort((a, b) => RESULT_ORDER.indexOf(a.kind) - RESULT_ORDER.indexOf(b.kind));
}

/**
 * The text a consent round agreed on for this step; without an agreement, the
 * latest draft (or saved version), marked as not agreed. Null when nothing was written.
 */
function agreedText(step: StepOfKind<'statement'> | StepOfKind<'define'>, steps: readonly ExportedStep[]) {
  const agreement = steps
    .filter((s): s is StepOfKind<'consent'> => s.kind === 'consent' && s.statementStep === step.id)
    .filter((s) => s.agreedText)
    .at(-1);
  if (agreement?.agreedText) {
    return {
      text: agreement.agreedText,
      words: countWords(agreement.agreedText),
      agreed: true,
      agreedAt: agreement.agreedAt,
    };
  }
  const latest = step.draft || step.versions.at(-1)?.text || '';
  return latest ? { text: latest, words: countWords(latest), agreed: false, agreedAt: null } : null;
}

/** The top `keepTop` items that got at least one dot. */
function chosenResult(step: StepOfKind<'vote'>, rankings: Rankings): ExportedResult[] {
  if (step.keepTop === null) return [];
  const top = (rankings.get(step.id) ?? []).slice(0, step.keepTop).filter((item) => item.dots > 0);
  if (top.length === 0) return [];
  return [
    {
      kind: 'chosen',
      stepId: step.id,
      title: step.title,
      sourceStepId: step.source,
      sourceKind: step.sourceKind,
      items: top.map(({ id, rank, text, dots, question, behaviour }) => ({
        id,
        rank,
        text,
        dots,
        question,
        behaviour,
      })),
    },
  ];
}
