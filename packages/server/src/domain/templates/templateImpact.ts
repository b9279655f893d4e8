import type { ClaimDoc, CustomerDoc } from '../claims/claimDocs.js';
import type { Collection } from '../../store/collection.js';
import type { TemplateDefinition } from './templateDefinition.js';
import type { TemplatesRepository } from './templatesRepository.js';

/** A registration in progress that a template version does not fit as it stands. */
export interface AffectedRegistration {
  claimId: string;
  customerId: string;
  customerName: string;
  repName: string;
  /** The version the record was registered (or last edited) on: it keeps validating the record. */
  templateVersion: number;
  /** The fields (dotted paths) to fill in or change when the record is next edited: required and missing, no longer offered, or a choice gone. */
  fields: string[];
}

/** What changing an industry's template means for the registrations in progress. */
export interface TemplateImpact {
  /** Active claims on the industry's customers. */
  inProgress: number;
  /** How many of them were registered on each version, oldest first. */
  byVersion: Array<{ version: number; count: number }>;
  /** How many the definition does not fit; the first `limit` of them in `affected`. */
  affectedCount: number;
  affected: AffectedRegistration[];
}

/** How many affected registrations an answer names (the count covers them all). */
const LISTED = 50;

/**
 * Which registrations in progress (active claims) a template definition does
 * not fit: each record is checked against the definition, and the fields it
 * would have to change are named. None is broken: a record stays valid under the
 * version it was registered on, and meets the new one only when next edited.
 */
export async function templateImpact(
  industry: string,
  definition: Omit<TemplateDefinition, 'industry'>,
  deps: { templates: TemplatesRepository; customers: Collection<CustomerDoc>; claims: Collection<ClaimDoc> },
): Promise<TemplateImpact> {
  const broken = deps.templates.fieldsBroken(definition);
  const customers = await deps.customers.find({ industry }, { projection: { _id: 1, name: 1, fields: 1, templateVersion: 1 } });
  const byId = new Map(customers.map((customer) => [customer._id, customer]));
  const claims = await deps.claims.find({ status: 'active', customerId: { $in: [...byId.keys()] } }, { sort: { grantedAt: 1 } });
  const versions = new Map<number, number>();
  const affected: AffectedRegistration[] = [];
  for (const claim of claims) {
    const customer = byId.get(claim.customerId)!;
    versions.set(customer.templateVersion, (versions.get(customer.templateVersion) ?? 0) + 1);
    const fields = broken(customer.fields);
    if (fields.length > 0) affected.push({ claimId: claim._id, customerId: customer._id, customerName: customer.name, repName: claim.repName, templateVersion: customer.templateVersion, fields });
  }
  return {
    inProgress: claims.length,
    byVersion: [...versions].sort(([a], [b]) => a - b).map(([version, count]) => ({ version, count })),
    affectedCount: affected.length,
    affected: affected.slice(0, LISTED),
  };
}
