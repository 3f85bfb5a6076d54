/**
 * Files of the built site (dist/client). `send` handles paths, ranges,
 * ETags and errors: a file that vanishes (a rebuild in place) becomes a 404
 * for that request, never an exception that takes every room down.
 */
import type http from 'node:http';
import send from 'send';

const IMMUTABLE_PREFIX = '/_astro/';

export type StaticHandler = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;

export function createStaticHandler(root: string): StaticHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return next();
    }
    if (pathname.endsWith('/')) return next();
    send(req, pathname, { root, index: false, dotfiles: 'deny', etag: true, lastModified: true })
      .on('headers', (response: http.ServerResponse) => {
        // Hashed build assets never change under the same name.
        if (pathname.startsWith(IMMUTABLE_PREFIX))
          response.setHeader('cache-control', 'public, max-age=31536000, immutable');
      })
      .on('error', (error: { status?: number }) => {
        if (res.headersSent) res.destroy();
        else if (error.status === 404 || error.status === 403) next();
        else {
          res.statusCode = error.status ?? 500;
          res.end();
        }
      })
      .on('directory', () => next())
      .pipe(res);
  };
}
