/**
 * The rule table: who may add, change or remove which entry of the board, and
 * when. One table, three users: the islands ask it to enable controls, the
 * server's update guard (server/rooms/update-guard.ts) enforces it on every
 * update a client sends, and counts read entries through the same validity.
 *
 * Rules speak of entries, not of Yjs: an entry is a value under a key in a
 * root map, an element of a root array, or a run of characters in a root
 * text. A change of a map entry is its removal and the adding of the new
 * value (that is how Yjs does it too), so "may remove" decides who may edit.
 *
 * The facilitator steers and tidies: not bound to the current step, locks or
 * text on others' entries, but never writes as someone else's seat (a ballot,
 * a consent signal, a support, an "I'm done" or a new contribution in another
 * person's name).
 */
import type { Schema } from './shape.ts';
import type { Role } from './roles.ts';
import {
  answerValue,
  behaviourValue,
  consentVoteValue,
  doneValue,
  groupValue,
  noteValue,
  ownDefinitionValue,
  questionValue,
  TEXT_LIMITS,
  type StepToolsValue,
} from './schema.ts';
import type { StepKind, Workshop, WorkshopStep } from './workshop.ts';

/** Why a write is refused; the browser shows a sentence per code (src/i18n). */
export const RULE_CODES = [
  'locked',
  'not_current',
  'not_yours',
  'hidden',
  'limit_reached',
  'budget',
  'invalid',
  'not_allowed',
  'too_large',
  'out_of_sync',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

export type Verdict = { ok: true } | { ok: false; rule: RuleCode; message: string };
export const OK: Verdict = { ok: true };
export const no = (rule: RuleCode, message: string): Verdict => ({ ok: false, rule, message });

/** Who writes: the role of the connection and the seat it presented (null: none). */
export type Writer = { role: Role; seat: string | null };

/** What the rules need to know of the room, read from its control document and workshop. */
export type RoomView = {
  workshop: Workshop;
  /** The step everyone is on (the first step until the facilitator moves). */
  currentStepId: string;
  tools(stepId: string): StepToolsValue;
  /** True once the sentence of a statement step was agreed in a consent round. */
  agreed(statementStepId: string): boolean;
  /** The writer's pseudonym on an anonymous step (see src/model/anonymous.ts); null without a seat. */
  pseudonym(seat: string, stepId: string): string | null;
};

/** One entry as the rules see it. `value` is the plain value (for texts: the inserted string). */
export type Entry = { key: string | null; value: unknown };

type Shape = 'map' | 'array' | 'text';

type AddContext = {
  step: WorkshopStep;
  room: RoomView;
  writer: Writer;
  /** The entry this one replaces (a map entry written again), if any. */
  replaces: Entry | null;
  /** Entries of the collection as the server holds them, plus those added earlier in the same update. */
  existing: () => readonly Entry[];
};
type RemoveContext = { step: WorkshopStep; room: RoomView; writer: Writer; replacedBy: Entry | null };

type CollectionRule = {
  shape: Shape;
  kinds: readonly StepKind[];
  /** May this writer add this entry? Step-wide conditions (current, locked) are checked before. */
  add(entry: Entry, ctx: AddContext): Verdict;
  /** May this writer remove (or replace) this entry? */
  remove(entry: Entry, ctx: RemoveContext): Verdict;
  /** Participants may write this collection of the step only after the reveal (published silent work). */
  afterReveal?: (step: WorkshopStep) => boolean;
  /** Participants may write this collection of a step while another step is current (see `writableFrom`). */
  writableFrom?: (step: WorkshopStep, room: RoomView) => boolean;
  /** Participants write this collection of the step only through their seat document; the server publishes it. */
  viaSeat?: (step: WorkshopStep) => boolean;
};

const facilitator = (w: Writer) => w.role === 'facilitator';

/** The author the writer must put on a new entry of this step: the seat, or its pseudonym when anonymous. */
export function authorIdFor(step: WorkshopStep, room: RoomView, seat: string): string | null {
  if (step.kind === 'notes' && step.anonymous) return room.pseudonym(seat, step.id);
  return seat;
}

export function parse<T>(schema: Schema<T>, value: unknown): T | null {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** An authored value (answer, note, behaviour, question): new ones carry the writer's own author id. */
function authored<T extends { authorId: string }>(
  schema: Schema<T>,
  opts: {
    sharedFields?: readonly (keyof T & string)[];
    /** Entries one person may have on the step. */
    perPerson?: (step: WorkshopStep) => number | undefined;
    /** Entries the whole list may have. */
    total?: (step: WorkshopStep) => number | undefined;
  } = {},
): Pick<CollectionRule, 'add' | 'remove'> {
  return {
    add(entry, { step, room, writer, replaces, existing }) {
      const value = parse(schema, entry.value);
      if (!value) return no('invalid', 'the entry does not have the expected shape or is too long');
      if (entry.key !== null && 'id' in value && value.id !== entry.key) return no('invalid', 'key and id differ');
      const own = writer.seat ? authorIdFor(step, room, writer.seat) : null;
      const before = replaces ? parse(schema, replaces.value) : null;
      if (before) {
        // Editing keeps the author; others may change only the shared fields (e.g. a behaviour's rank).
        if (value.authorId !== before.authorId) return no('not_yours', 'an edit cannot change who wrote the entry');
        if (before.authorId === own || facilitator(writer)) return OK;
        return onlyFieldsChanged(before, value, opts.sharedFields ?? [])
          ? OK
          : no('not_yours', 'only its author can change this entry');
      }
      if (value.authorId !== own) return no('not_yours', 'a new entry must be written under your own seat');
      if (facilitator(writer)) return OK;
      const perPerson = opts.perPerson?.(step);
      if (perPerson !== undefined) {
        const mine = existing().filter((e) => (parse(schema, e.value)?.authorId ?? null) === own).length;
        if (mine >= perPerson) return no('limit_reached', `at most ${perPerson} per person on this step`);
      }
      const total = opts.total?.(step);
      if (total !== undefined && existing().length >= total) return no('limit_reached', `the list is full (${total})`);
      return OK;
    },
    remove(entry, { step, room, writer, replacedBy }) {
      if (facilitator(writer) || replacedBy) return OK; // a replacement was checked as an add
      const value = parse(schema, entry.value);
      const own = writer.seat ? authorIdFor(step, room, writer.seat) : null;
      return value && value.authorId === own ? OK : no('not_yours', 'only its author can remove this entry');
    },
  };
}

function onlyFieldsChanged<T extends object>(before: T, after: T, fields: readonly string[]): boolean {
  const strip = (v: T) => JSON.stringify(Object.entries(v).filter(([k]) => !fields.includes(k)).sort());
  return strip(before) === strip(after);
}

/** A map keyed by the writer's own seat (ballots, consent signals, own definitions, "done"). */
function keyedBySeat(valid: (value: unknown, step: WorkshopStep) => boolean): Pick<CollectionRule, 'add' | 'remove'> {
  const ownKey = (key: string | null, writer: Writer) => key !== null && key === writer.seat;
  return {
    add: (entry, { step, writer }) => {
      if (!ownKey(entry.key, writer)) return no('not_yours', 'this entry belongs to another seat');
      return valid(entry.value, step) ? OK : no('invalid', 'the entry does not have the expected shape');
    },
    remove: (entry, { writer }) =>
      ownKey(entry.key, writer) || facilitator(writer) ? OK : no('not_yours', 'this entry belongs to another seat'),
  };
}

/** Entries anyone in the room may add, change and remove while the step is open (groups, moves). */
function shared(valid: (entry: Entry) => boolean): Pick<CollectionRule, 'add' | 'remove'> {
  return {
    add: (entry) => (valid(entry) ? OK : no('invalid', 'the entry does not have the expected shape')),
    remove: () => OK,
  };
}

/** The shared sentence: characters anyone may type while its step (or its consent step) is open. */
const sharedText: Pick<CollectionRule, 'add' | 'remove'> = {
  add: (entry) => (typeof entry.value === 'string' ? OK : no('invalid', 'only text belongs in the sentence')),
  remove: () => OK,
};

const ladderAnswer = authored(answerValue);

export const COLLECTION_RULES: Readonly<Record<string, CollectionRule>> = {
  'ladder.answers': {
    shape: 'array',
    kinds: ['ladder'],
    add: (entry, ctx) => {
      const round = parse(answerValue, entry.value)?.round;
      if (ctx.step.kind === 'ladder' && round !== undefined && round >= ctx.step.depth) {
        return no('invalid', 'the ladder has no such round');
      }
      return ladderAnswer.add(entry, ctx);
    },
    remove: ladderAnswer.remove,
  },
  'ladder.support': {
    shape: 'map',
    kinds: ['ladder'],
    // Key `<answerId>|<seat>`: a support is the supporter's own.
    add: (entry, { writer }) =>
      supporterOf(entry.key) === writer.seat && entry.value === true ? OK : no('not_yours', 'support only as yourself'),
    remove: (entry, { writer }) =>
      supporterOf(entry.key) === writer.seat || facilitator(writer) ? OK : no('not_yours', 'support only as yourself'),
  },
  'statement.draft': {
    shape: 'text',
    kinds: ['statement', 'define'],
    ...sharedText,
    // The sentence may also be adjusted from its consent step until it is agreed.
    writableFrom: (step, room) => {
      const current = room.workshop.steps.find((s) => s.id === room.currentStepId);
      return current?.kind === 'consent' && current.statementStep === step.id && !room.agreed(step.id);
    },
  },
  'consent.votes': { shape: 'map', kinds: ['consent'], ...keyedBySeat((v) => parse(consentVoteValue, v) !== null) },
  notes: {
    shape: 'map',
    kinds: ['notes'],
    // Silent notes stay in their writers' seats until the reveal; anonymous notes reach the board
    // only through the server, which publishes them without a seat, client id or telling timing.
    afterReveal: (step) => step.kind === 'notes' && step.silent,
    viaSeat: (step) => step.kind === 'notes' && step.anonymous,
    ...authored(noteValue, { perPerson: (step) => (step.kind === 'notes' ? step.maxPerPerson : undefined) }),
  },
  groups: {
    shape: 'map',
    kinds: ['group'],
    ...shared((e) => {
      const group = parse(groupValue, e.value);
      return group !== null && group.id === e.key;
    }),
  },
  'group.members': { shape: 'map', kinds: ['group'], ...shared((e) => typeof e.value === 'string') },
  'define.own': {
    shape: 'map',
    kinds: ['define'],
    afterReveal: () => true,
    ...keyedBySeat((v) => parse(ownDefinitionValue, v) !== null),
  },
  behaviours: {
    shape: 'map',
    kinds: ['behaviours'],
    // Anyone may move a behaviour in the priority order; only its author changes its words.
    ...authored(behaviourValue, {
      sharedFields: ['rank'],
      total: (step) => (step.kind === 'behaviours' ? step.maxItems : undefined),
    }),
  },
  questions: { shape: 'map', kinds: ['questions'], ...authored(questionValue) },
  done: {
    shape: 'map',
    kinds: ['ladder', 'notes', 'group', 'vote', 'define', 'behaviours', 'questions', 'consent', 'statement'],
    ...keyedBySeat((v) => parse(doneValue, v) !== null),
  },
};

function supporterOf(key: string | null): string | null {
  const parts = key?.split('|');
  return parts?.length === 2 && parts[1] ? parts[1] : null;
}

/** `ladder.answers/why` -> the rule and the step it belongs to, or why there is none. */
export function ruleForRoot(
  root: string,
  workshop: Workshop,
): { ok: true; rule: CollectionRule; step: WorkshopStep } | { ok: false; verdict: Verdict } {
  const slash = root.indexOf('/');
  const collection = slash < 0 ? root : root.slice(0, slash);
  const rule = COLLECTION_RULES[collection];
  if (!rule || slash < 0) return { ok: false, verdict: no('not_allowed', `"${root}" is not part of the board`) };
  const step = workshop.steps.find((s) => s.id === root.slice(slash + 1));
  if (!step || !rule.kinds.includes(step.kind)) {
    return { ok: false, verdict: no('not_allowed', `"${root}" belongs to no step of this workshop`) };
  }
  return { ok: true, rule, step };
}

/**
 * May this writer write a collection of this step at all right now? Participants
 * only on the current step (or where the rule allows another), never while it is
 * locked, and published silent work only after the reveal. For the islands'
 * controls as much as for the server.
 */
export function stepOpenTo(writer: Writer, step: WorkshopStep, room: RoomView, collection: string): Verdict {
  if (writer.role === 'projector') return no('not_allowed', 'the projector writes nothing');
  if (facilitator(writer)) return OK;
  if (!writer.seat) return no('not_allowed', 'participants write with a seat');
  const rule = COLLECTION_RULES[collection];
  const current = step.id === room.currentStepId || (rule?.writableFrom?.(step, room) ?? false);
  if (!current) return no('not_current', 'this step is not the current one');
  if (room.tools(step.id).locked) return no('locked', 'the facilitator has locked this step');
  if (rule?.viaSeat?.(step)) return no('not_allowed', 'this step is written through your seat; the server publishes it');
  if (rule?.afterReveal?.(step) && !room.tools(step.id).revealed) return no('hidden', 'this step is not revealed yet');
  return OK;
}

/** The text limit of the shared sentence of a step. */
export const SENTENCE_LIMIT = TEXT_LIMITS.statement;
