/**
 * The consent rounds of a step over time, in the control document: putting a
 * new proposal keeps the round it replaces (its proposal, tally and
 * objections) in `consent.earlier/<step>`, in the same transaction, so an undo
 * takes both back together and no objection is lost to a rewording.
 */
import type * as Y from 'yjs';
import { Control } from './control.ts';
import { controlKeys, earlierConsentRoundValue, type ConsentValue, type EarlierConsentRoundValue } from './schema.ts';
import { parsedArray } from './yjs-values.ts';

/** What the round being replaced ended with, as the screens tallied it. */
export type RoundClosing = {
  counts: Record<ConsentValue, number>;
  objections: readonly { name: string | null; note: string }[];
};

export class ConsentRounds {
  readonly doc: Y.Doc;
  private readonly control: Control;

  constructor(doc: Y.Doc) {
    this.doc = doc;
    this.control = new Control(doc);
  }

  earlierArray(stepId: string): Y.Array<unknown> {
    return this.doc.getArray(controlKeys.consentEarlier(stepId));
  }

  /** The replaced rounds, oldest first. */
  earlier(stepId: string): EarlierConsentRoundValue[] {
    return parsedArray(this.earlierArray(stepId), earlierConsentRoundValue);
  }

  /**
   * Puts `text` to agreement. The current round, if it had a proposal and
   * any signal, is kept first with `closing`; a round nobody answered leaves nothing to keep.
   */
  propose(stepId: string, text: string, closing: RoundClosing | null, now = Date.now()): void {
    const current = this.control.consentRound(stepId);
    this.doc.transact(() => {
      const signals = closing ? closing.counts.agree + closing.counts.live + closing.counts.object : 0;
      if (current && current.proposal && closing && signals > 0) {
        this.keep(stepId, {
          proposal: current.proposal,
          proposedAt: current.proposedAt,
          counts: { ...closing.counts },
          objections: closing.objections.map((o) => ({ name: o.name, note: o.note })),
        });
      }
      this.control.propose(stepId, text, now);
    });
  }

  /** Appends one replaced round (also used when an export is read back into a room). */
  keep(stepId: string, round: EarlierConsentRoundValue): void {
    this.earlierArray(stepId).push([earlierConsentRoundValue.parse(round)]);
  }
}
