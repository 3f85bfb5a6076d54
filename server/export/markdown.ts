/** The export as Markdown: results first, then the way there. User text is escaped so it stays text. */
import { exportOutline, type Block } from '../../src/lib/export/outline.ts';
import type { ExportModel } from '../../src/lib/export/schema.ts';

/**
 * Escapes characters that Markdown or embedded HTML would interpret, and keeps
 * text on one line. A leading "#", "-", "+" or "1." would start a block even
 * inside a list item or cell, so it is escaped too.
 */
export function escapeMarkdown(text: string): string {
  return escapeCell(text).replace(/^(\s*)(#|[-+](?=\s|$)|\d+(?=[.)](?:\s|$)))/, (_m, space: string, marker: string) =>
    /^\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
  );
}

/** Escapes inline syntax only: inside a table cell nothing can start a block. */
function escapeCell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/\s*\r?\n\s*/g, ' ');
}

export function exportToMarkdown(model: ExportModel): string {
  return `${exportOutline(model).flatMap(blockLines).join('\n')}\n`;
}

function blockLines(block: Block): string[] {
  switch (block.type) {
    case 'title':
      return [`# ${escapeMarkdown(block.text)}`, ''];
    case 'meta':
      return [...block.items.map((i) => `- ${escapeMarkdown(`${i.label}: ${i.value}`)}`), ''];
    case 'heading':
      return [`${'#'.repeat(block.level)} ${escapeMarkdown(block.text)}`, ''];
    case 'statement':
      return [`> **${escapeMarkdown(block.text)}**`, '', escapeMarkdown(block.caption), ''];
    case 'paragraph':
      return [block.muted ? `_${escapeMarkdown(block.text)}_` : escapeMarkdown(block.text), ''];
    case 'list':
      return [...block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${escapeMarkdown(item)}`), ''];
    case 'table': {
      const row = (cells: string[]) => `| ${cells.map((c) => escapeCell(c) || ' ').join(' | ')} |`;
      return [row(block.columns), `|${block.columns.map(() => '---').join('|')}|`, ...block.rows.map(row), ''];
    }
    case 'footer':
      return ['---', '', escapeMarkdown(block.text)];
  }
}
