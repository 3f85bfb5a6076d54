import type { voteEn } from './vote.en.ts';

export const voteDa = {} satisfies Record<keyof typeof voteEn, string>;
