import type { HTMLAttributes } from 'react';
import type { Role } from '../../model/roles.ts';

/**
 * A section heading at the right level for the page around the step: the
 * participant and projector pages title the step with an h1, the
 * facilitator's console puts the stage under an h2.
 */
export function Heading({
  role,
  sub = false,
  ...props
}: { role: Role; sub?: boolean } & HTMLAttributes<HTMLHeadingElement>) {
  const level = (role === 'facilitator' ? 3 : 2) + (sub ? 1 : 0);
  if (level === 2) return <h2 {...props} />;
  if (level === 3) return <h3 {...props} />;
  return <h4 {...props} />;
}
