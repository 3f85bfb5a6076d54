import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from '../../../src/model/board.ts';
import { boardKeys, TEXT_LIMITS } from '../../../src/model/schema.ts';
import { exchangeUpdates, twoReplicas } from '../../helpers/content.ts';

const STEP = 'ladder';
const anna = { id: 'participant-anna', name: 'Anna' };
const bo = { id: 'participant-bo', name: 'Bo' };
const anonymous = { id: 'participant-anon', name: null };

const newBoard = () => new Board(new Y.Doc());

describe('Board: why-ladder answers', () => {
  it('stores a trimmed answer with its round, author and time', () => {
    const board = newBoard();
    const added = board.addLadderAnswer(STEP, 2, '  Vi hjælper kunden videre.  ', anna, 1_000);
    expect(added).toMatchObject({
      round: 2,
      text: 'Vi hjælper kunden videre.',
      authorId: anna.id,
      authorName: 'Anna',
      at: 1_000,
    });
    expect(board.ladderAnswers(STEP)).toEqual([added]);
  });

  it('rejects blank answers without writing anything', () => {
    const board = newBoard();
    expect(board.addLadderAnswer(STEP, 0, '   \n\t ', anna)).toBeNull();
    expect(board.ladderAnswersArray(STEP).length).toBe(0);
  });

  it('gives every answer its own id, keeps insertion order and separates steps', () => {
    const board = newBoard();
    const first = board.addLadderAnswer(STEP, 0, 'Første', anna, 1);
    const second = board.addLadderAnswer(STEP, 0, 'Anden', bo, 2);
    board.addLadderAnswer('other-ladder', 0, 'Andet sted', bo, 3);
    expect(first?.id).not.toBe(second?.id);
    expect(board.ladderAnswers(STEP).map((a) => a.text)).toEqual(['Første', 'Anden']);
    expect(board.ladderAnswers('other-ladder').map((a) => a.text)).toEqual(['Andet sted']);
  });

  it('records an anonymous or blank name as null and clips long texts and names', () => {
    const board = newBoard();
    expect(board.addLadderAnswer(STEP, 0, 'Uden navn', anonymous)?.authorName).toBeNull();
    expect(board.addLadderAnswer(STEP, 0, 'Blankt navn', { id: 'p-blank', name: '   ' })?.authorName).toBeNull();
    const long = board.addLadderAnswer(STEP, 0, 'x'.repeat(1_000), { id: 'p-long', name: `  ${'N'.repeat(100)}` });
    expect(long?.text).toHaveLength(TEXT_LIMITS.answer);
    expect(long?.authorName).toBe('N'.repeat(TEXT_LIMITS.name));
    // Everything written must read back: nothing was stored that the schema would reject.
    expect(board.ladderAnswers(STEP)).toHaveLength(3);
  });

  it('skips malformed entries written straight into the shared array', () => {
    const board = newBoard();
    const good = board.addLadderAnswer(STEP, 0, 'Gyldigt svar', anna, 5);
    board
      .ladderAnswersArray(STEP)
      .push([
        'junk',
        42,
        null,
        { id: 'no-text', round: 0, authorId: 'x', authorName: null, at: 1 },
        { id: 'blank', round: 0, text: '   ', authorId: 'x', authorName: null, at: 1 },
        { id: 'bad-round', round: -1, text: 'Runde -1', authorId: 'x', authorName: null, at: 1 },
        { id: 'bad-time', round: 0, text: 'Tid', authorId: 'x', authorName: null, at: 'i går' },
      ]);
    expect(board.ladderAnswers(STEP)).toEqual([good]);
  });

  it('removes an answer together with the support given to it, and only that', () => {
    const board = newBoard();
    const keep = board.addLadderAnswer(STEP, 0, 'Bliver', anna)!;
    const drop = board.addLadderAnswer(STEP, 0, 'Forsvinder', bo)!;
    board.toggleLadderSupport(STEP, keep.id, bo.id);
    board.toggleLadderSupport(STEP, drop.id, anna.id);
    board.toggleLadderSupport(STEP, drop.id, bo.id);

    expect(board.removeLadderAnswer(STEP, drop.id)).toBe(true);

    expect(board.ladderAnswers(STEP).map((a) => a.id)).toEqual([keep.id]);
    expect(board.ladderSupport(STEP)).toEqual(new Map([[keep.id, new Set([bo.id])]]));
    expect([...board.ladderSupportMap(STEP).keys()]).toEqual([`${keep.id}|${bo.id}`]);
  });

  it('reposts an answer to another round in one transaction, keeping its text and author', () => {
    const board = newBoard();
    const late = board.addLadderAnswer(STEP, 1, 'Kom for sent', anna, 10)!;
    const other = board.addLadderAnswer(STEP, 1, 'Blev valgt', bo, 11)!;
    board.toggleLadderSupport(STEP, late.id, bo.id);
    let updates = 0;
    board.doc.on('update', () => updates++);

    const moved = board.repostLadderAnswer(STEP, late.id, 2, 20);

    expect(updates).toBe(1);
    expect(moved).toMatchObject({ round: 2, text: 'Kom for sent', authorId: anna.id, authorName: 'Anna', at: 20 });
    expect(moved?.id).not.toBe(late.id);
    expect(board.ladderAnswers(STEP).map((a) => a.id)).toEqual([other.id, moved?.id]);
    expect(board.ladderSupport(STEP).has(late.id)).toBe(false);
  });

  it('reposts nothing when the old answer is already gone', () => {
    const board = newBoard();
    board.addLadderAnswer(STEP, 0, 'Et svar', anna);
    expect(board.repostLadderAnswer(STEP, 'no-such-answer', 1)).toBeNull();
    expect(board.ladderAnswers(STEP)).toHaveLength(1);
  });

  it('reports false when removing an answer that does not exist', () => {
    const board = newBoard();
    board.addLadderAnswer(STEP, 0, 'Et svar', anna);
    expect(board.removeLadderAnswer(STEP, 'no-such-answer')).toBe(false);
    expect(board.ladderAnswers(STEP)).toHaveLength(1);
  });
});

