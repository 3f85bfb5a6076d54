/** The main thread's handle on the client worker: one call per command, answered in order of completion. */
import { Worker } from 'node:worker_threads';
import type { Command, Commands } from '../clients/worker.ts';

export class ClientPool {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;

  constructor() {
    this.worker = new Worker(new URL('../clients/worker.ts', import.meta.url));
    this.worker.on('message', (message: { id: number; result?: unknown; error?: string }) => {
      const waiter = this.waiting.get(message.id);
      if (!waiter) return;
      this.waiting.delete(message.id);
      if (message.error !== undefined) waiter.reject(new Error(`client worker: ${message.error}`));
      else waiter.resolve(message.result);
    });
    this.worker.on('error', (error) => {
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    });
  }

  call<C extends Command>(command: C, args: Commands[C]['args']): Promise<Commands[C]['result']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, command, args });
    });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
