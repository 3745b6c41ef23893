export * from './customer-history';
export { Migration20261203001300_customer_history } from './persistence/migrations/Migration20261203001300_customer_history';
