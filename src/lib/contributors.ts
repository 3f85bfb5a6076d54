/**
 * Who has contributed to a step, for the console's "N of M have contributed".
 * Ids are whatever a kind stores as its author: a device id for named work, a
 * per-step pseudonym for anonymous work (countable, never linkable to a name),
 * and for a vote stand-ins for the count the server published.
 * Silent steps have nothing to count before the reveal, by design: drafts stay
 * on each device until then.
 */
import type * as Y from 'yjs';
import { Behaviours } from '../model/behaviours.ts';
import { Board } from '../model/board.ts';
import { Control } from '../model/control.ts';
import { Define } from '../model/define.ts';
import { Notes } from '../model/notes.ts';
import { Questions } from '../model/questions.ts';
import { VoteResults } from '../model/vote-results.ts';
import type { StepOf, WorkshopStep } from '../model/workshop.ts';

export type StepDocs = { board: Y.Doc; control: Y.Doc };

export function stepContributors(step: WorkshopStep, docs: StepDocs): Set<string> {
  const board = new Board(docs.board);
  const control = new Control(docs.control);
  switch (step.kind) {
    case 'ladder':
      return ladderContributors(step, board);
    case 'consent':
      return consentContributors(step, board, control);
    // Nothing to count: a brief and a result are read, and who typed in the shared
    // sentence is not recorded (Y.Text keeps no authors we could trust).
    case 'brief':
    case 'statement':
    case 'result':
      return new Set();
    case 'notes':
      return new Set(new Notes(docs.board).notes(step.id).map((n) => n.authorId));
    // Groups and moves carry no author (anyone sorts anyone's notes), so there is no one to count.
    case 'group':
      return new Set();
    // Own definitions arrive only after the reveal; who typed in the agreed draft is not recorded.
    case 'define':
      return new Set(new Define(docs.board).ownDefinitions(step.id).map((d) => d.authorId));
    case 'behaviours':
      return new Set(new Behaviours(docs.board).list(step.id).map((b) => b.authorId));
    case 'questions':
      return new Set(new Questions(docs.board).list(step.id).map((q) => q.authorId));
    // Ballots live in each voter's seat document; the server counts them with the vote rule and
    // publishes only how many count. Stand-in ids carry that number: they name no one.
    case 'vote':
      return new Set(
        Array.from({ length: new VoteResults(docs.board).voters(step.id) }, (_, i) => `${step.id}#${i + 1}`),
      );
  }
}

/** Everyone who answered a "why?" or supported an answer, in any round. */
function ladderContributors(step: StepOf<'ladder'>, board: Board): Set<string> {
  const ids = new Set(board.ladderAnswers(step.id).map((a) => a.authorId));
  for (const supporters of board.ladderSupport(step.id).values()) for (const id of supporters) ids.add(id);
  return ids;
}

/** Everyone who answered the proposal on the table now; votes for an earlier proposal no longer count. */
function consentContributors(step: StepOf<'consent'>, board: Board, control: Control): Set<string> {
  const round = control.consentRound(step.id);
  if (!round || !round.proposal) return new Set();
  const ids = new Set<string>();
  for (const [voterId, vote] of board.consentVotes(step.id)) if (vote.proposalAt === round.proposedAt) ids.add(voterId);
  return ids;
}
