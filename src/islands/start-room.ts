/**
 * Starting a room from the start page: `POST /api/rooms`, optionally with the
 * JSON export of an earlier room (to continue it, or to bring its results
 * along), then on to the new room's console. Failures come back as messages
 * in the page's language; nothing of the form is reset.
 */
import { z } from '../model/shape.ts';
import type { Translate } from '../i18n/index.ts';
import { isFacilitatorKey, isRoomId, type FacilitatorKey, type RoomId } from '../model/ids.ts';
import type { Locale } from '../model/locale.ts';
import { roomPaths } from '../model/protocol.ts';
import type { LocalizedText } from '../model/workshop.ts';
import { rememberRoom } from '../sync/device.ts';
import type { StartMode } from './StartFromFile.tsx';

/** What the start page needs to know of a workshop. */
export type WorkshopCard = {
  id: string;
  title: LocalizedText;
  summary: LocalizedText;
  minutes: number;
  steps: number;
};

export type StartFailure = {
  message: string;
  /** The chosen file is the problem (not the network or the server). */
  aboutFile: boolean;
  /** The workshop the file belongs to, when it is another than the chosen one. */
  switchTo?: WorkshopCard;
};

/** The answer of POST /api/rooms, checked before it is trusted. */
const createdRoom = z.object({
  room: z.custom<RoomId>(isRoomId),
  facilitatorKey: z.custom<FacilitatorKey>(isFacilitatorKey),
});
const apiError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
/** Just enough of an export to name its workshop in a message. */
const exportHead = z.object({ workshop: z.object({ id: z.string(), title: z.string() }) });

export type StartRequest = {
  t: Translate;
  /** The page's language, for workshop titles in messages. */
  pageLocale: Locale;
  workshop: WorkshopCard;
  workshops: readonly WorkshopCard[];
  locale: Locale;
  mode: StartMode;
  file: File | null;
};

/** Starts a room and moves to its console; returns what went wrong otherwise. */
export async function startRoom(request: StartRequest): Promise<StartFailure | null> {
  const { t, workshop, locale, mode } = request;
  const body: Record<string, unknown> = { workshop: workshop.id, locale };
  let exported: unknown;
  if (mode !== 'empty') {
    if (!request.file) return { message: t('start.import.noFile'), aboutFile: true };
    try {
      exported = JSON.parse(await request.file.text());
    } catch {
      return { message: t('start.import.notJson', { download: t('export.format.json') }), aboutFile: true };
    }
    body[mode] = exported;
  }
  let response: Response;
  try {
    response = await fetch('/api/rooms', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    return { message: t('start.networkError'), aboutFile: false };
  }
  const answer: unknown = await response.json().catch(() => null);
  if (!response.ok) return failureOf(request, response.status, answer, exported);
  const parsed = createdRoom.safeParse(answer);
  if (!parsed.success) return { message: t('start.unexpectedAnswer'), aboutFile: false };
  const { room, facilitatorKey } = parsed.data;
  rememberRoom({
    room,
    workshop: workshop.id,
    title: workshop.title[locale],
    locale,
    facilitatorKey,
    openedAt: Date.now(),
  });
  // Same origin as this page rather than the answer's facilitatorUrl: that one may use a guessed
  // LAN address, and this device's storage (which now holds the key) belongs to this origin.
  location.assign(roomPaths.facilitator(room, facilitatorKey));
  return null;
}

/** The server's refusal in the page's language; its own message (which names the field) where it helps. */
function failureOf(request: StartRequest, status: number, answer: unknown, exported: unknown): StartFailure {
  const { t, pageLocale, workshop, workshops } = request;
  const error = apiError.safeParse(answer);
  const code = error.success ? error.data.error.code : null;
  const serverMessage = error.success ? error.data.error.message : `HTTP ${status}`;
  const head = exportHead.safeParse(exported);
  switch (code) {
    case 'invalid_import':
      return { message: t('start.import.invalid', { message: serverMessage }), aboutFile: true };
    case 'workshop_mismatch': {
      const own = head.success ? workshops.find((w) => w.id === head.data.workshop.id) : undefined;
      const title = own?.title[pageLocale] ?? (head.success ? head.data.workshop.title : '');
      return { message: t('start.import.otherWorkshop', { workshop: title }), aboutFile: true, switchTo: own };
    }
    case 'nothing_to_carry':
      return {
        message: t('start.import.nothingToCarry', { workshop: workshop.title[pageLocale] }),
        aboutFile: true,
      };
    case 'payload_too_large':
      return { message: t('start.import.tooLarge'), aboutFile: true };
    default:
      return {
        message: t('start.error', { message: serverMessage }),
        aboutFile: request.mode !== 'empty' && status === 400,
      };
  }
}
