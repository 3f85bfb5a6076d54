/** Texts of the behaviours and questions steps. Key prefix = the area. English is the reference. */
export const listsEn = {} as const;
