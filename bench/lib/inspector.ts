/**
 * Reads a server child's JavaScript heap after a full garbage collection,
 * through the inspector the child was started with (`--inspect=127.0.0.1:0`).
 * RSS alone cannot say what an idle room keeps: V8 grows its heap in steps
 * and garbage stays until the next collection.
 */
import WebSocket from 'ws';

const INSPECTOR_TIMEOUT_MS = 30_000;

export async function heapAfterGc(inspectorUrl: string): Promise<number> {
  const ws = new WebSocket(inspectorUrl, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const call = (method: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => reject(new Error(`inspector: ${method} timed out`)), INSPECTOR_TIMEOUT_MS);
      const onMessage = (data: Buffer) => {
        const message = JSON.parse(data.toString()) as {
          id?: number;
          result?: Record<string, unknown>;
          error?: unknown;
        };
        if (message.id !== id) return;
        clearTimeout(timer);
        ws.off('message', onMessage);
        if (message.error) reject(new Error(`inspector: ${JSON.stringify(message.error)}`));
        else resolve(message.result ?? {});
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id, method }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    const usage = await call('Runtime.getHeapUsage');
    return Number(usage.usedSize);
  } finally {
    ws.close();
  }
}
