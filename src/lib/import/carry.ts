/**
 * Results that flow on from one workshop into another: the steps of the
 * earlier workshop with a `carryOut` tag hand their results, read from its JSON
 * export, to every step of the new workshop whose `carryIn` lists that tag.
 * E.g. the common denominator of "good examples" lands on the 5 × why ladder,
 * and each behaviour of "service-minded" on the question list.
 */
import { translator, type Translate } from '../../i18n/index.ts';
import type { CarriedInput } from '../../model/control.ts';
import { newItemId } from '../../model/ids.ts';
import type { Locale } from '../../model/locale.ts';
import { TEXT_LIMITS } from '../../model/schema.ts';
import type { Workshop, WorkshopStep } from '../../model/workshop.ts';
import { dayOf } from '../export/outline.ts';
import { questionTypeLabel } from '../export/outline-steps.ts';
import type { ExportedResult, ExportedStep, ExportModel } from '../export/schema.ts';
import { ImportError } from './errors.ts';

/** What one result becomes on the receiving step. */
type CarriedText = { text: string; detail: string };

/** Carried items by receiving step id. */
export type CarryPlan = Map<string, CarriedInput[]>;

/**
 * The items each step of `target` receives from the export of `sourceWorkshop`.
 * `locale` is the new room's: the origin line and labels are written in it.
 * Throws `nothing_to_carry` when no step of `target` can take anything in.
 */
export function planCarry(
  source: ExportModel,
  sourceWorkshop: Workshop,
  target: Workshop,
  locale: Locale,
  field: string,
): CarryPlan {
  const t = translator(locale);
  const byTag = new Map<string, CarriedText[]>();
  for (const step of sourceWorkshop.steps) {
    if (!step.carryOut) continue;
    const exported = source.steps.find((s) => s.id === step.id && s.kind === step.kind);
    const texts = exported ? resultsOf(step, exported, source, t, locale) : [];
    byTag.set(step.carryOut, [...(byTag.get(step.carryOut) ?? []), ...texts]);
  }
  const from = `${sourceWorkshop.title[locale]} · ${dayOf({ locale, timeZone: source.timeZone }, source.createdAt)}`;
  const plan: CarryPlan = new Map();
  for (const step of target.steps) {
    const texts = (step.carryIn ?? []).flatMap((tag) => byTag.get(tag) ?? []);
    if (texts.length > 0)
      plan.set(
        step.id,
        texts.map((c) => ({ id: newItemId(), ...c, from })),
      );
  }
  if (plan.size === 0) {
    const handsOn = [...byTag.keys()];
    const takesIn = [...new Set(target.steps.flatMap((s) => s.carryIn ?? []))];
    const why = handsOn.some((tag) => takesIn.includes(tag))
      ? 'the results it could hand on are still empty'
      : `it hands on ${listOr(handsOn, 'nothing')}, and it takes in ${listOr(takesIn, 'nothing')}`;
    throw new ImportError(
      'nothing_to_carry',
      field,
      `This export has no results that "${target.title[locale]}" can take in: ${why}.`,
    );
  }
  return plan;
}

const listOr = (tags: string[], none: string) => (tags.length > 0 ? tags.map((tag) => `"${tag}"`).join(', ') : none);
const clip = (text: string, max: number) => text.trim().slice(0, max);
const carried = (text: string, detail = ''): CarriedText[] =>
  text.trim() ? [{ text: clip(text, TEXT_LIMITS.story), detail: clip(detail, TEXT_LIMITS.story) }] : [];
const lines = (...parts: (string | false)[]) => parts.filter(Boolean).join('\n');

/** What a step hands on: its agreed result where it has one, otherwise what it holds. */
function resultsOf(
  step: WorkshopStep,
  exported: ExportedStep,
  model: ExportModel,
  t: Translate,
  locale: Locale,
): CarriedText[] {
  const result = <K extends ExportedResult['kind']>(kind: K) =>
    model.results.find((r): r is Extract<ExportedResult, { kind: K }> => r.kind === kind && r.stepId === step.id);
  switch (exported.kind) {
    // The agreed text, or the latest draft: not every workshop puts its sentence to a consent round.
    case 'statement': {
      const text = result('statement');
      return text ? carried(text.text) : [];
    }
    case 'define': {
      const text = result('definition');
      const term = step.kind === 'define' ? step.term[locale] : exported.term;
      return text ? carried(text.text, t('export.definition', { term })) : [];
    }
    case 'consent':
      return exported.agreedText ? carried(exported.agreedText) : [];
    case 'ladder':
      return carried(exported.rungs.findLast((r) => r.answer !== null)?.answer ?? '');
    case 'notes':
      return exported.notes.flatMap((n) => carried(n.text));
    case 'group':
      return exported.groups.flatMap((g) => carried(g.name));
    case 'behaviours':
      return exported.items.flatMap((b) =>
        carried(
          b.text,
          lines(b.how.trim() && `${t('export.how')}: ${b.how}`, b.signs.trim() && `${t('export.signs')}: ${b.signs}`),
        ),
      );
    case 'questions': {
      // The core list when a vote chose one from these questions, else the whole gross-list.
      const chosen = model.results.find((r) => r.kind === 'chosen' && r.sourceStepId === step.id);
      const ids = chosen?.kind === 'chosen' ? new Set(chosen.items.map((i) => i.id)) : null;
      const moments = step.kind === 'questions' ? step.moments : [];
      return exported.items
        .filter((q) => !ids || ids.has(q.id))
        .flatMap((q) => {
          const moment = moments.find((m) => m.id === q.moment)?.label[locale] ?? q.momentLabel;
          return carried(q.text, lines(`${questionTypeLabel(q.type, t)} · ${moment}`, q.purpose));
        });
    }
    case 'vote': {
      const chosen = result('chosen');
      const items = chosen ? chosen.items : exported.ranking.filter((i) => i.dots > 0);
      return items.flatMap((i) => carried(i.text));
    }
    case 'brief':
    case 'result':
      return [];
  }
}
