import type { Translate } from '../i18n/index.ts';
import type { Role } from '../model/roles.ts';
import type { PresentPerson } from '../sync/hooks.ts';
import { countText } from './room-view.ts';
import { SeatMoveCode, type MoveSeat } from './SeatMoveCode.tsx';

const ROLE_ORDER: Record<Role, number> = { facilitator: 0, participant: 1, projector: 2 };

/**
 * Contributions on the room's current step: counted ids (device ids, or per-step
 * pseudonyms on anonymous steps), or a note that silent work is counted after Reveal.
 */
export type Contributions = { kind: 'count'; ids: ReadonlySet<string> } | { kind: 'afterReveal' } | null;

type Props = {
  t: Translate;
  people: readonly PresentPerson[];
  headingId: string;
  contributions?: Contributions;
  /** The facilitator's "move to another device": a participant's presence id is their seat. */
  onMoveSeat?: MoveSeat;
};

/** Who is in the room, for the facilitator: names (or "Guest") with their role as text, and who has contributed. */
export function PresenceList({ t, people, headingId, contributions = null, onMoveSeat }: Props) {
  const participants = people.filter((p) => p.role === 'participant').length;
  const counted = contributions?.kind === 'count' ? contributions.ids : null;
  // The facilitator's own contributions are not the room's; pseudonyms cannot be matched to anyone, but still count.
  const facilitatorIds = new Set(people.filter((p) => p.role === 'facilitator').map((p) => p.id));
  const contributed = counted ? [...counted].filter((id) => !facilitatorIds.has(id)).length : 0;
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
      {counted ? (
        <p className="presence__contributed">
          {/* People who contributed and left still count, so the total never reads less than the count. */}
          {t('tools.contributed', { count: contributed, total: Math.max(participants, contributed) })}
        </p>
      ) : null}
      {contributions?.kind === 'afterReveal' ? (
        <p className="presence__contributed presence__contributed--later">{t('tools.contributedAfterReveal')}</p>
      ) : null}
      {participants === 0 ? <p className="presence__empty">{t('presence.nobody')}</p> : null}
      <ul className="presence__list">
        {sorted.map((person) => (
          <li key={`${person.id}-${person.clientId}`} className="presence__person" data-role={person.role}>
            <span className="presence__avatar" aria-hidden="true">
              {person.role === 'projector' ? '▭' : initial(person.name)}
            </span>
            <span className="presence__name">
              {/* A facilitator without a name is the facilitator, not a guest: "Guest (you)" read as a stranger. */}
              {person.role === 'projector' || (person.role === 'facilitator' && !person.name)
                ? t(`presence.role.${person.role}`)
                : (person.name ?? t('tools.guest'))}
              {person.self ? <span className="presence__self"> ({t('presence.you')})</span> : null}
            </span>
            {person.role === 'projector' || (person.role === 'facilitator' && !person.name) ? null : (
              <span className="presence__role">{t(`presence.role.${person.role}`)}</span>
            )}
            {person.role === 'participant' && counted?.has(person.id) ? (
              <span className="presence__mark">
                <span aria-hidden="true">✓ </span>
                {t('tools.contributedMark')}
              </span>
            ) : null}
            {person.role === 'participant' && onMoveSeat ? (
              <SeatMoveCode t={t} name={person.name ?? t('tools.guest')} seat={person.id} onMoveSeat={onMoveSeat} />
            ) : null}
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
