import type { defineEn } from './define.en.ts';

export const defineDa = {} satisfies Record<keyof typeof defineEn, string>;
