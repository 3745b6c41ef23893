/** Which login: shoppers on the storefront, or staff in the back office. */
export type LoginRealm = 'storefront' | 'backoffice';

/** Published after a failed login was counted; best-effort, for metrics. */
export class LoginFailed {
  constructor(readonly realm: LoginRealm) {}
}

/** Published when a login is refused because its client IP + username is blocked; best-effort, for metrics. */
export class LoginRefusedWhileBlocked {
  constructor(readonly realm: LoginRealm) {}
}
