import type { notesEn } from './notes.en.ts';

export const notesDa = {} satisfies Record<keyof typeof notesEn, string>;
