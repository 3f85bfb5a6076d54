/**
 * The JSON export's schema, and so the one source of the export model's types.
 * docs/export-format.md describes every field; an import parses with `exportSchema`.
 *
 * Person fields hold a display name or null. Null means the person posted
 * without a name or on an anonymous step: no export ever names them.
 */
import { z } from 'zod';
import { LOCALES } from '../../model/locale.ts';
import { QUESTION_TYPES } from '../../model/schema.ts';
import { EXPORT_FORMAT, EXPORT_VERSION } from './formats.ts';

// The name and version live in formats.ts, which has no schema library: the room's result step builds
// its live export model in the browser and needs these two constants, not the schema.
export { EXPORT_FORMAT, EXPORT_VERSION };

const isoTime = z.iso.datetime({ offset: true });
const person = z.string().nullable();
const itemId = z.string().min(1);
const count = z.number().int().min(0);
const position = z.number().int().min(1);
const wordTarget = z.object({ min: count, max: count });

const carriedItem = z.object({ id: itemId, text: z.string(), detail: z.string(), from: z.string(), at: isoTime });
export type ExportedCarried = z.infer<typeof carriedItem>;

const stepBase = {
  id: z.string().min(1),
  title: z.string(),
  /** Results brought along from an earlier workshop into this step. */
  carried: z.array(carriedItem),
  /**
   * How many people contributed to this step (the console's count; anonymous
   * steps count pseudonyms). Lets an import rebuild `participantCount` without any ids.
   */
  contributors: count,
};

const version = z.object({ text: z.string(), savedAt: isoTime });
const noteRef = z.object({ id: itemId, text: z.string(), author: person });
const note = noteRef.extend({ at: isoTime, editedAt: isoTime.nullable(), merged: count });
const questionAttributes = z.object({
  type: z.enum(QUESTION_TYPES),
  moment: z.string(),
  momentLabel: z.string(),
  purpose: z.string(),
});
const behaviourAttributes = z.object({ how: z.string(), signs: z.string() });
const VOTE_SOURCE_KINDS = ['notes', 'group', 'questions', 'behaviours'] as const;
export type VoteSourceKind = (typeof VOTE_SOURCE_KINDS)[number];

export const exportedStep = z.discriminatedUnion('kind', [
  z.object({ ...stepBase, kind: z.literal('brief') }),
  z.object({ ...stepBase, kind: z.literal('result') }),
  z.object({
    ...stepBase,
    kind: z.literal('ladder'),
    rungs: z.array(z.object({ round: count, question: z.string(), answer: z.string().nullable() })),
    answers: z.array(z.object({ id: itemId, round: count, text: z.string(), author: person, supporters: count })),
  }),
  z.object({
    ...stepBase,
    kind: z.literal('statement'),
    draft: z.string(),
    words: count,
    targetWords: wordTarget,
    versions: z.array(version),
  }),
  z.object({
    ...stepBase,
    kind: z.literal('consent'),
    /** The statement or define step whose text was put to agreement. */
    statementStep: z.string(),
    proposal: z.string().nullable(),
    proposedAt: isoTime.nullable(),
    agreedText: z.string().nullable(),
    agreedAt: isoTime.nullable(),
    tally: z.object({ agree: count, live: count, object: count }),
    objections: z.array(z.object({ name: person, note: z.string() })),
    /** Rounds a newer proposal replaced, oldest first, with what was objected to them (absent in older exports). */
    earlierRounds: z
      .array(
        z.object({
          proposal: z.string(),
          proposedAt: isoTime,
          tally: z.object({ agree: count, live: count, object: count }),
          objections: z.array(z.object({ name: person, note: z.string() })),
        }),
      )
      .default([]),
  }),
  z.object({
    ...stepBase,
    kind: z.literal('notes'),
    anonymous: z.boolean(),
    notes: z.array(note),
  }),
  z.object({
    ...stepBase,
    kind: z.literal('group'),
    source: z.string(),
    groups: z.array(z.object({ id: itemId, name: z.string(), notes: z.array(noteRef) })),
    ungrouped: z.array(noteRef),
  }),
  z.object({
    ...stepBase,
    kind: z.literal('vote'),
    source: z.string(),
    sourceKind: z.enum(VOTE_SOURCE_KINDS),
    budget: count,
    keepTop: position.nullable(),
    /** Whether the facilitator had shown the results in the room. */
    revealed: z.boolean(),
    voters: count,
    /** Every ballot that counts, as item id -> dots, without who cast it (like paper ballots in a box). */
    ballots: z.array(z.record(itemId, position)),
    /** Every item of the source step, most dots first; equal totals share a rank. */
    ranking: z.array(z.object({ id: itemId, rank: position, text: z.string(), dots: count })),
  }),
  z.object({
    ...stepBase,
    kind: z.literal('define'),
    term: z.string(),
    ownDefinitions: z.array(z.object({ text: z.string(), author: person, at: isoTime })),
    draft: z.string(),
    words: count,
    targetWords: wordTarget,
    versions: z.array(version),
  }),
  z.object({
    ...stepBase,
    kind: z.literal('behaviours'),
    /** In priority order. */
    items: z.array(behaviourAttributes.extend({ id: itemId, position, text: z.string(), author: person, at: isoTime })),
  }),
  z.object({
    ...stepBase,
    kind: z.literal('questions'),
    moments: z.array(z.object({ id: z.string(), label: z.string() })),
    items: z.array(questionAttributes.extend({ id: itemId, text: z.string(), author: person, at: isoTime })),
  }),
]);
export type ExportedStep = z.infer<typeof exportedStep>;

