import { useEffect, useId, useState } from 'react';
import type { Translate } from '../i18n/index.ts';
import { TEXT_LIMITS } from '../model/schema.ts';
import { useShared } from '../sync/hooks.ts';
import type { RoomConnection } from '../sync/room-connection.ts';
import { PosterLinkList } from './steps/PosterLinks.tsx';

type Props = {
  t: Translate;
  room: string;
  connection: RoomConnection | null;
  /** False until this console may steer the room (synced, key accepted). */
  enabled: boolean;
  /** The current projector link: the poster opens for whoever may open it, so it carries the same invite. */
  projectorUrl: string;
  headingId: string;
};

/** The team's name (for the poster and the exports) and the poster of the main result, in the console. */
export function TeamPanel({ t, room, connection, enabled, projectorUrl, headingId }: Props) {
  const inputId = useId();
  const control = connection?.control;
  const stored = useShared([control?.stateMap()], () => control?.teamName() ?? null);
  const [draft, setDraft] = useState(stored ?? '');
  const [editing, setEditing] = useState(false);
  // Another facilitator tab may rename the team: follow it unless this field is being typed in.
  useEffect(() => {
    if (!editing) setDraft(stored ?? '');
  }, [stored, editing]);
  const invite = new URL(projectorUrl, 'http://localhost').searchParams.get('invite');

  return (
    <section className="panel team" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__title">
        {t('team.title')}
      </h2>
      <div className="field">
        <label className="field__label" htmlFor={inputId}>
          {t('team.label')}
        </label>
        <p className="field__hint" id={`${inputId}-hint`}>
          {t('team.hint', { max: TEXT_LIMITS.teamName })}
        </p>
        <input
          id={inputId}
          className="field__input"
          type="text"
          name="team"
          autoComplete="organization"
          maxLength={TEXT_LIMITS.teamName}
          value={draft}
          disabled={!enabled || !control}
          aria-describedby={`${inputId}-hint`}
          onFocus={() => setEditing(true)}
          onBlur={() => {
            setEditing(false);
            setDraft(stored ?? '');
          }}
          onChange={(event) => {
            setDraft(event.target.value);
            // Stored as typed (trimmed, one line), so every screen and the exports follow live.
            control?.setTeamName(event.target.value);
          }}
        />
      </div>
      <PosterLinkList room={room} invite={invite} t={t} linkClassName="btn btn--secondary" />
    </section>
  );
}
