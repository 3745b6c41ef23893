export * from './customer-access.module';
export * from './customer-access.facade';
export * from './domain/customer-access.errors';
export type { CustomerAccessView } from './queries/list-restricted-content-types/list-customer-access.query';
export { CustomerAccessSetting, CONTENT_TYPE_RESOURCES } from './domain/customer-access.entity';
export { Migration20261203000700_customer_access } from './persistence/migrations/Migration20261203000700_customer_access';
