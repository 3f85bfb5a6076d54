/**
 * `npm run dev`: Astro's dev server with hot reload, plus our API and live
 * sync attached to the same http server, so the dev app behaves like `npm start`.
 */
import type { AstroIntegration } from 'astro';
import { loadConfig } from '../config.ts';
import { createCore, type Core } from '../core.ts';
import { createLogger } from '../log.ts';

const CORE_KEY = Symbol.for('ledestjerne.devCore');
type WithCore = { [CORE_KEY]?: Core };

/** One core per dev process: Astro restarts its Vite server on config changes, storage must stay open once. */
function devCore(): Core {
  const holder = globalThis as WithCore;
  if (!holder[CORE_KEY]) {
    const config = loadConfig();
    holder[CORE_KEY] = createCore(config, createLogger(config.logLevel));
  }
  return holder[CORE_KEY];
}

export function ledestjerneDevServer(): AstroIntegration {
  return {
    name: 'ledestjerne-dev-server',
    hooks: {
      'astro:server:setup': ({ server }) => {
        // `astro build` and `astro sync` also run this hook, on a Vite server without an http server:
        // only the real dev server gets a core (and opens storage).
        const httpServer = server.httpServer;
        if (!httpServer) return;
        const core = devCore();
        server.middlewares.use((req, res, next) => {
          const pathname = (req.url ?? '/').split('?')[0] ?? '/';
          if (pathname === '/api' || pathname.startsWith('/api/')) {
            core.handleApi(req, res).catch(next);
            return;
          }
          next();
        });
        httpServer.on('upgrade', (req, socket, head) => {
          core.sync.handleUpgrade(req, socket, head);
        });
      },
    },
  };
}
