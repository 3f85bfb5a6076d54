import type { Translate } from '../../i18n/index.ts';
import type { SpotlightDetail, SpotlightItem } from '../../lib/spotlight.ts';
import { ICONS } from '../steps/icons.ts';

type Props = { t: Translate; item: SpotlightItem };

const DETAIL_LABEL = {
  how: 'behaviours.how',
  signs: 'behaviours.signs',
  purpose: 'questions.purposeShort',
  note: null,
} as const satisfies Record<SpotlightDetail['role'], string | null>;

/**
 * One contribution large on the wall, for the room to discuss. The fitter
 * gives it the largest type that fits (a group with many notes gets less), and
 * never less than the board's smallest.
 */
export function WallSpotlight({ t, item }: Props) {
  return (
    <section className="wall-spotlight" data-spotlight={item.kind} aria-labelledby="wall-spotlight-label">
      <p className="wall-spotlight__label" id="wall-spotlight-label">
        <span aria-hidden="true">{ICONS.star}</span> {t('spotlight.wallLabel')}
      </p>
      <p className="wall-spotlight__text">{item.text || t('spotlight.unnamedGroup')}</p>
      {item.details.length > 0 ? (
        <ul className={`wall-spotlight__details wall-spotlight__details--${item.kind}`}>
          {item.details.map((detail, i) => {
            const label = DETAIL_LABEL[detail.role];
            return (
              <li key={i} className="wall-spotlight__detail">
                {label ? <span className="wall-spotlight__detail-label">{t(label)} </span> : null}
                {detail.text}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
