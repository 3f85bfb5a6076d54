/**
 * Objections to an earlier wording are kept when a new proposal replaces it,
 * shown, exported in every format that lists objections, and read back by an import.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { tallyConsent } from '../../../src/lib/consent.ts';
import { exportToMarkdown } from '../../../server/export/markdown.ts';
import { buildExport, type ExportModel } from '../../../src/lib/export/model.ts';
import { readExport } from '../../../src/lib/import/read-export.ts';
import { rebuildRoom } from '../../../src/lib/import/rebuild.ts';
import { Board } from '../../../src/model/board.ts';
import { ConsentRounds } from '../../../src/model/consent-rounds.ts';
import { Control } from '../../../src/model/control.ts';
import { UndoHistory } from '../../../src/model/undo-history.ts';
import { DEFINITION, fullRun, T0, type FullRun } from '../lib/export/full-run.ts';

const at = (minute: number) => T0 + minute * 60_000;
const SHORTER = 'Serviceinnstilt er å møte kunden med åpenhet og ærlig omsorg';

/** The full run's definition round (Ærling objected), replaced by a shorter wording. */
function reworded(): FullRun {
  const run = fullRun();
  const control = new Control(run.control);
  control.reopenAgreement('agree-definition');
  const round = control.consentRound('agree-definition')!;
  const tally = tallyConsent(new Board(run.board).consentVotes('agree-definition'), round.proposedAt);
  new ConsentRounds(run.control).propose('agree-definition', SHORTER, tally, at(60));
  return run;
}

const exportOf = (run: FullRun): ExportModel =>
  buildExport({
    room: 'room-consent',
    workshop: run.workshop,
    locale: 'nb',
    createdAt: T0,
    board: run.board,
    control: run.control,
    now: at(95),
  });

describe('ConsentRounds', () => {
  it('keeps the replaced round with its tally and objections, and the new round starts empty', () => {
    const run = reworded();
    const earlier = new ConsentRounds(run.control).earlier('agree-definition');
    expect(earlier).toEqual([
      {
        proposal: DEFINITION,
        proposedAt: at(56),
        counts: { agree: 0, live: 0, object: 1 },
        objections: [{ name: 'Ærling', note: 'Lidt lang – måske «ærlig» væk?' }],
      },
    ]);
    const current = new Control(run.control).consentRound('agree-definition')!;
    expect(current.proposal).toBe(SHORTER);
    expect(tallyConsent(new Board(run.board).consentVotes('agree-definition'), current.proposedAt).total).toBe(0);
  });

  it('keeps nothing for a round nobody answered, and several rounds in order', () => {
    const doc = new Y.Doc();
    const rounds = new ConsentRounds(doc);
    const empty = { counts: { agree: 0, live: 0, object: 0 }, objections: [] };
    rounds.propose('c', 'Første', null, 1);
    rounds.propose('c', 'Andre', empty, 2);
    expect(rounds.earlier('c')).toEqual([]);
    rounds.propose(
      'c',
      'Tredje',
      { counts: { agree: 1, live: 0, object: 1 }, objections: [{ name: null, note: 'a' }] },
      3,
    );
    rounds.propose(
      'c',
      'Fjerde',
      { counts: { agree: 0, live: 0, object: 1 }, objections: [{ name: 'B', note: 'b' }] },
      4,
    );
    expect(rounds.earlier('c').map((r) => [r.proposal, r.objections[0]?.note])).toEqual([
      ['Andre', 'a'],
      ['Tredje', 'b'],
    ]);
  });

  it('an undo of the new proposal takes the kept round back with it', () => {
    const doc = new Y.Doc();
    const rounds = new ConsentRounds(doc);
    rounds.propose('c', 'Første', null, 1);
    const undo = new UndoHistory([doc], { captureTimeoutMs: 0 });
    rounds.propose(
      'c',
      'Andre',
      { counts: { agree: 0, live: 0, object: 1 }, objections: [{ name: 'A', note: 'x' }] },
      2,
    );
    expect(rounds.earlier('c')).toHaveLength(1);
    undo.undo();
    expect(rounds.earlier('c')).toEqual([]);
    expect(new Control(doc).consentRound('c')?.proposal).toBe('Første');
  });
});

describe('earlier objections in the export', () => {
  it('are in the JSON and the documents, and survive an import', () => {
    const model = exportOf(reworded());
    const step = model.steps.find((s) => s.id === 'agree-definition');
    expect(step?.kind === 'consent' && step.earlierRounds).toEqual([
      {
        proposal: DEFINITION,
        proposedAt: new Date(at(56)).toISOString(),
        tally: { agree: 0, live: 0, object: 1 },
        objections: [{ name: 'Ærling', note: 'Lidt lang – måske «ærlig» væk?' }],
      },
    ]);
    const markdown = exportToMarkdown(model);
    expect(markdown).toContain('Innvendinger mot tidligere forslag');
    expect(markdown).toContain('Lidt lang – måske «ærlig» væk?');

    const docs = rebuildRoom(readExport(JSON.parse(JSON.stringify(model)), 'import'), reworded().workshop, 'import');
    const again = buildExport({
      room: 'room-consent',
      workshop: reworded().workshop,
      locale: 'nb',
      createdAt: T0,
      board: docs.board,
      control: docs.control,
      now: at(95),
    });
    expect(again.steps).toEqual(model.steps);
  });

  it('reads an export from before earlier rounds were kept', () => {
    const model = exportOf(fullRun()) as unknown as { steps: Record<string, unknown>[] };
    for (const step of model.steps) delete step.earlierRounds;
    const read = readExport(JSON.parse(JSON.stringify(model)), 'import');
    const step = read.steps.find((s) => s.id === 'agree-definition');
    expect(step?.kind === 'consent' && step.earlierRounds).toEqual([]);
  });
});
