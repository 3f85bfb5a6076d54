import { Component, type ErrorInfo, type ReactNode } from 'react';
import type { Translate } from '../../i18n/index.ts';
import type { WorkshopStep } from '../../model/workshop.ts';
import { BehavioursStep } from './BehavioursStep.tsx';
import { BriefStep } from './BriefStep.tsx';
import { CarriedPanel } from './CarriedPanel.tsx';
import { ConsentStep } from './ConsentStep.tsx';
import { DefineStep } from './DefineStep.tsx';
import { GroupStep } from './GroupStep.tsx';
import { LadderStep } from './LadderStep.tsx';
import { NotesStep } from './NotesStep.tsx';
import { ResultStep } from './ResultStep.tsx';
import { QuestionsStep } from './QuestionsStep.tsx';
import { StatementStep } from './StatementStep.tsx';
import type { StepProps } from './types.ts';
import { VoteStep } from './VoteStep.tsx';
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
  const common = { ...rest, tools };
  switch (step.kind) {
    case 'brief':
      return <BriefStep {...common} step={step} />;
    case 'ladder':
      return <LadderStep {...common} step={step} />;
    case 'statement':
      return <StatementStep {...common} step={step} />;
    case 'consent':
      return <ConsentStep {...common} step={step} />;
    case 'result':
      return <ResultStep {...common} step={step} />;
    case 'notes':
      return <NotesStep {...common} step={step} />;
    case 'group':
      return <GroupStep {...common} step={step} />;
    case 'define':
      return <DefineStep {...common} step={step} />;
    case 'behaviours':
      return <BehavioursStep {...common} step={step} />;
    case 'vote':
      return <VoteStep {...common} step={step} />;
    case 'questions':
      return <QuestionsStep {...common} step={step} />;
  }
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
