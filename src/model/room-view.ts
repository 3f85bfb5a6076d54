/**
 * The room as the rule table sees it (src/model/rules.ts), read from the
 * control document: which step is current, its tools, which sentences are
 * agreed. The server builds it to enforce, the islands to enable controls.
 */
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
        (s) => s.kind === 'consent' && s.statementStep === statementStepId && control.consentRound(s.id)?.agreedText != null,
      ),
    pseudonym: (_seat, stepId) => (anonKey ? anonymousAuthorId(anonKey, stepId) : null),
  };
}
