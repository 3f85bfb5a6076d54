/**
 * The export formats and their media types. Kept free of any renderer so the
 * console can list the formats without loading a PDF or Word library.
 */
/** What an export's `format` field says; an import refuses any other file. */
export const EXPORT_FORMAT = 'ledestjerne.export';
/** Bumped when the shape changes: 2 added results per kind and every activity kind. */
export const EXPORT_VERSION = 2;

export const EXPORT_FORMATS = ['pdf', 'docx', 'html', 'md', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const FORMAT_MEDIA_TYPES: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  json: 'application/json; charset=utf-8',
};

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** The address of one format's download. */
/** `invite`: the current participant link's token, once the facilitator has replaced the link (the route checks it). */
export function exportPath(room: string, format: ExportFormat, invite: string | null = null): string {
  const query = invite ? `&invite=${encodeURIComponent(invite)}` : '';
  return `/api/rooms/${encodeURIComponent(room)}/export?format=${format}${query}`;
}
