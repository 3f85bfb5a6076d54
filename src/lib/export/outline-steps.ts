/** The way there: each step's material as outline blocks, after the agreed results. */
import type { Translate } from '../../i18n/index.ts';
import type { Block, OutlineContext } from './outline-blocks.ts';
import type { ExportedStep } from './schema.ts';

export const questionTypeLabel = (type: 'open' | 'closed', t: Translate): string =>
  type === 'open' ? t('export.type.open') : t('export.type.closed');

type StepOf<K extends ExportedStep['kind']> = Extract<ExportedStep, { kind: K }>;

export function supportingBlocks(step: ExportedStep, ctx: OutlineContext): Block[] {
  const material = stepMaterial(step, ctx);
  const carried = carriedBlocks(step, ctx);
  // A brief or result step has nothing of its own; leave it out unless something was brought into it.
  if ((step.kind === 'brief' || step.kind === 'result') && carried.length === 0) return [];
  const body = [...material, ...carried];
  return [
    { type: 'heading', level: 3, text: step.title },
    ...(body.length > 0 ? body : [{ type: 'paragraph', text: ctx.t('export.nothing'), muted: true } as const]),
  ];
}

function stepMaterial(step: ExportedStep, ctx: OutlineContext): Block[] {
  switch (step.kind) {
    case 'brief':
    case 'result':
      return [];
    case 'ladder':
      return ladderBlocks(step, ctx);
    case 'statement':
      return draftBlocks(step, ctx, ctx.t('export.draft'));
    case 'consent':
      return consentBlocks(step, ctx);
    case 'notes':
      return step.notes.length === 0
        ? []
        : [{ type: 'list', ordered: false, items: step.notes.map((n) => noteLine(n, ctx, n.merged)) }];
    case 'group':
      return groupBlocks(step, ctx);
    case 'vote':
      return voteBlocks(step, ctx);
    case 'define':
      return defineBlocks(step, ctx);
    case 'behaviours':
      return step.items.length === 0
        ? []
        : [
            {
              type: 'table',
              columns: ['#', ctx.t('export.behaviour'), ctx.t('export.how'), ctx.t('export.signs'), ctx.t('export.by')],
              rows: step.items.map((b) => [String(b.position), b.text, b.how, b.signs, ctx.person(b.author)]),
            },
          ];
    case 'questions':
      return step.items.length === 0
        ? []
        : [
            {
              type: 'table',
              columns: [
                ctx.t('export.question'),
                ctx.t('export.questionType'),
                ctx.t('export.moment'),
                ctx.t('export.questionPurpose'),
                ctx.t('export.by'),
              ],
              rows: step.items.map((q) => [
                q.text,
                questionTypeLabel(q.type, ctx.t),
                q.momentLabel,
                q.purpose,
                ctx.person(q.author),
              ]),
            },
          ];
  }
}

function noteLine(note: { text: string; author: string | null }, ctx: OutlineContext, merged = 0): string {
  const extra = merged > 0 ? ` ${ctx.t('export.merged', { count: merged + 1 })}` : '';
  return `${note.text}${extra} — ${ctx.person(note.author)}`;
}

function ladderBlocks(step: StepOf<'ladder'>, ctx: OutlineContext): Block[] {
  const { t } = ctx;
  const blocks: Block[] = [
    {
      type: 'table',
      columns: ['#', t('export.ladderQuestion'), t('export.ladderAnswer')],
      rows: step.rungs.map((r) => [String(r.round + 1), r.question, r.answer ?? t('export.noAnswer')]),
    },
  ];
  if (step.answers.length > 0) {
    blocks.push({ type: 'heading', level: 4, text: t('export.allAnswers') });
    blocks.push({
      type: 'list',
      ordered: false,
      items: step.answers.map(
        (a) =>
          `${t('export.round', { n: a.round + 1 })}: ${a.text} — ${ctx.person(a.author)} (${t('export.supporters', { count: a.supporters })})`,
      ),
    });
  }
  return blocks;
}

function draftBlocks(step: StepOf<'statement'> | StepOf<'define'>, ctx: OutlineContext, label: string): Block[] {
  const blocks: Block[] = [{ type: 'paragraph', text: `${label}: ${step.draft || ctx.t('export.nothing')}` }];
  if (step.versions.length > 0) {
    blocks.push({ type: 'heading', level: 4, text: ctx.t('export.versions') });
    blocks.push({
      type: 'list',
      ordered: false,
      items: step.versions.map((v) => `${ctx.dateTime(v.savedAt)}: ${v.text}`),
    });
  }
  return blocks;
}

