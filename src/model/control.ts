/**
 * Typed access to the control document (`/sync/<room>/control`): what the
 * facilitator steers. Only a connection holding the facilitator key may write it.
 */
import * as Y from 'yjs';
import {
  consentRoundValue,
  controlKeys,
  pickValue,
  statementVersionValue,
  TEXT_LIMITS,
  type ConsentRoundValue,
  type PickValue,
  type StatementVersionValue,
} from './schema.ts';
import { parsedArray } from './yjs-values.ts';

const STATE_STEP = 'stepId';

export class Control {
  readonly doc: Y.Doc;

  constructor(doc: Y.Doc) {
    this.doc = doc;
  }

  stateMap(): Y.Map<unknown> {
    return this.doc.getMap(controlKeys.state);
  }

  /** The step everyone follows; undefined until the facilitator moves (the first step then). */
  currentStepId(): string | undefined {
    const value = this.stateMap().get(STATE_STEP);
    return typeof value === 'string' ? value : undefined;
  }

  goToStep(stepId: string): void {
    this.stateMap().set(STATE_STEP, stepId);
  }

  // --- why-ladder ---------------------------------------------------------

  ladderPicksArray(stepId: string): Y.Array<unknown> {
    return this.doc.getArray(controlKeys.ladderPicks(stepId));
  }

  /** Picks in round order; a malformed or out-of-order entry ends the list. */
  ladderPicks(stepId: string): PickValue[] {
    const picks = parsedArray(this.ladderPicksArray(stepId), pickValue);
    const ordered: PickValue[] = [];
    for (const pick of picks) {
      if (pick.round !== ordered.length) break;
      ordered.push(pick);
    }
    return ordered;
  }

  /** Carries an answer into the next round. Only the current round can be picked. */
  pickLadderAnswer(stepId: string, round: number, answerId: string, text: string, now = Date.now()): boolean {
    if (round !== this.ladderPicks(stepId).length) return false;
    this.ladderPicksArray(stepId).push([{ round, answerId, text: text.slice(0, TEXT_LIMITS.answer), at: now }]);
    return true;
  }

  /** Takes back the last pick, reopening that round. */
  undoLadderPick(stepId: string): boolean {
    const array = this.ladderPicksArray(stepId);
    const count = this.ladderPicks(stepId).length;
    if (count === 0) return false;
    array.delete(count - 1, array.length - (count - 1));
    return true;
  }

  // --- statement versions -------------------------------------------------

  statementVersionsArray(stepId: string): Y.Array<unknown> {
    return this.doc.getArray(controlKeys.statementVersions(stepId));
  }

  statementVersions(stepId: string): StatementVersionValue[] {
    return parsedArray(this.statementVersionsArray(stepId), statementVersionValue);
  }

  saveStatementVersion(stepId: string, text: string, now = Date.now()): StatementVersionValue | null {
    const clean = text.trim().slice(0, TEXT_LIMITS.statement);
    if (!clean) return null;
    const last = this.statementVersions(stepId).at(-1);
    if (last?.text === clean) return null;
    const version = { text: clean, at: now };
    this.statementVersionsArray(stepId).push([version]);
    return version;
  }

  // --- agreement ----------------------------------------------------------

  consentRoundMap(stepId: string): Y.Map<unknown> {
    return this.doc.getMap(controlKeys.consentRound(stepId));
  }

  consentRound(stepId: string): ConsentRoundValue | null {
    const parsed = consentRoundValue.safeParse(this.consentRoundMap(stepId).toJSON());
    return parsed.success ? parsed.data : null;
  }

  /** Puts a text to agreement; votes given to an earlier proposal no longer count. */
  propose(stepId: string, text: string, now = Date.now()): void {
    const map = this.consentRoundMap(stepId);
    this.doc.transact(() => {
      map.set('proposal', text.trim().slice(0, TEXT_LIMITS.statement));
      map.set('proposedAt', now);
      map.set('agreedText', null);
      map.set('agreedAt', null);
    });
  }

  markAgreed(stepId: string, now = Date.now()): boolean {
    const round = this.consentRound(stepId);
    if (!round || !round.proposal) return false;
    const map = this.consentRoundMap(stepId);
    this.doc.transact(() => {
      map.set('agreedText', round.proposal);
      map.set('agreedAt', now);
    });
    return true;
  }

  reopenAgreement(stepId: string): void {
    const map = this.consentRoundMap(stepId);
    this.doc.transact(() => {
      map.set('agreedText', null);
      map.set('agreedAt', null);
    });
  }
}
