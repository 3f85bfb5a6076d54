import type { Translate } from '../../i18n/index.ts';
import type { Locale } from '../../model/locale.ts';
import type { Role } from '../../model/roles.ts';
import type { StepToolsValue } from '../../model/schema.ts';
import type { StepKind, StepOf, Workshop } from '../../model/workshop.ts';
import type { Identity } from '../../sync/device.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';

/** What every activity component receives, whatever the role. */
export type StepProps<K extends StepKind> = {
  step: StepOf<K>;
  workshop: Workshop;
  role: Role;
  connection: RoomConnection;
  locale: Locale;
  t: Translate;
  /** The participant's (or facilitator's) device identity; the projector has one too but never writes. */
  identity: Identity;
  /** Markdown of brief steps, rendered to HTML on the server, by step id. */
  renderedBodies: Record<string, string>;
  /** The facilitator's flags for this step: silent work revealed, step locked for participants. */
  tools: StepToolsValue;
};
