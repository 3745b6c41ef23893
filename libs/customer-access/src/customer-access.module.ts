import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CustomerAccessSetting } from './domain/customer-access.entity';
import { CustomerAccessFacade } from './customer-access.facade';
import { ListCustomerAccessHandler } from './queries/list-restricted-content-types/list-customer-access.handler';
import { UpdateCustomerAccessHandler } from './commands/update-customer-access/update-customer-access.handler';

/** Guest access: which storefront content types guests may use (settings kept in the database). Global. */
@Module({})
export class CustomerAccessModule {
  static forRoot(): DynamicModule {
    return {
      module: CustomerAccessModule,
      global: true,
      imports: [CqrsModule, MikroOrmModule.forFeature([CustomerAccessSetting])],
      providers: [ListCustomerAccessHandler, UpdateCustomerAccessHandler, CustomerAccessFacade],
      exports: [CustomerAccessFacade],
    };
  }
}