function consentBlocks(step: StepOf<'consent'>, ctx: OutlineContext): Block[] {
  const { t } = ctx;
  const blocks: Block[] = [];
  if (step.proposal) blocks.push({ type: 'paragraph', text: `${t('export.proposal')}: ${step.proposal}` });
  if (step.proposedAt) blocks.push({ type: 'paragraph', text: t('export.tally', step.tally) });
  if (step.agreedAt) {
    blocks.push({ type: 'paragraph', text: t('export.agreedAt', { date: ctx.dateTime(step.agreedAt) }) });
  }
  if (step.objections.length > 0) {
    blocks.push({ type: 'heading', level: 4, text: t('export.objections') });
    blocks.push({
      type: 'list',
      ordered: false,
      items: step.objections.map((o) => `${ctx.person(o.name)}: ${o.note}`),
    });
  }
  const earlier = step.earlierRounds.filter((r) => r.objections.length > 0);
  if (earlier.length > 0) {
    blocks.push({ type: 'heading', level: 4, text: t('export.earlierObjections') });
    for (const round of earlier) {
      blocks.push({ type: 'paragraph', text: `${t('export.proposal')}: ${round.proposal}` });
      blocks.push({
        type: 'list',
        ordered: false,
        items: round.objections.map((o) => `${ctx.person(o.name)}: ${o.note}`),
      });
    }
  }
  return blocks;
}

function groupBlocks(step: StepOf<'group'>, ctx: OutlineContext): Block[] {
  const blocks: Block[] = [];
  for (const group of step.groups) {
    blocks.push({ type: 'heading', level: 4, text: group.name || ctx.t('export.unnamedGroup') });
    blocks.push(
      group.notes.length > 0
        ? { type: 'list', ordered: false, items: group.notes.map((n) => noteLine(n, ctx)) }
        : { type: 'paragraph', text: ctx.t('export.nothing'), muted: true },
    );
  }
  if (step.ungrouped.length > 0) {
    blocks.push({ type: 'heading', level: 4, text: ctx.t('export.ungrouped') });
    blocks.push({ type: 'list', ordered: false, items: step.ungrouped.map((n) => noteLine(n, ctx)) });
  }
  return blocks;
}

function voteBlocks(step: StepOf<'vote'>, ctx: OutlineContext): Block[] {
  const { t } = ctx;
  // Before the reveal the export holds no result, only how many have voted.
  if (!step.revealed) {
    return step.voters > 0 ? [{ type: 'paragraph', text: t('export.notRevealed'), muted: true }] : [];
  }
  if (step.ranking.length === 0) return [];
  const blocks: Block[] = [
    { type: 'paragraph', text: t('export.votersLine', { voters: step.voters, budget: step.budget }) },
  ];
  if (step.keepTop !== null) blocks.push({ type: 'paragraph', text: t('export.keepTop', { count: step.keepTop }) });
  blocks.push({
    type: 'table',
    columns: [t('export.rank'), t('export.item'), t('export.dots')],
    rows: step.ranking.map((r) => [String(r.rank), r.text || t('export.unnamedGroup'), String(r.dots)]),
  });
  return blocks;
}

function defineBlocks(step: StepOf<'define'>, ctx: OutlineContext): Block[] {
  const { t } = ctx;
  const blocks: Block[] = [];
  if (step.ownDefinitions.length > 0) {
    blocks.push({ type: 'heading', level: 4, text: t('export.ownDefinitions') });
    blocks.push({
      type: 'table',
      columns: [t('export.definitionText'), t('export.by')],
      rows: step.ownDefinitions.map((d) => [d.text, ctx.person(d.author)]),
    });
  }
  return [...blocks, ...draftBlocks(step, ctx, t('export.sharedDraft'))];
}

function carriedBlocks(step: ExportedStep, ctx: OutlineContext): Block[] {
  if (step.carried.length === 0) return [];
  return [
    { type: 'heading', level: 4, text: ctx.t('export.carried') },
    {
      type: 'list',
      ordered: false,
      items: step.carried.map((c) =>
        [c.text, c.detail, c.from ? ctx.t('export.carriedFrom', { from: c.from }) : ''].filter(Boolean).join(' — '),
      ),
    },
  ];
}
