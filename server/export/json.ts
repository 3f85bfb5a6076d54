/** The export as JSON: the model itself, as `exportSchema` (schema.ts) and docs/export-format.md describe it. */
import type { ExportModel } from '../../src/lib/export/schema.ts';

export function exportToJson(model: ExportModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}
