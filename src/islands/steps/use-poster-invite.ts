import { useEffect, useState } from 'react';
import type { RoomLinks } from '../../model/protocol.ts';
import type { Role } from '../../model/roles.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';

/**
 * The invite token a poster link must carry: the poster page lets in whoever
 * may open the projector link. Participants and projectors have it from their
 * own link; the console asks the server for the current links with its key.
 * `ready` stays false until it is known, so no link is offered that would fail.
 */
export function usePosterInvite(connection: RoomConnection, role: Role): { ready: boolean; invite: string | null } {
  const { room, invite, facilitatorKey } = connection.options;
  const asks = role === 'facilitator' && Boolean(facilitatorKey);
  const [fetched, setFetched] = useState<{ ready: boolean; invite: string | null }>({ ready: false, invite: null });
  useEffect(() => {
    if (!asks) return;
    let cancelled = false;
    fetch(`/api/rooms/${encodeURIComponent(room)}/links`, { headers: { authorization: `Bearer ${facilitatorKey}` } })
      .then(async (response) => {
        if (!response.ok) throw new Error(`links: ${response.status}`);
        const links = (await response.json()) as RoomLinks;
        return links.inviteRequired ? new URL(links.projectorUrl, location.href).searchParams.get('invite') : null;
      })
      .then((current) => !cancelled && setFetched({ ready: true, invite: current }))
      // Without the links, offer the plain ones: they work unless the link was replaced.
      .catch(() => !cancelled && setFetched({ ready: true, invite: null }));
    return () => {
      cancelled = true;
    };
  }, [asks, room, facilitatorKey]);
  return asks ? fetched : { ready: role !== 'facilitator', invite: invite ?? null };
}