describe('Board: support', () => {
  it('toggles one participant’s support on and off without touching others', () => {
    const board = newBoard();
    const answer = board.addLadderAnswer(STEP, 0, 'Kunden bliver glad', anna)!;
    board.toggleLadderSupport(STEP, answer.id, anna.id);
    board.toggleLadderSupport(STEP, answer.id, bo.id);
    expect(board.ladderSupport(STEP).get(answer.id)).toEqual(new Set([anna.id, bo.id]));

    board.toggleLadderSupport(STEP, answer.id, anna.id);
    expect(board.ladderSupport(STEP).get(answer.id)).toEqual(new Set([bo.id]));

    board.toggleLadderSupport(STEP, answer.id, bo.id);
    expect(board.ladderSupport(STEP).has(answer.id)).toBe(false);
  });

  it('ignores support keys that do not name both an answer and a participant', () => {
    const board = newBoard();
    const map = board.ladderSupportMap(STEP);
    map.set('lonely', true);
    map.set('|participant', true);
    map.set('answer|', true);
    map.set('answer|someone', true);
    expect(board.ladderSupport(STEP)).toEqual(new Map([['answer', new Set(['someone'])]]));
  });
});

describe('Board: statement draft', () => {
  it('is a shared text that replaceStatementDraft overwrites as a whole, trimmed', () => {
    const board = newBoard();
    const draft = board.statementDraft('statement');
    draft.insert(0, 'Gammelt udkast');
    board.replaceStatementDraft('statement', '  Vi gør det svære enkelt.  ');
    expect(draft.toString()).toBe('Vi gør det svære enkelt.');
    expect(board.statementDraft('statement')).toBe(draft);
  });

  it('replaces in one transaction and clips to the statement limit', () => {
    const board = newBoard();
    board.statementDraft('statement').insert(0, 'før');
    let updates = 0;
    board.doc.on('update', () => updates++);
    board.replaceStatementDraft('statement', 'å'.repeat(1_000));
    expect(updates).toBe(1);
    expect(board.statementDraft('statement').toString()).toBe('å'.repeat(TEXT_LIMITS.statement));
  });
});

describe('Board: consent votes', () => {
  it('keeps one vote per participant; a new vote replaces the earlier one', () => {
    const board = newBoard();
    board.castConsent('agreement', anna, 'object', 'For langt', 100, 110);
    board.castConsent('agreement', bo, 'live', '', 100, 111);
    board.castConsent('agreement', anna, 'agree', '', 100, 120);
    expect(board.consentVotes('agreement')).toEqual(
      new Map([
        [anna.id, { value: 'agree', name: 'Anna', note: '', proposalAt: 100, at: 120 }],
        [bo.id, { value: 'live', name: 'Bo', note: '', proposalAt: 100, at: 111 }],
      ]),
    );
  });

  it('stores null for an anonymous voter and trims and clips the note', () => {
    const board = newBoard();
    board.castConsent('agreement', anonymous, 'object', `  ${'n'.repeat(500)}  `, 7, 8);
    const vote = board.consentVotes('agreement').get(anonymous.id);
    expect(vote?.name).toBeNull();
    expect(vote?.note).toBe('n'.repeat(TEXT_LIMITS.note));
  });

  it('skips malformed votes written straight into the map', () => {
    const board = newBoard();
    board.castConsent('agreement', anna, 'agree', '', 1, 2);
    const map = board.consentVotesMap('agreement');
    map.set('mallory', { value: 'veto', name: null, note: '', proposalAt: 1, at: 2 });
    map.set('eve', 'agree');
    map.set('trent', { value: 'agree', name: null, note: '', at: 2 });
    expect([...board.consentVotes('agreement').keys()]).toEqual([anna.id]);
  });

  it('uses the documented root keys, so browser and server read the same types', () => {
    const board = newBoard();
    board.addLadderAnswer(STEP, 0, 'Svar', anna);
    board.castConsent('agreement', anna, 'agree', '', 1, 2);
    expect(board.doc.getArray(boardKeys.ladderAnswers(STEP)).length).toBe(1);
    expect(board.doc.getMap(boardKeys.consentVotes('agreement')).size).toBe(1);
  });
});

