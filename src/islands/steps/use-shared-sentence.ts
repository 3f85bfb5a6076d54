import type * as Y from 'yjs';
import type { Translate } from '../../i18n/index.ts';
import { countWords, judgeLength, type LengthVerdict } from '../../lib/words.ts';
import type { Role } from '../../model/roles.ts';
import type { StatementVersionValue } from '../../model/schema.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';
import { useShared } from '../../sync/hooks.ts';
import { announce } from '../announce.ts';
import { verdictText } from './StatementLength.tsx';
import { useAnnouncement } from './use-announcement.ts';

export type SharedSentence = {
  text: string;
  versions: StatementVersionValue[];
  words: number;
  verdict: LengthVerdict;
  save(): void;
  restore(version: StatementVersionValue): void;
};

type Options = {
  connection: RoomConnection;
  /** The step the sentence belongs to, with its word target. */
  step: { id: string; minWords: number; maxWords: number };
  draft: Y.Text;
  role: Role;
  t: Translate;
};

/**
 * A sentence the room drafts together (the purpose statement, an agreed
 * definition): its live text, its length against the step's target, said aloud
 * when the verdict changes, and the saved versions it can go back to.
 */
export function useSharedSentence({ connection, step, draft, role, t }: Options): SharedSentence {
  const { board, control } = connection;
  const stepId = step.id;
  const text = useShared([draft], () => draft.toString());
  const versions = useShared([control.statementVersionsArray(stepId)], () => control.statementVersions(stepId));
  const words = countWords(text);
  const verdict = judgeLength(words, step.minWords, step.maxWords);
  // The projector is read by the room, not by a screen reader: it announces nothing.
  useAnnouncement(verdict, (_, next) => (role === 'projector' ? null : verdictText(t, next)));

  return {
    text,
    versions,
    words,
    verdict,
    save() {
      if (control.saveStatementVersion(stepId, text)) announce(t('statement.savedAnnouncement'));
    },
    restore(version) {
      // The text being replaced is saved first: a restore never loses work.
      control.saveStatementVersion(stepId, text);
      board.replaceStatementDraft(stepId, version.text);
      announce(t('statement.restoredAnnouncement'));
    },
  };
}
