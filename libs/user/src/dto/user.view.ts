import { BackofficeUser, UserRole } from '../domain/backoffice-user.entity';

export interface UserView {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  createdAt: Date;
}

export interface NewUser {
  email: string;
  name: string;
  role: UserRole;
  password: string;
}

export const toUserView = (u: BackofficeUser): UserView => ({ id: u.id, email: u.email, name: u.name, role: u.role, createdAt: u.createdAt });
