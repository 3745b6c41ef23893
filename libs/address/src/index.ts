export * from './address.module';
export * from './address.facade';
export * from './address.config';
export * from './domain/address.errors';
export { countryName } from './domain/address-rules';
export type * from './dto/address.dto';
export { BlankAddressesOnAnonymizationPlugin } from './plugins/blank-addresses-on-anonymization.plugin';
export { CustomerAddress } from './domain/customer-address.entity';
export { Migration20261203000800_customer_address } from './persistence/migrations/Migration20261203000800_customer_address';
