import { Heading } from './Heading.tsx';
import { ICONS } from './icons.ts';
import type { StepProps } from './types.ts';

/** An instruction or story, with an optional question for the room to discuss. */
export function BriefStep({ step, role, locale, t, renderedBodies }: StepProps<'brief'>) {
  // Trusted: rendered on the server from the workshop's own markdown, never from user input.
  const body = renderedBodies[step.id];
  const prompt = step.prompt?.[locale];
  return (
    <div className={`brief brief--${role}`}>
      {body ? <div className="brief-body" dangerouslySetInnerHTML={{ __html: body }} /> : null}
      {prompt ? (
        <div className="brief-prompt">
          <Heading role={role} className="brief-prompt-label">
            <span aria-hidden="true" className="brief-prompt-icon">
              {ICONS.question}
            </span>
            {t('brief.discuss')}
          </Heading>
          <p className="brief-prompt-text">{prompt}</p>
        </div>
      ) : null}
    </div>
  );
}
