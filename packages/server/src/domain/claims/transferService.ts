import type { Principal } from '../../auth/principal.js';
import { DomainError } from '../domainError.js';
import { isDuplicateKey, isWriteConflict } from '../../store/storeError.js';
import { WriteGroup } from '../../store/writeGroup.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { UsersRepository } from '../users/usersRepository.js';
import type { ClaimDoc } from './claimDocs.js';
import type { ClaimsService } from './claimsService.js';

/** A manager moves a claim to another rep of a team they manage (an admin: of any team). */
export class TransferService {
  constructor(
    private readonly claims: ClaimsService,
    private readonly users: UsersRepository,
    private readonly audit: AuditLog,
    private readonly teamName: (teamId: string) => Promise<string>,
  ) {}

  async transfer(principal: Principal, claimId: string, toRepId: string, reason: string): Promise<{ from: ClaimDoc; to: ClaimDoc }> {
    const claim = await this.claims.claimInScope(principal, claimId);
    if (principal.role === 'rep') throw new DomainError('forbidden', 'A manager or an admin transfers claims');
    const target = await this.users.findById(toRepId);
    const team = target?.teams[0];
    if (!target || target.role !== 'rep' || !team || (principal.role === 'manager' && !principal.teams.includes(team))) {
      throw new DomainError('invalid', 'Transfer to a rep of a team you manage', { details: [{ path: '/toRepId', message: 'not a rep of your teams' }] });
    }
    if (target._id === claim.repId) throw new DomainError('invalid', 'The rep already holds this claim', { details: [{ path: '/toRepId', message: 'same rep' }] });
    // The old claim ends, the new one is granted, with their loads and the audit entry: one write, all or nothing.
    const read = await this.claims.claims.findOne({ _id: claim._id, status: 'active' });
    if (!read) throw new DomainError('conflict', `The claim is ${claim.status}, not active`);
    const ended = this.claims.endWrites(read, 'transferred');
    const { claim: granted, writes } = this.claims.grantWrites({
      customer: { _id: claim.customerId, name: claim.customerName, grade: claim.grade, templateVersion: claim.templateVersion },
      holder: { id: target._id, name: target.displayName, team, teamName: await this.teamName(team) },
      source: 'transfer',
      protectionDays: read.protectionDays,
      policyVersion: read.policyVersion,
    });
    const audit = this.audit.entryWrite({ actor: principal, action: 'claim.transferred', subject: claim._id, data: { to: granted._id, toRepId, reason }, teams: [claim.team, team] });
    try {
      await new WriteGroup().add(...ended.writes, ...writes, audit).commit(this.claims.store);
    } catch (error) {
      if (isDuplicateKey(error)) throw new DomainError('conflict', 'Someone else took the customer meanwhile');
      if (isWriteConflict(error)) throw new DomainError('conflict', 'The claim changed meanwhile: nothing was transferred');
      throw error;
    }
    return { from: ended.claim, to: granted };
  }
}
