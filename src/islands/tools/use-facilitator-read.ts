/**
 * A facilitator-only API read for a console panel (GET with the facilitator
 * key), read again on request. Only the newest request may set the answer:
 * answers can arrive out of order, and an older one must not overwrite a newer.
 */
import { useCallback, useRef, useState } from 'react';

export type FacilitatorRead<T> = {
  data: T | null;
  loading: boolean;
  failed: boolean;
  refresh: () => void;
  /** Forgets the answer (another step's history is not this one's). */
  clear: () => void;
};

export function useFacilitatorRead<T>(url: string, key: string, parse: (body: unknown) => T): FacilitatorRead<T> {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const latest = useRef(0);

  const refresh = useCallback(() => {
    const ticket = ++latest.current;
    setLoading(true);
    fetch(url, { headers: { authorization: `Bearer ${key}` } })
      .then(async (response) => {
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        return parse(await response.json());
      })
      .then((next) => {
        if (ticket !== latest.current) return;
        setData(next);
        setFailed(false);
      })
      .catch(() => ticket === latest.current && setFailed(true))
      .finally(() => ticket === latest.current && setLoading(false));
    // Only the URL and key decide what is read; `parse` is a pure check that callers may pass as a new arrow each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url, key]);

  const clear = useCallback(() => setData(null), []);
  return { data, loading, failed, refresh, clear };
}
