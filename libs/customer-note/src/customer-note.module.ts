import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Module } from '@nestjs/common';
import { CustomerNote, CustomerNoteRevision } from './domain/customer-note.entity';
import { CustomerNoteFacade } from './customer-note.facade';

/** Back-office notes about customers. Global; needs CustomerModule. */
@Module({})
export class CustomerNoteModule {
  static forRoot(): DynamicModule {
    return {
      module: CustomerNoteModule,
      global: true,
      imports: [MikroOrmModule.forFeature([CustomerNote, CustomerNoteRevision])],
      providers: [CustomerNoteFacade],
      exports: [CustomerNoteFacade],
    };
  }
}
