// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import react from '@astrojs/react';
import { ledestjerneDevServer } from './server/http/dev-integration.ts';

export default defineConfig({
  output: 'server',
  // Our own http.Server (server/index.ts) mounts Astro's handler beside the WebSocket upgrade.
  adapter: node({ mode: 'middleware' }),
  integrations: [react(), ledestjerneDevServer()],
  security: {
    // Hash-based CSP for SSR pages: no 'unsafe-inline' scripts or styles.
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ],
    },
  },
  devToolbar: { enabled: false },
});
