import { Query } from '@nestjs/cqrs';

export class HasCustomersQuery extends Query<boolean> {}
