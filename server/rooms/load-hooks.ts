/**
 * Server-side modules that follow a room's documents in memory (the vote
 * publisher, the seat publisher): each is told when a document is loaded, and
 * what it returns runs when that document is dropped, whichever way it goes
 * (idle unload, failed write, deleted room, shutdown).
 */
import type { LiveDoc } from './live-doc.ts';

/** Called when a document is loaded into memory; what it returns runs when the document is dropped. */
export type LoadListener = (live: LiveDoc) => (() => void) | void;

export class LoadHooks {
  private readonly listeners = new Set<LoadListener>();
  /** What each loaded document's listeners asked to run when it is dropped. */
  private readonly onDrop = new Map<LiveDoc, (() => void)[]>();

  add(listener: LoadListener): void {
    this.listeners.add(listener);
  }

  /** `live` is now in memory: every listener sees it. */
  loaded(live: LiveDoc): void {
    const callbacks: (() => void)[] = [];
    for (const listener of this.listeners) {
      const done = listener(live);
      if (done) callbacks.push(done);
    }
    if (callbacks.length > 0) this.onDrop.set(live, callbacks);
  }

  /** `live` left memory: what its listeners returned runs, once. */
  dropped(live: LiveDoc): void {
    const callbacks = this.onDrop.get(live);
    this.onDrop.delete(live);
    for (const done of callbacks ?? []) done();
  }
}
