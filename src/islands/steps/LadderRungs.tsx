import type { ReactNode } from 'react';
import type { Translate } from '../../i18n/index.ts';
import type { LadderRung } from '../../lib/ladder.ts';
import { ICONS } from './icons.ts';

type Props = {
  rungs: readonly LadderRung[];
  /** The round taking answers now; null when none does (complete, or a summary). */
  current: number | null;
  /** The round whose picked answer is the raw material for the purpose; null to emphasise none. */
  final: number | null;
  /** Set on the current question's text, so the answer field can point to it. */
  currentQuestionId?: string;
  /** More under a rung, after its carried-on answer (the ladder step's other answers). */
  below?: (rung: LadderRung) => ReactNode;
  /**
   * Fold the finished rungs behind one line while a round is open: the console needs the room's
   * answers in view, and the current why already repeats the answer carried on into it.
   */
  foldFinished?: boolean;
  t: Translate;
};

/** From this many finished rungs on, folding saves more than the line it costs. */
const FOLD_FROM = 2;

/** The why-ladder as far as it has grown: each question with the answer carried on from it. */
export function LadderRungs({ rungs, current, final, currentQuestionId, below, foldFinished, t }: Props) {
  const finished = current === null ? [] : rungs.filter((rung) => rung.round < current);
  if (foldFinished && finished.length >= FOLD_FROM) {
    const open = rungs.filter((rung) => rung.round >= current!);
    const props = { current, final, currentQuestionId, below, t };
    return (
      <>
        <details className="ladder-earlier">
          <summary className="ladder-earlier-summary">{t('ladder.earlier', { count: finished.length })}</summary>
          <RungList rungs={finished} {...props} />
        </details>
        <RungList rungs={open} {...props} />
      </>
    );
  }
  return (
    <RungList rungs={rungs} current={current} final={final} currentQuestionId={currentQuestionId} below={below} t={t} />
  );
}

function RungList({ rungs, current, final, currentQuestionId, below, t }: Omit<Props, 'foldFinished'>) {
  return (
    <ol className="ladder-rungs" start={(rungs[0]?.round ?? 0) + 1}>
      {rungs.map((rung) => {
        const isCurrent = rung.round === current;
        const isFinal = rung.round === final && rung.pick !== null;
        return (
          <li
            key={rung.round}
            className={`ladder-rung${isCurrent ? ' ladder-rung--current' : ''}${rung.pick ? ' ladder-rung--picked' : ''}`}
            aria-current={isCurrent ? 'step' : undefined}
          >
            <p className="ladder-rung-question">
              <span className="ladder-rung-number">{t('ladder.rungNumber', { number: rung.round + 1 })}</span>
              {isCurrent ? (
                <span className="ladder-now">
                  <span aria-hidden="true">{ICONS.now}</span> {t('ladder.now')}
                </span>
              ) : null}
              <span className="ladder-rung-question-text" id={isCurrent ? currentQuestionId : undefined}>
                {rung.question}
              </span>
            </p>
            {rung.pick ? (
              <p className={`ladder-rung-answer${isFinal ? ' ladder-rung-answer--final' : ''}`}>
                <span className="ladder-rung-answer-label">
                  <span aria-hidden="true">{isFinal ? ICONS.star : ICONS.picked}</span>{' '}
                  {isFinal ? t('ladder.rawMaterial') : t('ladder.pickedAnswer')}
                </span>
                <span className="ladder-rung-answer-text">{rung.pick.text}</span>
              </p>
            ) : null}
            {below?.(rung)}
          </li>
        );
      })}
    </ol>
  );
}
