/**
 * A translator over one language's catalog. A browser view that is handed its room language's
 * catalog (catalogOf in index.ts, passed by the page) imports this module and not index.ts, so its
 * bundle carries no catalog at all: the page brings the one language it needs.
 */
import { fill } from './fill.ts';
import type { Catalog, Translate } from './index.ts';

export type { Catalog, Translate } from './index.ts';

export function translatorFrom(catalog: Catalog): Translate {
  return (key, params) => fill(catalog[key], params);
}