const agreedText = { text: z.string(), words: count, agreed: z.boolean(), agreedAt: isoTime.nullable() };
const resultBase = { stepId: z.string(), title: z.string() };

/** What the group agreed, before any of the way there. */
export const exportedResult = z.discriminatedUnion('kind', [
  /** The sentence of a statement step (the purpose): agreed, or else the latest draft. */
  z.object({ ...resultBase, kind: z.literal('statement'), ...agreedText }),
  /** The shared definition of a define step. */
  z.object({ ...resultBase, kind: z.literal('definition'), term: z.string(), ...agreedText }),
  /** A behaviours step's list in priority order. */
  z.object({
    ...resultBase,
    kind: z.literal('behaviours'),
    items: z.array(behaviourAttributes.extend({ id: itemId, position, text: z.string() })),
  }),
  /** The top of a vote with `keepTop`, e.g. the core questions; `stepId` is the vote step. */
  z.object({
    ...resultBase,
    kind: z.literal('chosen'),
    sourceStepId: z.string(),
    sourceKind: z.enum(VOTE_SOURCE_KINDS),
    items: z.array(
      z.object({
        id: itemId,
        rank: position,
        text: z.string(),
        dots: count,
        question: questionAttributes.nullable(),
        behaviour: behaviourAttributes.nullable(),
      }),
    ),
  }),
  /** The named groups of a group step: the common denominator. */
  z.object({
    ...resultBase,
    kind: z.literal('groups'),
    groups: z.array(z.object({ id: itemId, name: z.string(), size: count })),
  }),
]);
export type ExportedResult = z.infer<typeof exportedResult>;
export type ResultKind = ExportedResult['kind'];

export const exportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  room: z.string(),
  workshop: z.object({ id: z.string(), title: z.string() }),
  /** The team's name as the facilitator gave it; null when none was given (and in files from before it existed). */
  teamName: z.string().nullable().default(null),
  locale: z.enum(LOCALES),
  /** IANA time zone the human formats show times in. */
  timeZone: z.string().min(1),
  createdAt: isoTime,
  exportedAt: isoTime,
  /** People who contributed; anonymous steps are counted without linking them to anyone. */
  participantCount: count,
  results: z.array(exportedResult),
  steps: z.array(exportedStep),
});
export type ExportModel = z.infer<typeof exportSchema>;

/** Parses a JSON export (e.g. for an import); throws a ZodError naming the field that is wrong. */
export function parseExport(json: unknown): ExportModel {
  return exportSchema.parse(json);
}
