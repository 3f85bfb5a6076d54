import { useEffect } from 'react';

/**
 * Keeps the wall from going dark mid-workshop where the browser allows it
 * (secure contexts); the lock is dropped when the tab is hidden, so it is taken again on return.
 */
export function useScreenWakeLock(): void {
  useEffect(() => {
    if (!('wakeLock' in navigator)) return;
    let lock: WakeLockSentinel | null = null;
    let active = true;
    const request = () => {
      if (document.visibilityState !== 'visible') return;
      navigator.wakeLock
        .request('screen')
        .then((sentinel) => {
          if (active) lock = sentinel;
          else void sentinel.release();
        })
        .catch(() => {
          // Not allowed here (battery saver, insecure origin): the screen may sleep, nothing else changes.
        });
    };
    request();
    document.addEventListener('visibilitychange', request);
    return () => {
      active = false;
      document.removeEventListener('visibilitychange', request);
      void lock?.release();
    };
  }, []);
}
