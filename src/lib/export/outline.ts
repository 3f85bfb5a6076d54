/**
 * The export as a format-neutral document in the room's language: a list of
 * blocks (headings, the agreed texts, lists, tables). Markdown, HTML, Word and
 * PDF each only render these blocks, so they say the same thing in the same
 * order. Texts in blocks are plain: every renderer escapes for its own format.
 */
import { translator } from '../../i18n/index.ts';
import { LOCALE_NAMES, type Locale } from '../../model/locale.ts';
import type { Block, Countable, OutlineContext } from './outline-blocks.ts';
import { questionTypeLabel, supportingBlocks } from './outline-steps.ts';
import { resultHeading } from './result-heading.ts';
import type { ExportedResult, ExportModel } from './schema.ts';

export type { Block, OutlineContext } from './outline-blocks.ts';
export { resultHeading };

/** Date conventions per room language; English rooms are most likely in Europe too. */
const INTL_LOCALES: Record<Locale, string> = { da: 'da-DK', nb: 'nb-NO', en: 'en-GB' };

export function outlineContext(model: Pick<ExportModel, 'locale' | 'timeZone'>): OutlineContext {
  const t = translator(model.locale);
  const format = new Intl.DateTimeFormat(INTL_LOCALES[model.locale], {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: model.timeZone,
  });
  const rules = new Intl.PluralRules(model.locale);
  return {
    t,
    locale: model.locale,
    dateTime: (iso) => format.format(new Date(iso)),
    person: (name) => name ?? t('export.anonymous'),
    count: (key, n, params) => {
      const one: `${Countable}.one` = `${key}.one`;
      return t(rules.select(n) === 'one' ? one : key, { ...params, count: n });
    },
  };
}

/** Which columns of a table hold only small numbers (#, rank, dots): renderers keep them narrow. */
export function numericColumns(block: Extract<Block, { type: 'table' }>): boolean[] {
  return block.columns.map(
    (_, i) => block.rows.length > 0 && block.rows.every((row) => /^\d{1,4}$/.test(row[i] ?? '')),
  );
}

/** A date in the export's time zone, as the day only. */
export function dayOf(model: Pick<ExportModel, 'locale' | 'timeZone'>, iso: string): string {
  return new Intl.DateTimeFormat(INTL_LOCALES[model.locale], { dateStyle: 'long', timeZone: model.timeZone }).format(
    new Date(iso),
  );
}

export function exportOutline(model: ExportModel): Block[] {
  const ctx = outlineContext(model);
  const { t } = ctx;
  const blocks: Block[] = [
    { type: 'title', text: `${t('export.heading')}: ${model.workshop.title}` },
    {
      type: 'meta',
      items: [
        ...(model.teamName ? [{ label: t('export.team'), value: model.teamName }] : []),
        { label: t('export.date'), value: ctx.dateTime(model.exportedAt) },
        { label: t('export.started'), value: ctx.dateTime(model.createdAt) },
        { label: t('export.language'), value: LOCALE_NAMES[model.locale] },
        { label: t('export.participants'), value: String(model.participantCount) },
      ],
    },
    { type: 'paragraph', text: t('export.timeZone', { zone: model.timeZone }), muted: true },
    { type: 'heading', level: 2, text: t('export.results') },
  ];
  if (model.results.length === 0) blocks.push({ type: 'paragraph', text: t('export.noResults') });
  for (const result of model.results) blocks.push(...resultBlocks(result, ctx));
  blocks.push({ type: 'heading', level: 2, text: t('export.supporting') });
  for (const step of model.steps) blocks.push(...supportingBlocks(step, ctx));
  blocks.push({ type: 'footer', text: t('export.footer') });
  return blocks;
}

function resultBlocks(result: ExportedResult, ctx: OutlineContext): Block[] {
  const { t } = ctx;
  const heading: Block = { type: 'heading', level: 3, text: resultHeading(result, t) };
  switch (result.kind) {
    case 'statement':
    case 'definition': {
      const caption = [ctx.count('export.words', result.words)];
      caption.push(
        result.agreedAt ? t('export.agreedAt', { date: ctx.dateTime(result.agreedAt) }) : t('export.notAgreed'),
      );
      return [heading, { type: 'statement', text: result.text, caption: caption.join(' · ') }];
    }
    case 'behaviours':
      return [
        heading,
        {
          type: 'table',
          columns: ['#', t('export.behaviour'), t('export.how'), t('export.signs')],
          rows: result.items.map((b) => [String(b.position), b.text, b.how, b.signs]),
        },
      ];
    case 'chosen':
      if (result.sourceKind === 'questions') {
        return [
          heading,
          {
            type: 'table',
            columns: [
              '#',
              t('export.question'),
              t('export.questionType'),
              t('export.moment'),
              t('export.questionPurpose'),
              t('export.dots'),
            ],
            rows: result.items.map((item) => [
              String(item.rank),
              item.text,
              item.question ? questionTypeLabel(item.question.type, t) : '',
              item.question?.momentLabel ?? '',
              item.question?.purpose ?? '',
              String(item.dots),
            ]),
          },
        ];
      }
      return [
        heading,
        {
          type: 'table',
          columns: ['#', t('export.item'), t('export.dots')],
          rows: result.items.map((item) => [
            String(item.rank),
            item.text || t('export.unnamedGroup'),
            String(item.dots),
          ]),
        },
      ];
    case 'groups':
      return [
        heading,
        {
          type: 'list',
          ordered: false,
          items: result.groups.map((g) => ctx.count('export.groupSize', g.size, { name: g.name })),
        },
      ];
  }
}
