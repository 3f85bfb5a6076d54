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
  stepToolsValue,
  TEXT_LIMITS,
  teamNameValue,
  timerValue,
  carriedValue,
  type CarriedValue,
  type ConsentRoundValue,
  type PickValue,
  type StatementVersionValue,
  type StepToolsValue,
  type TimerValue,
} from './schema.ts';
import { deleteById, parsedArray } from './yjs-values.ts';

/** A result to bring along; `detail` and `at` may be left out. */
export type CarriedInput = { id: string; text: string; detail?: string; from: string; at?: number };

const STATE_STEP = 'stepId';
const STATE_TEAM_NAME = 'teamName';
const STATE_SEATS_CLOSED = 'seatsClosed';

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

  /** The team's name for the poster and the exports; null until the facilitator gives one (or when malformed). */
  teamName(): string | null {
    const parsed = teamNameValue.safeParse(this.stateMap().get(STATE_TEAM_NAME));
    return parsed.success ? parsed.data : null;
  }

  /** Stores the name on one line, clipped to the limit; an empty name removes it. Returns what is stored. */
  setTeamName(name: string): string | null {
    const clean = name.replace(/\s+/g, ' ').trim().slice(0, TEXT_LIMITS.teamName).trim();
    if (clean) this.stateMap().set(STATE_TEAM_NAME, clean);
    else this.stateMap().delete(STATE_TEAM_NAME);
    return clean || null;
  }

  /** True once the facilitator closed the room to new people: the server gives out no new seat. */
  seatsClosed(): boolean {
    return this.stateMap().get(STATE_SEATS_CLOSED) === true;
  }

  setSeatsClosed(closed: boolean): void {
    if (closed) this.stateMap().set(STATE_SEATS_CLOSED, true);
    else this.stateMap().delete(STATE_SEATS_CLOSED);
  }

  // --- facilitation tools of a step ---------------------------------------

  stepToolsMap(stepId: string): Y.Map<unknown> {
    return this.doc.getMap(controlKeys.stepTools(stepId));
  }

  /** Revealed and locked flags; both off until the facilitator sets them. */
  stepTools(stepId: string): StepToolsValue {
    const parsed = stepToolsValue.safeParse(this.stepToolsMap(stepId).toJSON());
    return parsed.success ? parsed.data : { revealed: false, locked: false };
  }

  setRevealed(stepId: string, revealed: boolean): void {
    this.stepToolsMap(stepId).set('revealed', revealed);
  }

  setLocked(stepId: string, locked: boolean): void {
    this.stepToolsMap(stepId).set('locked', locked);
  }

  // --- the room's timer ---------------------------------------------------

  timerMap(): Y.Map<unknown> {
    return this.doc.getMap(controlKeys.timer);
  }

  /** The timer (times in server time); null until the facilitator sets one, or when the entry is malformed. */
  timer(): TimerValue | null {
    const map = this.timerMap();
    if (map.size === 0) return null;
    const parsed = timerValue.safeParse(map.toJSON());
    return parsed.success ? parsed.data : null;
  }

  /** Writes the whole timer in one transaction, so no screen sees half a change. Refuses an invalid value. */
  setTimer(value: TimerValue): void {
    const valid = timerValue.parse(value);
    const map = this.timerMap();
    this.doc.transact(() => {
      map.set('durationMs', valid.durationMs);
      map.set('endsAt', valid.endsAt);
      map.set('remainingMs', valid.remainingMs);
    });
  }

  // --- results brought along from an earlier workshop ---------------------

  carriedArray(stepId: string): Y.Array<unknown> {
    return this.doc.getArray(controlKeys.carried(stepId));
  }

  carried(stepId: string): CarriedValue[] {
    return parsedArray(this.carriedArray(stepId), carriedValue);
  }

  /**
   * Adds results to a step, in one transaction. Every item is checked first:
   * one invalid item refuses the whole batch (with the zod error), so nothing
   * is half imported. Items whose id is already there are skipped.
   */
  addCarried(stepId: string, items: readonly CarriedInput[], now = Date.now()): CarriedValue[] {
    const valid = items.map((item) => carriedValue.parse({ ...item, text: item.text.trim(), at: item.at ?? now }));
    const known = new Set(this.carried(stepId).map((c) => c.id));
    const fresh: CarriedValue[] = [];
    for (const item of valid) {
      if (known.has(item.id)) continue;
      known.add(item.id);
      fresh.push(item);
    }
    if (fresh.length > 0) this.carriedArray(stepId).push(fresh);
    return fresh;
  }

  removeCarried(stepId: string, id: string): boolean {
    return deleteById(this.carriedArray(stepId), id);
  }

  // --- why-ladder ---------------------------------------------------------

  ladderPicksArray(stepId: string): Y.Array<unknown> {
    return this.doc.getArray(controlKeys.ladderPicks(stepId));
  }

  /**
   * Picks in round order. Malformed entries and entries for another round than
   * the next one (e.g. a second pick of the same round from another facilitator
   * tab at the same time) are skipped, so they never block later picks.
   */
  ladderPicks(stepId: string): PickValue[] {
    return this.orderedPicks(stepId).map((p) => p.pick);
  }

  /** The picks `ladderPicks` reports, each with its position in the raw array. */
  private orderedPicks(stepId: string): { pick: PickValue; index: number }[] {
    const ordered: { pick: PickValue; index: number }[] = [];
    this.ladderPicksArray(stepId).forEach((raw, index) => {
      const parsed = pickValue.safeParse(raw);
      if (parsed.success && parsed.data.round === ordered.length) ordered.push({ pick: parsed.data, index });
    });
    return ordered;
  }

  /** Carries an answer into the next round. Only the current round can be picked. */
  pickLadderAnswer(stepId: string, round: number, answerId: string, text: string, now = Date.now()): boolean {
    if (round !== this.ladderPicks(stepId).length) return false;
    this.ladderPicksArray(stepId).push([{ round, answerId, text: text.slice(0, TEXT_LIMITS.answer), at: now }]);
    return true;
  }

  /** Takes back the last pick, reopening that round; stray entries after it go too. */
  undoLadderPick(stepId: string): boolean {
    const array = this.ladderPicksArray(stepId);
    const last = this.orderedPicks(stepId).at(-1);
    if (!last) return false;
    array.delete(last.index, array.length - last.index);
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
