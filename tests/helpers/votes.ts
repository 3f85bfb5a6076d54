/**
 * Publishes a vote into documents as the server's vote publisher would
 * (server/rooms/vote-results.ts): the same item reader and the same count.
 * For in-memory runs; a live room gets its result from the server instead.
 */
import type * as Y from 'yjs';
import { voteItems } from '../../src/lib/export/read-vote.ts';
import { countVote } from '../../src/lib/vote-count.ts';
import { Control } from '../../src/model/control.ts';
import type { Locale } from '../../src/model/locale.ts';
import type { DotsValue } from '../../src/model/schema.ts';
import { VoteResults } from '../../src/model/vote-results.ts';
import type { StepOf, Workshop } from '../../src/model/workshop.ts';

export function publishVote(
  docs: { board: Y.Doc; control: Y.Doc },
  workshop: Workshop,
  stepId: string,
  ballots: readonly DotsValue[],
  locale: Locale = 'en',
): void {
  const step = workshop.steps.find((s): s is StepOf<'vote'> => s.id === stepId && s.kind === 'vote');
  if (!step) throw new Error(`no vote step ${stepId}`);
  const items = voteItems(step.source, workshop, locale, docs)?.items ?? [];
  const results = new VoteResults(docs.board);
  const count = countVote(step, items, ballots, results.imported(step.id));
  docs.board.transact(() => {
    results.setVoters(step.id, count.voters);
    if (new Control(docs.control).stepTools(step.id).revealed) results.publish(step.id, count.result);
    else results.unpublish(step.id);
  });
}
