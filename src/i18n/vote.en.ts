/** Texts of the vote steps. Key prefix = the area. English is the reference. */
export const voteEn = {} as const;
