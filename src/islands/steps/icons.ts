/**
 * Symbols shown next to a state's text (never instead of it) so a state is
 * not told by colour alone. Always rendered aria-hidden: the text says it.
 */
export const ICONS = {
  question: '?',
  now: '▶',
  picked: '✓',
  support: '+1',
  remove: '✕',
  undo: '↶',
  short: '…',
  within: '✓',
  long: '✂',
  empty: '✎',
  agree: '✓',
  live: '≈',
  object: '!',
  star: '★',
  download: '↓',
  up: '↑',
  down: '↓',
  merged: '∪',
  drag: '⠿',
  locked: '⊘',
  private: '⊙',
} as const;
