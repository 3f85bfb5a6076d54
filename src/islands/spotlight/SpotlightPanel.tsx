import { useEffect, useRef } from 'react';
import type { Translate } from '../../i18n/index.ts';
import { spotlightIsStale } from '../../lib/spotlight.ts';
import { Control } from '../../model/control.ts';
import { Spotlight } from '../../model/spotlight.ts';
import type { Workshop } from '../../model/workshop.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';
import { ICONS } from '../steps/icons.ts';
import { useSpotlightItem } from './use-spotlight.ts';

type Props = {
  t: Translate;
  connection: RoomConnection;
  workshop: Workshop;
  /** Both documents have synced: before that a spotlight may only look stale. */
  ready: boolean;
  enabled: boolean;
};

/**
 * The console's line about the spotlight: what the wall shows large, and one
 * button back to the board. Shown only while something is up. It also tidies
 * up: a spotlight whose step the room left, or whose entry was deleted, shows
 * nothing already; the console removes it, so it does not come back with the step.
 */
export function SpotlightPanel({ t, connection, workshop, ready, enabled }: Props) {
  const item = useSpotlightItem(connection, workshop);
  const board = connection.boardDoc;
  const control = connection.controlDoc;
  // The last item this console saw up: only its disappearance counts as "deleted". An id this
  // console has not seen yet may be an entry whose board update is still on its way.
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (item) {
      seen.current = `${item.kind}:${item.itemId}`;
      return;
    }
    if (!ready || !enabled || !spotlightIsStale(workshop, { board, control })) return;
    const stored = new Spotlight(control).current();
    if (!stored) return;
    const current = new Control(control).currentStepId() ?? workshop.steps[0]?.id;
    const moved = stored.stepId !== current;
    const gone = seen.current === `${stored.kind}:${stored.itemId}`;
    if (moved || gone) new Spotlight(control).clear();
  }, [ready, enabled, item, workshop, board, control]);
  if (!item) return null;
  return (
    <section className="panel spotlight-panel" aria-labelledby="spotlight-title">
      <h2 id="spotlight-title" className="panel__title">
        <span aria-hidden="true">{ICONS.star}</span> {t('spotlight.title')}
      </h2>
      <p className="spotlight-panel__label">{t('spotlight.current')}</p>
      <p className="spotlight-panel__text">{item.text || t('spotlight.unnamedGroup')}</p>
      <button
        type="button"
        className="btn btn--primary"
        disabled={!enabled}
        onClick={() => new Spotlight(control).clear()}
      >
        {t('spotlight.back')}
      </button>
    </section>
  );
}
