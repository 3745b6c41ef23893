import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CustomerDataExportFacade } from './customer-data-export.facade';
import { ExportCustomerDataHandler } from './queries/export-customer-data/export-customer-data.handler';

/** GDPR data export across the modules. Global; needs the customer, address, group, note, sales and history modules. */
@Module({})
export class CustomerDataExportModule {
  static forRoot(): DynamicModule {
    return {
      module: CustomerDataExportModule,
      global: true,
      imports: [CqrsModule],
      providers: [ExportCustomerDataHandler, CustomerDataExportFacade],
      exports: [CustomerDataExportFacade],
    };
  }
}
