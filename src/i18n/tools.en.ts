/** Texts of the facilitation tools (timer, reveal, lock, presence, undo, carried results). Key prefix = the area. English is the reference. */
export const toolsEn = {} as const;
