/**
 * How many connections each client address holds on each loaded document,
 * so one address cannot take all of a room's places. The default cap is a
 * meeting room's worth of people behind one NAT; the room's own cap
 * (MAX_CLIENTS_PER_ROOM) still applies to everyone together.
 */
export class AddressPlaces<D extends object> {
  private readonly held = new WeakMap<D, Map<string, number>>();
  private readonly maxPerAddress: number;

  constructor(maxPerAddress: number) {
    this.maxPerAddress = maxPerAddress;
  }

  /** Takes a place for `address` on `doc`; false (and nothing taken) when the address holds its maximum. */
  take(doc: D, address: string): boolean {
    let counts = this.held.get(doc);
    if (!counts) {
      counts = new Map();
      this.held.set(doc, counts);
    }
    const count = counts.get(address) ?? 0;
    if (count >= this.maxPerAddress) return false;
    counts.set(address, count + 1);
    return true;
  }

  release(doc: D, address: string): void {
    const counts = this.held.get(doc);
    const count = counts?.get(address);
    if (!counts || count === undefined) return;
    if (count <= 1) counts.delete(address);
    else counts.set(address, count - 1);
  }

  heldBy(doc: D, address: string): number {
    return this.held.get(doc)?.get(address) ?? 0;
  }
}
