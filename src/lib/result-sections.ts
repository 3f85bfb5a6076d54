/**
 * What the result step shows, chosen from the export model (the same model
 * every export file is made from, so the screen and the files agree): the
 * agreed results, and for the steps a workshop names in its result step's
 * `show` list also the material that has no "agreed" form (notes, the full
 * question list, the why-ladder, a plain ranking).
 */
import type { ExportedResult, ExportedStep, ExportModel } from './export/schema.ts';

type StepOf<K extends ExportedStep['kind']> = Extract<ExportedStep, { kind: K }>;

export type ResultSection =
  /** An agreed result, as every export lists it. */
  | { kind: 'result'; key: string; result: ExportedResult }
  | { kind: 'ladder'; key: string; step: StepOf<'ladder'> }
  | { kind: 'notes'; key: string; step: StepOf<'notes'> }
  | { kind: 'questions'; key: string; step: StepOf<'questions'> }
  /** The ranking of a vote that keeps no top list; only items that got dots. */
  | { kind: 'ranking'; key: string; step: StepOf<'vote'> }
  /** A step named in `show` that has nothing to show yet. */
  | { kind: 'pending'; key: string; stepId: string; title: string };

/**
 * The sections for a result step. With `show`, exactly those steps in that
 * order (a consent step stands for the text it agreed on, a vote for its
 * chosen list); without it, every agreed result, then the why-ladders that led
 * there. A result named twice is shown once.
 */
export function resultSections(
  model: Pick<ExportModel, 'results' | 'steps'>,
  show?: readonly string[],
): ResultSection[] {
  const sections = show ? show.map((id) => sectionFor(id, model)) : defaultSections(model);
  const seen = new Set<string>();
  return sections.filter((section): section is ResultSection => {
    if (!section || seen.has(section.key)) return false;
    seen.add(section.key);
    return true;
  });
}

function defaultSections(model: Pick<ExportModel, 'results' | 'steps'>): ResultSection[] {
  const results = model.results.map((result) => resultSection(result));
  const ladders = model.steps
    .filter((step): step is StepOf<'ladder'> => step.kind === 'ladder' && hasRungs(step))
    .map((step): ResultSection => ({ kind: 'ladder', key: step.id, step }));
  return [...results, ...ladders];
}

function sectionFor(id: string, model: Pick<ExportModel, 'results' | 'steps'>): ResultSection | null {
  const step = model.steps.find((s) => s.id === id);
  if (!step) return null;
  const pending: ResultSection = { kind: 'pending', key: step.id, stepId: step.id, title: step.title };
  const agreed = (stepId: string) => model.results.find((r) => r.stepId === stepId);
  switch (step.kind) {
    case 'statement':
    case 'define':
    case 'behaviours':
    case 'group': {
      const result = agreed(step.id);
      return result ? resultSection(result) : pending;
    }
    case 'consent': {
      const result = agreed(step.statementStep);
      if (result) return resultSection(result);
      const target = model.steps.find((s) => s.id === step.statementStep);
      return target ? { ...pending, key: target.id, stepId: target.id, title: target.title } : pending;
    }
    case 'vote': {
      const chosen = agreed(step.id);
      if (chosen) return resultSection(chosen);
      return step.keepTop === null && step.ranking.some((item) => item.dots > 0)
        ? { kind: 'ranking', key: step.id, step }
        : pending;
    }
    case 'ladder':
      return hasRungs(step) ? { kind: 'ladder', key: step.id, step } : pending;
    case 'notes':
      return step.notes.length > 0 ? { kind: 'notes', key: step.id, step } : pending;
    case 'questions':
      return step.items.length > 0 ? { kind: 'questions', key: step.id, step } : pending;
    case 'brief':
    case 'result':
      return null;
  }
}

/** Keyed by the step whose text or list it is, so a consent step and its statement step meet as one. */
function resultSection(result: ExportedResult): ResultSection {
  return { kind: 'result', key: result.stepId, result };
}

function hasRungs(step: StepOf<'ladder'>): boolean {
  return step.rungs.some((rung) => rung.answer !== null);
}

/** The items of a ranking that got at least one dot, best first. */
export function rankedWithDots(step: StepOf<'vote'>): StepOf<'vote'>['ranking'] {
  return step.ranking.filter((item) => item.dots > 0);
}
