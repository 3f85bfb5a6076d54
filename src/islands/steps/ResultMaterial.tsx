import type { Translate } from '../../i18n/index.ts';
import { questionTypeLabel } from '../../lib/export/outline-steps.ts';
import type { ResultSection } from '../../lib/result-sections.ts';
import { rankedWithDots } from '../../lib/result-sections.ts';
import type { LadderRung } from '../../lib/ladder.ts';
import type { Locale } from '../../model/locale.ts';
import type { Role } from '../../model/roles.ts';
import { plural } from './format.ts';
import { LadderRungs } from './LadderRungs.tsx';
import { Details } from './ResultList.tsx';
import { ResultSectionFrame } from './ResultSectionFrame.tsx';

type Material = Exclude<ResultSection, { kind: 'result' }>;
type Props = { section: Material; role: Role; locale: Locale; t: Translate };

/** What a result step names besides the agreed results: the ladder, notes, the full question list, a ranking. */
export function ResultMaterial({ section, role, locale, t }: Props) {
  switch (section.kind) {
    case 'ladder': {
      const rungs: LadderRung[] = section.step.rungs.map((rung) => ({
        round: rung.round,
        question: rung.question,
        pick: rung.answer === null ? null : { round: rung.round, answerId: `r${rung.round}`, text: rung.answer, at: 0 },
      }));
      const complete = rungs.length > 0 && rungs.every((rung) => rung.pick !== null);
      return (
        <ResultSectionFrame title={t('result.ladderTitle')} role={role} t={t} className="result-ladder">
          <LadderRungs
            rungs={rungs.filter((rung) => rung.pick !== null)}
            current={null}
            final={complete ? rungs.length - 1 : null}
            t={t}
          />
        </ResultSectionFrame>
      );
    }
    case 'notes':
      return (
        <ResultSectionFrame title={section.step.title} role={role} t={t} className="result-notes">
          <p className="result-item-meta">
            {plural(t, locale, { one: 'result.notesCount.one', other: 'result.notesCount' }, section.step.notes.length)}
          </p>
          <ul className="result-note-list">
            {section.step.notes.map((note) => (
              <li key={note.id} className="result-note">
                {note.text}
              </li>
            ))}
          </ul>
        </ResultSectionFrame>
      );
    case 'questions':
      return (
        <ResultSectionFrame title={section.step.title} role={role} t={t} className="result-questions">
          <ul className="result-items result-items--plain">
            {section.step.items.map((item) => (
              <li key={item.id} className="result-item">
                <p className="result-item-text">{item.text}</p>
                <p className="result-item-tags">
                  <span className="result-tag">{questionTypeLabel(item.type, t)}</span>
                  {item.momentLabel ? (
                    <span className="result-tag">
                      {t('export.moment')}: {item.momentLabel}
                    </span>
                  ) : null}
                </p>
                <Details lines={[[t('export.questionPurpose'), item.purpose]]} />
              </li>
            ))}
          </ul>
        </ResultSectionFrame>
      );
    case 'ranking':
      return (
        <ResultSectionFrame title={section.step.title} role={role} t={t} className="result-ranking">
          <ol className="result-items">
            {rankedWithDots(section.step).map((item) => (
              <li key={item.id} className="result-item">
                <p className="result-item-text">{item.text || t('export.unnamedGroup')}</p>
                <p className="result-item-meta">
                  {plural(t, locale, { one: 'result.dots.one', other: 'result.dots' }, item.dots)}
                </p>
              </li>
            ))}
          </ol>
        </ResultSectionFrame>
      );
    case 'pending':
      return (
        <ResultSectionFrame title={section.title} role={role} t={t} className="result-pending">
          <p className="result-pending-text">{t('result.pending')}</p>
        </ResultSectionFrame>
      );
  }
}
