/**
 * The export as a PDF, made on the server with pdfkit, so it needs no browser
 * and no print dialog. The standard PDF fonts only know Latin-1, so DejaVu Sans
 * (from the `dejavu-fonts-ttf` package) is embedded: æ ø å and any other
 * letter a participant types come out as themselves, and stay extractable text.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { exportOutline, numericColumns, type Block } from '../../src/lib/export/outline.ts';
import type { ExportModel } from '../../src/lib/export/schema.ts';

const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  italic: 'dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf',
} as const;
type FontName = keyof typeof FONT_FILES;

let fontCache: Record<FontName, Buffer> | null = null;
/** Read once: the files do not change while the server runs. */
function fonts(): Record<FontName, Buffer> {
  fontCache ??= {
    regular: fs.readFileSync(require.resolve(FONT_FILES.regular)),
    bold: fs.readFileSync(require.resolve(FONT_FILES.bold)),
    italic: fs.readFileSync(require.resolve(FONT_FILES.italic)),
  };
  return fontCache;
}

const PAGE_MARGIN_PT = 56;
const INK = '#1d2430';
const MUTED = '#5b6472';
const ACCENT = '#1f4e8c';
const LINE = '#c9cfd8';
const HEADER_FILL = '#eef2f7';
const SIZES = { title: 22, h2: 16, h3: 13, h4: 11, body: 10.5, statement: 20, small: 9 } as const;
/** A heading needs this much room under it, or it moves to the next page with its content. */
const KEEP_WITH_NEXT_PT = 80;
const LIST_INDENT_PT = 16;
const NUMBER_COLUMN_PT = 28;
const CELL_PADDING_PT = 4;

type Doc = InstanceType<typeof PDFDocument>;

