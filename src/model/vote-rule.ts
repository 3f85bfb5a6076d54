/**
 * The dot-vote rule, once: how many dots a person has (the budget), how many
 * one item may take, which ballot counts, and what the ballots add up to.
 * The voter's screen uses it to enable its buttons, the server to count and
 * publish, the export and the console read what the server published. Pure:
 * no Yjs, so every caller sees the same answer for the same ballots.
 */

export type VoteRules = { budget: number; maxPerItem?: number | undefined };
/** itemId -> dots given to it. */
export type Dots = Readonly<Record<string, number>>;

/** Dots one item may take: the per-item limit, or the whole budget when the step sets none. */
export const perItemLimit = (rules: VoteRules): number => rules.maxPerItem ?? rules.budget;

/**
 * The dots of a ballot that count, or null when the ballot breaks the rules.
 * Dots on items no longer offered are ignored (they are free again); a ballot
 * over budget or over the per-item limit is left out whole rather than guessed at.
 */
export function validBallot(dots: Dots, rules: VoteRules, itemIds: ReadonlySet<string>): Map<string, number> | null {
  const perItem = perItemLimit(rules);
  const counted = new Map<string, number>();
  let total = 0;
  for (const [itemId, given] of Object.entries(dots)) {
    if (!itemIds.has(itemId) || !Number.isInteger(given) || given <= 0) continue;
    if (given > perItem) return null;
    counted.set(itemId, given);
    total += given;
  }
  return total > rules.budget ? null : counted;
}

/** True when the ballot counts and gives at least one dot: its voter is one of those who voted. */
export function hasVoted(dots: Dots, rules: VoteRules, itemIds: ReadonlySet<string>): boolean {
  return (validBallot(dots, rules, itemIds)?.size ?? 0) > 0;
}

/** The ballot without dots on items no longer offered. */
export function offeredDots(dots: Dots, itemIds: ReadonlySet<string>): Record<string, number> {
  return Object.fromEntries(Object.entries(dots).filter(([id, n]) => itemIds.has(id) && n > 0));
}

/** Dots given to items still on offer. */
export function dotsUsed(dots: Dots, itemIds: ReadonlySet<string>): number {
  return Object.values(offeredDots(dots, itemIds)).reduce((sum, n) => sum + n, 0);
}

/** The ballot with one more dot on `itemId`, or null when the budget or the per-item limit says no. */
export function withDotGiven(
  dots: Dots,
  rules: VoteRules,
  itemId: string,
  itemIds: ReadonlySet<string>,
): Record<string, number> | null {
  if (!itemIds.has(itemId)) return null;
  const own = offeredDots(dots, itemIds);
  const onItem = own[itemId] ?? 0;
  if (onItem >= perItemLimit(rules) || dotsUsed(own, itemIds) >= rules.budget) return null;
  return { ...own, [itemId]: onItem + 1 };
}

/** The ballot with one dot fewer on `itemId`, or null when it had none. */
export function withDotTaken(dots: Dots, itemId: string, itemIds: ReadonlySet<string>): Record<string, number> | null {
  const own = offeredDots(dots, itemIds);
  const onItem = own[itemId] ?? 0;
  if (onItem <= 0) return null;
  const next = { ...own };
  if (onItem === 1) delete next[itemId];
  else next[itemId] = onItem - 1;
  return next;
}

export type Tally = {
  /** itemId -> dots from every ballot that counts. */
  totals: Map<string, number>;
  /** Ballots that count and give at least one dot. */
  voters: number;
};

/** Adds up the ballots that count; `extra` is a tally carried in from elsewhere (an imported result). */
export function tallyBallots(
  ballots: Iterable<Dots>,
  rules: VoteRules,
  itemIds: ReadonlySet<string>,
  extra?: { totals: Dots; voters: number },
): Tally {
  const totals = new Map<string, number>();
  let voters = extra?.voters ?? 0;
  for (const [id, n] of Object.entries(extra?.totals ?? {})) if (itemIds.has(id) && n > 0) totals.set(id, n);
  for (const dots of ballots) {
    const counted = validBallot(dots, rules, itemIds);
    if (!counted || counted.size === 0) continue;
    voters++;
    for (const [id, n] of counted) totals.set(id, (totals.get(id) ?? 0) + n);
  }
  return { totals, voters };
}

/** Most dots first; equal totals keep the given order and share a rank (1, 2, 2, 4). */
export function rankItems<T extends { id: string }>(
  items: readonly T[],
  totals: ReadonlyMap<string, number>,
): (T & { rank: number; dots: number })[] {
  const sorted = items
    .map((item, order) => ({ ...item, dots: totals.get(item.id) ?? 0, order }))
    .sort((a, b) => b.dots - a.dots || a.order - b.order);
  return sorted.map(({ order: _order, ...item }) => ({
    ...item,
    rank: 1 + sorted.filter((other) => other.dots > item.dots).length,
  })) as (T & { rank: number; dots: number })[];
}
