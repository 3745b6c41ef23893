import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Module, Type } from '@nestjs/common';
import { pluginStack } from '@patron/shared-kernel';
import { ADDRESS_EXPANDER_PLUGINS, AddressExpanderPlugin } from './extension/address-expander.plugin';
import { CqrsModule } from '@nestjs/cqrs';
import { AddressConfig } from './address.config';
import { AddressFacade } from './address.facade';
import { CustomerAddress } from './domain/customer-address.entity';
import { CreateAddressHandler } from './commands/create-address/create-address.handler';
import { UpdateAddressHandler } from './commands/update-address/update-address.handler';
import { DeleteAddressHandler } from './commands/delete-address/delete-address.handler';
import { ListAddressesHandler } from './queries/list-addresses/list-addresses.handler';

/** Customer addresses with default billing and shipping. Global. */
@Module({})
export class AddressModule {
  /** `expanderPlugins`: order = execution order. */
  static forRoot(options: { config?: Partial<AddressConfig>; expanderPlugins?: Type<AddressExpanderPlugin>[] } = {}): DynamicModule {
    const expanders = options.expanderPlugins ?? [];
    return {
      module: AddressModule,
      global: true,
      imports: [CqrsModule, MikroOrmModule.forFeature([CustomerAddress])],
      providers: [
        { provide: AddressConfig, useValue: AddressConfig.from(options.config) },
        CreateAddressHandler,
        UpdateAddressHandler,
        DeleteAddressHandler,
        ListAddressesHandler,
        ...expanders,
        pluginStack(ADDRESS_EXPANDER_PLUGINS, expanders),
        AddressFacade,
      ],
      exports: [AddressFacade],
    };
  }
}
