/**
 * The room as the rule table sees it (src/model/rules.ts), read from the
 * control document: which step is current, its tools, which sentences are
 * agreed. The server builds it to enforce, the islands to enable controls.
 */
import type * as Y from 'yjs';
import { anonymousAuthorId } from './anonymous.ts';
import { Control } from './control.ts';
import type { RoomView } from './rules.ts';
import type { Workshop } from './workshop.ts';

/** `anonKey`: the writer's own seat key, for its pseudonyms on anonymous steps (null when unknown). */
export function roomViewOf(workshop: Workshop, control: Control, anonKey: string | null): RoomView {
  return {
    workshop,
    currentStepId: control.currentStepId() ?? workshop.steps[0]?.id ?? '',
    tools: (stepId) => control.stepTools(stepId),
    agreed: (statementStepId) =>
      workshop.steps.some(
        (s) =>
          s.kind === 'consent' && s.statementStep === statementStepId && control.consentRound(s.id)?.agreedText != null,
      ),
    pseudonym: (_seat, stepId) => (anonKey ? anonymousAuthorId(anonKey, stepId) : null),
  };
}

/** How many times each control document has changed: a cached view is good while this stands still. */
const changeCounts = new WeakMap<Y.Doc, { changes: number }>();

function changeCountOf(doc: Y.Doc): { changes: number } {
  let count = changeCounts.get(doc);
  if (!count) {
    const fresh = { changes: 0 };
    // Held by the document itself, so it goes when the document goes.
    doc.on('update', () => fresh.changes++);
    changeCounts.set(doc, fresh);
    count = fresh;
  }
  return count;
}

/**
 * A source of the room view for one writer that reads the control document
 * only after it changed: the server checks every update against the view, and
 * the control document changes only when the facilitator steers.
 */
export function cachedRoomView(workshop: Workshop, control: Control, anonKey: string | null): () => RoomView {
  const count = changeCountOf(control.doc);
  const pseudonyms = new Map<string, string | null>();
  let seen = -1;
  let view: RoomView | null = null;
  return () => {
    if (view && seen === count.changes) return view;
    seen = count.changes;
    const fresh = roomViewOf(workshop, control, anonKey);
    const tools = new Map<string, ReturnType<RoomView['tools']>>();
    const agreed = new Map<string, boolean>();
    view = {
      ...fresh,
      tools: (stepId) => tools.get(stepId) ?? tools.set(stepId, fresh.tools(stepId)).get(stepId)!,
      agreed: (stepId) => agreed.get(stepId) ?? agreed.set(stepId, fresh.agreed(stepId)).get(stepId)!,
      // The key does not change with the control document: pseudonyms are kept across views.
      pseudonym: (seat, stepId) => {
        if (!pseudonyms.has(stepId)) pseudonyms.set(stepId, fresh.pseudonym(seat, stepId));
        return pseudonyms.get(stepId)!;
      },
    };
    return view;
  };
}
