import { useId, useState } from 'react';
import type { Translate } from '../../i18n/index.ts';
import type { Locale } from '../../model/locale.ts';
import type { ConsentTally } from '../../lib/consent.ts';
import { ConsentRounds } from '../../model/consent-rounds.ts';
import type { ConsentRoundValue } from '../../model/schema.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';
import { ConsentDraftEditor } from './ConsentDraftEditor.tsx';
import type { DraftTarget } from './draft-target.ts';
import { useShared } from '../../sync/hooks.ts';

type Props = {
  stepId: string;
  /** The statement step whose draft is put to agreement. */
  statementStepId: string;
  /** That step itself, for the editor's target length; undefined if the workshop lacks it. */
  statement: DraftTarget | undefined;
  round: ConsentRoundValue | null;
  /** How the room answered the current proposal: kept with it when a new proposal replaces it. */
  tally: ConsentTally | null;
  connection: RoomConnection;
  locale: Locale;
  t: Translate;
};

/**
 * Put the current draft to agreement, edit it in place (after an objection,
 * without leaving the step), start a new round after edits, mark as agreed or reopen.
 */
export function ConsentFacilitator(props: Props) {
  const { stepId, statementStepId, statement, round, tally, connection, locale, t } = props;
  const objections = tally?.objections.length ?? 0;
  const { board, control } = connection;
  const titleId = useId();
  const [editing, setEditing] = useState(false);
  const draftText = board.statementDraft(statementStepId);
  const draft = useShared([draftText], () => draftText.toString().trim());
  const agreed = round?.agreedText != null;
  const changed = round !== null && draft !== round.proposal;

  return (
    <section className="consent-facilitator" aria-labelledby={titleId}>
      <h3 id={titleId} className="consent-facilitator-title">
        {t('consent.facilitatorTitle')}
      </h3>
      {/* While editing, the field shows the draft: no second copy of it. */}
      {editing ? null : (
        <figure className="consent-draft">
          <figcaption className="consent-draft-label">{t('consent.currentDraft')}</figcaption>
          <blockquote className="consent-draft-text">
            <p>{draft || t('consent.draftEmpty')}</p>
          </blockquote>
        </figure>
      )}
      <ConsentDraftEditor
        draft={draftText}
        statement={statement}
        open={editing}
        onToggle={() => setEditing((open) => !open)}
        hint={t('consent.editHintFacilitator')}
        locale={locale}
        t={t}
      />
      {changed && draft ? <p className="consent-hint">{t('consent.draftChanged')}</p> : null}
      {round && !agreed && objections > 0 ? <p className="consent-hint">{t('consent.objectionsFirst')}</p> : null}
      <div className="consent-facilitator-actions">
        {/* Once agreed, only a changed draft may be put forward again (which reopens the agreement). */}
        {agreed && !changed ? null : (
          <button
            type="button"
            className={`steps-button${!round || changed ? ' steps-button--primary' : ''}`}
            onClick={() => new ConsentRounds(control.doc).propose(stepId, draft, tally)}
            disabled={!draft}
          >
            {round && !changed ? t('consent.newRound') : t('consent.propose')}
          </button>
        )}
        {round && !agreed ? (
          <button
            type="button"
            className="steps-button steps-button--primary"
            onClick={() => control.markAgreed(stepId)}
            disabled={!round.proposal}
          >
            {t('consent.markAgreed')}
          </button>
        ) : null}
        {agreed ? (
          <button type="button" className="steps-button" onClick={() => control.reopenAgreement(stepId)}>
            {t('consent.reopen')}
          </button>
        ) : null}
      </div>
      {round ? <p className="consent-hint consent-hint--quiet">{t('consent.newRoundHint')}</p> : null}
    </section>
  );
}
