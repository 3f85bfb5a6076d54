/** The team's name in the control document: on one line, clipped, removable, and read defensively. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildExport } from '../../../src/lib/export/model.ts';
import { parseExport } from '../../../src/lib/export/schema.ts';
import { exportToJson } from '../../../server/export/json.ts';
import { exportToMarkdown } from '../../../server/export/markdown.ts';
import { Control } from '../../../src/model/control.ts';
import { controlKeys, TEXT_LIMITS } from '../../../src/model/schema.ts';
import { loadFiveWhys } from '../../helpers/content.ts';

describe('Control team name', () => {
  it('is null until given, and stores it trimmed on one line', () => {
    const control = new Control(new Y.Doc());
    expect(control.teamName()).toBeNull();
    expect(control.setTeamName('  Kundeservice\n  Ærø  ')).toBe('Kundeservice Ærø');
    expect(control.teamName()).toBe('Kundeservice Ærø');
  });

  it('clips a long name to the limit and removes an empty one', () => {
    const control = new Control(new Y.Doc());
    control.setTeamName('Å'.repeat(TEXT_LIMITS.teamName + 20));
    expect(control.teamName()).toBe('Å'.repeat(TEXT_LIMITS.teamName));
    control.setTeamName('   ');
    expect(control.teamName()).toBeNull();
    expect(control.stateMap().has('teamName')).toBe(false);
  });

  it('ignores a malformed value another client wrote', () => {
    const doc = new Y.Doc();
    const control = new Control(doc);
    doc.getMap(controlKeys.state).set('teamName', 42);
    expect(control.teamName()).toBeNull();
    doc.getMap(controlKeys.state).set('teamName', 'x'.repeat(TEXT_LIMITS.teamName + 1));
    expect(control.teamName()).toBeNull();
  });

  it('reaches the export model and the files, and old files without it still parse', () => {
    const board = new Y.Doc();
    const controlDoc = new Y.Doc();
    new Control(controlDoc).setTeamName('Kundeservice Røst');
    const model = buildExport({
      room: 'r',
      workshop: loadFiveWhys(),
      locale: 'nb',
      createdAt: 0,
      board,
      control: controlDoc,
    });
    expect(model.teamName).toBe('Kundeservice Røst');
    expect(exportToMarkdown(model)).toContain('Kundeservice Røst');
    expect(parseExport(JSON.parse(exportToJson(model)))).toMatchObject({ teamName: 'Kundeservice Røst' });
    const { teamName: _gone, ...older } = model;
    expect(parseExport(JSON.parse(JSON.stringify(older))).teamName).toBeNull();
  });
});
