/**
 * The poster of a result: its formats, its address, and which result it
 * shows. How large the type is set is poster-fit.ts. Pure: the page, the
 * result step and the tests share it.
 */
import type { ExportedResult, ExportModel } from './export/schema.ts';

export const POSTER_FORMATS = ['a4', 'a3', 'screen'] as const;
export type PosterFormat = (typeof POSTER_FORMATS)[number];
export const DEFAULT_POSTER_FORMAT: PosterFormat = 'a4';

export function isPosterFormat(value: unknown): value is PosterFormat {
  return typeof value === 'string' && (POSTER_FORMATS as readonly string[]).includes(value);
}

/** The poster page of a room; the invite is needed once the facilitator has replaced the participant link. */
export function posterPath(
  room: string,
  options: { format: PosterFormat; invite?: string | null; result?: string | null },
): string {
  const query = new URLSearchParams({ format: options.format });
  if (options.result) query.set('result', options.result);
  if (options.invite) query.set('invite', options.invite);
  return `/r/${encodeURIComponent(room)}/poster?${query.toString()}`;
}

/**
 * The result a poster shows. `stepId` names the step it came from: the
 * statement or define step, the consent step that agreed on it, the vote that
 * chose a list or the step voted on, a behaviours or group step. Without one,
 * the first sentence (the purpose or a definition), else the first result.
 * Null when there is no such result (or nothing yet).
 */
export function posterResult(
  model: Pick<ExportModel, 'results' | 'steps'>,
  stepId: string | null,
): ExportedResult | null {
  if (stepId === null) {
    return model.results.find((r) => r.kind === 'statement' || r.kind === 'definition') ?? model.results[0] ?? null;
  }
  const consent = model.steps.find((s) => s.id === stepId && s.kind === 'consent');
  const target = consent?.kind === 'consent' ? consent.statementStep : stepId;
  return (
    model.results.find((r) => r.stepId === target) ??
    model.results.find((r) => r.kind === 'chosen' && r.sourceStepId === stepId) ??
    null
  );
}
