import { ORGANISATION_ROLES } from '../../auth/principal.js';
import type { Principal } from '../../auth/principal.js';
import { DomainError } from '../domainError.js';
import type { Language } from '@crm-policy/engine';
import { isDuplicateKey } from '../../store/storeError.js';
import { WriteGroup } from '../../store/writeGroup.js';
import type { AuditLog } from '../audit/auditLog.js';
import { profileOf, withMatchingData } from '../duplicates/companyProfile.js';
import { legalIdentity, rulingOf } from '../duplicates/legalIdentity.js';
import { storedBlockingKeys, storedProfile } from '../duplicates/storedProfile.js';
import type { DuplicateFinder } from '../duplicates/duplicateFinder.js';
import type { TemplatesRepository } from '../templates/templatesRepository.js';
import type { ClaimDoc, CustomerDoc, Owner } from './claimDocs.js';
import type { ClaimsService } from './claimsService.js';

/** A customer as the API shows it: the record and who holds it. */
export interface CustomerView {
  customer: Omit<CustomerDoc, 'profile' | 'dedupKeys' | 'mergedKeys' | 'aliasProfiles'>;
  holder: { claimId: string; repId: string; repName: string; team: string; teamName: string; status: string; expiresAt: string; owners: Owner[] } | null;
}

/**
 * Reading, correcting and deleting stored customers. A correction re-derives
 * everything duplicate detection reads (profile with its matching data, identity key, blocking keys),
 * so the index never answers for a name the customer no longer has.
 */
export class CustomersService {
  constructor(
    private readonly deps: {
      claims: ClaimsService;
      templates: TemplatesRepository;
      duplicates: DuplicateFinder;
      audit: AuditLog;
      /** Which customers wait in the assignment queue: a rep neither reads nor claims those. */
      queuedAmong?: (customerIds: readonly string[]) => Promise<Set<string>>;
      clock: () => Date;
    },
  ) {}

  /** A customer the caller may see: an admin any, a manager their teams' and the pool's, a rep theirs and the pool's. */
  async get(principal: Principal, id: string): Promise<CustomerView> {
    const { customer, holder } = await this.visible(principal, id);
    return this.view(customer, holder);
  }

  /**
   * Replaces a customer's form (a correction or a rename), validated against
   * its industry's current template. Refused when the new name or keys are
   * another stored customer's (409 with the match), unless an admin ruled the two distinct.
   */
  async update(principal: Principal, id: string, form: Record<string, unknown>, language: Language): Promise<CustomerView> {
    const { customer, holder } = await this.visible(principal, id);
    const mayEdit = principal.role === 'admin' || (holder !== null && (holder.repId === principal.id || (holder.ownerIds ?? []).includes(principal.id) || (principal.role === 'manager' && principal.teams.includes(holder.team))));
    if (!mayEdit) throw new DomainError('forbidden', 'Only the holder, their manager or an admin may change a customer');
    const template = await this.deps.templates.current(customer.industry);
    if (!template) throw new DomainError('conflict', `The industry "${customer.industry}" has no template any more`);
    const problems = this.deps.templates.validate(template, form, language);
    if (problems.length > 0) throw new DomainError('invalid', language === 'zh' ? '表单填写有误' : 'The form has invalid fields', { details: problems });

    // Derived once: the check below and the stored customer use the same matching data.
    const profile = withMatchingData(profileOf(form));
    const lookAlike = await this.deps.duplicates.duplicateOf(profile, { excludeId: id, distinctFrom: customer.distinctFrom ?? [] });
    if (lookAlike) throw this.collision(lookAlike.match);
    const { nameKey } = await legalIdentity(this.deps.claims.customers, profile, { excludeId: id });
    const name = String(form['companyName']);
    const grade = String(form['grade']);
    const region = String(form['region']);
    const contactKeys = { creditCode: profile.creditCode, phoneKey: profile.phones[0] };
    const set = Object.fromEntries(Object.entries(contactKeys).filter(([, value]) => value !== undefined));
    const unset = Object.fromEntries(Object.entries(contactKeys).filter(([, value]) => value === undefined).map(([key]) => [key, '']));
    const claims = this.deps.claims.claims.name;
    // One write: the record, every key derived from it, the names and grade its claims show, and the audit entry change together or not at all.
    const group = new WriteGroup().add({
      collection: this.deps.claims.customers.name,
      updateOne: {
        filter: { _id: id },
        update: {
          $set: {
            fields: form,
            templateVersion: template.version,
            name,
            nameKey: `${nameKey}${rulingOf(customer.nameKey)}`,
            profile: storedProfile(profile, { name, creditCode: profile.creditCode, region, phoneKey: profile.phones[0] }),
            dedupKeys: [...new Set([...storedBlockingKeys(profile), ...(customer.mergedKeys ?? [])])],
            region,
            grade,
            updatedAt: this.deps.clock().toISOString(),
            updatedBy: principal.id,
            ...set,
          },
          ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
        },
        mustMatch: true,
      },
    });
    if (name !== customer.name) group.add({ collection: claims, updateMany: { filter: { customerId: id }, update: { $set: { customerName: name } } } });
    if (holder && grade !== customer.grade) group.add({ collection: claims, updateOne: { filter: { _id: holder._id }, update: { $set: { grade } } } });
    group.add(
      this.deps.audit.entryWrite({
        actor: principal,
        action: 'customer.updated',
        subject: id,
        data: { ...(name !== customer.name ? { renamedFrom: customer.name, renamedTo: name } : {}), templateVersion: template.version },
        ...(holder ? { teams: [holder.team] } : {}),
      }),
    );
    try {
      await group.commit(this.deps.claims.store);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // The unique identity or credit code is another customer's: nothing was written.
      throw new DomainError('duplicate', 'Another stored customer has this name or credit code', { details: [{ path: '/customer/companyName', message: 'names a stored customer' }] });
    }
    return this.get(principal, id);
  }

