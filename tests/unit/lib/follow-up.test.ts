/**
 * The follow-up "why?" reads as a question whatever the picked answer starts
 * with: leading connectives go, infinitives of purpose take the step's infinitive form.
 */
import { describe, expect, it } from 'vitest';
import { followUpAnswer } from '../../../src/lib/follow-up.ts';
import { questionForRound } from '../../../src/lib/ladder.ts';
import type { Locale } from '../../../src/model/locale.ts';
import type { PickValue } from '../../../src/model/schema.ts';
import { fiveWhysLadder } from '../../helpers/content.ts';

const step = fiveWhysLadder();
const after = (text: string, locale: Locale) => {
  const picks: PickValue[] = [{ round: 0, answerId: 'a0', text, at: 0 }];
  return questionForRound(step, locale, picks, 1);
};

describe('questionForRound with answers that start with a connective', () => {
  it.each<[Locale, string, string]>([
    ['da', 'Så kunden føler sig tryg.', 'Hvorfor er det vigtigt, at kunden føler sig tryg?'],
    ['da', 'så kunden føler sig tryg', 'Hvorfor er det vigtigt, at kunden føler sig tryg?'],
    ['da', 'Fordi kunden har et problem', 'Hvorfor er det vigtigt, at kunden har et problem?'],
    ['da', 'Fordi at vi vil hjælpe', 'Hvorfor er det vigtigt, at vi vil hjælpe?'],
    ['da', 'Sådan at kunden kommer videre', 'Hvorfor er det vigtigt, at kunden kommer videre?'],
    ['da', 'For at hjælpe kunden', 'Hvorfor er det vigtigt at hjælpe kunden?'],
    ['da', 'At kunden bliver glad', 'Hvorfor er det vigtigt at kunden bliver glad?'],
    ['da', 'Fordi, så kunden bliver glad', 'Hvorfor er det vigtigt, at kunden bliver glad?'],
    ['nb', 'Så kunden føler seg trygg', 'Hvorfor er det viktig at kunden føler seg trygg?'],
    ['nb', 'Fordi kunden trenger hjelp', 'Hvorfor er det viktig at kunden trenger hjelp?'],
    ['nb', 'Slik at kunden kommer videre', 'Hvorfor er det viktig at kunden kommer videre?'],
    ['nb', 'For at kunden skal bli fornøyd', 'Hvorfor er det viktig at kunden skal bli fornøyd?'],
    ['nb', 'For å hjelpe kunden', 'Hvorfor er det viktig å hjelpe kunden?'],
    ['nb', 'Å gi kunden svar', 'Hvorfor er det viktig å gi kunden svar?'],
    ['en', 'So the customer feels safe.', 'Why does it matter that the customer feels safe?'],
    ['en', 'Because the customer needs help', 'Why does it matter that the customer needs help?'],
    ['en', 'So that we learn', 'Why does it matter that we learn?'],
    ['en', 'To help the customer', 'Why does it matter to help the customer?'],
    ['en', 'In order to help the customer', 'Why does it matter to help the customer?'],
    ['en', 'Because I care', 'Why does it matter that I care?'],
  ])('%s: %s', (locale, answer, question) => {
    expect(after(answer, locale)).toBe(question);
  });

  it.each<[Locale, string, string]>([
    ['da', 'Sådan er vores kunder', 'Hvorfor er det vigtigt, at sådan er vores kunder?'],
    ['en', 'Today matters', 'Why does it matter that today matters?'],
    ['en', 'So-called experts answer', 'Why does it matter that so-called experts answer?'],
    ['da', 'Fordi', 'Hvorfor er det vigtigt, at fordi?'],
  ])('leaves words that only begin like a connective alone (%s: %s)', (locale, answer, question) => {
    expect(after(answer, locale)).toBe(question);
  });
});

describe('followUpAnswer', () => {
  it('keeps an infinitive marker when the step has no infinitive form', () => {
    expect(followUpAnswer('To help the customer', 'en', false)).toEqual({
      form: 'clause',
      text: 'To help the customer',
    });
    expect(followUpAnswer('Because we can', 'en', false)).toEqual({ form: 'clause', text: 'we can' });
    expect(followUpAnswer('At kunden er glad', 'da', false)).toEqual({ form: 'clause', text: 'kunden er glad' });
  });
});
