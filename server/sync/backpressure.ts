/**
 * Backpressure for one socket. A client that does not read makes everything
 * sent to it wait in the server's memory; two rules bound that:
 *
 * - At most one sync answer is in flight per connection (`SyncReplies`):
 *   requests that arrive meanwhile are merged, and only the latest is answered
 *   once the previous answer has left the server's buffers. A hundred requests
 *   from a socket that never reads cost one answer, not a hundred.
 * - A socket whose unsent bytes stay above a limit for a grace period is
 *   closed (`SlowReaderWatch`, close code `slowReader`), so its buffers are freed.
 */

/** Decides when a socket has been over its buffer limit for too long. */
export class SlowReaderWatch {
  private overSince: number | null = null;
  private readonly limitBytes: number;
  private readonly graceMs: number;
  private readonly now: () => number;

  constructor(limitBytes: number, graceMs: number, now: () => number = Date.now) {
    this.limitBytes = limitBytes;
    this.graceMs = graceMs;
    this.now = now;
  }

  /** `buffered`: bytes the socket has not yet sent, with the message about to go. True: close the socket. */
  tooSlow(buffered: number): boolean {
    if (buffered <= this.limitBytes) {
      this.overSince = null;
      return false;
    }
    this.overSince ??= this.now();
    return this.now() - this.overSince >= this.graceMs;
  }
}

/** One sync answer in flight per connection; requests meanwhile are merged into the latest. */
export class SyncReplies {
  private inFlight = false;
  private waiting: Uint8Array | null = null;
  private readonly answer: (stateVector: Uint8Array, sent: () => void) => void;

  /** `answer` must call `sent` once its message has left the server's buffers. */
  constructor(answer: (stateVector: Uint8Array, sent: () => void) => void) {
    this.answer = answer;
  }

  request(stateVector: Uint8Array): void {
    if (this.inFlight) {
      // The answer to the latest vector covers every earlier one.
      this.waiting = stateVector;
      return;
    }
    this.inFlight = true;
    this.answer(stateVector, this.sent);
  }

  /** True while an answer is queued or being written (for tests). */
  get busy(): boolean {
    return this.inFlight;
  }

  private readonly sent = (): void => {
    this.inFlight = false;
    const next = this.waiting;
    this.waiting = null;
    if (next) this.request(next);
  };
}
