/**
 * The production server: one process, one port, serving pages, API and live
 * sync. Prints one JSON line `{"ready":true,...}` on stdout when listening.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError, internalUrlOf, loadConfig } from './config.ts';
import { createCore } from './core.ts';
import { createHttpServer, distPaths, type PageHandler } from './http/router.ts';
import { lanAddress, reachableAddress } from './http/public-origin.ts';
import { createLogger } from './log.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const core = createCore(config, logger);
  const server = config.servePages
    ? createHttpServer(core, await loadPages(), distPaths(ROOT).clientDir)
    : createHttpServer(core, apiOnlyPages, null);

  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // Null when other devices cannot reach this server (HOST=127.0.0.1).
  // Only now is the port known that the other servers must reach.
  core.cluster?.join(internalUrlOf(config, port));
  const lan = reachableAddress(config.host, () => lanAddress());
  process.stdout.write(
    `${JSON.stringify({ ready: true, port, url: `http://localhost:${port}`, lan: lan ? `http://${lan}:${port}` : null })}\n`,
  );
  logger.info('listening', {
    port,
    host: config.host ?? 'all interfaces',
    dataDir: config.dataDir,
    storage: config.storage,
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting_down', { signal });
    // Stop accepting first: a front door's next connection is refused here and goes to another server.
    server.close(() => process.exit(0));
    core.shutdown();
    server.closeAllConnections();
    setTimeout(() => process.exit(0), config.shutdownGraceMs).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

async function loadPages(): Promise<PageHandler> {
  const { serverEntry } = distPaths(ROOT);
  if (!fs.existsSync(serverEntry)) {
    throw new ConfigError('The site is not built yet: run `npm run build` (npm start does this for you).');
  }
  return ((await import(pathToFileURL(serverEntry).href)) as { handler: PageHandler }).handler;
}

/** SERVE_PAGES=false: API and sync only (benchmarks and protocol tests need no built site). */
const apiOnlyPages: PageHandler = (_req, _res, next) => next();

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
