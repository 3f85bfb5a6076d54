/**
 * Typed access to the gross-list of questions of a questions step
 * (`questions/<stepId>`, a map questionId -> QuestionValue on the board document).
 * Each question is one map entry, so two people adding or editing different
 * questions at once never overwrite each other.
 */
import * as Y from 'yjs';
import { newItemId } from './ids.ts';
import { boardKeys, questionValue, TEXT_LIMITS, type QuestionValue } from './schema.ts';
import type { StepOf } from './workshop.ts';
import { parsedMap } from './yjs-values.ts';

export type QuestionFields = { text: string; type: QuestionValue['type']; moment: string; purpose: string };

/** Edits and removals are for the author or the facilitator. */
export type QuestionActor = { id: string; name: string | null; facilitator: boolean };

export type QuestionErrorCode = 'empty_text' | 'unknown_moment' | 'not_found' | 'not_allowed';
export type QuestionResult = { ok: true; question: QuestionValue } | { ok: false; code: QuestionErrorCode };

const clip = (text: string, max: number) => text.trim().slice(0, max);

export function canChangeQuestion(question: QuestionValue, actor: QuestionActor): boolean {
  return actor.facilitator || question.authorId === actor.id;
}

export class Questions {
  readonly doc: Y.Doc;

  constructor(doc: Y.Doc) {
    this.doc = doc;
  }

  map(stepId: string): Y.Map<unknown> {
    return this.doc.getMap(boardKeys.questions(stepId));
  }

  /** In the order they were asked for; entries that do not parse are skipped. */
  list(stepId: string): QuestionValue[] {
    return [...parsedMap(this.map(stepId), questionValue).values()].sort(
      (a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }

  /** The questions per moment, in the step's order of moments; questions of unknown moments are left out. */
  byMoment(step: Pick<StepOf<'questions'>, 'id' | 'moments'>): { moment: string; questions: QuestionValue[] }[] {
    const all = this.list(step.id);
    return step.moments.map((m) => ({ moment: m.id, questions: all.filter((q) => q.moment === m.id) }));
  }

  add(
    step: Pick<StepOf<'questions'>, 'id' | 'moments'>,
    fields: QuestionFields,
    author: { id: string; name: string | null },
    now = Date.now(),
  ): QuestionResult {
    const checked = this.check(step, fields);
    if (!checked.ok) return checked;
    const question: QuestionValue = {
      id: newItemId(),
      ...checked.fields,
      authorId: author.id,
      authorName: author.name ? clip(author.name, TEXT_LIMITS.name) || null : null,
      at: now,
    };
    this.map(step.id).set(question.id, question);
    return { ok: true, question };
  }

  edit(
    step: Pick<StepOf<'questions'>, 'id' | 'moments'>,
    questionId: string,
    fields: QuestionFields,
    actor: QuestionActor,
  ): QuestionResult {
    const current = this.list(step.id).find((q) => q.id === questionId);
    if (!current) return { ok: false, code: 'not_found' };
    if (!canChangeQuestion(current, actor)) return { ok: false, code: 'not_allowed' };
    const checked = this.check(step, fields);
    if (!checked.ok) return checked;
    const question = { ...current, ...checked.fields };
    this.map(step.id).set(question.id, question);
    return { ok: true, question };
  }

  remove(stepId: string, questionId: string, actor: QuestionActor): QuestionResult {
    const current = this.list(stepId).find((q) => q.id === questionId);
    if (!current) return { ok: false, code: 'not_found' };
    if (!canChangeQuestion(current, actor)) return { ok: false, code: 'not_allowed' };
    this.map(stepId).delete(questionId);
    return { ok: true, question: current };
  }

  private check(
    step: Pick<StepOf<'questions'>, 'moments'>,
    fields: QuestionFields,
  ): { ok: true; fields: QuestionFields } | { ok: false; code: QuestionErrorCode } {
    const text = clip(fields.text, TEXT_LIMITS.question);
    if (!text) return { ok: false, code: 'empty_text' };
    if (!step.moments.some((m) => m.id === fields.moment)) return { ok: false, code: 'unknown_moment' };
    return {
      ok: true,
      fields: {
        text,
        type: fields.type === 'closed' ? 'closed' : 'open',
        moment: fields.moment,
        purpose: clip(fields.purpose, TEXT_LIMITS.questionPurpose),
      },
    };
  }
}
