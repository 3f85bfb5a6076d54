/**
 * The page's polite live region (rendered by Layout.astro): islands announce
 * remote changes here instead of each keeping its own region.
 */
export const LIVE_REGION_ID = 'live-announcer';

/** Time between clearing and filling the region, so a repeated message is announced again. */
const ANNOUNCE_DELAY_MS = 60;

let pending: number | undefined;

export function announce(message: string): void {
  const region = document.getElementById(LIVE_REGION_ID);
  if (!region) return;
  window.clearTimeout(pending);
  region.textContent = '';
  pending = window.setTimeout(() => {
    region.textContent = message;
  }, ANNOUNCE_DELAY_MS);
}
