/** Token settings of the storefront authentication. */
export class AuthConfig {
  /** HMAC secret of access tokens (HS256). */
  jwtSecret = '';
  /** JWT audience; the back office uses another so tokens do not cross over. */
  audience = 'patron-storefront';
  issuer = 'patron';
  accessTokenTtlSeconds = 28_800;
  refreshTokenTtlSeconds = 30 * 86_400;
  /** Failed logins per client IP + username (as typed) within `loginFailureWindowSeconds` before that pair is blocked. */
  loginFailureLimit = 9;
  loginFailureWindowSeconds = 900;
  loginBlockSeconds = 360;
  /** How long a customer's token version is cached per process (a password change reaches other processes within it). */
  tokenVersionCacheMs = 2_000;

  static from(overrides: Partial<AuthConfig> = {}): AuthConfig {
    const config = Object.assign(new AuthConfig(), overrides);
    if (!config.jwtSecret) throw new Error('AuthConfig.jwtSecret is required');
    return config;
  }
}
