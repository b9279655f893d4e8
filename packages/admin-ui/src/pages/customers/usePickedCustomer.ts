import { useEffect, useState } from 'react';

/** The customer a `#/mine?customer=<id>` link picks out (the registration answer "already yours" links so), or undefined. */
export function pickedCustomer(hash: string): string | undefined {
  const query = hash.split('?')[1];
  return query ? (new URLSearchParams(query).get('customer') ?? undefined) : undefined;
}

/** The customer the page's address picks out, following the address as it changes. */
export function usePickedCustomer(): string | undefined {
  const [picked, setPicked] = useState(() => pickedCustomer(window.location.hash));
  useEffect(() => {
    const follow = () => setPicked(pickedCustomer(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return picked;
}
