/**
 * A live document's settings (presence batching, the document budget), taken
 * from the configuration's limits so that each default exists once, in
 * env-schema.ts: a document built without a config (tests) gets the same
 * values as a server started with no variables set.
 */
import { DEFAULT_LIMITS, type Limits } from '../config.ts';
import type { BudgetLimits } from './doc-budget.ts';
import type { PresenceBatcherOptions } from './presence-batcher.ts';

export type LiveDocOptions = { presence: PresenceBatcherOptions; budget: BudgetLimits };

export function liveDocOptionsOf(limits: Limits): LiveDocOptions {
  return {
    presence: {
      tickMs: limits.presenceTickMs,
      perConnectionPerSec: limits.presenceChangesPerSec,
      perRoomPerSec: limits.presenceStatesPerRoomPerSec,
    },
    budget: {
      maxDocBytes: limits.maxDocBytes,
      seatShareBytes: limits.seatShareBytes,
      facilitatorReserveBytes: limits.facilitatorReserveBytes,
    },
  };
}

export const DEFAULT_LIVE_DOC_OPTIONS: LiveDocOptions = liveDocOptionsOf(DEFAULT_LIMITS);
