/** How a change of the history reads in the console: who, and what it did, in words. */
import type { MessageKey, Translate } from '../../i18n/index.ts';
import type { HistoryEffect, HistoryWho } from '../../model/history.ts';

export function formatTime(locale: string, at: number): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(at);
}

export function whoText(t: Translate, locale: string, who: HistoryWho): string {
  switch (who.kind) {
    case 'facilitator':
      return who.name ? t('history.who.facilitatorNamed', { name: who.name }) : t('history.who.facilitator');
    case 'participant':
      return who.name ?? t('history.who.guest');
    case 'anonymous':
      return t('history.who.anonymous');
    case 'start':
      return t('history.who.start');
    case 'server':
      return who.restoredTo === null
        ? t('history.who.server')
        : t('history.who.restore', { time: formatTime(locale, who.restoredTo) });
  }
}

function collectionText(t: Translate, collection: string): string {
  const key = `history.collection.${collection}` as MessageKey;
  // A collection added later without a label still reads as its name (t gives nothing for an unknown key).
  return (t(key) as string | undefined) ?? collection;
}

export function effectText(t: Translate, effect: HistoryEffect): string {
  const what = collectionText(t, effect.collection);
  if (effect.unit === 'characters')
    return t('history.effect.chars', { what, added: effect.added, removed: effect.removed });
  const parts: string[] = [];
  if (effect.added) parts.push(t('history.effect.added', { n: effect.added }));
  if (effect.changed) parts.push(t('history.effect.changed', { n: effect.changed }));
  if (effect.removed) parts.push(t('history.effect.removed', { n: effect.removed }));
  return t('history.effect.entries', { what, parts: parts.join(', ') });
}
