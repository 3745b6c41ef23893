export * from './customer-group.module';
export * from './customer-group.facade';
export * from './domain/customer-group.errors';
export { CustomerGroup } from './domain/customer-group.entity';
export { RemoveFromGroupsOnAnonymizationPlugin } from './plugins/remove-from-groups-on-anonymization.plugin';
export { Migration20261203001100_customer_group } from './persistence/migrations/Migration20261203001100_customer_group';
export { CustomerGroupSearchFilterPlugin } from './plugins/customer-group-search-filter.plugin';
