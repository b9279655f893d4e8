import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client.js';

/** A list the server keeps (a review queue): loaded once, reloaded after each decision. */
export function useQueue<T>(api: ApiClient, path: string, pick: (answer: Record<string, unknown>) => T[]): { items: T[] | undefined; error: string | undefined; reload(): void } {
  const [items, setItems] = useState<T[]>();
  const [error, setError] = useState<string>();
  const reload = useCallback(() => {
    api.call<Record<string, unknown>>('GET', path).then(
      (answer) => {
        setItems(pick(answer));
        setError(undefined);
      },
      (failure: Error) => setError(failure.message),
    );
    // `pick` is a pure selector given inline: the path alone decides what is loaded.
  }, [api, path]);
  useEffect(reload, [reload]);
  return { items, error, reload };
}
