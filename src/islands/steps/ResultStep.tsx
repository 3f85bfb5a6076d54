import { useMemo } from 'react';
import type { ExportedStep } from '../../lib/export/schema.ts';
import { posterPath } from '../../lib/poster.ts';
import { resultSections } from '../../lib/result-sections.ts';
import { ResultExport } from './ResultExport.tsx';
import { ResultList } from './ResultList.tsx';
import { ResultMaterial } from './ResultMaterial.tsx';
import { ResultPosters } from './PosterLinks.tsx';
import { ResultText } from './ResultText.tsx';
import type { StepProps } from './types.ts';
import { useLiveResults } from './use-live-results.ts';
import { usePosterInvite } from './use-poster-invite.ts';

type Consent = Extract<ExportedStep, { kind: 'consent' }>;

/**
 * The closing screen: every result the group agreed on (or the steps the
 * workshop names in `show`), live, from the same model as the exports, and the
 * way to take them along: posters and downloads.
 */
export function ResultStep({ step, workshop, role, connection, locale, t }: StepProps<'result'>) {
  const live = useLiveResults(workshop, locale, connection);
  const sections = useMemo(() => resultSections(live, step.show), [live, step.show]);
  const poster = usePosterInvite(connection, role);
  const room = connection.options.room;
  const withLinks = role !== 'projector' && poster.ready;
  const consentFor = (stepId: string) =>
    live.steps.filter((s): s is Consent => s.kind === 'consent' && s.statementStep === stepId).at(-1);

  return (
    <div className={`result result--${role}`}>
      {live.teamName ? <p className="result-team">{t('result.team', { name: live.teamName })}</p> : null}
      {sections.length === 0 ? <p className="result-nothing">{t('result.nothingAgreed')}</p> : null}
      {sections.map((section) => {
        if (section.kind !== 'result') {
          return <ResultMaterial key={section.key} section={section} role={role} locale={locale} t={t} />;
        }
        const { result } = section;
        const posterHref = withLinks
          ? posterPath(room, { format: 'a4', result: result.stepId, invite: poster.invite })
          : null;
        return result.kind === 'statement' || result.kind === 'definition' ? (
          <ResultText
            key={section.key}
            result={result}
            consent={consentFor(result.stepId)}
            role={role}
            locale={locale}
            t={t}
            posterHref={posterHref}
          />
        ) : (
          <ResultList key={section.key} result={result} role={role} locale={locale} t={t} posterHref={posterHref} />
        );
      })}
      {withLinks && live.results.length > 0 ? (
        <ResultPosters room={room} invite={poster.invite} role={role} t={t} />
      ) : null}
      {/* Until the current invite is known the links carry none; they work unless the link was replaced. */}
      {role === 'facilitator' ? <ResultExport room={room} invite={poster.invite} t={t} /> : null}
    </div>
  );
}
