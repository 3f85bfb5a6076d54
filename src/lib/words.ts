/**
 * Counts words the way a reader would: runs of letters or digits, with inner
 * apostrophes and hyphens. Combining marks belong to their letter, so a
 * decomposed "å" (a + ring, as some macOS apps paste it) does not split a word.
 */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’-][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu)?.length ?? 0;
}

export type LengthVerdict = 'empty' | 'short' | 'within' | 'long';

export function judgeLength(words: number, min: number, max: number): LengthVerdict {
  if (words === 0) return 'empty';
  if (words < min) return 'short';
  if (words > max) return 'long';
  return 'within';
}
