/** Texts of the define steps. Key prefix = the area. English is the reference. */
export const defineEn = {} as const;
