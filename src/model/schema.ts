/**
 * The one source of the shared documents' shape: root keys and value shapes,
 * imported by the browser and the server alike.
 *
 * Every collection is a root-level Yjs type named `<collection>/<stepId>`.
 * Root types need no creation, so two clients writing at once never race to
 * create the same nested type (which would silently drop one side's content).
 */
// The model's own validator (zod/mini's API, the same checks): every participant's phone parses
// these shapes, and a schema library's core would cost several KB of the page budget.
import { type Infer, z } from './shape.ts';

/** Bumped when the shape of the documents changes incompatibly. */
export const SCHEMA_VERSION = 1;

export const TEXT_LIMITS = {
  answer: 280,
  name: 40,
  statement: 400,
  note: 280,
  /** A success story or a longer note. */
  story: 1200,
  groupName: 80,
  definition: 400,
  behaviour: 200,
  behaviourDetail: 400,
  question: 200,
  questionPurpose: 280,
  /** The team's name on the poster and in the exports. */
  teamName: 60,
} as const;

export const boardKeys = {
  ladderAnswers: (stepId: string) => `ladder.answers/${stepId}`,
  ladderSupport: (stepId: string) => `ladder.support/${stepId}`,
  statementDraft: (stepId: string) => `statement.draft/${stepId}`,
  consentVotes: (stepId: string) => `consent.votes/${stepId}`,
  /** Map noteId -> NoteValue. Silent notes arrive here only once the step is revealed. */
  notes: (stepId: string) => `notes/${stepId}`,
  /** Map groupId -> GroupValue. */
  groups: (stepId: string) => `groups/${stepId}`,
  /** Map noteId -> groupId: which group a note sits in (last move wins). */
  groupMembers: (stepId: string) => `group.members/${stepId}`,
  /**
   * Map with one entry, `result` -> VoteResultValue: what the server published
   * at the reveal. Written by the server only; absent while the step is hidden.
   * (Ballots themselves live in each voter's seat document, see seatKeys.)
   */
  voteResults: (stepId: string) => `vote.results/${stepId}`,
  /** Map with one entry, `voters` -> how many seats hold a ballot that counts. Server only; no names. */
  voteProgress: (stepId: string) => `vote.progress/${stepId}`,
  /**
   * Map with one entry, `tally` -> ImportedTallyValue: a revealed result brought in
   * with an imported export (its ballots belong to nobody here). Written at import only.
   */
  voteImported: (stepId: string) => `vote.imported/${stepId}`,
  /** Map authorId -> OwnDefinitionValue, published when the facilitator reveals. */
  ownDefinitions: (stepId: string) => `define.own/${stepId}`,
  /** Map behaviourId -> BehaviourValue. */
  behaviours: (stepId: string) => `behaviours/${stepId}`,
  /** Map questionId -> QuestionValue. */
  questions: (stepId: string) => `questions/${stepId}`,
  /** Map personId (seat / participant id) -> DoneValue: who has said "I'm done" on a step. */
  done: (stepId: string) => `done/${stepId}`,
} as const;

/**
 * The roots of a seat's private document (`seat/<seatId>`), which the server
 * syncs with that seat's connections only.
 */
export const seatKeys = {
  /** Map stepId -> DotsValue: the seat's ballot in each vote step. */
  ballots: 'vote.ballots',
  /**
   * Map noteId -> NoteValue: the seat's notes on a silent or anonymous notes
   * step, which the server publishes to `notes/<stepId>` (silent: at the
   * reveal, then removed here; anonymous: kept here, mirrored to the board).
   */
  notes: (stepId: string) => `notes.private/${stepId}`,
  /** Map stepId -> OwnDefinitionValue: the seat's own definition, published by the server at the reveal. */
  ownDefinitions: 'define.private',
  /**
   * Map `<boardRoot>|<entryKey>` -> fingerprint of what the server last
   * published from this seat (anonymous notes). Written by the server only.
   */
  published: 'published',
} as const;

/** The collection part of a seat document's root (`notes.private/<step>` -> `notes.private`). */
export const SEAT_NOTES = 'notes.private';

export const controlKeys = {
  /** Root map of what the facilitator steers. */
  state: 'control',
  ladderPicks: (stepId: string) => `ladder.picks/${stepId}`,
  statementVersions: (stepId: string) => `statement.versions/${stepId}`,
  consentRound: (stepId: string) => `consent.round/${stepId}`,
  /** Array of EarlierConsentRoundValue: the rounds a newer proposal replaced, oldest first. */
  consentEarlier: (stepId: string) => `consent.earlier/${stepId}`,
  /** Map of the facilitation tools of one step: StepToolsValue fields. */
  stepTools: (stepId: string) => `tools/${stepId}`,
  /** Map of the room's one timer: TimerValue fields. */
  timer: 'timer',
  /** Array of CarriedValue: results brought along from an earlier workshop. */
  carried: (stepId: string) => `carried/${stepId}`,
  /** Map with one entry, `current` -> SpotlightValue: the contribution the wall shows large. */
  spotlight: 'spotlight',
} as const;

