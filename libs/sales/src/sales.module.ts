import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { SalesOrder } from './domain/sales-order.entity';
import { SalesFacade } from './sales.facade';
import { ListCustomerOrdersHandler } from './queries/list-customer-orders/list-customer-orders.handler';
import { GetOrderHandler } from './queries/get-order/get-order.handler';
import { ImportOrdersHandler } from './commands/import-orders/import-orders.handler';

/** Order history read model. Global; needs CustomerModule and AddressModule. */
@Module({})
export class SalesModule {
  static forRoot(): DynamicModule {
    return {
      module: SalesModule,
      global: true,
      imports: [CqrsModule, MikroOrmModule.forFeature([SalesOrder])],
      providers: [ListCustomerOrdersHandler, GetOrderHandler, ImportOrdersHandler, SalesFacade],
      exports: [SalesFacade],
    };
  }
}
