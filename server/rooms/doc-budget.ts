/**
 * Who may still add how many bytes to one document, so one participant cannot
 * fill it and end the workshop for everyone.
 *
 * - Every seat has a share (`seatShareBytes`): the bytes of all updates it
 *   has written to this document. Deleting does not give bytes back, so a
 *   seat cannot write, delete and write again forever.
 * - Participants together may fill the document up to its size cap less a
 *   reserve (`facilitatorReserveBytes`) that only the facilitator may use: the
 *   facilitator can always steer, and can remove what fills the room.
 * - The facilitator is bound by the size cap only.
 *
 * A refusal refuses one update; the room and the sender's socket stay open.
 * The per-seat counts are stored with the updates (storage `seat_usage`), so
 * a reload of the room does not hand out fresh shares.
 */
import type { Role } from '../../src/model/roles.ts';

export type BudgetLimits = {
  /** The document's size cap (MAX_DOC_BYTES). */
  maxDocBytes: number;
  /** What one seat may write in all (SEAT_SHARE_BYTES). */
  seatShareBytes: number;
  /** What only the facilitator may fill (FACILITATOR_RESERVE_BYTES). */
  facilitatorReserveBytes: number;
};

/** The rule a refused write broke, for the refusal message (see RefusalReason in src/model/protocol.ts). */
export const BUDGET_RULE = 'too_large';

export type BudgetVerdict = { ok: true } | { ok: false; rule: typeof BUDGET_RULE; message: string };

/** Counted for writes of connections that present no seat; they share one count. */
export const NO_SEAT = '';

export class DocBudget {
  private readonly used: Map<string, number>;
  private readonly limits: BudgetLimits;
  private readonly docBytes: () => number;

  /**
   * `docBytes`: the document's current stored size (it shrinks when a
   * compaction drops deleted content). `used`: bytes written per seat so far.
   */
  constructor(limits: BudgetLimits, docBytes: () => number, used: Iterable<readonly [string, number]> = []) {
    this.limits = limits;
    this.docBytes = docBytes;
    this.used = new Map(used);
  }

  /** May `seat`, acting as `role`, add an update of `bytes`? Takes nothing; call `record` once it is applied. */
  check(seat: string | null, role: Role, bytes: number): BudgetVerdict {
    const { maxDocBytes, seatShareBytes, facilitatorReserveBytes } = this.limits;
    const after = this.docBytes() + bytes;
    if (role === 'facilitator') {
      return after <= maxDocBytes ? OK : refuse(`the document would exceed its ${maxDocBytes} bytes`);
    }
    const usedBySeat = this.usedBy(seat);
    if (usedBySeat + bytes > seatShareBytes) {
      return refuse(`this seat has written ${usedBySeat} of its ${seatShareBytes} bytes; the update has ${bytes}`);
    }
    const participantCap = Math.max(0, maxDocBytes - facilitatorReserveBytes);
    if (after > participantCap) {
      return refuse(`the document is full for participants (${participantCap} bytes); the rest is the facilitator's`);
    }
    return OK;
  }

  /** Counts an applied update against `seat`. */
  record(seat: string | null, bytes: number): void {
    const key = seat ?? NO_SEAT;
    this.used.set(key, (this.used.get(key) ?? 0) + bytes);
  }

  usedBy(seat: string | null): number {
    return this.used.get(seat ?? NO_SEAT) ?? 0;
  }
}

const OK: BudgetVerdict = { ok: true };
const refuse = (message: string): BudgetVerdict => ({ ok: false, rule: BUDGET_RULE, message });
