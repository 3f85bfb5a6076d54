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

/** A name for a result that can flow from one workshop into another, e.g. `purpose-seed`. */
const carryTag = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'carry tag: lower-case letters, digits and dashes, starting with a letter');

const stepBase = {
  id: stepId,
  title: localizedText,
  /** What the group does now; shown large on the projector. */
  instruction: localizedText,
  /** Suggested time for the step, shown to the facilitator and preset on the timer. */
  minutes: z.number().int().positive().max(240).optional(),
  /** Notes only the facilitator sees. */
  facilitatorNotes: localizedText.optional(),
  /** Results of earlier workshops this step can receive (shown as "brought along"; list kinds can add them). */
  carryIn: z.array(carryTag).max(5).optional(),
  /** The tag under which this step's result is handed on to later workshops. */
  carryOut: carryTag.optional(),
};

/** A lower/upper bound pair, e.g. "5–10 stories" or "7–10 words". */
const range = (max: number) =>
  z
    .object({ min: z.number().int().min(0).max(max), max: z.number().int().min(1).max(max) })
    .refine((r) => r.min <= r.max, { message: 'min must not exceed max', path: ['min'] });

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
  /**
   * The question for an answer that gives a purpose with an infinitive ("for at hjælpe kunden",
   * "to help the customer"); `{answer}` is the answer without "for at"/"for å"/"to". Without it
   * such an answer goes into followUpQuestion as written.
   */
  followUpInfinitive: localizedText
    .refine(
      (t) => Object.values(t).every((s) => s.includes('{answer}')),
      'followUpInfinitive must contain {answer} in every language',
    )
    .optional(),
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

/**
 * Participants post notes (short ideas or longer stories). Silent notes stay on
 * each participant's own device until the facilitator reveals the step.
 */
export const notesStep = z.object({
  ...stepBase,
  kind: z.literal('notes'),
  /** `story` allows longer texts (a success story), `short` is a sticky note. */
  length: z.enum(['short', 'story']).default('short'),
  silent: z.boolean().default(false),
  /** Anonymous notes carry no name and cannot be traced to a person on other screens. */
  anonymous: z.boolean().default(false),
  maxPerPerson: z.number().int().min(1).max(50).optional(),
  /** How many notes the whole group aims for, e.g. 5–10 stories. */
  target: range(200).optional(),
  placeholder: localizedText.optional(),
});

/** Sort the notes of a notes step into named groups (the common denominator). */
export const groupStep = z.object({
  ...stepBase,
  kind: z.literal('group'),
  /** The notes step whose notes are grouped. */
  source: stepId,
  /** Placeholder of a group's name, e.g. "What do these have in common?". */
  namePlaceholder: localizedText.optional(),
});

/** Dot voting with a per-person budget; results hidden until the facilitator reveals them. */
export const voteStep = z
  .object({
    ...stepBase,
    kind: z.literal('vote'),
    /** The step whose items are voted on: notes, groups, questions or behaviours. */
    source: stepId,
    budget: z.number().int().min(1).max(20),
    /** Dots one person may give a single item; defaults to the whole budget. */
    maxPerItem: z.number().int().min(1).max(20).optional(),
    /** The top N of the ranking form the chosen list (e.g. the core questions). */
    keepTop: z.number().int().min(1).max(50).optional(),
    /**
     * Open vote: after the reveal, each ballot is shown with its voter's name.
     * Off by default: a secret vote publishes totals and ranking only.
     */
    open: z.boolean().optional(),
  })
  .refine((v) => v.maxPerItem === undefined || v.maxPerItem <= v.budget, {
    message: 'maxPerItem must not exceed budget',
    path: ['maxPerItem'],
  });

/**
 * Each writes their own definition silently; the facilitator reveals them side by
 * side; then the group drafts one agreed definition (with word target and versions).
 */
export const defineStep = z
  .object({
    ...stepBase,
    kind: z.literal('define'),
    /** The term being defined, e.g. "service-minded". */
    term: localizedText,
    /** What to do once the definitions are revealed. */
    draftInstruction: localizedText,
    minWords: z.number().int().min(1),
    maxWords: z.number().int().min(1),
    tooLongHint: localizedText.optional(),
  })
  .refine((s) => s.minWords <= s.maxWords, { message: 'minWords must not exceed maxWords', path: ['minWords'] });

