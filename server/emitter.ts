/**
 * A small typed event emitter: every event name has its own argument list, so
 * an emit and a listener that disagree about it do not compile. Listeners run
 * synchronously in the order they subscribed, as with Node's EventEmitter; a
 * listener that throws stops the emit, as there.
 */
export type EventMap = Record<string, unknown[]>;
export type Listener<Args extends unknown[]> = (...args: Args) => void;

export class Emitter<Events extends EventMap> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never[]>>>();

  /** Subscribes `listener` to `event`; the function returned unsubscribes it. */
  on<E extends keyof Events>(event: E, listener: Listener<Events[E]>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const stored = listener as unknown as Listener<never[]>;
    set.add(stored);
    return () => {
      set.delete(stored);
    };
  }

  /** Only the owner says what happened to it: subclasses emit, others listen. */
  protected emit<E extends keyof Events>(event: E, ...args: Events[E]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    // A copy: a listener may unsubscribe (itself or another) while the event is delivered.
    for (const listener of [...set]) (listener as unknown as Listener<Events[E]>)(...args);
  }
}
