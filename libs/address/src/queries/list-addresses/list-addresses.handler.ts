import { EntityManager } from '@mikro-orm/postgresql';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { forkJoiningTransaction } from '@patron/shared-kernel';
import { CustomerAddress } from '../../domain/customer-address.entity';
import { AddressView, toAddressView } from '../../dto/address.dto';
import { AddressRepository } from '../../persistence/address.repository';
import { ListAddressesQuery } from './list-addresses.query';

@QueryHandler(ListAddressesQuery)
export class ListAddressesHandler implements IQueryHandler<ListAddressesQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ customerReference, uuid }: ListAddressesQuery): Promise<AddressView[]> {
    const em = forkJoiningTransaction(this.em);
    if (uuid !== undefined) return [toAddressView(await AddressRepository.getOwn(em, customerReference, uuid))];
    const addresses = await em.find(CustomerAddress, { customerReference }, { orderBy: { id: 'asc' } });
    return addresses.map(toAddressView);
  }
}
