import { contributionCounting } from '../../lib/step-tools.ts';
import type { WorkshopStep } from '../../model/workshop.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';
import { useShared } from '../../sync/hooks.ts';
import type { Contributions } from '../PresenceList.tsx';
import { useStepContributors } from './use-step-contributors.ts';

/**
 * What the presence list may say about who has contributed to the current
 * step: who by name, only "after the reveal" on a silent step, or nothing.
 */
export function useConsoleContributions(
  connection: RoomConnection | null,
  step: WorkshopStep,
  ready: boolean,
): Contributions {
  const contributorIds = useStepContributors(connection, step);
  const control = connection?.control;
  const revealed = useShared([control?.stepToolsMap(step.id)], () => control?.stepTools(step.id).revealed ?? false);
  const counting = contributionCounting(step);
  if (counting === 'none' || !ready) return null;
  if (counting === 'afterReveal' && !revealed) return { kind: 'afterReveal' };
  return { kind: 'count', ids: contributorIds };
}
