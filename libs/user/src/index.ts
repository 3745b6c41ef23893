export * from './user.module';
export * from './user.facade';
export * from './domain/user.errors';
export { BackofficeUser, USER_ROLES } from './domain/backoffice-user.entity';
export type { UserRole } from './domain/backoffice-user.entity';
export type * from './dto/user.view';
export { Migration20261203001000_backoffice_user } from './persistence/migrations/Migration20261203001000_backoffice_user';
export { Migration20261206000100_backoffice_user_access } from './persistence/migrations/Migration20261206000100_backoffice_user_access';
export { Migration20261207000100_backoffice_signed_out_token } from './persistence/migrations/Migration20261207000100_backoffice_signed_out_token';
