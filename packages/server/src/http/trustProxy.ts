/**
 * Express's `trust proxy` from the `TRUST_PROXY` variable: unset, empty or
 * `false` trusts no proxy (the client is the connection's address); `true`
 * trusts every hop; a whole number trusts that many hops in front of the
 * server; anything else is a comma-separated list of addresses, subnets or
 * Express's names (`loopback`, `linklocal`, `uniquelocal`).
 */
export function trustProxySetting(value: string | undefined): boolean | number | string {
  const trimmed = (value ?? '').trim();
  if (trimmed === '' || trimmed === 'false') return false;
  if (trimmed === 'true') return true;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  return trimmed;
}
