/**
 * A full 5 × hvorfor session written through the Board and Control wrappers,
 * the way the browsers write it: answers and support in five rounds, picks, a
 * draft with saved versions, two proposals, votes and an agreement.
 */
import * as Y from 'yjs';
import { Board, type Author } from '../../src/model/board.ts';
import { Control } from '../../src/model/control.ts';
import { newParticipantId } from '../../src/model/ids.ts';
import type { Workshop } from '../../src/model/workshop.ts';
import { buildExport, type ExportModel } from '../../src/lib/export/model.ts';
import type { Locale } from '../../src/model/locale.ts';
import { loadFiveWhys } from './content.ts';

export const T0 = Date.UTC(2025, 2, 14, 9, 0);
const at = (minutes: number) => T0 + minutes * 60_000;

export const AGREED = 'Vi gør det svære enkelt for kunder på Ærø';
export const AGREED_WORDS = 9;
export const PICKS = [
  'Vi hjælper kunden.',
  'Kunden kommer videre',
  'Kunden føler sig tryg',
  'Tryghed giver ro i hverdagen',
  'Alle fortjener en god dag',
];

export type FiveWhysRun = {
  workshop: Workshop;
  board: Y.Doc;
  control: Y.Doc;
  people: Record<'anna' | 'bo' | 'carl' | 'dorte' | 'anon', Author & { id: string }>;
  times: { agreedAt: number; proposedAt: number; exportedAt: number };
};

export function fiveWhysRun(): FiveWhysRun {
  const workshop = loadFiveWhys();
  const boardDoc = new Y.Doc();
  const controlDoc = new Y.Doc();
  const board = new Board(boardDoc);
  const control = new Control(controlDoc);
  const people = {
    anna: { id: newParticipantId(), name: 'Anna' },
    bo: { id: newParticipantId(), name: 'Bo' },
    carl: { id: newParticipantId(), name: 'Carl' },
    dorte: { id: newParticipantId(), name: 'Dorte' },
    anon: { id: newParticipantId(), name: null },
  };

  control.goToStep('ladder');
  PICKS.forEach((picked, round) => {
    const annaText = round === 1 ? `Anna svarer i runde ${round + 1}` : picked;
    const bosText = round === 1 ? picked : `Bo svarer i runde ${round + 1}`;
    const fromAnna = board.addLadderAnswer('ladder', round, annaText, people.anna, at(10 * round + 1))!;
    const fromBo = board.addLadderAnswer('ladder', round, bosText, people.bo, at(10 * round + 2))!;
    if (round === 2) board.addLadderAnswer('ladder', round, 'Et anonymt svar', people.anon, at(10 * round + 3));
    if (round === 0) {
      board.toggleLadderSupport('ladder', fromAnna.id, people.carl.id);
      board.toggleLadderSupport('ladder', fromAnna.id, people.anon.id);
    }
    if (round === 1) board.toggleLadderSupport('ladder', fromBo.id, people.carl.id);
    const chosen = round === 1 ? fromBo : fromAnna;
    control.pickLadderAnswer('ladder', round, chosen.id, chosen.text, at(10 * round + 5));
  });

  control.goToStep('statement');
  board.statementDraft('statement').insert(0, 'Vi hjælper kunder');
  control.saveStatementVersion('statement', board.statementDraft('statement').toString(), at(60));
  board.replaceStatementDraft('statement', AGREED);
  control.saveStatementVersion('statement', board.statementDraft('statement').toString(), at(65));

  control.goToStep('agreement');
  control.propose('agreement', 'Et tidligere forslag', at(70));
  board.castConsent('agreement', people.dorte, 'object', 'Kun på det gamle forslag', at(70), at(71));
  const proposedAt = at(75);
  control.propose('agreement', AGREED, proposedAt);
  board.castConsent('agreement', people.anna, 'agree', '', proposedAt, at(76));
  board.castConsent('agreement', people.bo, 'live', '', proposedAt, at(77));
  board.castConsent('agreement', people.anon, 'object', 'Lidt for langt', proposedAt, at(78));
  const agreedAt = at(80);
  control.markAgreed('agreement', agreedAt);
  // Someone keeps typing after the agreement: the export must still lead with the agreed text.
  const draft = board.statementDraft('statement');
  draft.insert(draft.length, ' – og i Åbenrå');
  control.goToStep('result');

  return {
    workshop,
    board: boardDoc,
    control: controlDoc,
    people,
    times: { agreedAt, proposedAt, exportedAt: at(90) },
  };
}

/** The export model of a full run, as the server builds it. */
export function exportOfRun(locale: Locale = 'da'): { run: FiveWhysRun; model: ExportModel } {
  const run = fiveWhysRun();
  const model = buildExport({
    room: 'room-for-test',
    workshop: run.workshop,
    locale,
    createdAt: T0,
    board: run.board,
    control: run.control,
    now: run.times.exportedAt,
  });
  return { run, model };
}
