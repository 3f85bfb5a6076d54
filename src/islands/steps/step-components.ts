/**
 * Each step kind's component, loaded when a step of that kind comes (and one step ahead, see
 * StepStage): a participant's phone downloads the activities of this workshop as it reaches them,
 * not every kind the app knows on first load.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { StepKind } from '../../model/workshop.ts';
import type { StepProps } from './types.ts';

type Loaded<K extends StepKind> = { default: ComponentType<StepProps<K>> };

const LOADERS: { [K in StepKind]: () => Promise<Loaded<K>> } = {
  brief: () => import('./BriefStep.tsx').then((m) => ({ default: m.BriefStep })),
  ladder: () => import('./LadderStep.tsx').then((m) => ({ default: m.LadderStep })),
  statement: () => import('./StatementStep.tsx').then((m) => ({ default: m.StatementStep })),
  consent: () => import('./ConsentStep.tsx').then((m) => ({ default: m.ConsentStep })),
  result: () => import('./ResultStep.tsx').then((m) => ({ default: m.ResultStep })),
  notes: () => import('./NotesStep.tsx').then((m) => ({ default: m.NotesStep })),
  group: () => import('./GroupStep.tsx').then((m) => ({ default: m.GroupStep })),
  define: () => import('./DefineStep.tsx').then((m) => ({ default: m.DefineStep })),
  behaviours: () => import('./BehavioursStep.tsx').then((m) => ({ default: m.BehavioursStep })),
  vote: () => import('./VoteStep.tsx').then((m) => ({ default: m.VoteStep })),
  questions: () => import('./QuestionsStep.tsx').then((m) => ({ default: m.QuestionsStep })),
};

export const STEP_COMPONENTS = Object.fromEntries(
  Object.entries(LOADERS).map(([kind, load]) => [kind, lazy(load as () => Promise<Loaded<StepKind>>)]),
) as { [K in StepKind]: LazyExoticComponent<ComponentType<StepProps<K>>> };

const prefetched = new Set<StepKind>();

/** Starts loading a kind's code; the browser's module cache makes the later lazy() load instant. */
export function prefetchStepKind(kind: StepKind): void {
  if (prefetched.has(kind)) return;
  prefetched.add(kind);
  // A failed prefetch is tried again by lazy() when the step comes, which then shows the error boundary.
  LOADERS[kind]().catch(() => prefetched.delete(kind));
}
