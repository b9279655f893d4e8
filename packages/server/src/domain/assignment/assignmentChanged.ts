import type { Owner } from '../claims/claimDocs.js';

/** A team and its owners on one side of an ownership change. */
export interface OwnershipSide {
  team: string;
  teamName: string;
  owners: Owner[];
}

/**
 * The data of an `assignment.changed` event: who held the customer, who holds
 * it now, and `notify`, every owner old and new, for the receiver to tell.
 */
export function assignmentChanged(input: { customerId: string; customerName: string; claimId: string; from: OwnershipSide | null; to: OwnershipSide | null; proposalId?: string }): Record<string, unknown> {
  const notify = [...new Set([...(input.from?.owners ?? []), ...(input.to?.owners ?? [])].map((owner) => owner.repId))];
  return { ...input, notify };
}
