/**
 * Reads a JSON export sent to start a room from. The format and version are
 * checked first, so an old or foreign file gets a message that says so rather
 * than a list of missing fields; then the whole file is parsed with `exportSchema`.
 */
import { z } from 'zod';
import { EXPORT_FORMAT, EXPORT_VERSION, exportSchema, type ExportModel } from '../export/schema.ts';
import { fieldPath, ImportError } from './errors.ts';

export function readExport(json: unknown, field: string): ExportModel {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ImportError('invalid_import', field, `${field} must be a JSON export of a room (an object).`);
  }
  const { format, version } = json as { format?: unknown; version?: unknown };
  if (format !== EXPORT_FORMAT) {
    throw new ImportError(
      'invalid_import',
      `${field}.format`,
      `${field} is not a Ledestjerne export: "format" must be "${EXPORT_FORMAT}". Use the JSON download of a room.`,
    );
  }
  if (version !== EXPORT_VERSION) {
    throw new ImportError(
      'invalid_import',
      `${field}.version`,
      `${field} has export version ${JSON.stringify(version)}; this server reads version ${EXPORT_VERSION}. Download the room's JSON again.`,
    );
  }
  const parsed = exportSchema.safeParse(json);
  if (!parsed.success) throw fromZod(parsed.error, field);
  if (!isTimeZone(parsed.data.timeZone)) {
    throw new ImportError('invalid_import', `${field}.timeZone`, `${field}.timeZone: unknown time zone.`);
  }
  return parsed.data;
}

/** An ImportError naming the first wrong field. */
export function fromZod(error: z.ZodError, field: string): ImportError {
  const issue = error.issues[0];
  const at = fieldPath(field, issue?.path ?? []);
  return new ImportError('invalid_import', at, `${at}: ${issue?.message ?? 'invalid'}`);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
