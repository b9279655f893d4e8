/**
 * Where a rep's own customer is shown: My customers (the screen at
 * `/my-customers`) with that customer picked out by the address's query.
 */
export function customerHref(customerId: string): string {
  return `/my-customers?customer=${encodeURIComponent(customerId)}`;
}
