/**
 * Pseudonyms for anonymous steps. A seat's contributions to an anonymous step
 * carry, instead of the seat id, a pseudonym derived from the seat's
 * anonymity key and the step: stable on the step (the author can still edit
 * and remove their own notes, and the step's per-person limit holds) but
 * unrelated to the seat id and different on every step, so nobody else can
 * link two notes or a note and a name. Only the seat's own devices and the
 * server hold the key (it comes with the seat, see SeatGrant).
 */
import { digest } from 'lib0/hash/sha256';

const PSEUDONYM_LENGTH = 21;
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function anonymousAuthorId(anonKey: string, stepId: string): string {
  const bytes = digest(new TextEncoder().encode(`ledestjerne.anonymous|${anonKey}|${stepId}`));
  let out = '';
  // 21 characters of 6 bits from the first 21 bytes: 126 bits, as many as a seat id.
  for (let i = 0; i < PSEUDONYM_LENGTH; i++) out += BASE64URL[bytes[i]! & 63];
  return out;
}
