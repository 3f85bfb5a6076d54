/**
 * The facilitator's own undo: one Y.UndoManager per document, tracking only
 * transactions made on this device (remote updates arrive with the provider
 * as origin and are never tracked), so an undo never touches what a
 * participant did, even at the same moment on the same board.
 *
 * Steering is left out on purpose: moving between steps and running the timer
 * have their own one-click opposites (Back, Pause, Reset) and are seen by the
 * whole room, so "undo" there would surprise more than it helps.
 */
import * as Y from 'yjs';
import { boardKeys, controlKeys } from './schema.ts';

/** What an undo step takes back, for its label. */
export type UndoAction =
  | 'pick'
  | 'reveal'
  | 'hide'
  | 'lock'
  | 'unlock'
  | 'proposal'
  | 'agreement'
  | 'version'
  | 'carried'
  | 'answer'
  | 'support'
  | 'sentence'
  | 'vote'
  | 'note'
  | 'group'
  | 'dots'
  | 'definition'
  | 'behaviour'
  | 'question'
  | 'change';

/** The collection part of a root key (`ladder.picks/why` -> `ladder.picks`). */
const collectionOf = (rootName: string) => rootName.split('/')[0] ?? rootName;
const prefixOf = (key: (stepId: string) => string) => collectionOf(key(''));

/** Roots never tracked: navigation and the timer. */
const STEERING_ROOTS = new Set<string>([controlKeys.state, controlKeys.timer]);

/** Collections by how well they name an action: when one transaction changes several, the first wins. */
const COLLECTION_ACTIONS: readonly [string, UndoAction][] = [
  [prefixOf(controlKeys.ladderPicks), 'pick'],
  [prefixOf(controlKeys.statementVersions), 'version'],
  [prefixOf(controlKeys.carried), 'carried'],
  [prefixOf(boardKeys.ladderAnswers), 'answer'],
  [prefixOf(boardKeys.ladderSupport), 'support'],
  [prefixOf(boardKeys.statementDraft), 'sentence'],
  [prefixOf(boardKeys.consentVotes), 'vote'],
  [prefixOf(boardKeys.notes), 'note'],
  [prefixOf(boardKeys.groups), 'group'],
  [prefixOf(boardKeys.groupMembers), 'group'],
  [prefixOf(boardKeys.ownDefinitions), 'definition'],
  [prefixOf(boardKeys.behaviours), 'behaviour'],
  [prefixOf(boardKeys.questions), 'question'],
];
const TOOLS = prefixOf(controlKeys.stepTools);
const CONSENT_ROUND = prefixOf(controlKeys.consentRound);

type ChangedTypes = Y.Transaction['changedParentTypes'];
type ChangeEvent = ChangedTypes extends Map<unknown, (infer E)[]> ? E : never;
type RootChange = { collection: string; event: ChangeEvent | undefined };

function describe(changes: readonly RootChange[]): UndoAction {
  for (const { collection, event } of changes) {
    if (collection === TOOLS && event instanceof Y.YMapEvent) {
      const map = event.target as Y.Map<unknown>;
      if (event.keysChanged.has('locked')) return map.get('locked') === true ? 'lock' : 'unlock';
      if (event.keysChanged.has('revealed')) return map.get('revealed') === true ? 'reveal' : 'hide';
    }
    if (collection === CONSENT_ROUND && event instanceof Y.YMapEvent) {
      return event.keysChanged.has('proposal') ? 'proposal' : 'agreement';
    }
  }
  for (const [collection, action] of COLLECTION_ACTIONS) {
    if (changes.some((c) => c.collection === collection)) return action;
  }
  return 'change';
}

/** The root-level types a transaction changed, by collection. */
function rootChanges(doc: Y.Doc, changed: ChangedTypes): RootChange[] {
  const names = new Map<unknown, string>();
  for (const [name, type] of doc.share) names.set(type, name);
  const out: RootChange[] = [];
  for (const [type, events] of changed) {
    const name = names.get(type);
    if (name === undefined) continue;
    out.push({ collection: collectionOf(name), event: events.find((e) => e.target === type) ?? events[0] });
  }
  return out;
}

const META_ORDER = 'order';
const META_ACTION = 'action';

export type UndoHistoryOptions = {
  /** Changes closer together than this become one undo step (typing a word, a merge of several notes). */
  captureTimeoutMs?: number;
};

/** The facilitator's undo across several documents: Undo takes back the latest own step, whichever doc it was in. */
export class UndoHistory {
  private readonly managers: Y.UndoManager[];
  private readonly listeners = new Set<() => void>();
  private order = 0;

  constructor(docs: readonly Y.Doc[], options: UndoHistoryOptions = {}) {
    const captureTimeout = options.captureTimeoutMs ?? 500;
    this.managers = docs.map((doc) => {
      const manager = new Y.UndoManager(doc, {
        captureTimeout,
        // Only this device's own edits (origin null); steering is not undone.
        trackedOrigins: new Set([null]),
        captureTransaction: (tr) =>
          rootChanges(doc, tr.changedParentTypes).some((c) => !STEERING_ROOTS.has(c.collection)),
      });
      const note = ({ stackItem, type, changedParentTypes }: StackEvent) => {
        if (type !== 'undo') return;
        stackItem.meta.set(META_ORDER, ++this.order);
        stackItem.meta.set(META_ACTION, describe(rootChanges(doc, changedParentTypes)));
      };
      manager.on('stack-item-added', note);
      manager.on('stack-item-updated', note);
      for (const event of ['stack-item-added', 'stack-item-updated', 'stack-item-popped', 'stack-cleared'] as const) {
        manager.on(event, this.notify);
      }
      return manager;
    });
  }

  /** What Undo would take back now; null when there is nothing of ours to undo. */
  next(): UndoAction | null {
    const item = this.latest()?.undoStack.at(-1);
    return item ? ((item.meta.get(META_ACTION) as UndoAction | undefined) ?? 'change') : null;
  }

  /** Takes back the latest own step; returns what it was, or null when there was nothing. */
  undo(): UndoAction | null {
    const manager = this.latest();
    if (!manager) return null;
    const action = this.next();
    manager.undo();
    return action;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.listeners.clear();
    for (const manager of this.managers) manager.destroy();
  }

  private latest(): Y.UndoManager | null {
    let best: Y.UndoManager | null = null;
    let bestOrder = -1;
    for (const manager of this.managers) {
      const order = manager.undoStack.at(-1)?.meta.get(META_ORDER) as number | undefined;
      if (order !== undefined && order > bestOrder) {
        best = manager;
        bestOrder = order;
      }
    }
    return best;
  }

  private readonly notify = () => {
    for (const listener of this.listeners) listener();
  };
}

type StackEvent = {
  stackItem: { meta: Map<string, unknown> };
  type: 'undo' | 'redo';
  changedParentTypes: ChangedTypes;
};
