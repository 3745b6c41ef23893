import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BackofficeUser } from './domain/backoffice-user.entity';
import { UserFacade } from './user.facade';
import { CreateUserHandler } from './commands/create-user/create-user.handler';
import { AuthenticateUserHandler } from './commands/authenticate-user/authenticate-user.handler';

/** Back-office users and their credentials. Global; needs PasswordModule. */
@Module({})
export class UserModule {
  static forRoot(): DynamicModule {
    return {
      module: UserModule,
      global: true,
      imports: [CqrsModule, MikroOrmModule.forFeature([BackofficeUser])],
      providers: [CreateUserHandler, AuthenticateUserHandler, UserFacade],
      exports: [UserFacade],
    };
  }
}
