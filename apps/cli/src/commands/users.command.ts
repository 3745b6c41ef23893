import { UserFacade, UserNotFoundError, UserView } from '@patron/user';

/** `users:list`: one user a line, aligned; disabled users are marked. */
export const formatUserList = (users: UserView[]): string => {
  if (!users.length) return 'No back-office users yet: create one with users:create --email … --name … --role admin';
  const rows = users.map((u) => [String(u.id), u.role, u.disabled ? 'disabled' : 'enabled', u.email, u.name]);
  const header = ['id', 'role', 'status', 'email', 'name'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
};

/** The user with this email, for commands that name users by email. @throws UserNotFoundError, naming the email */
export const userByEmail = async (users: UserFacade, email: string): Promise<UserView> => {
  const user = await users.findByEmail(email);
  if (!user) throw new UserNotFoundError(email);
  return user;
};
