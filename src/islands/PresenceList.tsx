import type { Translate } from '../i18n/index.ts';
import type { Role } from '../model/roles.ts';
import type { PresentPerson } from '../sync/hooks.ts';
import { countText } from './room-view.ts';

const ROLE_ORDER: Record<Role, number> = { facilitator: 0, participant: 1, projector: 2 };

type Props = { t: Translate; people: readonly PresentPerson[]; headingId: string };

/** Who is in the room, for the facilitator: names (or "Anonymous") with their role as text. */
export function PresenceList({ t, people, headingId }: Props) {
  const participants = people.filter((p) => p.role === 'participant').length;
  const sorted = [...people].sort(
    (a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff'),
  );
  return (
    <section className="panel presence" aria-labelledby={headingId}>
      <h2 className="panel__title" id={headingId}>
        {t('presence.title')}
      </h2>
      <p className="presence__count">
        <strong>{countText(t, participants, 'presence.participants.one', 'presence.participants.other')}</strong>
      </p>
      {participants === 0 ? <p className="presence__empty">{t('presence.nobody')}</p> : null}
      <ul className="presence__list">
        {sorted.map((person) => (
          <li key={`${person.id}-${person.clientId}`} className="presence__person" data-role={person.role}>
            <span className="presence__avatar" aria-hidden="true">
              {person.role === 'projector' ? '▭' : initial(person.name)}
            </span>
            <span className="presence__name">
              {person.role === 'projector' ? t('presence.role.projector') : (person.name ?? t('presence.anonymous'))}
              {person.self ? <span className="presence__self"> ({t('presence.you')})</span> : null}
            </span>
            {person.role === 'projector' ? null : (
              <span className="presence__role">{t(`presence.role.${person.role}`)}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function initial(name: string | null): string {
  const first = name?.trim().match(/\p{L}|\p{N}/u)?.[0];
  return first ? first.toLocaleUpperCase() : '?';
}
