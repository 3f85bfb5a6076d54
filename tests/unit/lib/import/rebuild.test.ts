/**
 * Rebuilding documents from an export, in memory: export → documents → export
 * gives the same JSON, for a room that used every activity kind and for a full
 * 5 × why; bad exports are refused with the field that is wrong.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildExport, type ExportModel } from '../../../../src/lib/export/model.ts';
import { ImportError } from '../../../../src/lib/import/errors.ts';
import { readExport } from '../../../../src/lib/import/read-export.ts';
import { rebuildRoom } from '../../../../src/lib/import/rebuild.ts';
import type { Workshop } from '../../../../src/model/workshop.ts';
import { exportOfRun } from '../../../helpers/five-whys-run.ts';
import { Behaviours } from '../../../../src/model/behaviours.ts';
import { Board } from '../../../../src/model/board.ts';
import { Control } from '../../../../src/model/control.ts';
import { Define } from '../../../../src/model/define.ts';
import { exportOfFullRun, fullWorkshop, T0 } from '../export/full-run.ts';

/** The export of the rebuilt documents, as a new room would give it. */
function roundTrip(model: ExportModel, workshop: Workshop): ExportModel {
  const docs = rebuildRoom(readExport(JSON.parse(JSON.stringify(model)), 'import'), workshop, 'import');
  // Through an update, as storage holds it.
  const board = new Y.Doc();
  const control = new Y.Doc();
  Y.applyUpdate(board, Y.encodeStateAsUpdate(docs.board));
  Y.applyUpdate(control, Y.encodeStateAsUpdate(docs.control));
  return buildExport({
    room: 'new-room',
    workshop,
    locale: model.locale,
    createdAt: Date.parse(model.createdAt) + 1,
    board,
    control,
    now: Date.parse(model.exportedAt) + 1,
  });
}

const withoutRoom = ({ room: _room, createdAt: _c, exportedAt: _e, ...rest }: ExportModel) => rest;

function importError(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected an ImportError');
}

describe('rebuildRoom', () => {
  it('gives back the same export for a room that used every activity kind', () => {
    const { run, model } = exportOfFullRun('da');
    expect(withoutRoom(roundTrip(model, run.workshop))).toEqual(withoutRoom(model));
  });

  it('gives back the same export for a full 5 × why, in every language', () => {
    for (const locale of ['da', 'nb', 'en'] as const) {
      const { run, model } = exportOfRun(locale);
      expect(withoutRoom(roundTrip(model, run.workshop))).toEqual(withoutRoom(model));
    }
  });

  it('counts people across steps as the room did, when no one step had them all', () => {
    const workshop = fullWorkshop();
    const board = new Y.Doc();
    const control = new Y.Doc();
    const define = new Define(board);
    define.publishOwn('define', { id: 'device-a', name: 'Ada' }, 'Nysgjerrig', T0);
    define.publishOwn('define', { id: 'device-b', name: null }, 'Ærlig', T0);
    // Own definitions are on the board only once revealed.
    new Control(control).setRevealed('define', true);
    new Behaviours(board).add(
      'behaviours',
      { text: 'Vi ringer op', how: '', signs: '' },
      { id: 'device-c', name: 'Cy' },
    );
    new Control(control).propose('agree-purpose', 'Vi hjælper', T0);
    new Board(board).castConsent('agree-purpose', { id: 'device-d', name: 'Di' }, 'agree', '', T0, T0 + 1);
    const model = buildExport({ room: 'r', workshop, locale: 'nb', createdAt: T0, board, control, now: T0 + 9 });
    expect(model.participantCount).toBe(4);
    expect(withoutRoom(roundTrip(model, workshop))).toEqual(withoutRoom(model));
  });

  it('refuses a note that is too long, naming it', () => {
    const { run, model } = exportOfFullRun('da');
    const json = JSON.parse(JSON.stringify(model));
    const stories = json.steps.findIndex((s: { id: string }) => s.id === 'stories');
    json.steps[stories].notes[1].text = 'x'.repeat(5000);
    const error = importError(() => rebuildRoom(readExport(json, 'import'), run.workshop, 'import'));
    expect(error.code).toBe('invalid_import');
    expect(error.field).toBe(`import.steps[${stories}].notes[1].text`);
  });

  it('refuses a group that holds a note its notes step does not have', () => {
    const { run, model } = exportOfFullRun('da');
    const json = JSON.parse(JSON.stringify(model));
    const themes = json.steps.findIndex((s: { id: string }) => s.id === 'themes');
    json.steps[themes].groups[0].notes[0].id = 'no-such-note';
    const error = importError(() => rebuildRoom(readExport(json, 'import'), run.workshop, 'import'));
    expect(error.field).toBe(`import.steps[${themes}].groups[0].notes[0].id`);
  });

  it('refuses a ballot over the budget', () => {
    const { run, model } = exportOfFullRun('da');
    const json = JSON.parse(JSON.stringify(model));
    const core = json.steps.findIndex((s: { id: string }) => s.id === 'core');
    const item = json.steps[core].ranking[0].id;
    json.steps[core].ballots[0] = { [item]: 9 };
    const error = importError(() => rebuildRoom(readExport(json, 'import'), run.workshop, 'import'));
    expect(error.field).toBe(`import.steps[${core}].ballots[0]`);
  });

  it('refuses an export of another workshop', () => {
    const { model } = exportOfFullRun('da');
    const { run } = exportOfRun('da');
    const error = importError(() => rebuildRoom(model, run.workshop, 'import'));
    expect(error.code).toBe('workshop_mismatch');
  });

  it('names format and version problems before anything else', () => {
    const { model } = exportOfRun('da');
    expect(importError(() => readExport({ ...model, format: 'other' }, 'import')).field).toBe('import.format');
    expect(importError(() => readExport({ ...model, version: 1 }, 'import')).message).toMatch(/version 1/);
    expect(importError(() => readExport([], 'import')).field).toBe('import');
    expect(importError(() => readExport({ ...model, steps: 'none' }, 'import')).field).toBe('import.steps');
  });
});
