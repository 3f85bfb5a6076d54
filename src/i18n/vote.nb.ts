import type { voteEn } from './vote.en.ts';

export const voteNb = {} satisfies Record<keyof typeof voteEn, string>;
