/**
 * The list activities as one CSV (csv-stringify): one row per item, with a
 * `list` column naming the step it belongs to, so a spreadsheet can filter or
 * pivot on it. Lists: the why-ladder's answers (with round, question and the
 * pick), notes (with their group), own definitions, behaviours, questions and
 * vote rankings. Quoting and CRLF line ends follow RFC 4180;
 * a UTF-8 byte-order mark makes Excel read æ ø å. Danish and Norwegian
 * spreadsheets expect ";" between fields, English ones ",".
 * An anonymous contribution has an empty author cell.
 */
import { stringify } from 'csv-stringify/sync';
import { translator, type Translate } from '../../src/i18n/index.ts';
import type { Locale } from '../../src/model/locale.ts';
import { questionTypeLabel } from '../../src/lib/export/outline-steps.ts';
import type { ExportedStep, ExportModel } from '../../src/lib/export/schema.ts';

export const CSV_DELIMITERS: Record<Locale, string> = { da: ';', nb: ';', en: ',' };

const COLUMNS = [
  'list',
  'step',
  'position',
  'text',
  'how',
  'signs',
  'type',
  'moment',
  'purpose',
  'group',
  'dots',
  'chosen',
  'author',
  'round',
  'question',
  'supporters',
] as const;
type Column = (typeof COLUMNS)[number];
type Row = Partial<Record<Column, string | number>>;

const HEADER_KEYS = {
  list: 'export.csv.list',
  step: 'export.csv.step',
  position: 'export.csv.position',
  text: 'export.csv.text',
  how: 'export.how',
  signs: 'export.signs',
  type: 'export.questionType',
  moment: 'export.moment',
  purpose: 'export.questionPurpose',
  group: 'export.csv.group',
  dots: 'export.dots',
  chosen: 'export.csv.chosen',
  author: 'export.by',
  round: 'export.csv.round',
  question: 'export.csv.question',
  supporters: 'export.csv.supporters',
} as const satisfies Record<Column, string>;

export function exportToCsv(model: ExportModel): string {
  const t = translator(model.locale);
  const rows = model.steps.flatMap((step) =>
    listRows(step, model.steps, t).map((row) => ({ list: step.title, step: step.id, ...row })),
  );
  return stringify(rows, {
    bom: true,
    delimiter: CSV_DELIMITERS[model.locale],
    record_delimiter: 'windows',
    header: true,
    columns: COLUMNS.map((c) => ({ key: c, header: t(HEADER_KEYS[c]) })),
    cast: { string: neutralizeFormula },
  });
}

/**
 * A cell starting with = + - @ (or a tab or carriage return) is run as a formula
 * by spreadsheets; a leading apostrophe keeps a participant's text as text (OWASP's advice).
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The group each note of `notesStepId` was put in by the last group step that sorted it. */
function groupNames(notesStepId: string, steps: readonly ExportedStep[], t: Translate): Map<string, string> {
  const names = new Map<string, string>();
  for (const step of steps) {
    if (step.kind !== 'group' || step.source !== notesStepId) continue;
    for (const group of step.groups) {
      for (const note of group.notes) names.set(note.id, group.name || t('export.unnamedGroup'));
    }
  }
  return names;
}

function listRows(step: ExportedStep, steps: readonly ExportedStep[], t: Translate): Row[] {
  const author = (name: string | null) => name ?? '';
  switch (step.kind) {
    case 'notes': {
      const groups = groupNames(step.id, steps, t);
      return step.notes.map((n, i) => ({
        position: i + 1,
        text: n.text,
        group: groups.get(n.id) ?? '',
        author: author(n.author),
      }));
    }
    case 'define':
      return step.ownDefinitions.map((d, i) => ({ position: i + 1, text: d.text, author: author(d.author) }));
    case 'behaviours':
      return step.items.map((b) => ({
        position: b.position,
        text: b.text,
        how: b.how,
        signs: b.signs,
        author: author(b.author),
      }));
    case 'questions':
      return step.items.map((q, i) => ({
        position: i + 1,
        text: q.text,
        type: questionTypeLabel(q.type, t),
        moment: q.momentLabel,
        purpose: q.purpose,
        author: author(q.author),
      }));
    case 'vote':
      return voteRows(step, steps, t);
    case 'ladder':
      return ladderRows(step, t);
    default:
      return [];
  }
}

/**
 * One row per answer, round by round (most supported first, as on the screens),
 * with the round's question and the picked answer marked "chosen": the ladder
 * is the 5 × why's list, and without it the CSV of that workshop was only a header.
 */
function ladderRows(step: Extract<ExportedStep, { kind: 'ladder' }>, t: Translate): Row[] {
  const rows: Row[] = [];
  for (const rung of step.rungs) {
    const answers = step.answers.filter((a) => a.round === rung.round);
    const base = { round: rung.round + 1, question: rung.question };
    const yes = t('export.csv.yes');
    let picked = false;
    answers.forEach((a, i) => {
      const chosen = !picked && rung.answer !== null && a.text === rung.answer;
      picked ||= chosen;
      rows.push({
        ...base,
        position: i + 1,
        text: a.text,
        supporters: a.supporters,
        chosen: chosen ? yes : '',
        author: a.author ?? '',
      });
    });
    // A picked answer its author removed afterwards is still the rung the next question stood on.
    if (!picked && rung.answer !== null)
      rows.push({ ...base, position: answers.length + 1, text: rung.answer, chosen: yes });
  }
  return rows;
}

function voteRows(step: Extract<ExportedStep, { kind: 'vote' }>, steps: readonly ExportedStep[], t: Translate): Row[] {
  const source = steps.find((s) => s.id === step.source);
  return step.ranking.map((item, index) => {
    const row: Row = {
      position: item.rank,
      text: item.text || t('export.unnamedGroup'),
      dots: item.dots,
      chosen: step.keepTop !== null && index < step.keepTop && item.dots > 0 ? t('export.csv.yes') : '',
    };
    if (source?.kind === 'questions') {
      const q = source.items.find((i) => i.id === item.id);
      if (q) Object.assign(row, { type: questionTypeLabel(q.type, t), moment: q.momentLabel, purpose: q.purpose });
    }
    if (source?.kind === 'behaviours') {
      const b = source.items.find((i) => i.id === item.id);
      if (b) Object.assign(row, { how: b.how, signs: b.signs });
    }
    return row;
  });
}
