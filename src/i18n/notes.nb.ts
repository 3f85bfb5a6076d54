import type { notesEn } from './notes.en.ts';

export const notesNb = {} satisfies Record<keyof typeof notesEn, string>;
