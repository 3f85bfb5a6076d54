import type { Translate } from '../../i18n/index.ts';
import { resultHeading } from '../../lib/export/result-heading.ts';
import { questionTypeLabel } from '../../lib/export/outline-steps.ts';
import type { ExportedResult } from '../../lib/export/schema.ts';
import type { Locale } from '../../model/locale.ts';
import type { Role } from '../../model/roles.ts';
import { plural } from './format.ts';
import { ResultSectionFrame } from './ResultSectionFrame.tsx';

type ListResult = Extract<ExportedResult, { kind: 'behaviours' | 'chosen' | 'groups' }>;

type Props = { result: ListResult; role: Role; locale: Locale; t: Translate; posterHref: string | null };

/** A list the group settled on: behaviours by priority, a list chosen by vote, the named groups. */
export function ResultList({ result, role, locale, t, posterHref }: Props) {
  return (
    <ResultSectionFrame
      title={resultHeading(result, t)}
      role={role}
      t={t}
      className={`result-list result-list--${result.kind}`}
      posterHref={posterHref}
    >
      <ListBody result={result} locale={locale} t={t} />
    </ResultSectionFrame>
  );
}

function ListBody({ result, locale, t }: { result: ListResult; locale: Locale; t: Translate }) {
  switch (result.kind) {
    case 'behaviours':
      return (
        <ol className="result-items">
          {result.items.map((item) => (
            <li key={item.id} className="result-item">
              <p className="result-item-text">{item.text}</p>
              <Details
                lines={[
                  [t('export.how'), item.how],
                  [t('export.signs'), item.signs],
                ]}
              />
            </li>
          ))}
        </ol>
      );
    case 'chosen':
      return (
        <ol className="result-items">
          {result.items.map((item) => (
            <li key={item.id} className="result-item">
              <p className="result-item-text">{item.text}</p>
              {item.question ? (
                <p className="result-item-tags">
                  <span className="result-tag">{questionTypeLabel(item.question.type, t)}</span>
                  {item.question.momentLabel ? (
                    <span className="result-tag">
                      {t('export.moment')}: {item.question.momentLabel}
                    </span>
                  ) : null}
                </p>
              ) : null}
              <Details
                lines={[
                  [t('export.questionPurpose'), item.question?.purpose ?? ''],
                  [t('export.how'), item.behaviour?.how ?? ''],
                  [t('export.signs'), item.behaviour?.signs ?? ''],
                ]}
              />
              <p className="result-item-meta">
                {plural(t, locale, { one: 'result.dots.one', other: 'result.dots' }, item.dots)}
              </p>
            </li>
          ))}
        </ol>
      );
    case 'groups':
      return (
        <ul className="result-groups">
          {result.groups.map((group) => (
            <li key={group.id} className="result-group">
              <span className="result-group-name">{group.name}</span>{' '}
              <span className="result-item-meta">
                ({plural(t, locale, { one: 'result.groupSize.one', other: 'result.groupSize' }, group.size)})
              </span>
            </li>
          ))}
        </ul>
      );
  }
}

/** Labelled detail lines; empty ones are left out. */
export function Details({ lines }: { lines: readonly (readonly [label: string, text: string])[] }) {
  const filled = lines.filter(([, text]) => text.trim() !== '');
  if (filled.length === 0) return null;
  return (
    <dl className="result-item-details">
      {filled.map(([label, text]) => (
        <div key={label} className="result-item-detail">
          <dt>{label}</dt>
          <dd>{text}</dd>
        </div>
      ))}
    </dl>
  );
}
