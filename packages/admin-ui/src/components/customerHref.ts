/**
 * Where a rep's own customer is shown: My customers (the screen keyed `mine`)
 * with that customer picked out. The app shell opens the screen a `#/<key>`
 * link names and hands it the query.
 */
export function customerHref(customerId: string): string {
  return `#/mine?customer=${encodeURIComponent(customerId)}`;
}
