import type { toolsEn } from './tools.en.ts';

export const toolsNb = {} satisfies Record<keyof typeof toolsEn, string>;