describe('Board: real-time merge of concurrent edits', () => {
  it('keeps answers two participants add at the same time, in the same order on both sides', () => {
    const [docA, docB] = twoReplicas();
    const a = new Board(docA);
    const b = new Board(docB);
    a.addLadderAnswer(STEP, 0, 'Fordi kunden har brug for hjælp', anna, 10);
    a.addLadderAnswer(STEP, 0, 'Fordi vi kan løse det', anna, 11);
    b.addLadderAnswer(STEP, 0, 'Fordi det ringer', bo, 10);

    exchangeUpdates(docA, docB);

    const texts = a.ladderAnswers(STEP).map((x) => x.text);
    expect(texts).toHaveLength(3);
    expect(new Set(texts)).toEqual(
      new Set(['Fordi kunden har brug for hjælp', 'Fordi vi kan løse det', 'Fordi det ringer']),
    );
    expect(b.ladderAnswers(STEP)).toEqual(a.ladderAnswers(STEP));
  });

  it('counts support given by different people at the same time', () => {
    const [docA, docB] = twoReplicas();
    const a = new Board(docA);
    const answer = a.addLadderAnswer(STEP, 0, 'Kunden kommer videre', anna)!;
    exchangeUpdates(docA, docB);
    const b = new Board(docB);

    a.toggleLadderSupport(STEP, answer.id, anna.id);
    b.toggleLadderSupport(STEP, answer.id, bo.id);
    exchangeUpdates(docA, docB);

    for (const board of [a, b]) expect(board.ladderSupport(STEP).get(answer.id)).toEqual(new Set([anna.id, bo.id]));
  });

  it('merges text typed into the statement draft at the same time by two people', () => {
    const [docA, docB] = twoReplicas();
    const a = new Board(docA);
    a.statementDraft('statement').insert(0, 'Vi hjælper kunden');
    exchangeUpdates(docA, docB);
    const b = new Board(docB);

    a.statementDraft('statement').insert(0, 'Hver dag: ');
    b.statementDraft('statement').insert('Vi hjælper kunden'.length, ' videre');
    exchangeUpdates(docA, docB);

    expect(a.statementDraft('statement').toString()).toBe('Hver dag: Vi hjælper kunden videre');
    expect(b.statementDraft('statement').toString()).toBe('Hver dag: Vi hjælper kunden videre');
  });

  it('keeps both inserts when two people type at the very same spot', () => {
    const [docA, docB] = twoReplicas();
    new Board(docA).statementDraft('statement').insert(0, 'ab');
    exchangeUpdates(docA, docB);

    new Board(docA).statementDraft('statement').insert(1, 'ÆØÅ');
    new Board(docB).statementDraft('statement').insert(1, 'æøå');
    exchangeUpdates(docA, docB);

    const merged = new Board(docA).statementDraft('statement').toString();
    expect(merged).toBe(new Board(docB).statementDraft('statement').toString());
    expect(merged).toHaveLength(8);
    expect(merged.startsWith('a') && merged.endsWith('b')).toBe(true);
    expect(merged).toContain('ÆØÅ');
    expect(merged).toContain('æøå');
  });

  it('keeps consent votes cast at the same time by different people', () => {
    const [docA, docB] = twoReplicas();
    new Board(docA).castConsent('agreement', anna, 'agree', '', 50, 60);
    new Board(docB).castConsent('agreement', anonymous, 'object', 'Mangler kunden', 50, 61);
    exchangeUpdates(docA, docB);

    for (const doc of [docA, docB]) {
      const votes = new Board(doc).consentVotes('agreement');
      expect(votes.get(anna.id)?.value).toBe('agree');
      expect(votes.get(anonymous.id)).toMatchObject({ value: 'object', name: null, note: 'Mangler kunden' });
    }
  });

  it('removes an answer on both sides while a concurrent new answer survives', () => {
    const [docA, docB] = twoReplicas();
    const a = new Board(docA);
    const old = a.addLadderAnswer(STEP, 0, 'Slet mig', anna)!;
    exchangeUpdates(docA, docB);
    const b = new Board(docB);

    a.removeLadderAnswer(STEP, old.id);
    b.addLadderAnswer(STEP, 0, 'Nyt svar', bo);
    exchangeUpdates(docA, docB);

    expect(a.ladderAnswers(STEP).map((x) => x.text)).toEqual(['Nyt svar']);
    expect(b.ladderAnswers(STEP).map((x) => x.text)).toEqual(['Nyt svar']);
  });
});
