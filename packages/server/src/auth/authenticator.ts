import type { Request } from 'express';
import type { UserAccounts } from '../domain/users/userAccounts.js';
import { tokenVersionOf } from '../domain/users/userAccounts.js';
import type { ApiKeys } from './apiKeys.js';
import type { Principal } from './principal.js';
import type { TokenSigner } from './tokens.js';

/**
 * Finds the caller of a request: a bearer token from login, or an API key.
 * Role and teams always come from the store (through the accounts' short-lived
 * cache), never from what the client sent. A login token is accepted only at
 * its user's current token version, so a sign-out, a new password, a role
 * change or disabling ends it at once. An API key works only while the admin
 * who made it is an active admin.
 */
export function createAuthenticator(deps: { tokens: TokenSigner; accounts: UserAccounts; apiKeys: ApiKeys }) {
  return async function authenticate(request: Request): Promise<Principal | undefined> {
    const header = request.headers['authorization'];
    if (typeof header === 'string' && header.startsWith('Bearer ')) {
      // The signature's verdict may come from the signer's cache; the account checks below run on every request regardless.
      const claims = await deps.tokens.verify(header.slice(7).trim());
      if (!claims) return undefined;
      const user = await deps.accounts.access(claims.userId);
      if (!user || user.disabled) return undefined;
      // An embed token ends with its key, its origin's consent, or the rep's role; not with the rep signing out.
      if (!claims.embed && claims.version !== tokenVersionOf(user)) return undefined;
      if (claims.embed) {
        // An embed token lives only as long as its key and the key's consent to that origin.
        const key = await deps.apiKeys.active(claims.embed.keyId);
        if (!key || !(key.origins ?? []).includes(claims.embed.origin) || user.role !== 'rep') return undefined;
        const creator = await deps.accounts.access(key.createdBy);
        if (!creator || creator.disabled || creator.role !== 'admin') return undefined;
      }
      return { kind: 'user', id: user._id, username: user.username, displayName: user.displayName, role: user.role, teams: user.teams, ...(claims.embed ? { embed: claims.embed } : {}) };
    }
    const apiKey = request.headers['x-api-key'];
    if (typeof apiKey === 'string') {
      const key = await deps.apiKeys.verify(apiKey);
      if (!key) return undefined;
      // A key speaks for the admin who made it: it ends when they are disabled or no longer an admin.
      const creator = await deps.accounts.access(key.createdBy);
      if (!creator || creator.disabled || creator.role !== 'admin') return undefined;
      return { kind: 'api-key', id: key._id, username: `api-key:${key.name}`, displayName: key.name, role: key.role, teams: key.teams, onBehalfOf: creator._id, ...(key.registrar ? { registrar: true } : {}) };
    }
    return undefined;
  };
}
