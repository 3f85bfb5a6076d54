/**
 * Real readers for the export formats, as a person's tools would read them:
 * PDF text through Mozilla's pdf.js, DOCX unzipped (fflate) and its XML read,
 * HTML through parse5 (the WHATWG parsing algorithm), CSV through csv-parse.
 */
import { parse as parseCsvText } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { parse as parseHtml, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** The text of every page, page by page, as pdf.js extracts it (lines joined by spaces). */
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : ''))
        .join('')
        .replace(/\s+/g, ' '),
    );
  }
  await document.destroy();
  return pages;
}

export async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await pdfPages(bytes)).join(' ');
}

/** The files of a DOCX (a zip), by path. */
export function docxFiles(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([path, data]) => [path, strFromU8(data)]));
}

/** The paragraphs of word/document.xml as text, with the paragraph style of each. */
export function docxParagraphs(documentXml: string): { style: string | null; text: string }[] {
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return [...documentXml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? null,
    text: [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
      .map((m) => (m[1] === undefined ? '\n' : unescape(m[1])))
      .join(''),
  }));
}

/** The number of tables and their cell texts, row by row. */
export function docxTables(documentXml: string): string[][][] {
  return [...documentXml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map(([table]) =>
    [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map(([row]) =>
      [...row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([cell]) =>
        docxParagraphs(cell)
          .map((p) => p.text)
          .join('\n'),
      ),
    ),
  );
}

export function htmlDocument(html: string) {
  return parseHtml(html);
}

export function elements(node: Node, tag?: string): Element[] {
  const out: Element[] = [];
  const walk = (n: Node) => {
    if ('tagName' in n && (!tag || n.tagName === tag)) out.push(n);
    if ('childNodes' in n) for (const child of n.childNodes) walk(child);
    if ('content' in n && n.content) walk(n.content as Node);
  };
  walk(node);
  return out;
}

export function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}

export function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

/** CSV rows as records keyed by the header row; `bom: true` strips the byte-order mark. */
export function csvRecords(csv: string, delimiter: string): Record<string, string>[] {
  return parseCsvText(csv, { bom: true, columns: true, delimiter, record_delimiter: '\r\n' }) as Record<
    string,
    string
  >[];
}
