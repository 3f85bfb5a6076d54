/**
 * What the hosting server tells Astro pages: which rooms and workshops exist
 * and which origin links should use. The server installs it at start (production and
 * dev alike); pages read it with getHost(). This keeps `src/` free of
 * imports from `server/` while pages still render real room data.
 */
// Types only: pages load this module, and it must not pull the export code into them.
import type { ExportModel } from './export/schema.ts';
import type { RoomId } from '../model/ids.ts';
import type { Locale } from '../model/locale.ts';
import type { Workshop } from '../model/workshop.ts';

export type RoomInfo = {
  room: RoomId;
  workshop: string;
  locale: Locale;
  createdAt: number;
  /** The room's current join code (src/model/join-code.ts); null for rooms older than codes. */
  joinCode?: string | null;
};

export type PublicOrigin = {
  /** e.g. `http://192.168.1.20:4321`, without a trailing slash. */
  origin: string;
  /** True when the origin is our guess of the LAN address because the browser used localhost: show a hint to check it. */
  guessed: boolean;
  /**
   * True when the server listens on loopback only (HOST=127.0.0.1): the links work on this
   * computer alone, so the console says how to open the room to the network.
   */
  localOnly: boolean;
};

export interface HostContext {
  lookupRoom(room: string): RoomInfo | null;
  /** False when the facilitator has replaced the participant link and `invite` is not the current one. */
  inviteValid(room: string, invite: string | null): boolean;
  publicOrigin(requestUrl: URL, headers: Headers): PublicOrigin;
  /**
   * The workshops the server loaded (WORKSHOPS_DIR, checked with the same schema as the build),
   * so pages and API always agree on which workshops exist.
   */
  workshops(): readonly Workshop[];
  /**
   * The room's export model, as `GET /api/rooms/<room>/export` builds it (for the poster page);
   * null when there is no such room or its workshop is no longer installed.
   */
  roomExport(room: string): ExportModel | null;
}

const HOST_KEY = Symbol.for('ledestjerne.host');
type WithHost = { [HOST_KEY]?: HostContext };

export function installHost(host: HostContext): void {
  (globalThis as WithHost)[HOST_KEY] = host;
}

export function getHost(): HostContext {
  const host = (globalThis as WithHost)[HOST_KEY];
  if (!host) throw new Error('Ledestjerne host context missing: start the app with `npm start` or `npm run dev`.');
  return host;
}
