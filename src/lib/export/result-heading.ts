/**
 * The heading of one agreed result, shared by the export outline and the
 * room's result step. A module of its own because outline.ts builds its
 * translator from every language's catalog: the result step, which is handed
 * the room's one catalog, imports this and so loads no catalog at all.
 */
import type { Translate } from '../../i18n/index.ts';
import type { ExportedResult } from './schema.ts';

/** The heading an agreed result goes under. */
export function resultHeading(result: ExportedResult, t: Translate): string {
  switch (result.kind) {
    case 'statement':
      return result.agreed ? t('export.purpose') : t('export.purposeDraft');
    case 'definition':
      return t(result.agreed ? 'export.definition' : 'export.definitionDraft', { term: result.term });
    case 'behaviours':
      return t('export.behavioursResult');
    case 'chosen':
      return result.sourceKind === 'questions'
        ? t('export.coreQuestions')
        : t('export.chosen', { title: result.title });
    case 'groups':
      return t('export.commonDenominator');
  }
}
