import type { defineEn } from './define.en.ts';

export const defineNb = {} satisfies Record<keyof typeof defineEn, string>;
