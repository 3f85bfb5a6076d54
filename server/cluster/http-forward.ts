/**
 * Passes a room's API call on to the server that owns the room: a plain HTTP
 * proxy, streaming the body both ways, with the client's headers (its
 * Authorization too: the owner decides who is the facilitator, exactly as for
 * a call made to it directly) and the signed forwarding headers.
 */
import http from 'node:http';
import { isRoomId } from '../../src/model/ids.ts';
import { sendJson } from '../http/json.ts';
import { FORWARD_HEADERS } from './forward-auth.ts';

/** Headers that describe one hop's connection, not the message: never passed on. */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'proxy-connection', 'upgrade', 'te', 'trailer']);
/** How long the owner may take to answer before the call fails (an export of a big room takes a while). */
const FORWARD_TIMEOUT_MS = 60_000;
/** What a caller is told to wait before trying again when the owner cannot be reached: about one lease. */
const RETRY_AFTER_S = 10;

const agent = new http.Agent({ keepAlive: true });

/** The room of `/api/rooms/<room>` and everything under it; null for other paths (creating a room among them). */
export function roomOfApiPath(pathname: string): string | null {
  const parts = pathname.split('/').filter(Boolean);
  if (parts[0] !== 'api' || parts[1] !== 'rooms' || parts.length < 3) return null;
  return isRoomId(parts[2]) ? parts[2] : null;
}

/**
 * Proxies `req` to `owner` (an http:// base URL); null, or a failure before
 * the owner answered, gives 503 `owner_unreachable` with Retry-After.
 */
export function forwardHttp(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  owner: string | null,
  signed: Record<string, string>,
  onUnreachable: (why: string) => void,
): void {
  const unavailable = (why: string) => {
    onUnreachable(why);
    req.resume();
    if (!res.headersSent) {
      sendJson(
        res,
        503,
        {
          error: {
            code: 'owner_unreachable',
            message: 'The server holding this room cannot be reached; try again shortly.',
          },
        },
        { 'retry-after': String(RETRY_AFTER_S) },
      );
    } else res.destroy();
  };
  if (owner === null) return unavailable('the owner has no live heartbeat');
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!HOP_HEADERS.has(name) && !Object.values(FORWARD_HEADERS).includes(name as never)) headers[name] = value;
  }
  Object.assign(headers, signed);
  const target = new URL(owner);
  const upstream = http.request(
    {
      agent,
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers,
      timeout: FORWARD_TIMEOUT_MS,
    },
    (answer) => {
      const back: http.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (!HOP_HEADERS.has(name) && name !== 'transfer-encoding') back[name] = value;
      }
      res.writeHead(answer.statusCode ?? 502, back);
      answer.pipe(res);
      answer.on('error', () => res.destroy());
    },
  );
  upstream.on('timeout', () => upstream.destroy(new Error('the owner did not answer in time')));
  upstream.on('error', (error) => unavailable(error.message));
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}
