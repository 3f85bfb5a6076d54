/**
 * The export as one standalone web page: no scripts, no external files (the
 * styles are inline, and a Content-Security-Policy forbids loading anything),
 * readable on screen and printable as it is. Every user text is escaped.
 */
import { exportOutline, type Block } from '../../src/lib/export/outline.ts';
import type { ExportModel } from '../../src/lib/export/schema.ts';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

const STYLES = `
:root { color-scheme: light; --ink: #1d2430; --muted: #5b6472; --line: #c9cfd8; --accent: #1f4e8c; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 52rem; padding: 2.5rem 1.5rem 4rem; color: var(--ink); background: #fff;
  font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 1rem; }
h2 { font-size: 1.45rem; margin: 2.5rem 0 1rem; padding-bottom: 0.3rem; border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.2rem; margin: 1.8rem 0 0.6rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 0.4rem; }
p, li, td, th, dd { white-space: pre-line; overflow-wrap: break-word; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0 0 0.5rem; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
.muted { color: var(--muted); font-size: 0.92rem; }
figure.statement { margin: 0.5rem 0 1.5rem; padding: 1.5rem 1.75rem; border: 3px solid var(--accent); border-radius: 0.75rem; }
figure.statement blockquote { margin: 0; font-size: 1.9rem; line-height: 1.25; font-weight: 700; }
figure.statement blockquote p { margin: 0; }
figure.statement figcaption { margin-top: 0.75rem; color: var(--muted); }
table { width: 100%; border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: 0.4rem 0.55rem; text-align: left; vertical-align: top; }
thead th { background: #eef2f7; }
footer { margin-top: 3rem; padding-top: 0.75rem; border-top: 1px solid var(--line); color: var(--muted); }
@page { margin: 18mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2, h3, h4 { break-after: avoid; }
  figure.statement, tr { break-inside: avoid; }
  thead { display: table-header-group; }
}
`;

export function exportToHtml(model: ExportModel): string {
  const blocks = exportOutline(model);
  const title = blocks.find((b) => b.type === 'title')?.text ?? model.workshop.title;
  const body = blocks.map(renderBlock).join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(model.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="Ledestjerne">
<title>${escapeHtml(title)}</title>
<style>${STYLES}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function renderBlock(block: Block): string {
  switch (block.type) {
    case 'title':
      return `<h1>${escapeHtml(block.text)}</h1>`;
    case 'meta':
      return `<dl class="meta">${block.items
        .map((i) => `<dt>${escapeHtml(i.label)}</dt><dd>${escapeHtml(i.value)}</dd>`)
        .join('')}</dl>`;
    case 'heading':
      return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
    case 'statement':
      return `<figure class="statement"><blockquote><p>${escapeHtml(block.text)}</p></blockquote><figcaption>${escapeHtml(block.caption)}</figcaption></figure>`;
    case 'paragraph':
      return `<p${block.muted ? ' class="muted"' : ''}>${escapeHtml(block.text)}</p>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</${tag}>`;
    }
    case 'table':
      return `<table><thead><tr>${block.columns
        .map((c) => `<th scope="col">${escapeHtml(c)}</th>`)
        .join('')}</tr></thead><tbody>${block.rows
        .map((row) => `<tr>${row.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
    case 'footer':
      return `<footer>${escapeHtml(block.text)}</footer>`;
  }
}
