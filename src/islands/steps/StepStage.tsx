import { Component, Suspense, useEffect, type ComponentType, type ErrorInfo, type ReactNode } from 'react';
import type { Translate } from '../../i18n/index.ts';
import type { StepKind, WorkshopStep } from '../../model/workshop.ts';
import { CarriedPanel } from './CarriedPanel.tsx';
import { prefetchStepKind, STEP_COMPONENTS } from './step-components.ts';
import type { StepProps } from './types.ts';
import { useShared } from '../../sync/hooks.ts';
import { DoneToggle } from '../done/DoneToggle.tsx';
import { SpotlightScope } from '../spotlight/SpotlightScope.tsx';

export type StepStageProps = Omit<StepProps<WorkshopStep['kind']>, 'step' | 'tools'> & { step: WorkshopStep };

/**
 * The activity of the current step, for any role. Each kind has its own component;
 * around them, the spotlight's marks and buttons and the participant's "I'm done".
 */
export function StepStage(props: StepStageProps) {
  return (
    <StageBoundary key={props.step.id} t={props.t}>
      <CarriedPanel step={props.step} role={props.role} connection={props.connection} t={props.t} />
      <SpotlightScope {...props}>
        <StageSwitch {...props} />
      </SpotlightScope>
      {props.role === 'participant' ? <DoneToggle {...props} /> : null}
    </StageBoundary>
  );
}

function StageSwitch({ step, ...rest }: StepStageProps) {
  const { control } = rest.connection;
  const tools = useShared([control.stepToolsMap(step.id)], () => control.stepTools(step.id));
  const steps = rest.workshop.steps;
  const next = steps[steps.findIndex((s) => s.id === step.id) + 1];
  // The next step's code is fetched while this one runs, so moving on does not wait for the network.
  useEffect(() => {
    if (next) prefetchStepKind(next.kind);
  }, [next]);
  // Each kind's component takes the props of its own kind; the lookup loses that link, the switch keeps it.
  const Stage = STEP_COMPONENTS[step.kind] as ComponentType<StepProps<StepKind>>;
  return (
    <Suspense fallback={<p className="muted">{rest.t('room.loadingStep')}</p>}>
      <Stage {...rest} tools={tools} step={step} />
    </Suspense>
  );
}

type BoundaryProps = { t: Translate; children: ReactNode };

/** Keeps a failing activity from taking the whole view (and its connection status) down with it. */
class StageBoundary extends Component<BoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Step failed to render', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const { t } = this.props;
    return (
      <div className="notice notice--error" role="alert">
        <p>{t('room.stageFailed')}</p>
        <p>
          <a className="btn btn--secondary" href="">
            {t('room.reload')}
          </a>
        </p>
      </div>
    );
  }
}
