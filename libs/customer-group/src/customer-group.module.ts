import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Module } from '@nestjs/common';
import { CustomerGroup } from './domain/customer-group.entity';
import { CustomerGroupFacade } from './customer-group.facade';

/** Customer groups. Global; needs CustomerModule. Register `RemoveFromGroupsOnAnonymizationPlugin` with the customer module. */
@Module({})
export class CustomerGroupModule {
  static forRoot(): DynamicModule {
    return {
      module: CustomerGroupModule,
      global: true,
      imports: [MikroOrmModule.forFeature([CustomerGroup])],
      providers: [CustomerGroupFacade],
      exports: [CustomerGroupFacade],
    };
  }
}
