export { loyaltyExtension } from './loyalty.extension';
export { LoyaltyConfig } from './loyalty.config';
export { BlockedEmailDomainError } from './loyalty.errors';
export { LoyaltyMembers } from './loyalty-members';
