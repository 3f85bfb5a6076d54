import { useId } from 'react';
import type { Translate } from '../../i18n/index.ts';
import type { Role } from '../../model/roles.ts';
import type { WorkshopStep } from '../../model/workshop.ts';
import { useShared } from '../../sync/hooks.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';
import { announce } from '../announce.ts';
import { Heading } from './Heading.tsx';
import { ICONS } from './icons.ts';

type Props = { step: WorkshopStep; role: Role; connection: RoomConnection; t: Translate };

/**
 * Results brought along from an earlier workshop (e.g. the common denominator
 * of "good examples" arriving in 5 × why), shown above the step's activity on
 * every screen. Only steps that declare `carryIn` show it, and only when
 * something was brought; the facilitator can take an item out again.
 */
export function CarriedPanel({ step, role, connection, t }: Props) {
  const { control } = connection;
  const headingId = useId();
  const items = useShared([control.carriedArray(step.id)], () => control.carried(step.id));
  if (!step.carryIn?.length || items.length === 0) return null;
  return (
    <section className={`carried carried--${role}`} aria-labelledby={headingId}>
      <Heading role={role} id={headingId} className="carried-title" tabIndex={-1}>
        <span aria-hidden="true">{ICONS.merged}</span> {t('tools.carried.title')}
      </Heading>
      <ul className="carried-list">
        {items.map((item) => (
          <li key={item.id} className="carried-item">
            <p className="carried-text">{item.text}</p>
            {item.detail ? <p className="carried-detail">{item.detail}</p> : null}
            {item.from ? <p className="carried-from">{t('tools.carried.from', { from: item.from })}</p> : null}
            {role === 'facilitator' ? (
              <button
                type="button"
                className="steps-button steps-button--quiet carried-remove"
                onClick={() => {
                  if (!control.removeCarried(step.id, item.id)) return;
                  announce(t('tools.carried.removed', { text: item.text }));
                  // The button is gone: keep focus in the panel rather than dropping it on the page.
                  requestAnimationFrame(() => document.getElementById(headingId)?.focus());
                }}
              >
                <span aria-hidden="true">{ICONS.remove}</span>
                <span className="visually-hidden">{t('tools.carried.remove', { text: item.text })}</span>
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
