import { useSyncExternalStore } from 'react';

/** Below antd's `md` breakpoint (768 px): a phone, where the side navigation becomes a drawer. */
const NARROW = '(max-width: 767.98px)';

function subscribe(changed: () => void): () => void {
  const query = window.matchMedia(NARROW);
  query.addEventListener('change', changed);
  return () => query.removeEventListener('change', changed);
}

/** Whether the window is phone-narrow, known from the first render (no desktop flash on a phone). */
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(NARROW).matches);
}
