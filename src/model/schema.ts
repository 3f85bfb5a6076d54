/**
 * The one source of the shared documents' shape: root keys and value shapes,
 * imported by the browser and the server alike.
 *
 * Every collection is a root-level Yjs type named `<collection>/<stepId>`.
 * Root types need no creation, so two clients writing at once never race to
 * create the same nested type (which would silently drop one side's content).
 */
import { z } from 'zod';

/** Bumped when the shape of the documents changes incompatibly. */
export const SCHEMA_VERSION = 1;

export const TEXT_LIMITS = {
  answer: 280,
  name: 40,
  statement: 400,
  note: 280,
} as const;

export const boardKeys = {
  ladderAnswers: (stepId: string) => `ladder.answers/${stepId}`,
  ladderSupport: (stepId: string) => `ladder.support/${stepId}`,
  statementDraft: (stepId: string) => `statement.draft/${stepId}`,
  consentVotes: (stepId: string) => `consent.votes/${stepId}`,
} as const;

export const controlKeys = {
  /** Root map of what the facilitator steers. */
  state: 'control',
  ladderPicks: (stepId: string) => `ladder.picks/${stepId}`,
  statementVersions: (stepId: string) => `statement.versions/${stepId}`,
  consentRound: (stepId: string) => `consent.round/${stepId}`,
} as const;

const shortText = (max: number) => z.string().trim().min(1).max(max);
const timestamp = z.number().int().nonnegative();

export const answerValue = z.object({
  id: z.string().min(1).max(40),
  round: z.number().int().min(0).max(20),
  text: shortText(TEXT_LIMITS.answer),
  authorId: z.string().min(1).max(40),
  /** Null when the author posted without a name. */
  authorName: z.string().max(TEXT_LIMITS.name).nullable(),
  at: timestamp,
});
export type AnswerValue = z.infer<typeof answerValue>;

export const pickValue = z.object({
  round: z.number().int().min(0).max(20),
  answerId: z.string().min(1).max(40),
  text: shortText(TEXT_LIMITS.answer),
  at: timestamp,
});
export type PickValue = z.infer<typeof pickValue>;

export const CONSENT_VALUES = ['agree', 'live', 'object'] as const;
export type ConsentValue = (typeof CONSENT_VALUES)[number];

export const consentVoteValue = z.object({
  value: z.enum(CONSENT_VALUES),
  name: z.string().max(TEXT_LIMITS.name).nullable(),
  /** Why someone objects, or what would make it better. */
  note: z.string().max(TEXT_LIMITS.note),
  /** The proposal this vote answers; a new proposal starts a new round. */
  proposalAt: timestamp,
  at: timestamp,
});
export type ConsentVoteValue = z.infer<typeof consentVoteValue>;

export const statementVersionValue = z.object({
  text: shortText(TEXT_LIMITS.statement),
  at: timestamp,
});
export type StatementVersionValue = z.infer<typeof statementVersionValue>;

export const consentRoundValue = z.object({
  proposal: z.string().max(TEXT_LIMITS.statement),
  proposedAt: timestamp,
  agreedText: z.string().max(TEXT_LIMITS.statement).nullable(),
  agreedAt: timestamp.nullable(),
});
export type ConsentRoundValue = z.infer<typeof consentRoundValue>;

/** Presence, published through awareness. Untrusted: parse before use. */
export const presenceValue = z.object({
  id: z.string().min(1).max(40),
  name: z.string().max(TEXT_LIMITS.name).nullable(),
  role: z.enum(['facilitator', 'participant', 'projector']),
});
export type PresenceValue = z.infer<typeof presenceValue>;