const shortText = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
/** A string of 1 to `max` characters, as it was sent (ids, names of steps). */
const boundedId = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
const upTo = (max: number) => z.string().check(z.maxLength(max));
/** A safe integer in [min, max]. */
const intIn = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max));
const count = z.int().check(z.nonnegative());
const timestamp = z.int().check(z.nonnegative());

/** The team's name, in the control document's state map. */
export const teamNameValue = shortText(TEXT_LIMITS.teamName);

export const answerValue = z.object({
  id: boundedId(40),
  round: intIn(0, 20),
  text: shortText(TEXT_LIMITS.answer),
  authorId: boundedId(40),
  /** Null when the author posted without a name. */
  authorName: z.nullable(upTo(TEXT_LIMITS.name)),
  at: timestamp,
});
export type AnswerValue = Infer<typeof answerValue>;

export const pickValue = z.object({
  round: intIn(0, 20),
  answerId: boundedId(40),
  text: shortText(TEXT_LIMITS.answer),
  at: timestamp,
});
export type PickValue = Infer<typeof pickValue>;

export const CONSENT_VALUES = ['agree', 'live', 'object'] as const;
export type ConsentValue = (typeof CONSENT_VALUES)[number];

export const consentVoteValue = z.object({
  value: z.enum(CONSENT_VALUES),
  name: z.nullable(upTo(TEXT_LIMITS.name)),
  /** Why someone objects, or what would make it better. */
  note: upTo(TEXT_LIMITS.note),
  /** The proposal this vote answers; a new proposal starts a new round. */
  proposalAt: timestamp,
  at: timestamp,
});
export type ConsentVoteValue = Infer<typeof consentVoteValue>;

export const statementVersionValue = z.object({
  text: shortText(TEXT_LIMITS.statement),
  at: timestamp,
});
export type StatementVersionValue = Infer<typeof statementVersionValue>;

export const consentRoundValue = z.object({
  proposal: upTo(TEXT_LIMITS.statement),
  proposedAt: timestamp,
  agreedText: z.nullable(upTo(TEXT_LIMITS.statement)),
  agreedAt: z.nullable(timestamp),
});
export type ConsentRoundValue = Infer<typeof consentRoundValue>;

/**
 * A consent round that a newer proposal replaced, kept with its objections:
 * the sentence is weighed word by word over several sessions, and what was
 * objected to an earlier wording must not vanish when the wording changes.
 */
export const earlierConsentRoundValue = z.object({
  proposal: upTo(TEXT_LIMITS.statement),
  proposedAt: timestamp,
  counts: z.object({ agree: count, live: count, object: count }),
  objections: z.array(z.object({ name: z.nullable(upTo(TEXT_LIMITS.name)), note: upTo(TEXT_LIMITS.note) })),
});
export type EarlierConsentRoundValue = Infer<typeof earlierConsentRoundValue>;

const itemId = boundedId(40);
/** A device id, or for anonymous notes a per-step pseudonym that presence cannot link to a name. */
const authorId = boundedId(40);
const authorName = z.nullable(upTo(TEXT_LIMITS.name));

export const noteValue = z.object({
  id: itemId,
  text: shortText(TEXT_LIMITS.story),
  authorId,
  authorName,
  at: timestamp,
  /** Set when the text was changed after posting (by its author or the facilitator). */
  editedAt: z._default(z.nullable(timestamp), null),
  /** How many notes were merged into this one by the facilitator (0 when none). */
  merged: z._default(intIn(0, 200), 0),
});
export type NoteValue = Infer<typeof noteValue>;

export const groupValue = z.object({
  id: itemId,
  /** Empty until someone names the group. */
  name: upTo(TEXT_LIMITS.groupName),
  at: timestamp,
});
export type GroupValue = Infer<typeof groupValue>;

export const dotsValue = z.object({
  /** itemId -> dots given to it. */
  dots: z.record(itemId, intIn(0, 20)),
  name: authorName,
  at: timestamp,
});
export type DotsValue = Infer<typeof dotsValue>;

const dotCount = intIn(0, 100_000);

