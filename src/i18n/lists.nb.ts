import type { listsEn } from './lists.en.ts';

export const listsNb = {} satisfies Record<keyof typeof listsEn, string>;
