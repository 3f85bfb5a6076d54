/**
 * The console's view of the room's links. The page renders the plain links;
 * once the key is known, the console asks the server for the current ones
 * (they carry an invite token after the link was replaced) and can replace them.
 */
import { useCallback, useEffect, useState } from 'react';
import type { RoomLinks } from '../model/protocol.ts';

export type LinksState = {
  participantUrl: string;
  projectorUrl: string;
  /** Set once the server's current links replace the page's: the QR must be redrawn from it. */
  qrSvg: string | null;
  /** The room's current join code, once the server's links are known. */
  joinCode: string | null;
  replacing: boolean;
  /** True right after this console replaced the link. */
  replaced: boolean;
  failed: boolean;
  replace: () => Promise<void>;
};

export function useRoomLinks(
  room: string,
  key: string | null | undefined,
  initial: { participantUrl: string; projectorUrl: string },
): LinksState {
  const [links, setLinks] = useState<RoomLinks | null>(null);
  const [replacing, setReplacing] = useState(false);
  const [replaced, setReplaced] = useState(false);
  const [failed, setFailed] = useState(false);

  const request = useCallback(
    async (method: 'GET' | 'POST') => {
      const path = method === 'GET' ? 'links' : 'invite';
      const response = await fetch(`/api/rooms/${encodeURIComponent(room)}/${path}`, {
        method,
        headers: { authorization: `Bearer ${key}` },
      });
      if (!response.ok) throw new Error(`links: ${response.status}`);
      return (await response.json()) as RoomLinks;
    },
    [room, key],
  );

  useEffect(() => {
    if (!key) return;
    let cancelled = false;
    request('GET')
      .then((current) => !cancelled && current.inviteRequired && setLinks(current))
      .catch(() => {
        // The page's links still work when no invite is required; a failure shows on replace.
      });
    return () => {
      cancelled = true;
    };
  }, [key, request]);

  const replace = useCallback(async () => {
    setReplacing(true);
    setFailed(false);
    try {
      setLinks(await request('POST'));
      setReplaced(true);
    } catch {
      setFailed(true);
    } finally {
      setReplacing(false);
    }
  }, [request]);

  return {
    participantUrl: links?.participantUrl ?? initial.participantUrl,
    projectorUrl: links?.projectorUrl ?? initial.projectorUrl,
    qrSvg: links?.participantQrSvg ?? null,
    joinCode: links?.joinCode ?? null,
    replacing,
    replaced,
    failed,
    replace,
  };
}
