/**
 * The export as a Word document (`docx` package): real heading styles (so
 * Word's navigation pane and table of contents work), the agreed texts set
 * large in a frame, and tables for behaviours, questions and votes.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
} from 'docx';
import { exportOutline, numericColumns, type Block } from '../../src/lib/export/outline.ts';
import type { ExportModel } from '../../src/lib/export/schema.ts';

const ACCENT = '1F4E8C';
const MUTED = '5B6472';
const LINE = 'C9CFD8';
const HEADER_FILL = 'EEF2F7';
/** docx sizes are half-points. */
const BODY_SIZE = 22;
const STATEMENT_SIZE = 44;
const WORD_LANGUAGES = { da: 'da-DK', nb: 'nb-NO', en: 'en-GB' } as const;
const HEADINGS = { 2: HeadingLevel.HEADING_1, 3: HeadingLevel.HEADING_2, 4: HeadingLevel.HEADING_3 } as const;

/** Runs of one text; a line break in the text becomes a line break in Word. */
function runs(text: string, options: Omit<IRunOptions, 'text' | 'break'> = {}): TextRun[] {
  return text.split(/\r?\n/).map((line, i) => new TextRun({ ...options, text: line, ...(i > 0 ? { break: 1 } : {}) }));
}

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: LINE };
const frame = { style: BorderStyle.SINGLE, size: 18, color: ACCENT, space: 10 };

/** A4 width less docx's default margins of one inch each side, in twentieths of a point. */
const CONTENT_WIDTH_TWIPS = 11906 - 2 * 1440;
const NUMBER_COLUMN_TWIPS = 560;
const TWIPS_PER_HEADER_CHAR = 150;

/** Narrow columns for numbers (wide enough for their header); text columns share the rest. */
function columnWidths(block: Extract<Block, { type: 'table' }>): number[] {
  const numeric = numericColumns(block);
  const narrow = block.columns.map((header, i) =>
    numeric[i] ? Math.max(NUMBER_COLUMN_TWIPS, header.length * TWIPS_PER_HEADER_CHAR + 300) : 0,
  );
  const textColumns = numeric.filter((n) => !n).length;
  const rest = (CONTENT_WIDTH_TWIPS - narrow.reduce((a, b) => a + b, 0)) / Math.max(1, textColumns);
  return narrow.map((width) => Math.round(width || rest));
}

function table(block: Extract<Block, { type: 'table' }>): Table {
  const widths = columnWidths(block);
  const cell = (text: string, header: boolean, column: number) =>
    new TableCell({
      children: [new Paragraph({ children: runs(text, { bold: header }) })],
      width: { size: widths[column] ?? 0, type: WidthType.DXA },
      borders: { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder },
      margins: { top: 60, bottom: 60, left: 100, right: 100 },
      ...(header ? { shading: { type: ShadingType.CLEAR, fill: HEADER_FILL, color: 'auto' } } : {}),
    });
  return new Table({
    width: { size: CONTENT_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: block.columns.map((c, i) => cell(c, true, i)) }),
      ...block.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((c, i) => cell(c, false, i)) })),
    ],
  });
}

function render(block: Block): (Paragraph | Table)[] {
  switch (block.type) {
    case 'title':
      return [new Paragraph({ heading: HeadingLevel.TITLE, children: runs(block.text) })];
    case 'meta':
      return block.items.map(
        (i) => new Paragraph({ children: [new TextRun({ text: `${i.label}: `, bold: true }), ...runs(i.value)] }),
      );
    case 'heading':
      // keepNext: a heading never ends a page without its content.
      return [new Paragraph({ heading: HEADINGS[block.level], keepNext: true, children: runs(block.text) })];
    case 'statement':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          keepNext: true,
          border: { top: frame, bottom: frame, left: frame, right: frame },
          spacing: { before: 200, after: 120 },
          children: runs(block.text, { bold: true, size: STATEMENT_SIZE, color: ACCENT }),
        }),
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 240 },
          children: runs(block.caption, { color: MUTED }),
        }),
      ];
    case 'paragraph':
      return [new Paragraph({ children: runs(block.text, block.muted ? { color: MUTED, italics: true } : {}) })];
    case 'list':
      return block.items.map((item, i) =>
        block.ordered
          ? new Paragraph({ indent: { left: 360 }, children: runs(`${i + 1}. ${item}`) })
          : new Paragraph({ bullet: { level: 0 }, children: runs(item) }),
      );
    case 'table':
      return [table(block), new Paragraph({ children: [] })];
    case 'footer':
      return [new Paragraph({ spacing: { before: 480 }, children: runs(block.text, { color: MUTED, italics: true }) })];
  }
}

export async function exportToDocx(model: ExportModel): Promise<Uint8Array> {
  const blocks = exportOutline(model);
  const title = blocks.find((b) => b.type === 'title')?.text ?? model.workshop.title;
  const document = new Document({
    title,
    creator: 'Ledestjerne',
    description: model.workshop.title,
    styles: {
      default: {
        document: {
          run: { font: 'Calibri', size: BODY_SIZE, language: { value: WORD_LANGUAGES[model.locale] } },
          paragraph: { spacing: { after: 100 } },
        },
        title: { run: { font: 'Calibri', size: 48, bold: true, color: '1D2430' } },
        heading1: {
          run: { font: 'Calibri', size: 32, bold: true, color: ACCENT },
          paragraph: { spacing: { before: 360, after: 120 } },
        },
        heading2: {
          run: { font: 'Calibri', size: 26, bold: true, color: '1D2430' },
          paragraph: { spacing: { before: 240, after: 80 } },
        },
        heading3: {
          run: { font: 'Calibri', size: 23, bold: true, color: '1D2430' },
          paragraph: { spacing: { before: 160, after: 60 } },
        },
      },
    },
    sections: [{ children: blocks.flatMap(render) }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
