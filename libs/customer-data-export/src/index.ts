export * from './customer-data-export.module';
export * from './customer-data-export.facade';
export type * from './customer-data-export.view';
