/**
 * Renders the export model in one format. Server-side only: the PDF and Word
 * renderers are Node libraries.
 */
import { exportToCsv } from './csv.ts';
import { exportToDocx } from './docx.ts';
import { contentDisposition, exportFileName } from './file-name.ts';
import { FORMAT_MEDIA_TYPES, type ExportFormat } from '../../src/lib/export/formats.ts';
import { exportToHtml } from './html.ts';
import { exportToJson } from './json.ts';
import { exportToMarkdown } from './markdown.ts';
import { exportToPdf } from './pdf.ts';
import type { ExportModel } from '../../src/lib/export/schema.ts';

export type RenderedExport = {
  body: string | Uint8Array;
  contentType: string;
  /** The Content-Disposition header: an attachment with the workshop and date in its name. */
  disposition: string;
};

const RENDERERS: Record<ExportFormat, (model: ExportModel) => string | Promise<Uint8Array>> = {
  pdf: exportToPdf,
  docx: exportToDocx,
  html: exportToHtml,
  md: exportToMarkdown,
  csv: exportToCsv,
  json: exportToJson,
};

export async function renderExport(model: ExportModel, format: ExportFormat): Promise<RenderedExport> {
  return {
    body: await RENDERERS[format](model),
    contentType: FORMAT_MEDIA_TYPES[format],
    disposition: contentDisposition(exportFileName(model, format)),
  };
}
