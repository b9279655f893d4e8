import type { MessageKey } from '../../i18n/messages.js';
import type { CustomerSize, MemberRole, UserRole } from './organisationTypes.js';

/** The message naming each role, team role and customer size: the screens never show the codes. */
export const ROLE_NAME: Record<UserRole, MessageKey> = {
  rep: 'org.role.rep',
  manager: 'org.role.manager',
  admin: 'org.role.admin',
  finance: 'org.role.finance',
  director: 'org.role.director',
};

export const MEMBER_ROLE_NAME: Record<MemberRole, MessageKey> = { inside: 'org.memberRole.inside', field: 'org.memberRole.field' };

export const SIZE_NAME: Record<CustomerSize, MessageKey> = { individual: 'org.size.individual', sme: 'org.size.sme', large: 'org.size.large' };
