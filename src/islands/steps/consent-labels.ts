import type { MessageKey } from '../../i18n/index.ts';
import type { ConsentValue } from '../../model/schema.ts';

/** The name of each signal, shared by the form, the tally and the result. */
export const CONSENT_LABEL_KEYS = {
  agree: 'consent.optionAgree',
  live: 'consent.optionLive',
  object: 'consent.optionObject',
} as const satisfies Record<ConsentValue, MessageKey>;
