import { BackofficeUser, UserRole } from '../domain/backoffice-user.entity';

/** A back-office user as facades return it: no password hash, no token version. */
export interface UserView {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  disabled: boolean;
  /** When the user was disabled; null while enabled. */
  disabledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A user who just proved their password, with the token version their new token must carry. */
export interface AuthenticatedUser extends UserView {
  tokenVersion: number;
}

export interface NewUser {
  email: string;
  name: string;
  role: UserRole;
  password: string;
}

/** What an admin (or the command line) may change about a user; absent fields stay as they are. */
export interface UserChanges {
  name?: string;
  role?: UserRole;
  disabled?: boolean;
}

export const toUserView = (u: BackofficeUser): UserView => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  disabled: u.disabledAt !== null,
  disabledAt: u.disabledAt,
  createdAt: u.createdAt,
  updatedAt: u.updatedAt,
});

/** Who a valid back-office token belongs to, as the user record says now. */
export interface SignedInUser {
  id: number;
  name: string;
  role: UserRole;
}
