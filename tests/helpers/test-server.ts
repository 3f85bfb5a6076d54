/**
 * An in-process server for protocol-level tests: the real core (storage,
 * rooms, sync, API) on a random loopback port, with a stub in place of Astro pages.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type http from 'node:http';
import { loadConfig } from '../../server/config.ts';
import { createCore, type Core } from '../../server/core.ts';
import { createHttpServer } from '../../server/http/router.ts';
import { createLogger } from '../../server/log.ts';

export type TestServer = {
  core: Core;
  server: http.Server;
  port: number;
  httpUrl: string;
  wsUrl: string;
  dataDir: string;
  close(): Promise<void>;
};

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ledestjerne-test-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env, DATA_DIR: dataDir });
  const core = createCore(config, createLogger(config.logLevel));
  const server = createHttpServer(
    core,
    (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('page');
    },
    null,
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    core,
    server,
    port,
    dataDir,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/sync`,
    async close() {
      core.shutdown();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Waits until `check` returns true, failing with `description` after `timeoutMs`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  description: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