export async function exportToPdf(model: ExportModel): Promise<Uint8Array> {
  const blocks = exportOutline(model);
  const title = blocks.find((b) => b.type === 'title')?.text ?? model.workshop.title;
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE_MARGIN_PT,
    bufferPages: true,
    lang: model.locale,
    displayTitle: true,
    info: { Title: title, Creator: 'Ledestjerne', Producer: 'Ledestjerne' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const f = fonts();
  for (const name of Object.keys(f) as FontName[]) doc.registerFont(name, f[name]);
  doc.font('regular').fontSize(SIZES.body).fillColor(INK);
  for (const block of blocks) renderBlock(doc, block);
  numberPages(doc, model.workshop.title);
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const spaceLeft = (doc: Doc) => doc.page.height - doc.page.margins.bottom - doc.y;

function ensureSpace(doc: Doc, needed: number): void {
  if (spaceLeft(doc) < needed) doc.addPage();
}

function write(doc: Doc, text: string, font: FontName, size: number, color = INK, gapAfter = 4): void {
  doc.font(font).fontSize(size).fillColor(color);
  doc.text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(gapAfter / size);
}

function renderBlock(doc: Doc, block: Block): void {
  const left = doc.page.margins.left;
  switch (block.type) {
    case 'title':
      return write(doc, block.text, 'bold', SIZES.title, INK, 10);
    case 'meta':
      for (const item of block.items) write(doc, `${item.label}: ${item.value}`, 'regular', SIZES.body, INK, 1);
      return;
    case 'heading': {
      const size = block.level === 2 ? SIZES.h2 : block.level === 3 ? SIZES.h3 : SIZES.h4;
      ensureSpace(doc, KEEP_WITH_NEXT_PT);
      doc.moveDown(block.level === 2 ? 0.8 : 0.4);
      write(doc, block.text, 'bold', size, block.level === 2 ? ACCENT : INK, 2);
      if (block.level === 2) {
        doc
          .moveTo(left, doc.y)
          .lineTo(left + contentWidth(doc), doc.y)
          .lineWidth(1.5)
          .strokeColor(ACCENT)
          .stroke();
        doc.moveDown(0.5);
      }
      return;
    }
    case 'statement':
      return statementBox(doc, block);
    case 'paragraph':
      return write(doc, block.text, block.muted ? 'italic' : 'regular', SIZES.body, block.muted ? MUTED : INK, 6);
    case 'list':
      for (const [i, item] of block.items.entries()) {
        doc.font('regular').fontSize(SIZES.body).fillColor(INK);
        ensureSpace(doc, doc.heightOfString(item, { width: contentWidth(doc) - LIST_INDENT_PT }));
        const y = doc.y;
        doc.text(block.ordered ? `${i + 1}.` : '•', left, y, { width: LIST_INDENT_PT, lineBreak: false });
        doc.text(item, left + LIST_INDENT_PT, y, { width: contentWidth(doc) - LIST_INDENT_PT });
        doc.moveDown(0.2);
      }
      doc.moveDown(0.3);
      return;
    case 'table':
      return table(doc, block);
    case 'footer':
      doc.moveDown(1.5);
      return write(doc, block.text, 'italic', SIZES.small, MUTED);
  }
}

/** The agreed text, large and centred in a frame, kept on one page. */
function statementBox(doc: Doc, block: Extract<Block, { type: 'statement' }>): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const padding = 16;
  doc.font('bold').fontSize(SIZES.statement);
  const textHeight = doc.heightOfString(block.text, { width: width - 2 * padding, align: 'center' });
  const boxHeight = textHeight + 2 * padding;
  ensureSpace(doc, boxHeight + 30);
  const top = doc.y + 4;
  doc.roundedRect(left, top, width, boxHeight, 8).lineWidth(2.5).strokeColor(ACCENT).stroke();
  doc
    .fillColor(ACCENT)
    .text(block.text, left + padding, top + padding, { width: width - 2 * padding, align: 'center' });
  doc.y = top + boxHeight + 6;
  doc.font('regular').fontSize(SIZES.body).fillColor(MUTED);
  doc.text(block.caption, left, doc.y, { width, align: 'center' });
  doc.moveDown(1);
}

function table(doc: Doc, block: Extract<Block, { type: 'table' }>): void {
  // Columns of small numbers (#, rank, dots) get a narrow fixed width; text columns share the rest.
  const numeric = numericColumns(block);
  // Wide enough for the header word in bold, plus the cell padding on both sides.
  const numberWidth = (header: string) =>
    Math.max(NUMBER_COLUMN_PT, doc.font('bold').fontSize(SIZES.body).widthOfString(header) + 2 * CELL_PADDING_PT + 2);
  doc.font('regular').fontSize(SIZES.body).fillColor(INK);
  doc.table({
    position: { x: doc.page.margins.left, y: doc.y },
    maxWidth: contentWidth(doc),
    columnStyles: (i: number) => (numeric[i] ? { width: numberWidth(block.columns[i] ?? '') } : { width: '*' }),
    defaultStyle: { border: 0.75, borderColor: LINE, padding: CELL_PADDING_PT },
    data: [
      block.columns.map((text) => ({
        text,
        font: { src: 'bold', size: SIZES.body },
        backgroundColor: HEADER_FILL,
        type: 'TH' as const,
      })),
      ...block.rows.map((row) => row.map((text) => ({ text, font: { src: 'regular', size: SIZES.body } }))),
    ],
  });
  doc.x = doc.page.margins.left;
  doc.moveDown(0.8);
}

/** "Title · 2 / 5" at the foot of every page, once the page count is known. */
function numberPages(doc: Doc, title: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Writing inside the bottom margin would start a new page; lift the margin while we write.
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(SIZES.small).fillColor(MUTED);
    doc.text(
      `${title} · ${i + 1} / ${range.count}`,
      doc.page.margins.left,
      doc.page.height - bottom / 2 - SIZES.small,
      {
        width: contentWidth(doc),
        align: 'center',
        lineBreak: false,
      },
    );
    doc.page.margins.bottom = bottom;
  }
}
