/**
 * Join codes: a short code per room that people type instead of the link
 * (Mentimeter-style), for those who will not or cannot scan the QR code.
 *
 * Six characters from an alphabet without look-alikes (no 0/O/Q/D, 1/I/L/J,
 * 2/Z, 5/S, 8/B, U/V): 20^6 = 64 million codes, typed in any case, with or
 * without spaces or dashes. The code follows the participant link: replacing
 * the link replaces the code, and the old code then answers 410.
 */
import { customAlphabet } from 'nanoid';

export const JOIN_CODE_ALPHABET = '34679ACEFGHKMNPRTWXY';
export const JOIN_CODE_LENGTH = 6;

const makeCode = customAlphabet(JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH);
const CODE_PATTERN = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

export const newJoinCode = (): string => makeCode();

export function isJoinCode(value: unknown): value is string {
  return typeof value === 'string' && CODE_PATTERN.test(value);
}

/** The code as typed (any case, spaces, dashes) in its stored form, or null when it cannot be one. */
export function normalizeJoinCode(input: string): string | null {
  const bare = input.replace(/[\s\-_.]/g, '').toUpperCase();
  return isJoinCode(bare) ? bare : null;
}

/** Shown in two groups of three, the way people read a code aloud. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}

/** `GET /api/join/<code>`: where the code leads. */
export type JoinAnswer = {
  room: string;
  /** The participant page, with the current invite when the link was replaced. */
  participantPath: string;
};

/** Path of the join page, with a code to look up at once. */
export const joinPath = (code?: string) => (code ? `/j/${encodeURIComponent(code)}` : '/j');
