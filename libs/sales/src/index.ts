export * from './sales.module';
export * from './sales.facade';
export * from './domain/sales.errors';
export type * from './dto/order.dto';
export { SalesOrder } from './domain/sales-order.entity';
export { Migration20261203000900_sales_order } from './persistence/migrations/Migration20261203000900_sales_order';
