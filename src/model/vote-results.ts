/**
 * Typed access to what the server publishes about a vote on the board: the
 * count of voters while the vote is open (no names), and the result at the
 * reveal. Everyone but the voter reads a vote only through this.
 */
import * as Y from 'yjs';
import {
  boardKeys,
  importedTallyValue,
  voteResultValue,
  type ImportedTallyValue,
  type VoteResultValue,
} from './schema.ts';

const RESULT = 'result';
const VOTERS = 'voters';
const TALLY = 'tally';

/** The origin of the server's own transactions on a board (publishing), never a client's. */
export const SERVER_ORIGIN = Symbol('server');

export class VoteResults {
  readonly doc: Y.Doc;

  constructor(doc: Y.Doc) {
    this.doc = doc;
  }

  resultMap(stepId: string): Y.Map<unknown> {
    return this.doc.getMap(boardKeys.voteResults(stepId));
  }
  progressMap(stepId: string): Y.Map<unknown> {
    return this.doc.getMap(boardKeys.voteProgress(stepId));
  }
  importedMap(stepId: string): Y.Map<unknown> {
    return this.doc.getMap(boardKeys.voteImported(stepId));
  }

  /** The published result; null before the reveal (or when the entry is malformed). */
  result(stepId: string): VoteResultValue | null {
    const parsed = voteResultValue.safeParse(this.resultMap(stepId).get(RESULT));
    return parsed.success ? parsed.data : null;
  }

  /** How many have a ballot that counts, as the server last published it. */
  voters(stepId: string): number {
    const value = this.progressMap(stepId).get(VOTERS);
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
  }

  imported(stepId: string): ImportedTallyValue | null {
    const parsed = importedTallyValue.safeParse(this.importedMap(stepId).get(TALLY));
    return parsed.success ? parsed.data : null;
  }

  /** Writes only what changed, so an unchanged recount sends nothing over the wire. */
  publish(stepId: string, result: VoteResultValue): void {
    if (JSON.stringify(this.resultMap(stepId).get(RESULT)) === JSON.stringify(result)) return;
    this.resultMap(stepId).set(RESULT, result);
  }

  unpublish(stepId: string): void {
    if (this.resultMap(stepId).has(RESULT)) this.resultMap(stepId).delete(RESULT);
  }

  setVoters(stepId: string, voters: number): void {
    if (this.progressMap(stepId).get(VOTERS) !== voters) this.progressMap(stepId).set(VOTERS, voters);
  }

  setImported(stepId: string, tally: ImportedTallyValue): void {
    this.importedMap(stepId).set(TALLY, importedTallyValue.parse(tally));
  }
}
