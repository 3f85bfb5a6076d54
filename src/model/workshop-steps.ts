/**
 * Reading a workshop that was already checked: steps by id or kind, and the
 * `{name}` placeholders of its texts. Kept apart from the schema in
 * workshop.ts so that the browser, which receives workshops checked by the
 * server, loads these few functions without the content schema's library.
 */
import type { StepKind, StepOf, Workshop } from './workshop.ts';

/** Fills `{name}` placeholders. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

export function stepIndex(workshop: Workshop, id: string | undefined): number {
  const index = workshop.steps.findIndex((s) => s.id === id);
  return index < 0 ? 0 : index;
}

/** The first step of a kind, e.g. the ladder whose last pick inspires the statement. */
export function firstStepOfKind<K extends StepKind>(workshop: Workshop, kind: K): StepOf<K> | undefined {
  return workshop.steps.find((s): s is StepOf<K> => s.kind === kind);
}

/** A step by id, if it is of the expected kind. */
export function stepOfKind<K extends StepKind>(workshop: Workshop, id: string, kind: K): StepOf<K> | undefined {
  return workshop.steps.find((s): s is StepOf<K> => s.id === id && s.kind === kind);
}
