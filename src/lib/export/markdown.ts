/** The export as Markdown: results first, then the way there. User text is escaped so it stays text. */
import { translator } from '../../i18n/index.ts';
import type { ExportedStep, ExportModel } from './model.ts';

/** Escapes characters that Markdown or embedded HTML would interpret. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, ' ');
}

export function exportToMarkdown(model: ExportModel): string {
  const t = translator(model.locale);
  const date = (isoDate: string) =>
    new Intl.DateTimeFormat(model.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(
      new Date(isoDate),
    );
  const name = (n: string | null) => escapeMarkdown(n ?? t('export.anonymous'));
  const lines: string[] = [];
  lines.push(`# ${t('export.heading')}: ${escapeMarkdown(model.workshop.title)}`, '');
  lines.push(`- ${t('export.date')}: ${date(model.exportedAt)} (UTC)`);
  lines.push(`- ${t('export.language')}: ${model.locale}`);
  lines.push(`- ${t('export.participants')}: ${model.participantCount}`, '');

  const statement = model.results.statement;
  lines.push(`## ${statement && !statement.agreed ? t('export.purposeDraft') : t('export.purpose')}`, '');
  if (statement) {
    lines.push(`> **${escapeMarkdown(statement.text)}**`, '');
    const meta = [t('export.words', { count: statement.words })];
    if (statement.agreedAt) meta.push(t('export.agreedAt', { date: date(statement.agreedAt) }));
    lines.push(meta.join(' · '), '');
  } else {
    lines.push(t('export.noStatement'), '');
  }

  lines.push(`## ${t('export.supporting')}`, '');
  for (const step of model.steps) lines.push(...stepLines(step, t, name, date));
  lines.push('---', '', t('export.footer'), '');
  return lines.join('\n');
}

type T = ReturnType<typeof translator>;

function stepLines(
  step: ExportedStep,
  t: T,
  name: (n: string | null) => string,
  date: (d: string) => string,
): string[] {
  const out: string[] = [];
  switch (step.kind) {
    case 'ladder': {
      out.push(`### ${escapeMarkdown(step.title)}`, '');
      out.push(`| # | ${t('export.ladderQuestion')} | ${t('export.ladderAnswer')} |`, '|---|---|---|');
      for (const rung of step.rungs) {
        out.push(
          `| ${rung.round + 1} | ${escapeMarkdown(rung.question)} | ${rung.answer ? escapeMarkdown(rung.answer) : t('export.noAnswer')} |`,
        );
      }
      out.push('');
      if (step.answers.length > 0) {
        out.push(`#### ${t('export.allAnswers')}`, '');
        for (const a of step.answers) {
          out.push(
            `- ${t('export.round', { n: a.round + 1 })}: ${escapeMarkdown(a.text)} — ${name(a.author)} (${t('export.supporters', { count: a.supporters })})`,
          );
        }
        out.push('');
      }
      break;
    }
    case 'statement':
      out.push(`### ${escapeMarkdown(step.title)}`, '');
      out.push(`${t('export.draft')}: ${step.draft ? escapeMarkdown(step.draft) : t('export.nothing')}`, '');
      if (step.versions.length > 0) {
        out.push(`#### ${t('export.versions')}`, '');
        for (const v of step.versions) out.push(`- ${date(v.savedAt)}: ${escapeMarkdown(v.text)}`);
        out.push('');
      }
      break;
    case 'consent':
      out.push(`### ${escapeMarkdown(step.title)}`, '');
      if (step.proposal) out.push(`${t('export.proposal')}: ${escapeMarkdown(step.proposal)}`, '');
      out.push(t('export.tally', step.tally), '');
      if (step.objections.length > 0) {
        out.push(`#### ${t('export.objections')}`, '');
        for (const o of step.objections) out.push(`- ${name(o.name)}: ${escapeMarkdown(o.note)}`);
        out.push('');
      }
      break;
    default:
      break;
  }
  return out;
}
