/**
 * What every room page needs before it renders: the room (or a 404), its
 * workshop, the public links, and the brief steps' markdown as HTML.
 * Files under `_lib` are not routes.
 */
import { marked } from 'marked';
import { getHost, type RoomInfo } from '../../lib/host.ts';
import { localeFromAcceptLanguage, type Locale } from '../../model/locale.ts';
import { roomPaths } from '../../model/protocol.ts';
import type { Role } from '../../model/roles.ts';
import type { Workshop } from '../../model/workshop.ts';

export type FoundRoom = {
  found: true;
  info: RoomInfo;
  locale: Locale;
  workshop: Workshop;
  origin: string;
  guessed: boolean;
  /** Only this computer can reach the server (HOST=127.0.0.1). */
  localOnly: boolean;
  participantUrl: string;
  projectorUrl: string;
  renderedBodies: Record<string, string>;
  /** The invite token this page was opened with, passed on to the sync connection. */
  invite: string | null;
};
/** `revoked`: the room exists but the facilitator has replaced this link. */
export type MissingRoom = { found: false; locale: Locale; reason: 'unknown' | 'revoked' };

type PageContext = { params: { room?: string | undefined }; url: URL; request: Request };

export async function loadRoomPage(
  { params, url, request }: PageContext,
  role: Role,
): Promise<FoundRoom | MissingRoom> {
  const host = getHost();
  const info = params.room ? host.lookupRoom(params.room) : null;
  const found = info ? host.workshops().find((w) => w.id === info.workshop) : undefined;
  if (!info || !found) {
    return {
      found: false,
      reason: 'unknown',
      locale: info?.locale ?? localeFromAcceptLanguage(request.headers.get('accept-language')),
    };
  }
  // The console proves itself with the key over the API; the other views need the current invite.
  const invite = role === 'facilitator' ? null : url.searchParams.get('invite');
  if (role !== 'facilitator' && !host.inviteValid(info.room, invite)) {
    return { found: false, reason: 'revoked', locale: info.locale };
  }

  const { origin, guessed, localOnly } = host.publicOrigin(url, request.headers);
  const workshop = role === 'facilitator' ? found : withoutFacilitatorNotes(found);
  return {
    found: true,
    info,
    locale: info.locale,
    workshop,
    origin,
    guessed,
    localOnly,
    participantUrl: origin + roomPaths.participant(info.room, invite),
    projectorUrl: origin + roomPaths.projector(info.room, invite),
    invite,
    renderedBodies: renderBriefBodies(workshop, info.locale),
  };
}

/** Brief steps' markdown as HTML, by step id. The markdown is our own content, not user input. */
export function renderBriefBodies(workshop: Workshop, locale: Locale): Record<string, string> {
  const bodies: Record<string, string> = {};
  for (const step of workshop.steps) {
    if (step.kind === 'brief') bodies[step.id] = marked.parse(step.body[locale], { async: false });
  }
  return bodies;
}

/** Notes are for the facilitator: they are not shipped to participants' and the projector's pages. */
function withoutFacilitatorNotes(workshop: Workshop): Workshop {
  return {
    ...workshop,
    steps: workshop.steps.map(({ facilitatorNotes: _notes, ...step }) => step),
  };
}
