/**
 * Typed access to the board document (`/sync/<room>`): what participants and
 * the facilitator contribute. Components use this, never `doc.getMap(...)`.
 */
import * as Y from 'yjs';
import { newItemId, type ParticipantId } from './ids.ts';
import {
  answerValue,
  boardKeys,
  consentVoteValue,
  TEXT_LIMITS,
  type AnswerValue,
  type ConsentValue,
  type ConsentVoteValue,
} from './schema.ts';
import { deleteById, parsedArray, parsedMap } from './yjs-values.ts';

export type Author = { id: ParticipantId | string; name: string | null };

const clip = (text: string, max: number) => text.trim().slice(0, max);

export class Board {
  readonly doc: Y.Doc;

  constructor(doc: Y.Doc) {
    this.doc = doc;
  }

  // --- why-ladder answers -------------------------------------------------

  ladderAnswersArray(stepId: string): Y.Array<unknown> {
    return this.doc.getArray(boardKeys.ladderAnswers(stepId));
  }
  ladderSupportMap(stepId: string): Y.Map<unknown> {
    return this.doc.getMap(boardKeys.ladderSupport(stepId));
  }

  ladderAnswers(stepId: string): AnswerValue[] {
    return parsedArray(this.ladderAnswersArray(stepId), answerValue);
  }

  addLadderAnswer(stepId: string, round: number, text: string, author: Author, now = Date.now()): AnswerValue | null {
    const clean = clip(text, TEXT_LIMITS.answer);
    if (!clean) return null;
    const value: AnswerValue = {
      id: newItemId(),
      round,
      text: clean,
      authorId: author.id,
      authorName: author.name ? clip(author.name, TEXT_LIMITS.name) || null : null,
      at: now,
    };
    this.ladderAnswersArray(stepId).push([value]);
    return value;
  }

  removeLadderAnswer(stepId: string, answerId: string): boolean {
    let removed = false;
    this.doc.transact(() => {
      removed = deleteById(this.ladderAnswersArray(stepId), answerId);
      const support = this.ladderSupportMap(stepId);
      for (const key of [...support.keys()]) if (key.startsWith(`${answerId}|`)) support.delete(key);
    });
    return removed;
  }

  /**
   * Posts an answer's text again, to `round`, and removes the old entry, in one
   * transaction: no screen ever shows both, or neither. Null if the old entry is gone.
   */
  repostLadderAnswer(stepId: string, answerId: string, round: number, now = Date.now()): AnswerValue | null {
    const old = this.ladderAnswers(stepId).find((a) => a.id === answerId);
    if (!old) return null;
    let added: AnswerValue | null = null;
    this.doc.transact(() => {
      added = this.addLadderAnswer(stepId, round, old.text, { id: old.authorId, name: old.authorName }, now);
      if (added) this.removeLadderAnswer(stepId, answerId);
    });
    return added;
  }

  /** Who supports which answer: answerId -> set of participant ids. */
  ladderSupport(stepId: string): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    for (const key of this.ladderSupportMap(stepId).keys()) {
      const [answerId, participantId] = key.split('|');
      if (!answerId || !participantId) continue;
      const set = out.get(answerId) ?? new Set<string>();
      set.add(participantId);
      out.set(answerId, set);
    }
    return out;
  }

  toggleLadderSupport(stepId: string, answerId: string, participantId: string): void {
    const map = this.ladderSupportMap(stepId);
    const key = `${answerId}|${participantId}`;
    if (map.has(key)) map.delete(key);
    else map.set(key, true);
  }

  // --- the statement drafted together -------------------------------------

  statementDraft(stepId: string): Y.Text {
    return this.doc.getText(boardKeys.statementDraft(stepId));
  }

  /** Replaces the draft (used when the facilitator restores a saved version). */
  replaceStatementDraft(stepId: string, text: string): void {
    const draft = this.statementDraft(stepId);
    this.doc.transact(() => {
      draft.delete(0, draft.length);
      draft.insert(0, clip(text, TEXT_LIMITS.statement));
    });
  }

  // --- agreement ----------------------------------------------------------

  consentVotesMap(stepId: string): Y.Map<unknown> {
    return this.doc.getMap(boardKeys.consentVotes(stepId));
  }

  consentVotes(stepId: string): Map<string, ConsentVoteValue> {
    return parsedMap(this.consentVotesMap(stepId), consentVoteValue);
  }

  castConsent(
    stepId: string,
    author: Author,
    value: ConsentValue,
    note: string,
    proposalAt: number,
    now = Date.now(),
  ): void {
    const vote: ConsentVoteValue = {
      value,
      name: author.name ? clip(author.name, TEXT_LIMITS.name) || null : null,
      note: note.trim().slice(0, TEXT_LIMITS.note),
      proposalAt,
      at: now,
    };
    this.consentVotesMap(stepId).set(author.id, vote);
  }
}
