import { useId, type ReactNode } from 'react';
import type { Translate } from '../../i18n/index.ts';
import type { Role } from '../../model/roles.ts';
import { Heading } from './Heading.tsx';

type Props = {
  title: string;
  role: Role;
  t: Translate;
  /** `result-<kind>` modifiers for the stylesheet. */
  className: string;
  /** This result's own poster, where the viewer can open links. */
  posterHref?: string | null;
  children: ReactNode;
};

/** One labelled region of the result step: a heading, the content, and a link to its poster. */
export function ResultSectionFrame({ title, role, t, className, posterHref, children }: Props) {
  const titleId = useId();
  return (
    <section className={`result-section ${className}`} aria-labelledby={titleId}>
      <Heading role={role} id={titleId} className="result-section-title">
        {title}
      </Heading>
      {children}
      {posterHref ? (
        <p className="result-section-poster">
          <a href={posterHref} target="_blank" rel="noopener">
            {t('poster.a4')}
            <span className="visually-hidden">
              : {title} {t('console.opensNewTab')}
            </span>
            <span aria-hidden="true"> ↗</span>
          </a>
        </p>
      ) : null}
    </section>
  );
}
