import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import type { Translate } from '../../i18n/index.ts';
import type { SpotlightItem } from '../../lib/spotlight.ts';
import type { Role } from '../../model/roles.ts';
import type { SpotlightKind } from '../../model/schema.ts';
import { Spotlight } from '../../model/spotlight.ts';
import type { Workshop, WorkshopStep } from '../../model/workshop.ts';
import { useShared } from '../../sync/hooks.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';
import { announce } from '../announce.ts';
import { ICONS } from '../steps/icons.ts';
import { useSpotlightItem } from './use-spotlight.ts';

type Scope = {
  role: Role;
  t: Translate;
  /** What the wall shows now, when it is on this step. */
  item: SpotlightItem | null;
  /** The facilitator may put this step's contributions up: it is the room's current step. */
  canShow: boolean;
  toggle: (kind: SpotlightKind, itemId: string) => void;
};

const SpotlightContext = createContext<Scope | null>(null);

type Props = {
  step: WorkshopStep;
  workshop: Workshop;
  role: Role;
  connection: RoomConnection;
  t: Translate;
  children: ReactNode;
};

/**
 * Lets the contributions of a step show whether the wall has them in the
 * spotlight (participants: a mark with text, announced politely) and, in the
 * console, put them up or take them down (SpotlightControl in each item).
 */
export function SpotlightScope({ step, workshop, role, connection, t, children }: Props) {
  const found = useSpotlightItem(connection, workshop);
  const item = found?.stepId === step.id ? found : null;
  const control = connection.control;
  const current = useShared([control.stateMap()], () => (control.currentStepId() ?? workshop.steps[0]?.id) === step.id);
  const spotlight = new Spotlight(connection.controlDoc);
  const toggle = (kind: SpotlightKind, itemId: string) => {
    if (spotlight.is(step.id, kind, itemId)) spotlight.clear();
    else spotlight.show(step.id, kind, itemId);
  };
  // While the resolver loads (found undefined) nothing is announced: what it then finds counts as what was there.
  useSpotlightAnnouncements(role === 'participant' && found !== undefined ? item : undefined, t);
  const scope: Scope = { role, t, item, canShow: role === 'facilitator' && current, toggle };
  return <SpotlightContext.Provider value={scope}>{children}</SpotlightContext.Provider>;
}

/** Tells participants' screen readers what the wall puts up, and when it goes back (not on arrival). */
function useSpotlightAnnouncements(item: SpotlightItem | null | undefined, t: Translate): void {
  const before = useRef<string | null | undefined>(undefined);
  const key = item ? `${item.kind}:${item.itemId}` : null;
  useEffect(() => {
    if (item === undefined) return;
    if (before.current !== undefined && before.current !== key) {
      announce(
        item
          ? t('spotlight.announce', { text: item.text || t('spotlight.unnamedGroup') })
          : t('spotlight.announceBack'),
      );
    }
    before.current = key;
  }, [key, item, t]);
}

type ControlProps = { kind: SpotlightKind; itemId: string; text: string };

/**
 * In one contribution: for the facilitator a button that puts it on the wall
 * (pressed while it is there; pressing again goes back to the board), for
 * participants a mark with words while the wall shows it. Nothing on the wall.
 */
export function SpotlightControl({ kind, itemId, text }: ControlProps) {
  const scope = useContext(SpotlightContext);
  if (!scope || scope.role === 'projector') return null;
  const { t, item } = scope;
  const on = item !== null && item.kind === kind && item.itemId === itemId;
  if (scope.role === 'facilitator') {
    if (!scope.canShow) return null;
    return (
      <button
        type="button"
        className={`steps-button spotlight-button${on ? ' spotlight-button--on' : ''}`}
        aria-pressed={on}
        aria-label={t('spotlight.showNamed', { text: text || t('spotlight.unnamedGroup') })}
        onClick={() => scope.toggle(kind, itemId)}
      >
        <span aria-hidden="true">{ICONS.star}</span> {on ? t('spotlight.onWall') : t('spotlight.show')}
      </button>
    );
  }
  return on ? (
    <p className="spotlight-mark">
      <span aria-hidden="true">{ICONS.star}</span> {t('spotlight.onWall')}
    </p>
  ) : null;
}
