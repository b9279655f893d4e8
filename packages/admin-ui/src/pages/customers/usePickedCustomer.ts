import { useEffect, useState } from 'react';

/** The customer an address's query picks out (`?customer=<id>`: the registration answer "already yours" links so), or undefined. */
export function pickedCustomer(search: string): string | undefined {
  return new URLSearchParams(search).get('customer') ?? undefined;
}

/** The customer the page's address picks out, following the browser's back and forward buttons. */
export function usePickedCustomer(): string | undefined {
  const [picked, setPicked] = useState(() => pickedCustomer(window.location.search));
  useEffect(() => {
    const follow = () => setPicked(pickedCustomer(window.location.search));
    window.addEventListener('popstate', follow);
    return () => window.removeEventListener('popstate', follow);
  }, []);
  return picked;
}
