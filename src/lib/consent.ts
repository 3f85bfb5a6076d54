import { CONSENT_VALUES, type ConsentValue, type ConsentVoteValue } from '../model/schema.ts';

export type ConsentTally = {
  counts: Record<ConsentValue, number>;
  total: number;
  objections: { participantId: string; name: string | null; note: string }[];
};

/** Counts the votes that answer the current proposal; votes for an earlier proposal are ignored. */
export function tallyConsent(votes: ReadonlyMap<string, ConsentVoteValue>, proposedAt: number): ConsentTally {
  const counts = Object.fromEntries(CONSENT_VALUES.map((v) => [v, 0])) as Record<ConsentValue, number>;
  const objections: ConsentTally['objections'] = [];
  for (const [participantId, vote] of votes) {
    if (vote.proposalAt !== proposedAt) continue;
    counts[vote.value]++;
    if (vote.value === 'object') objections.push({ participantId, name: vote.name, note: vote.note });
  }
  return { counts, total: CONSENT_VALUES.reduce((sum, v) => sum + counts[v], 0), objections };
}
