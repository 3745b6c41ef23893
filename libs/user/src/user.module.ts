import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BackofficeUser } from './domain/backoffice-user.entity';
import { UserFacade } from './user.facade';
import { CreateUserHandler } from './commands/create-user/create-user.handler';
import { AuthenticateUserHandler } from './commands/authenticate-user/authenticate-user.handler';
import { UpdateUserHandler } from './commands/update-user/update-user.handler';
import { SetUserPasswordHandler } from './commands/set-user-password/set-user-password.handler';
import { SignOutSessionHandler } from './commands/sign-out-session/sign-out-session.handler';
import { ListUsersHandler } from './queries/list-users/list-users.handler';
import { FindUserByEmailHandler } from './queries/find-user-by-email/find-user-by-email.handler';
import { FindSignedInUserHandler } from './queries/find-signed-in-user/find-signed-in-user.handler';

/** Back-office users and their credentials. Global; needs PasswordModule. */
@Module({})
export class UserModule {
  static forRoot(): DynamicModule {
    return {
      module: UserModule,
      global: true,
      imports: [CqrsModule, MikroOrmModule.forFeature([BackofficeUser])],
      providers: [
        CreateUserHandler,
        AuthenticateUserHandler,
        UpdateUserHandler,
        SetUserPasswordHandler,
        SignOutSessionHandler,
        ListUsersHandler,
        FindUserByEmailHandler,
        FindSignedInUserHandler,
        UserFacade,
      ],
      exports: [UserFacade],
    };
  }
}
