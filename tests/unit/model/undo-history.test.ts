import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from '../../../src/model/board.ts';
import { Control } from '../../../src/model/control.ts';
import { UndoHistory } from '../../../src/model/undo-history.ts';
import { twoReplicas } from '../../helpers/content.ts';

/** Stands in for the y-websocket provider: remote updates are applied with it as their origin. */
const NETWORK = { name: 'provider' };

function exchangeOverNetwork(a: Y.Doc, b: Y.Doc): void {
  const forB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const forA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, forB, NETWORK);
  Y.applyUpdate(a, forA, NETWORK);
}

const STEP = 'why';
const ada = { id: 'ada-0000000000000000000', name: 'Ada' };
const facilitatorId = { id: 'fac-0000000000000000000', name: 'Kim' };

/** The facilitator's and a participant's replicas of both documents; the facilitator's edits are tracked. */
function room() {
  const [facBoardDoc, adaBoardDoc] = twoReplicas();
  const [facControlDoc, adaControlDoc] = twoReplicas();
  // Separate capture per step, as if the facilitator clicked with pauses in between.
  const history = new UndoHistory([facControlDoc, facBoardDoc], { captureTimeoutMs: 0 });
  const sync = () => {
    exchangeOverNetwork(facBoardDoc, adaBoardDoc);
    exchangeOverNetwork(facControlDoc, adaControlDoc);
  };
  return {
    history,
    sync,
    fac: { board: new Board(facBoardDoc), control: new Control(facControlDoc) },
    ada: { board: new Board(adaBoardDoc), control: new Control(adaControlDoc) },
  };
}

describe('UndoHistory', () => {
  it('has nothing to undo before the facilitator does something', () => {
    const { history } = room();
    expect(history.next()).toBeNull();
    expect(history.undo()).toBeNull();
  });

  it('never tracks a participant’s edits that arrive over the network', () => {
    const { history, fac, ada: participant, sync } = room();
    // The console already shows the ladder, so its answers are a typed array on this side too.
    fac.board.ladderAnswers(STEP);
    participant.board.addLadderAnswer(STEP, 0, 'vi hjælper kunden', ada);
    participant.control.setLocked(STEP, true);
    sync();
    expect(fac.board.ladderAnswers(STEP)).toHaveLength(1);
    expect(history.next()).toBeNull();
  });

  it('takes back the facilitator’s removal and keeps a participant’s concurrent answer', () => {
    const { history, fac, ada: participant, sync } = room();
    const first = participant.board.addLadderAnswer(STEP, 0, 'vi hjælper kunden', ada)!;
    participant.board.toggleLadderSupport(STEP, first.id, ada.id);
    sync();

    fac.board.removeLadderAnswer(STEP, first.id);
    // At the same moment, before either side hears of the other: Ada posts another answer.
    participant.board.addLadderAnswer(STEP, 0, 'kunden får ro', ada);
    sync();
    expect(fac.board.ladderAnswers(STEP).map((a) => a.text)).toEqual(['kunden får ro']);

    expect(history.next()).toBe('answer');
    expect(history.undo()).toBe('answer');
    sync();
    for (const side of [fac, participant]) {
      expect(
        side.board
          .ladderAnswers(STEP)
          .map((a) => a.text)
          .sort(),
      ).toEqual(['kunden får ro', 'vi hjælper kunden']);
      // The support that went with the answer comes back too.
      expect(side.board.ladderSupport(STEP).get(first.id)).toEqual(new Set([ada.id]));
    }
    expect(history.next()).toBeNull();
  });

  it('undoes the latest own step across both documents, newest first, and names each', () => {
    const { history, fac, ada: participant, sync } = room();
    const answer = participant.board.addLadderAnswer(STEP, 0, 'vi hjælper kunden', ada)!;
    sync();
    fac.control.pickLadderAnswer(STEP, 0, answer.id, answer.text);
    fac.board.addLadderAnswer(STEP, 1, 'fordi vi kan', facilitatorId);
    fac.control.setLocked(STEP, true);

    expect(history.undo()).toBe('lock');
    expect(fac.control.stepTools(STEP).locked).toBe(false);
    expect(history.undo()).toBe('answer');
    expect(fac.board.ladderAnswers(STEP).map((a) => a.text)).toEqual(['vi hjælper kunden']);
    expect(history.undo()).toBe('pick');
    expect(fac.control.ladderPicks(STEP)).toEqual([]);
    expect(history.undo()).toBeNull();
    // The participant's answer was never the facilitator's to undo.
    sync();
    expect(participant.board.ladderAnswers(STEP).map((a) => a.text)).toEqual(['vi hjælper kunden']);
  });

  it('names the direction of a toggle: unlocking is undone as "unlock"', () => {
    const { history, fac } = room();
    fac.control.setRevealed(STEP, true);
    expect(history.next()).toBe('reveal');
    fac.control.setRevealed(STEP, false);
    expect(history.next()).toBe('hide');
    history.undo();
    expect(fac.control.stepTools(STEP).revealed).toBe(true);
  });

  it('leaves steering out: moving between steps and the timer are not undone', () => {
    const { history, fac } = room();
    fac.control.setLocked(STEP, true);
    fac.control.goToStep('statement');
    fac.control.setTimer({ durationMs: 60_000, endsAt: null, remainingMs: 60_000 });
    expect(history.undo()).toBe('lock');
    expect(fac.control.currentStepId()).toBe('statement');
    expect(fac.control.timer()).not.toBeNull();
    expect(history.next()).toBeNull();
  });

  it('tells subscribers when there is something new to undo', () => {
    const { history, fac } = room();
    let calls = 0;
    const stop = history.subscribe(() => calls++);
    fac.control.setLocked(STEP, true);
    expect(calls).toBeGreaterThan(0);
    const before = calls;
    history.undo();
    expect(calls).toBeGreaterThan(before);
    stop();
    history.destroy();
  });

  it('works on plain documents too (no replicas)', () => {
    const doc = new Y.Doc();
    const history = new UndoHistory([doc], { captureTimeoutMs: 0 });
    new Control(doc).saveStatementVersion('write', 'Vi hjælper kunder', 1);
    expect(history.undo()).toBe('version');
    expect(new Control(doc).statementVersions('write')).toEqual([]);
  });
});
