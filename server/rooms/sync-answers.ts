/**
 * Answers to sync step 1, shared across requests that get the same answer.
 *
 * A client's state vector is first clamped to what the document has: clients
 * the document does not know are dropped and clocks are cut to the
 * document's. A made-up vector thus becomes an empty one, and is answered
 * with the whole document, encoded once for every such request until the
 * document changes. When the client lacks at least half of the document
 * anyway, the whole document (shared) is cheaper than a diff of its own, and
 * Yjs ignores what the client already has. Other answers are cached by their
 * clamped vector: the clients that are up to date share one.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { encodeSyncStep2, encodeSyncStep2FromUpdate } from '../../src/model/wire.ts';

/** Distinct diffs kept per document version; beyond it the cache starts over. */
const MAX_CACHED_DIFFS = 16;

export class SyncAnswers {
  private full: Uint8Array | null = null;
  private docVector: Map<number, number> | null = null;
  private readonly diffs = new Map<string, Uint8Array>();
  private readonly doc: Y.Doc;
  /** Whole-document encodings made (for tests). */
  fullEncodings = 0;

  constructor(doc: Y.Doc) {
    this.doc = doc;
  }

  /** The document changed: every cached answer is stale. */
  invalidate(): void {
    this.full = null;
    this.docVector = null;
    this.diffs.clear();
  }

  /** Seeds the whole-document answer with an encoding already at hand (the stored state on load). */
  seedFull(update: Uint8Array): void {
    this.full = encodeSyncStep2FromUpdate(update);
  }

  /** Sync step 2 for a client's state vector (already checked to decode). */
  answer(stateVector: Uint8Array): Uint8Array {
    const requested = Y.decodeStateVector(stateVector);
    const have = (this.docVector ??= Y.decodeStateVector(Y.encodeStateVector(this.doc)));
    const clamped = new Map<number, number>();
    let total = 0;
    let known = 0;
    for (const [client, clock] of have) {
      total += clock;
      const theirs = Math.min(requested.get(client) ?? 0, clock);
      if (theirs > 0) clamped.set(client, theirs);
      known += theirs;
    }
    if (clamped.size === 0 || (total - known) * 2 >= total) return this.fullAnswer();
    const key = [...clamped].sort((a, b) => a[0] - b[0]).join(';');
    let diff = this.diffs.get(key);
    if (!diff) {
      if (this.diffs.size >= MAX_CACHED_DIFFS) this.diffs.clear();
      diff = encodeSyncStep2(this.doc, encodeVector(clamped));
      this.diffs.set(key, diff);
    }
    return diff;
  }

  private fullAnswer(): Uint8Array {
    if (!this.full) {
      this.full = encodeSyncStep2FromUpdate(Y.encodeStateAsUpdate(this.doc));
      this.fullEncodings++;
    }
    return this.full;
  }
}

/** A state vector in Yjs' encoding: a count, then (client, clock) pairs. */
function encodeVector(vector: ReadonlyMap<number, number>): Uint8Array {
  return encoding.encode((encoder) => {
    encoding.writeVarUint(encoder, vector.size);
    for (const [client, clock] of vector) {
      encoding.writeVarUint(encoder, client);
      encoding.writeVarUint(encoder, clock);
    }
  });
}
