/**
 * Which facilitation tools a step offers, by its kind and options: the console
 * shows only the buttons that change something on that step.
 */
import type { WorkshopStep } from '../model/workshop.ts';

/** Reveal/Hide matters where something is held back: silent notes, vote results, own definitions. */
export function stepHasReveal(step: WorkshopStep): boolean {
  switch (step.kind) {
    case 'notes':
      return step.silent;
    case 'vote':
    case 'define':
      return true;
    default:
      return false;
  }
}

/** Lock matters on every step where participants add or change something. */
export function stepTakesInput(step: WorkshopStep): boolean {
  return step.kind !== 'brief' && step.kind !== 'result';
}

/**
 * How the console counts contributions on a step:
 * - `none`: nothing to count (read-only steps, and the shared sentence, whose typists are not recorded);
 * - `afterReveal`: silent work stays on each device until Reveal, so there is nothing to count before it;
 * - `live`: counted as contributions arrive.
 */
export type ContributionCounting = 'none' | 'afterReveal' | 'live';

export function contributionCounting(step: WorkshopStep): ContributionCounting {
  switch (step.kind) {
    case 'brief':
    case 'statement':
    case 'result':
      return 'none';
    case 'notes':
      return step.silent ? 'afterReveal' : 'live';
    case 'define':
      return 'afterReveal';
    default:
      return 'live';
  }
}
