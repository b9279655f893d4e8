import { useCallback, useEffect, useState } from 'react';

/**
 * The page's path, following the browser's back and forward buttons, and a
 * way to go to another path (a new history entry, or replacing the current
 * one). The server answers the web app's page for any path outside `/api/`,
 * so each screen has an address that can be bookmarked and reloaded.
 */
export function useScreenPath(): [string, (path: string, options?: { replace?: boolean }) => void] {
  const [path, setPath] = useState(() => window.location.pathname);
  useEffect(() => {
    const follow = () => setPath(window.location.pathname);
    window.addEventListener('popstate', follow);
    return () => window.removeEventListener('popstate', follow);
  }, []);
  const go = useCallback((next: string, options: { replace?: boolean } = {}) => {
    if (next !== window.location.pathname) {
      if (options.replace) window.history.replaceState(null, '', next);
      else window.history.pushState(null, '', next);
    }
    setPath(next);
  }, []);
  return [path, go];
}