  /** Deletes a customer nobody holds (an admin's act): it leaves the duplicate index with it. Ended claims stay as history. */
  async delete(principal: Principal, id: string): Promise<void> {
    const customer = await this.deps.claims.customers.findOne({ _id: id });
    if (!customer) throw new DomainError('not-found', 'No such customer');
    if (await this.deps.claims.holderOf(id)) throw new DomainError('conflict', 'The customer is held: release or transfer the claim first');
    await this.deps.claims.customers.deleteOne({ _id: id });
    // A claim granted between the check and the delete would hold nothing: put the customer back.
    if (await this.deps.claims.holderOf(id)) {
      await this.deps.claims.customers.insertOne(customer);
      throw new DomainError('conflict', 'The customer was claimed meanwhile: release or transfer the claim first');
    }
    await this.deps.audit.record({ actor: principal, action: 'customer.deleted', subject: id, data: { name: customer.name } });
  }

  /** A customer and its holder if the caller may see it; otherwise `not-found`. Organisation roles (admin, finance, director) see every customer. */
  async visible(principal: Principal, id: string): Promise<{ customer: CustomerDoc; holder: ClaimDoc | null }> {
    const [customer, holder] = await Promise.all([this.deps.claims.customers.findOne({ _id: id }), this.deps.claims.holderOf(id)]);
    const sees =
      customer !== null &&
      (ORGANISATION_ROLES.includes(principal.role) ||
        (holder === null && !(principal.role === 'rep' && (await this.queued(id)))) ||
        holder?.repId === principal.id ||
        (holder?.ownerIds ?? []).includes(principal.id) ||
        (principal.role === 'manager' && holder !== null && principal.teams.includes(holder.team)));
    // Customers outside the caller's scope are not found, never forbidden: their existence is not revealed.
    if (!sees) throw new DomainError('not-found', 'No such customer');
    return { customer, holder };
  }

  /** Whether the customer waits in the assignment queue. */
  async queued(id: string): Promise<boolean> {
    return (await this.deps.queuedAmong?.([id]))?.has(id) ?? false;
  }

  private view(customer: CustomerDoc, holder: ClaimDoc | null): CustomerView {
    const { profile: _profile, dedupKeys: _keys, mergedKeys: _merged, aliasProfiles: _aliases, ...record } = customer;
    return {
      customer: record,
      holder: holder
        ? { claimId: holder._id, repId: holder.repId, repName: holder.repName, team: holder.team, teamName: holder.teamName, status: holder.status, expiresAt: holder.expiresAt, owners: holder.owners ?? [{ repId: holder.repId, repName: holder.repName, role: 'holder' }] }
        : null,
    };
  }

  /** Like a registration's duplicate verdict, the other customer is described by score and reasons only. */
  private collision(match: { score: number; reasons: string[] }): DomainError {
    return new DomainError('duplicate', 'The corrected customer is a duplicate of another stored customer', {
      matches: [{ score: match.score, reasons: match.reasons }],
      details: [{ path: '/customer/companyName', message: 'matches a stored customer' }],
    });
  }
}
