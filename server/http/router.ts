/**
 * One http.Server for everything: /health, /api, static assets, and pages
 * rendered by Astro; WebSocket upgrades on /sync go to the sync server.
 */
import http from 'node:http';
import path from 'node:path';
import type { Core } from '../core.ts';
import { sendJson } from './json.ts';
import { healthOf } from './metrics.ts';
import { createStaticHandler } from './static-files.ts';
import { passInbound } from '../cluster/inbound-gate.ts';

export type PageHandler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  next: (error?: unknown) => void,
) => void;

/** Headers for every response. Astro adds the page CSP (script hashes) itself. */
const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  // Room links carry secrets in their path; they must not leak to other sites.
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

const API_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

export function createHttpServer(core: Core, pages: PageHandler, clientDir: string | null): http.Server {
  const noAssets = (_req: http.IncomingMessage, _res: http.ServerResponse, next: () => void) => next();
  const assets = clientDir ? createStaticHandler(clientDir) : noAssets;
  const server = http.createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    const fail = (error: unknown) => {
      core.logger.error('http_error', { path: pathname, error: error instanceof Error ? error.stack : String(error) });
      if (!res.headersSent)
        sendJson(res, 500, { error: { code: 'internal', message: 'Something went wrong on our side.' } });
      else res.destroy();
    };
    if (pathname === '/health') {
      const health = healthOf(core.status, core.config.storage);
      // 503 while writes would fail, so that a load balancer or a monitor sees it.
      sendJson(res, health.ok ? 200 : 503, {
        ...health,
        rooms: core.registry.liveCount(),
        clients: core.sync.size,
        // Several servers: sockets this one passes on to the owners of their rooms.
        ...(core.cluster ? { relayed: core.cluster.relayCount } : {}),
      });
      return;
    }
    if (pathname === '/metrics') {
      core.metrics.send(res).catch(fail);
      return;
    }
    if (!passInbound(req, core.config.clusterSecret)) {
      sendJson(res, 403, { error: { code: 'forbidden', message: 'Forwarding headers without a valid signature.' } });
      return;
    }
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      // API answers are data (JSON, downloads): nothing in them may run or be framed.
      res.setHeader('content-security-policy', API_CSP);
      // Another server holds the room: the call is answered there (server/cluster/).
      if (core.cluster?.forwardApi(req, res)) return;
      core.handleApi(req, res).catch(fail);
      return;
    }
    assets(req, res, () => {
      try {
        pages(req, res, (error) => {
          if (error) fail(error);
          else if (!res.headersSent) sendJson(res, 404, { error: { code: 'not_found', message: 'Not found.' } });
        });
      } catch (error) {
        fail(error);
      }
    });
  });
  server.on('upgrade', (req, socket, head) => {
    // A forged forward is marked here and refused by the sync server with a close code the client can read.
    passInbound(req, core.config.clusterSecret);
    if (!core.sync.handleUpgrade(req, socket, head)) socket.destroy();
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  return server;
}

export function distPaths(root: string) {
  return {
    serverEntry: path.join(root, 'dist', 'server', 'entry.mjs'),
    clientDir: path.join(root, 'dist', 'client'),
  };
}
