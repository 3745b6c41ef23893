export * from './auth.module';
export * from './auth.facade';
export * from './auth.config';
export * from './domain/auth.errors';
export type * from './dto/token-pair';
export { RevokeRefreshTokensOnAnonymizationPlugin } from './plugins/revoke-refresh-tokens-on-anonymization.plugin';
export { RefreshToken } from './domain/refresh-token.entity';
export { Migration20261203000300_refresh_token } from './persistence/migrations/Migration20261203000300_refresh_token';
export { Migration20261203000500_refresh_token_version } from './persistence/migrations/Migration20261203000500_refresh_token_version';
