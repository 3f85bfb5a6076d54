/**
 * The goal a behaviours step serves: the current text of its `source` step
 * (a statement's sentence, a define step's agreed definition, or what a
 * consent step agreed on), with a label saying what it is.
 */
import type { Translate } from '../../i18n/index.ts';
import type { Locale } from '../../model/locale.ts';
import type { StepOf, Workshop } from '../../model/workshop.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';
import { useShared } from '../../sync/hooks.ts';
import { draftTargetOf, type DraftTarget } from './draft-target.ts';

export type BehaviourGoal = { label: string; text: string };

export function useBehaviourGoal(
  step: StepOf<'behaviours'>,
  workshop: Workshop,
  connection: RoomConnection,
  locale: Locale,
  t: Translate,
): BehaviourGoal | null {
  const { board, control } = connection;
  const source = step.source ? workshop.steps.find((s) => s.id === step.source) : undefined;
  const consentId = source?.kind === 'consent' ? source.id : null;
  const target: DraftTarget | undefined =
    source?.kind === 'consent'
      ? draftTargetOf(workshop, source.statementStep)
      : draftTargetOf(workshop, source?.id ?? '');
  const draft = target ? board.statementDraft(target.id) : null;

  const text = useShared([draft, consentId ? control.consentRoundMap(consentId) : null], () => {
    // Agreed beats proposed beats the live draft: the most settled text there is.
    const round = consentId ? control.consentRound(consentId) : null;
    return (round?.agreedText || round?.proposal || draft?.toString() || '').trim();
  });

  if (!target) return null;
  const label =
    target.kind === 'define'
      ? t('behaviours.goalDefine', { term: target.term[locale] })
      : t('behaviours.goalStatement');
  return { label, text };
}
