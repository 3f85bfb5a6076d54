/** Texts of the notes and group steps. Key prefix = the area. English is the reference. */
export const notesEn = {} as const;
