/**
 * Who gets a place before any protocol is spoken, in two steps: checks on
 * the request alone, made before the handshake and before a cluster relays
 * it, and then a place on the document the socket asks for. Each refusal is
 * a close code; the sync server completes the upgrade and closes with it,
 * because browsers cannot read an HTTP refusal.
 */
import type http from 'node:http';
import type { CloseCodeName } from '../../src/model/protocol.ts';
import { isForgedForward } from '../cluster/inbound-gate.ts';
import type { Limits } from '../config.ts';
import { AddressPlaces } from '../net/address-places.ts';
import { clientAddress, originAllowed } from '../net/client-address.ts';
import { KeyedRateLimiter, TokenBucket } from '../net/rate-limit.ts';
import type { LiveDoc } from '../rooms/live-doc.ts';
import { SyncConnection } from './connection.ts';

export type AdmissionOptions = {
  limits: Limits;
  allowedOrigins: readonly string[];
  trustProxy: boolean;
};

export class SocketAdmission {
  private readonly options: AdmissionOptions;
  private readonly perIp: KeyedRateLimiter;
  private readonly accepts: TokenBucket;
  private readonly places: AddressPlaces<LiveDoc>;

  constructor(options: AdmissionOptions) {
    this.options = options;
    const { limits } = options;
    this.perIp = new KeyedRateLimiter(limits.connectionBurstPerIp, limits.connectionRatePerIpPerSec);
    this.accepts = new TokenBucket(limits.acceptBurst, limits.acceptRatePerSec);
    this.places = new AddressPlaces(limits.maxClientsPerAddressPerRoom);
  }

  /** The address a request counts against (the forwarded one only behind a trusted proxy). */
  addressOf(request: http.IncomingMessage): string {
    return clientAddress(request, this.options.trustProxy);
  }

  /** Checks that need only the request: who forwards it, its origin, and how fast this address and everyone connect. */
  refusalOf(request: http.IncomingMessage): CloseCodeName | null {
    // A client posing as a cluster peer (forwarding headers without a valid signature, server/cluster/).
    if (isForgedForward(request)) return 'forbidden';
    if (!originAllowed(request, this.options.allowedOrigins)) return 'originNotAllowed';
    // Shedding load early keeps a reconnect storm from starving the clients already in.
    if (!this.accepts.take()) return 'rateLimited';
    if (this.perIp.check(this.addressOf(request)) > 0) return 'rateLimited';
    return null;
  }

  /**
   * Takes a place on `live` for a socket from `address`, or says why there is
   * none: the room is full, or this address holds its share of it. A place
   * taken must be given back with `leave`.
   */
  enter(live: LiveDoc, address: string): CloseCodeName | null {
    if (connectionsOf(live) >= this.options.limits.maxClientsPerRoom) return 'roomFull';
    if (!this.places.take(live, address)) return 'addressFull';
    return null;
  }

  leave(live: LiveDoc, address: string): void {
    this.places.release(live, address);
  }
}

/** Sockets on a document; the silent peers that keep a document loaded (LiveDoc.holdOpen, restores) do not count. */
function connectionsOf(live: LiveDoc): number {
  let count = 0;
  for (const peer of live.peers) if (peer instanceof SyncConnection) count++;
  return count;
}
