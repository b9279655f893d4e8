/**
 * An outbound call the outbound rule refused: the URL's host is, or resolves
 * only to, an address that is not public and not allow-listed. Its message is
 * for the operator's log; callers of the API see a generic failure.
 */
export class OutboundRefused extends Error {
  override readonly name = 'OutboundRefused';
}
