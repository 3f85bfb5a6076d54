/**
 * `GET /api/rooms/<room>/export?format=…`: the room's result as a download in
 * one of the export formats, built from a snapshot of its two documents.
 */
import type http from 'node:http';
import type { RoomId } from '../../src/model/ids.ts';
import type { Workshop } from '../../src/model/workshop.ts';
import { EXPORT_FORMATS, isExportFormat } from '../../src/lib/export/formats.ts';
import { buildExport, type ExportModel } from '../../src/lib/export/model.ts';
import { renderExport } from '../export/render.ts';
import type { RoomRegistry } from '../rooms/registry.ts';
import type { StoredRoom } from '../storage/types.ts';
import { HttpError } from './json.ts';

/** What a request without `format` gets. */
export const DEFAULT_EXPORT_FORMAT = 'md';

export type ExportRouteOptions = {
  registry: RoomRegistry;
  workshops: ReadonlyMap<string, Workshop>;
};

export async function sendExport(
  res: http.ServerResponse,
  room: StoredRoom,
  requestedFormat: string | null,
  options: ExportRouteOptions,
): Promise<void> {
  const format = requestedFormat ?? DEFAULT_EXPORT_FORMAT;
  if (!isExportFormat(format)) {
    throw new HttpError(400, 'unknown_format', `Unknown format "${format}". Use one of: ${EXPORT_FORMATS.join(', ')}.`);
  }
  const model = roomExportModel(room, options);
  const rendered = await renderExport(model, format);
  const body = typeof rendered.body === 'string' ? Buffer.from(rendered.body, 'utf8') : Buffer.from(rendered.body);
  res.writeHead(200, {
    'content-type': rendered.contentType,
    'content-length': body.length,
    'content-disposition': rendered.disposition,
    'cache-control': 'no-store',
  });
  res.end(body);
}

/** A room's export model, built from a snapshot of its two documents; the poster page reads it too. */
export function roomExportModel(room: StoredRoom, options: ExportRouteOptions): ExportModel {
  const workshop = options.workshops.get(room.workshop);
  if (!workshop) {
    throw new HttpError(404, 'unknown_workshop', `The workshop "${room.workshop}" is no longer installed.`);
  }
  const board = options.registry.snapshot(room.id as RoomId, 'board');
  const control = options.registry.snapshot(room.id as RoomId, 'control');
  try {
    return buildExport({
      room: room.id,
      workshop,
      locale: room.locale,
      createdAt: room.createdAt,
      board,
      control,
    });
  } finally {
    board.destroy();
    control.destroy();
  }
}