/** A vote's published result. Names appear only when the workshop step says votes are open. */
export const voteResultValue = z.object({
  /** itemId -> dots from every ballot that counts. */
  totals: z.record(itemId, dotCount),
  /** Every item on offer at publishing, most dots first; equal totals share a rank. */
  ranking: z.array(z.object({ id: itemId, rank: z.int().check(z.gte(1)), dots: dotCount })),
  /** Ballots that count. */
  voters: dotCount,
  /** Open votes only: each ballot that counts with its voter's name, sorted by name. Null when secret. */
  named: z.nullable(z.array(z.object({ name: authorName, dots: z.record(itemId, dotCount) }))),
});
export type VoteResultValue = Infer<typeof voteResultValue>;

export const importedTallyValue = z.object({
  totals: z.record(itemId, dotCount),
  voters: dotCount,
});
export type ImportedTallyValue = Infer<typeof importedTallyValue>;

export const ownDefinitionValue = z.object({
  text: shortText(TEXT_LIMITS.definition),
  name: authorName,
  at: timestamp,
});
export type OwnDefinitionValue = Infer<typeof ownDefinitionValue>;

export const behaviourValue = z.object({
  id: itemId,
  text: shortText(TEXT_LIMITS.behaviour),
  /** How the behaviour is carried out. */
  how: upTo(TEXT_LIMITS.behaviourDetail),
  /** How you can see it happen. */
  signs: upTo(TEXT_LIMITS.behaviourDetail),
  /** Priority as a sortable number: lower comes first; moving sets a value between neighbours. */
  rank: z.number(),
  authorId,
  authorName,
  at: timestamp,
});
export type BehaviourValue = Infer<typeof behaviourValue>;

export const QUESTION_TYPES = ['open', 'closed'] as const;
export const questionValue = z.object({
  id: itemId,
  text: shortText(TEXT_LIMITS.question),
  type: z.enum(QUESTION_TYPES),
  /** A moment id of the step's content. */
  moment: boundedId(40),
  /** What the answer is used for. */
  purpose: upTo(TEXT_LIMITS.questionPurpose),
  authorId,
  authorName,
  at: timestamp,
});
export type QuestionValue = Infer<typeof questionValue>;

export const stepToolsValue = z.object({
  /** Silent contributions and hidden results are shown. */
  revealed: z._default(z.boolean(), false),
  /** Participants can no longer add or change anything on the step. */
  locked: z._default(z.boolean(), false),
});
export type StepToolsValue = Infer<typeof stepToolsValue>;

const DAY_MS = 24 * 3_600_000;

/** Times are the server's clock (ms since epoch), so every screen shows the same second. */
export const timerValue = z.object({
  durationMs: intIn(0, DAY_MS),
  /** When running: the server time at which it reaches zero. Null when paused or not started. */
  endsAt: z.nullable(timestamp),
  /** When paused: what is left. */
  remainingMs: intIn(0, DAY_MS),
});
export type TimerValue = Infer<typeof timerValue>;

export const carriedValue = z.object({
  id: itemId,
  text: shortText(TEXT_LIMITS.story),
  /** Extra lines, e.g. how a behaviour is carried out. */
  detail: z._default(upTo(TEXT_LIMITS.story), ''),
  /** The workshop title and date it came from, in the room's language. */
  from: upTo(200),
  at: timestamp,
});
export type CarriedValue = Infer<typeof carriedValue>;

/** Presence, published through awareness. Untrusted: parse before use. */
export const presenceValue = z.object({
  id: boundedId(40),
  name: z.nullable(upTo(TEXT_LIMITS.name)),
  role: z.enum(['facilitator', 'participant', 'projector']),
});
export type PresenceValue = Infer<typeof presenceValue>;

/**
 * Presence field `wrote`: the steps on which this person has written a text that
 * stays on their device until the reveal (own definitions) — whether, never what.
 */
export const WROTE_FIELD = 'wrote';
export const wroteMarksValue = z.array(boundedId(40)).check(z.maxLength(20));

/** One person's "I'm done" on a step; taking it back deletes the entry. */
export const doneValue = z.object({ at: timestamp });
export type DoneValue = Infer<typeof doneValue>;

/** What the facilitator can put in the spotlight: one contribution of the current step. */
export const SPOTLIGHT_KINDS = ['answer', 'note', 'group', 'question', 'behaviour', 'definition'] as const;
export type SpotlightKind = (typeof SPOTLIGHT_KINDS)[number];

export const spotlightValue = z.object({
  stepId: boundedId(40),
  kind: z.enum(SPOTLIGHT_KINDS),
  /** The entry's id; for an own definition, its author's id (the map's key). */
  itemId: boundedId(40),
  at: timestamp,
});
export type SpotlightValue = Infer<typeof spotlightValue>;
