import { useMemo } from 'react';
import { buildExport } from '../../lib/export/model.ts';
import type { ExportModel } from '../../lib/export/schema.ts';
import type { Locale } from '../../model/locale.ts';
import type { Workshop } from '../../model/workshop.ts';
import { useDocChanges } from '../../sync/doc-changes.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';

/** The parts of the export model a screen shows; the rest (dates of the room, counts) belongs to the files. */
export type LiveResults = Pick<ExportModel, 'results' | 'steps' | 'teamName' | 'timeZone'>;

/**
 * The room's results built in the browser from the live documents by the very
 * function the server's exports use, so the screen and the files say the same.
 * Rebuilt on every change to either document.
 */
export function useLiveResults(workshop: Workshop, locale: Locale, connection: RoomConnection): LiveResults {
  const { board, control } = connection;
  const version = useDocChanges([board.doc, control.doc]);
  return useMemo(() => {
    const { results, steps, teamName, timeZone } = buildExport({
      room: connection.options.room,
      workshop,
      locale,
      // Only the room's dates need it, and a screen shows none of them.
      createdAt: 0,
      board: board.doc,
      control: control.doc,
    });
    return { results, steps, teamName, timeZone };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, workshop, locale, board, control]);
}
