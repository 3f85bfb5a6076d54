import { useId } from 'react';
import type { RankedItem } from '../../lib/export/read-vote.ts';
import type { Locale } from '../../model/locale.ts';
import type { Role } from '../../model/roles.ts';
import type { StepProps } from './types.ts';
import { plural } from './format.ts';
import { Heading } from './Heading.tsx';

type Props = {
  ranked: RankedItem[];
  keepTop: number | undefined;
  role: Role;
  mine: Record<string, number>;
  locale: Locale;
  t: StepProps<'vote'>['t'];
};

/** The revealed result: rank, dots as a number and a bar, and the chosen top items marked in words. */
export function VoteRanking({ ranked, keepTop, role, mine, locale, t }: Props) {
  const titleId = useId();
  const most = Math.max(1, ...ranked.map((r) => r.dots));
  return (
    <section className="vote-ranking" aria-labelledby={titleId}>
      <Heading role={role} id={titleId} className="vote-title">
        {t('vote.resultTitle')}
      </Heading>
      <ol className="vote-ranked">
        {ranked.map((item, index) => {
          const chosen = keepTop !== undefined && index < keepTop && item.dots > 0;
          return (
            <li key={item.id} className={`vote-ranked-item${chosen ? ' vote-ranked-item--chosen' : ''}`}>
              <span className="vote-rank">{t('vote.rank', { rank: item.rank })}</span>
              <span className="vote-ranked-text">{item.text}</span>
              <span className="vote-dots">{plural(t, locale, { one: 'vote.dotsOne', other: 'vote.dotsOther' }, item.dots)}</span>
              {/* A meter, not a styled span: the CSP allows no inline styles. The number above says it in words. */}
              <meter className="vote-bar" min={0} max={most} value={item.dots} aria-hidden="true" />
              {chosen ? <span className="vote-chosen">{t('vote.chosen')}</span> : null}
              {role === 'participant' && (mine[item.id] ?? 0) > 0 ? (
                <span className="vote-ranked-mine">{t('vote.mine', { count: mine[item.id] ?? 0 })}</span>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
