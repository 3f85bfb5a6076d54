import { useId } from 'react';
import type { Translate } from '../../i18n/index.ts';
import type { Locale } from '../../model/locale.ts';
import type { OwnDefinition } from '../../model/define.ts';
import type { Role } from '../../model/roles.ts';
import { plural } from './format.ts';
import { Heading } from './Heading.tsx';
import { SpotlightControl } from '../spotlight/SpotlightScope.tsx';

type Props = {
  definitions: readonly OwnDefinition[];
  selfId: string;
  role: Role;
  locale: Locale;
  t: Translate;
};

/** After the reveal: everyone's own definition side by side, with the writer's name (or "Anonymous"). */
export function DefineOwnCards({ definitions, selfId, role, locale, t }: Props) {
  const titleId = useId();
  return (
    <section className="define-cards-section" aria-labelledby={titleId}>
      <Heading role={role} id={titleId} className="define-cards-title">
        {plural(t, locale, { one: 'define.ownTitleOne', other: 'define.ownTitleOther' }, definitions.length)}
      </Heading>
      {definitions.length === 0 ? (
        <p className="define-cards-empty">{t('define.noneShared')}</p>
      ) : (
        <ul className={`define-cards define-cards--${role}`}>
          {definitions.map((definition) => {
            const mine = definition.authorId === selfId && role === 'participant';
            return (
              <li key={definition.authorId} className={`define-card${mine ? ' define-card--mine' : ''}`}>
                <p className="define-card-text">{definition.text}</p>
                <p className="define-card-author">
                  {mine ? t('define.yours') : (definition.name ?? t('define.anonymous'))}
                </p>
                <SpotlightControl kind="definition" itemId={definition.authorId} text={definition.text} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
