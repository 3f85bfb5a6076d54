/**
 * The part of `POST /api/rooms` that starts a room from exports:
 * - `import`: a room's JSON export; the new room (same workshop) starts with
 *   its results, so exporting it again gives the same JSON.
 * - `carryFrom`: the JSON export of an earlier workshop; its results that flow
 *   on (`carryOut`) are brought along to the steps that take them in (`carryIn`).
 * Both are checked completely before anything is stored: a bad file is a 400
 * naming the field, and no room is created.
 */
import * as Y from 'yjs';
import { planCarry } from '../../src/lib/import/carry.ts';
import { ImportError } from '../../src/lib/import/errors.ts';
import { readExport } from '../../src/lib/import/read-export.ts';
import { rebuildRoom, type RebuiltDocs } from '../../src/lib/import/rebuild.ts';
import { Control } from '../../src/model/control.ts';
import type { Locale } from '../../src/model/locale.ts';

import type { Workshop } from '../../src/model/workshop.ts';
import { HttpError } from './json.ts';

export type RoomStart = { import?: unknown; carryFrom?: unknown };

/** The first update of each document of the new room; null for a room that starts empty. */
export function initialDocs(
  start: RoomStart,
  workshop: Workshop,
  locale: Locale,
  workshops: ReadonlyMap<string, Workshop>,
  now = Date.now(),
): Record<'board' | 'control', Uint8Array> | null {
  if (start.import === undefined && start.carryFrom === undefined) return null;
  let docs: RebuiltDocs | null = null;
  try {
    docs =
      start.import === undefined
        ? { board: new Y.Doc(), control: new Y.Doc() }
        : rebuildRoom(readExport(start.import, 'import'), workshop, 'import');
    if (start.carryFrom !== undefined) bringAlong(docs, start.carryFrom, workshop, locale, workshops, now);
    return { board: Y.encodeStateAsUpdate(docs.board), control: Y.encodeStateAsUpdate(docs.control) };
  } catch (error) {
    if (error instanceof ImportError) throw new HttpError(400, error.code, error.message);
    throw error;
  } finally {
    docs?.board.destroy();
    docs?.control.destroy();
  }
}

function bringAlong(
  docs: RebuiltDocs,
  json: unknown,
  workshop: Workshop,
  locale: Locale,
  workshops: ReadonlyMap<string, Workshop>,
  now: number,
): void {
  const source = readExport(json, 'carryFrom');
  const sourceWorkshop = workshops.get(source.workshop.id);
  if (!sourceWorkshop) {
    throw new ImportError(
      'unknown_workshop',
      'carryFrom.workshop.id',
      `carryFrom is an export of the workshop "${source.workshop.id}" (${source.workshop.title}), which is not installed here.`,
    );
  }
  const control = new Control(docs.control);
  for (const [stepId, items] of planCarry(source, sourceWorkshop, workshop, locale, 'carryFrom')) {
    control.addCarried(stepId, items, now);
  }
}
