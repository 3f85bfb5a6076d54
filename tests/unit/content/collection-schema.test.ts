/**
 * The build's content collection lists problems by path only ("steps.2.maxWords"),
 * so its schema puts the step's id into each message about a step. The server's
 * loader uses the plain schema (it prints the id itself).
 */
import { describe, expect, it } from 'vitest';
import { workshopCollectionSchema, workshopSchema } from '../../../src/model/workshop.ts';
import { readFiveWhysRaw } from '../../helpers/content.ts';

type Raw = Record<string, any>;
const raw = (): Raw => readFiveWhysRaw() as Raw;
const stepOf = (w: Raw, id: string): Raw => w.steps.find((s: Raw) => s.id === id);

function messages(schema: typeof workshopSchema, input: unknown): Record<string, string> {
  const parsed = schema.safeParse(input);
  expect(parsed.success, 'the workshop should be rejected').toBe(false);
  return Object.fromEntries((parsed.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
}

describe('workshopCollectionSchema', () => {
  it('accepts what the plain schema accepts, with the same result', () => {
    expect(workshopCollectionSchema.parse(raw())).toEqual(workshopSchema.parse(raw()));
  });

  it('names the step of every problem inside a step, whatever raised it', () => {
    const w = raw();
    stepOf(w, 'statement').maxWords = 'ten';
    delete stepOf(w, 'ladder').followUpQuestion.nb;
    stepOf(w, 'agreement').kind = 'poll';
    stepOf(w, 'result').id = 'Result';
    expect(messages(workshopCollectionSchema, w)).toEqual({
      'steps.1.followUpQuestion.nb': 'step "ladder": text in "nb" is missing',
      'steps.2.maxWords': 'step "statement": Invalid input: expected number, received string',
      'steps.3.kind': expect.stringMatching(/^step "agreement": Invalid discriminator value\. Expected 'brief' \|/),
      'steps.4.id': 'step "Result": step id: lower-case letters, digits and dashes, starting with a letter',
    });
  });

  it('names the step of the cross-step rules too', () => {
    const w = raw();
    stepOf(w, 'agreement').statementStep = 'intro';
    stepOf(w, 'statement').minWords = 12;
    expect(messages(workshopCollectionSchema, w)).toEqual({
      'steps.2.minWords': 'step "statement": minWords must not exceed maxWords',
      'steps.3.statementStep':
        'step "agreement": statementStep "intro" must name an earlier statement or define step of this workshop',
    });
  });

  it('leaves problems outside the steps as they are', () => {
    const w = raw();
    delete w.title.en;
    w.minutes = 'soon';
    expect(messages(workshopCollectionSchema, w)).toEqual(messages(workshopSchema, w));
  });

  it('leaves the plain schema’s messages alone', () => {
    const w = raw();
    stepOf(w, 'statement').maxWords = 'ten';
    expect(messages(workshopSchema, w)).toEqual({
      'steps.2.maxWords': 'Invalid input: expected number, received string',
    });
  });
});