/** Concrete behaviours: what we do, how it is carried out, how you can see it; in priority order. */
export const behavioursStep = z.object({
  ...stepBase,
  kind: z.literal('behaviours'),
  /** A statement, define or consent step whose text is shown as the goal the behaviours serve. */
  source: stepId.optional(),
  maxItems: z.number().int().min(1).max(100).optional(),
});

/** A moment in a conversation when a question is asked. */
const questionMoment = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'moment id: lower-case letters, digits and dashes'),
  label: localizedText,
});

/** A gross-list of questions to ask customers: open or closed, when, and what the answer is for. */
export const questionsStep = z
  .object({
    ...stepBase,
    kind: z.literal('questions'),
    moments: z.array(questionMoment).min(1).max(10),
  })
  .superRefine((q, ctx) => {
    const seen = new Set<string>();
    q.moments.forEach((m, i) => {
      if (seen.has(m.id))
        ctx.addIssue({ code: 'custom', message: `duplicate moment id "${m.id}"`, path: ['moments', i, 'id'] });
      seen.add(m.id);
    });
  });

/** The closing screen: what the group agreed, and the way there. */
export const resultStep = z.object({
  ...stepBase,
  kind: z.literal('result'),
  /** The steps whose results are shown, in this order; all steps with a result when absent. */
  show: z.array(stepId).min(1).optional(),
});

export const workshopStep = z.discriminatedUnion('kind', [
  briefStep,
  ladderStep,
  statementStep,
  consentStep,
  notesStep,
  groupStep,
  voteStep,
  defineStep,
  behavioursStep,
  questionsStep,
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
      for (const ref of stepReferences(step)) {
        const target = w.steps.slice(0, index).find((s) => s.id === ref.id);
        if (!target || !ref.kinds.includes(target.kind)) {
          ctx.addIssue({
            code: 'custom',
            message: `${ref.field} "${ref.id}" must name an earlier ${ref.kinds.join(' or ')} step of this workshop`,
            path: ['steps', index, ref.field],
          });
        }
      }
    });
  });
export type Workshop = z.infer<typeof workshopSchema>;

/**
 * The schema of the build's content collection. Astro lists a problem by its path
 * alone ("steps.2.maxWords"), so here each problem inside a step also names the
 * step's id. The server's loader prints the id itself and uses `workshopSchema`.
 */
export const workshopCollectionSchema = workshopSchema.superRefine((_workshop, ctx) => nameStepsInIssues(ctx), {
  // Run even when the steps already failed: those are the issues that need the id.
  when: () => true,
});

function nameStepsInIssues(payload: { value: unknown; issues: z.core.$ZodRawIssue[] }): void {
  const steps = (payload.value as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(steps)) return;
  payload.issues.forEach((issue, i) => {
    const [field, index] = issue.path ?? [];
    const id = field === 'steps' && typeof index === 'number' ? (steps[index] as { id?: unknown })?.id : undefined;
    if (typeof id === 'string') payload.issues[i] = { ...issue, message: `step "${id}": ${issueMessage(issue)}` };
  });
}

/** The message zod would give the issue (its own schema's, else the default), before we prefix it. */
function issueMessage(issue: z.core.$ZodRawIssue): string {
  const unwrap = (m: unknown) => (typeof m === 'string' ? m : (m as { message?: string } | null | undefined)?.message);
  const own = issue.inst?._zod.def.error as z.core.$ZodErrorMap | undefined;
  return issue.message ?? unwrap(own?.(issue)) ?? unwrap(z.config().localeError?.(issue)) ?? 'Invalid input';
}

type StepReference = { field: string; id: string; kinds: readonly StepKind[] };

/** The other steps a step reads from, and the kinds each may be. */
function stepReferences(step: WorkshopStep): StepReference[] {
  switch (step.kind) {
    case 'consent':
      return [{ field: 'statementStep', id: step.statementStep, kinds: ['statement', 'define'] }];
    case 'group':
      return [{ field: 'source', id: step.source, kinds: ['notes'] }];
    case 'vote':
      return [{ field: 'source', id: step.source, kinds: ['notes', 'group', 'questions', 'behaviours'] }];
    case 'behaviours':
      return step.source ? [{ field: 'source', id: step.source, kinds: ['statement', 'define', 'consent'] }] : [];
    case 'result':
      return (step.show ?? []).map((id) => ({
        field: 'show',
        id,
        kinds: ['ladder', 'statement', 'consent', 'notes', 'group', 'vote', 'define', 'behaviours', 'questions'],
      }));
    default:
      return [];
  }
}
