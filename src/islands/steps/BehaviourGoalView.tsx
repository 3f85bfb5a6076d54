import type { Translate } from '../../i18n/index.ts';
import type { Role } from '../../model/roles.ts';
import type { BehaviourGoal } from './use-behaviour-goal.ts';

/** "Our definition of …": the text the behaviours make concrete. */
export function BehaviourGoalView({ goal, role, t }: { goal: BehaviourGoal; role: Role; t: Translate }) {
  return (
    <figure className={`behaviours-goal behaviours-goal--${role}`}>
      <figcaption className="behaviours-goal-label">{goal.label}</figcaption>
      <blockquote className="behaviours-goal-text">
        <p>{goal.text || t('behaviours.goalEmpty')}</p>
      </blockquote>
    </figure>
  );
}
