/**
 * The console's preview: a step the facilitator looks at without moving the
 * room, and bringing everyone there. Null preview means the console shows the
 * room's own step.
 */
import { useEffect, useRef, useState } from 'react';
import type { Translate } from '../../i18n/index.ts';
import type { Locale } from '../../model/locale.ts';
import type { Workshop, WorkshopStep } from '../../model/workshop.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';
import { announce } from '../announce.ts';

type Options = {
  workshop: Workshop;
  /** The room's current step and its index. */
  step: WorkshopStep;
  index: number;
  connection: RoomConnection | null;
  locale: Locale;
  t: Translate;
};

export function useStepPreview({ workshop, step, index, connection, locale, t }: Options) {
  const [previewId, setPreviewId] = useState<string | null>(null);
  const previewIndex = previewId === null ? -1 : workshop.steps.findIndex((s) => s.id === previewId);
  const previewing = previewIndex >= 0 && previewIndex !== index;
  const shownIndex = previewing ? previewIndex : index;
  const shown = workshop.steps[shownIndex] ?? step;
  const titleRef = useRef<HTMLHeadingElement>(null);
  // Once the room arrives at the previewed step (e.g. moved from another tab), the preview is over for good.
  useEffect(() => {
    if (previewId !== null && previewId === step.id) setPreviewId(null);
  }, [previewId, step.id]);

  const moveEveryone = (stepId: string) => {
    connection?.control.goToStep(stepId);
    setPreviewId(null);
  };
  return {
    previewing,
    previewIndex,
    shownIndex,
    shown,
    titleRef,
    moveEveryone,
    /** Looking at the room's own step is no preview. */
    startPreview: (stepId: string) => setPreviewId(stepId === step.id ? null : stepId),
    endPreview: () => {
      setPreviewId(null);
      titleRef.current?.focus();
    },
    bringEveryone: () => {
      moveEveryone(shown.id);
      announce(t('tools.preview.brought', { title: shown.title[locale] }));
      titleRef.current?.focus();
    },
  };
}
