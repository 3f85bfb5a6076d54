import type { toolsEn } from './tools.en.ts';

export const toolsDa = {} satisfies Record<keyof typeof toolsEn, string>;
