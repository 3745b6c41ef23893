export interface TokenPair {
  tokenType: 'Bearer';
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshTokenExpiresIn: number;
}

/** What a valid access token says. */
export interface AccessTokenClaims {
  customerReference: string;
  /** The customer's token version when the token was issued. */
  tokenVersion: number;
  /** The token's own id (`jti`); tokens issued before it existed have none. */
  tokenId?: string;
}
