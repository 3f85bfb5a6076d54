import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from '../../../src/model/board.ts';
import { Define, definitionToPublish } from '../../../src/model/define.ts';
import { boardKeys, TEXT_LIMITS } from '../../../src/model/schema.ts';
import { exchangeUpdates, twoReplicas } from '../../helpers/content.ts';

const STEP = 'definition';
const anna = { id: 'participant-anna', name: 'Anna' };
const bo = { id: 'participant-bo', name: null };

describe('definitionToPublish', () => {
  it('publishes a changed, non-blank draft', () => {
    expect(definitionToPublish('  We help customers on  ', undefined)).toBe('We help customers on');
    expect(definitionToPublish('New text', { text: 'Old text', name: null, at: 1 })).toBe('New text');
  });

  it('does nothing for a blank draft, no draft, or a text already published', () => {
    expect(definitionToPublish('   ', undefined)).toBeNull();
    expect(definitionToPublish(undefined, undefined)).toBeNull();
    expect(definitionToPublish(' Same ', { text: 'Same', name: null, at: 1 })).toBeNull();
    expect(definitionToPublish('', { text: 'Kept', name: null, at: 1 })).toBeNull();
  });

  it('clips to the definition limit before comparing', () => {
    const long = 'y'.repeat(TEXT_LIMITS.definition + 50);
    const clipped = definitionToPublish(long, undefined);
    expect(clipped).toHaveLength(TEXT_LIMITS.definition);
    expect(definitionToPublish(long, { text: clipped!, name: null, at: 1 })).toBeNull();
  });
});

describe('Define: own definitions', () => {
  it('publishes by author id, with the name or null', () => {
    const define = new Define(new Y.Doc());
    define.publishOwn(STEP, anna, '  Service is solving it the first time  ', 10);
    define.publishOwn(STEP, bo, 'Service is being kind and clear', 20);
    expect(define.ownDefinitions(STEP)).toEqual([
      { authorId: anna.id, text: 'Service is solving it the first time', name: 'Anna', at: 10 },
      { authorId: bo.id, text: 'Service is being kind and clear', name: null, at: 20 },
    ]);
  });

  it('replaces an author’s definition in place, keeping its first time and place', () => {
    const define = new Define(new Y.Doc());
    define.publishOwn(STEP, anna, 'First', 10);
    define.publishOwn(STEP, bo, 'Bo', 20);
    define.publishOwn(STEP, anna, 'Second thoughts', 30);
    expect(define.ownDefinitions(STEP).map((d) => [d.authorId, d.text, d.at])).toEqual([
      [anna.id, 'Second thoughts', 10],
      [bo.id, 'Bo', 20],
    ]);
  });

  it('writes nothing for blank text, and withdraws on request', () => {
    const define = new Define(new Y.Doc());
    expect(define.publishOwn(STEP, anna, ' \n ')).toBeNull();
    expect(define.ownDefinitionsMap(STEP).size).toBe(0);
    define.publishOwn(STEP, anna, 'Mine');
    expect(define.withdrawOwn(STEP, anna.id)).toBe(true);
    expect(define.withdrawOwn(STEP, anna.id)).toBe(false);
    expect(define.ownDefinitions(STEP)).toEqual([]);
  });

  it('skips malformed entries and keeps steps apart', () => {
    const define = new Define(new Y.Doc());
    define.publishOwn(STEP, anna, 'Valid');
    define.publishOwn('other-step', bo, 'Elsewhere');
    const map = define.doc.getMap(boardKeys.ownDefinitions(STEP));
    map.set('broken', { text: 42 });
    map.set('too-long', { text: 'z'.repeat(TEXT_LIMITS.definition + 1), name: null, at: 1 });
    expect(define.ownDefinitions(STEP).map((d) => d.text)).toEqual(['Valid']);
    expect(define.ownDefinition(STEP, 'broken')).toBeUndefined();
  });

  it('merges two participants publishing at once', () => {
    const [docA, docB] = twoReplicas();
    new Define(docA).publishOwn(STEP, anna, 'From Anna', 5);
    new Define(docB).publishOwn(STEP, bo, 'From Bo', 5);
    exchangeUpdates(docA, docB);
    const fromA = new Define(docA).ownDefinitions(STEP);
    expect(fromA.map((d) => d.text)).toEqual(['From Anna', 'From Bo']);
    expect(new Define(docB).ownDefinitions(STEP)).toEqual(fromA);
  });
});

describe('Define: the agreed definition', () => {
  it('is the statement draft of the define step, shared with the statement tools', () => {
    const doc = new Y.Doc();
    const define = new Define(doc);
    const board = new Board(doc);
    board.replaceStatementDraft(STEP, '  Service means the customer leaves clear on what happens next ');
    expect(define.agreedDraft(STEP)).toBe(board.statementDraft(STEP));
    expect(define.agreedText(STEP)).toBe('Service means the customer leaves clear on what happens next');
  });
});
