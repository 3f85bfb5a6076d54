/**
 * The step whose shared draft a consent step puts to agreement: a statement
 * (one sentence) or a define step (the agreed definition). Both keep their
 * draft as `statement.draft/<stepId>` and share the word target fields.
 */
import type { Translate } from '../../i18n/index.ts';
import type { Locale } from '../../model/locale.ts';
import type { StepOf, Workshop } from '../../model/workshop.ts';
import { stepOfKind } from '../../model/workshop-steps.ts';

export type DraftTarget = StepOf<'statement'> | StepOf<'define'>;

export function draftTargetOf(workshop: Workshop, stepId: string): DraftTarget | undefined {
  return stepOfKind(workshop, stepId, 'statement') ?? stepOfKind(workshop, stepId, 'define');
}

/** The step's own hint for a too long draft; define steps may leave it out and get a general one. */
export function tooLongHintOf(target: DraftTarget, locale: Locale, t: Translate): string {
  return target.tooLongHint?.[locale] ?? t('define.tooLongHint');
}

export function placeholderOf(target: DraftTarget | undefined, locale: Locale): string | undefined {
  return target?.kind === 'statement' ? target.placeholder?.[locale] : undefined;
}
