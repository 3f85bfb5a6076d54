import type { listsEn } from './lists.en.ts';

export const listsDa = {} satisfies Record<keyof typeof listsEn, string>;
