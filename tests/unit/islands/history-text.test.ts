/** How the console words a change of a step's history, in each language. */
import { describe, expect, it } from 'vitest';
import { translator, type MessageKey } from '../../../src/i18n/index.ts';
import { effectText, whoText } from '../../../src/islands/tools/history-text.ts';
import type { HistoryWho } from '../../../src/model/history.ts';
import { LOCALES } from '../../../src/model/locale.ts';
import { COLLECTION_RULES } from '../../../src/model/rules.ts';

const who = (kind: HistoryWho['kind'], name: string | null = null, restoredTo: number | null = null): HistoryWho => ({
  kind,
  seat: null,
  name,
  restoredTo,
});

describe('history wording', () => {
  it('names who changed what in English', () => {
    const t = translator('en');
    expect(whoText(t, 'en', who('participant', 'Anna'))).toBe('Anna');
    expect(whoText(t, 'en', who('participant'))).toBe('Guest');
    expect(whoText(t, 'en', who('facilitator'))).toBe('Facilitator');
    expect(whoText(t, 'en', who('facilitator', 'Kim'))).toBe('Kim (facilitator)');
    expect(whoText(t, 'en', who('anonymous', 'Anna'))).toBe('Anonymous participant');
    expect(whoText(t, 'en', who('server', null, Date.UTC(2026, 0, 1, 9, 30)))).toMatch(/^Restore to \d/);
    const effect = { collection: 'ladder.answers', unit: 'entries' as const, added: 2, changed: 1, removed: 3 };
    expect(effectText(t, effect)).toBe('answers: 2 added, 1 changed, 3 removed');
    const sentence = { collection: 'statement.draft', unit: 'characters' as const, added: 0, changed: 0, removed: 40 };
    expect(effectText(t, sentence)).toBe('the sentence: +0 / −40 characters');
  });

  it('has a label for every collection of the board in every language, and Guest in each', () => {
    for (const locale of LOCALES) {
      const t = translator(locale);
      for (const collection of Object.keys(COLLECTION_RULES)) {
        const label = t(`history.collection.${collection}` as MessageKey) as string | undefined;
        expect(label, `${locale} ${collection}`).toBeTruthy();
      }
      expect(whoText(t, locale, who('participant'))).toBe({ da: 'Gæst', nb: 'Gjest', en: 'Guest' }[locale]);
    }
  });
});
