/**
 * The shape of a workshop content file in `workshops/`. The Astro content
 * collection and the server's loader both validate with this one schema.
 */
import { z } from 'zod';
import { LOCALES, type Locale } from './locale.ts';

/** A text in every UI language: a workshop is never half translated. */
export const localizedText = z.object(
  Object.fromEntries(
    LOCALES.map((l) => {
      const missing = `text in "${l}" is missing`;
      // An absent key reads "missing" too, not "expected string, received undefined".
      const schema = z.string({ error: (issue) => (issue.input === undefined ? missing : undefined) });
      return [l, schema.trim().min(1, missing)];
    }),
  ) as Record<Locale, z.ZodString>,
);
export type LocalizedText = z.infer<typeof localizedText>;

const stepId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'step id: lower-case letters, digits and dashes, starting with a letter');

const stepBase = {
  id: stepId,
  title: localizedText,
  /** What the group does now; shown large on the projector. */
  instruction: localizedText,
  /** Suggested time for the step, shown to the facilitator. */
  minutes: z.number().int().positive().max(240).optional(),
  /** Notes only the facilitator sees. */
  facilitatorNotes: localizedText.optional(),
};

/** An instruction or a story (markdown), with an optional question to discuss. */
export const briefStep = z.object({
  ...stepBase,
  kind: z.literal('brief'),
  body: localizedText,
  prompt: localizedText.optional(),
});

/** Ask "why?" round after round; the answer picked in one round is asked about in the next. */
export const ladderStep = z.object({
  ...stepBase,
  kind: z.literal('ladder'),
  depth: z.number().int().min(1).max(10),
  startQuestion: localizedText,
  /** The question for later rounds; `{answer}` is replaced by the answer picked in the round before. */
  followUpQuestion: localizedText.refine(
    (t) => Object.values(t).every((s) => s.includes('{answer}')),
    'followUpQuestion must contain {answer} in every language',
  ),
});

/** Draft one sentence together, with a target length in words. */
export const statementStep = z
  .object({
    ...stepBase,
    kind: z.literal('statement'),
    minWords: z.number().int().min(1),
    maxWords: z.number().int().min(1),
    /** Shown when the draft grows past maxWords. */
    tooLongHint: localizedText,
    placeholder: localizedText.optional(),
  })
  .refine((s) => s.minWords <= s.maxWords, { message: 'minWords must not exceed maxWords', path: ['minWords'] });

/** Everyone signals agree / can live with it / object on the text of a statement step. */
export const consentStep = z.object({
  ...stepBase,
  kind: z.literal('consent'),
  /** The id of the statement step whose text is put to agreement. */
  statementStep: stepId,
});

/** The closing screen: what the group agreed, and the way there. */
export const resultStep = z.object({
  ...stepBase,
  kind: z.literal('result'),
});

export const workshopStep = z.discriminatedUnion('kind', [
  briefStep,
  ladderStep,
  statementStep,
  consentStep,
  resultStep,
]);
export type WorkshopStep = z.infer<typeof workshopStep>;
export type StepKind = WorkshopStep['kind'];
export type StepOf<K extends StepKind> = Extract<WorkshopStep, { kind: K }>;

export const workshopSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/),
    title: localizedText,
    summary: localizedText,
    minutes: z.number().int().positive(),
    steps: z.array(workshopStep).min(1),
  })
  .superRefine((w, ctx) => {
    const seen = new Set<string>();
    w.steps.forEach((step, index) => {
      if (seen.has(step.id)) {
        ctx.addIssue({ code: 'custom', message: `duplicate step id "${step.id}"`, path: ['steps', index, 'id'] });
      }
      seen.add(step.id);
      if (step.kind === 'consent') {
        const target = w.steps.find((s) => s.id === step.statementStep);
        if (!target || target.kind !== 'statement') {
          ctx.addIssue({
            code: 'custom',
            message: `statementStep "${step.statementStep}" is not a statement step of this workshop`,
            path: ['steps', index, 'statementStep'],
          });
        }
      }
    });
  });
export type Workshop = z.infer<typeof workshopSchema>;

/** Fills `{name}` placeholders. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

export function stepIndex(workshop: Workshop, id: string | undefined): number {
  const index = workshop.steps.findIndex((s) => s.id === id);
  return index < 0 ? 0 : index;
}

/** The first step of a kind, e.g. the ladder whose last pick inspires the statement. */
export function firstStepOfKind<K extends StepKind>(workshop: Workshop, kind: K): StepOf<K> | undefined {
  return workshop.steps.find((s): s is StepOf<K> => s.kind === kind);
}

/** A step by id, if it is of the expected kind. */
export function stepOfKind<K extends StepKind>(workshop: Workshop, id: string, kind: K): StepOf<K> | undefined {
  return workshop.steps.find((s): s is StepOf<K> => s.id === id && s.kind === kind);
}
