/**
 * One admitted socket, from its first frame to its close: the SyncConnection
 * that speaks the protocol for it joins the document, frames are fed to it,
 * pongs mark it alive, a slow reader is cut off, and the close gives its
 * place in the document back. Whatever a client sends, only its own socket
 * is closed (STYLE.md, "Contain failures").
 */
import type { RawData, WebSocket } from 'ws';
import { CLOSE_CODES, CLOSE_REASONS, type CloseCodeName } from '../../src/model/protocol.ts';
import type { Limits } from '../config.ts';
import type { Logger } from '../log.ts';
import { TokenBucket } from '../net/rate-limit.ts';
import type { GrantedAccess } from '../rooms/access.ts';
import type { LiveDoc } from '../rooms/live-doc.ts';
import { ProtocolError, SyncConnection, type UpdateGuard } from './connection.ts';

export type SocketLoopOptions = {
  logger: Logger;
  limits: Limits;
  /** True once shutdown has begun: frames that still arrive are not read (see SyncServer.stopInput). */
  inputStopped: () => boolean;
};

/**
 * Makes the connection for `ws`, a peer of `live` from now on, and wires the
 * socket's events to it. The caller starts it (`start`) once it has noted the
 * connection; `left` runs after the socket has closed and the peer has gone.
 */
export function openConnection(
  ws: WebSocket,
  live: LiveDoc,
  access: GrantedAccess,
  guard: UpdateGuard | null,
  options: SocketLoopOptions,
  left: () => void,
): SyncConnection {
  const { logger, limits } = options;
  ws.binaryType = 'nodebuffer';
  const connection = new SyncConnection(
    ws,
    live,
    access.role,
    access.seat,
    access.writable,
    {
      maxAwarenessBytes: limits.maxAwarenessBytes,
      maxAwarenessClients: limits.maxPresenceClientsPerConnection,
      maxSocketBufferBytes: limits.maxSocketBufferBytes,
      slowReaderGraceMs: limits.slowReaderGraceMs,
      refusalBurst: limits.refusalBurst,
      refusalRatePerSec: limits.refusalRatePerSec,
    },
    new TokenBucket(limits.messageBurst, limits.messageRatePerSec),
    guard,
    (refusal) =>
      logger.info('update_refused', { room: access.room.id, seat: access.seat, role: access.role, ...refusal }),
  );
  connection.onSlowReader = () => {
    logger.info('connection_closed', { code: 'slowReader', buffered: ws.bufferedAmount });
    closeSocket(ws, 'slowReader');
    // The close frame waits behind what the client does not read; its buffers are freed regardless.
    setTimeout(() => ws.terminate(), limits.slowReaderCloseWaitMs).unref();
  };
  live.addPeer(connection);

  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (options.inputStopped()) return;
    if (!isBinary) {
      closeSocket(ws, 'protocolError');
      return;
    }
    try {
      connection.receive(toBytes(data));
    } catch (error) {
      if (error instanceof ProtocolError) {
        logger.info('connection_closed', { code: error.closeCode, reason: error.message });
        closeSocket(ws, error.closeCode);
      } else {
        logger.error('sync_error', { error: String(error) });
        closeSocket(ws, 'protocolError');
      }
    }
  });
  ws.on('pong', () => {
    connection.alive = true;
  });
  ws.on('close', () => {
    live.removePeer(connection);
    left();
  });
  return connection;
}

/** Closes with the named code and its reason, unless the socket is already closing. */
export function closeSocket(ws: WebSocket, name: CloseCodeName): void {
  if (ws.readyState === ws.CLOSED || ws.readyState === ws.CLOSING) return;
  ws.close(CLOSE_CODES[name], CLOSE_REASONS[name]);
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
