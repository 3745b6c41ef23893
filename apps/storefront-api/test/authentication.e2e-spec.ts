import { JwtService } from '@nestjs/jwt';
import { doc, startStack, TestStack } from '../../../test/support/stack';
import { bearer, glueError, logIn, PASSWORD, registerShopper } from './storefront.helpers';

const FAILED_LOGIN = glueError(401, '003', 'Failed to authenticate user.');
const FAILED_REFRESH = glueError(401, '004', 'Failed to refresh token.');
const INVALID_TOKEN = glueError(401, '001', 'Invalid access token.');
const MISSING_TOKEN = glueError(403, '002', 'Missing access token.');

describe('access and refresh tokens', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ worker: false });
  });
  afterAll(() => stack.close());

  const refresh = (refreshToken: unknown) => stack.http().post('/refresh-tokens').send(doc('refresh-tokens', { refreshToken }));

  it('issues a Bearer JWT carrying the customer reference and a refresh token stored only as a hash', async () => {
    const shopper = await registerShopper(stack);
    const login = await logIn(stack, shopper.email.toUpperCase());
    expect(login.status).toBe(201);
    expect(login.headers['cache-control']).toBe('no-store');
    expect(login.body.data).toEqual({
      type: 'access-tokens',
      id: null,
      attributes: {
        tokenType: 'Bearer', expiresIn: 28800, accessToken: expect.any(String), refreshToken: expect.any(String), refreshTokenExpiresIn: 2592000,
      },
      links: { self: 'http://localhost:3000/access-tokens' },
    });
    const claims = JSON.parse(Buffer.from(login.body.data.attributes.accessToken.split('.')[1], 'base64url').toString());
    expect(claims.sub).toBe(shopper.reference);
    expect(claims.exp - claims.iat).toBe(28800);
    const rows = await stack.sql<{ token_hash: string }>('select token_hash from customer_refresh_token where customer_reference = ?', [shopper.reference]);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.map((r) => r.token_hash)).not.toContain(login.body.data.attributes.refreshToken);
  });

  it('refuses unknown emails and wrong passwords alike with 401 003', async () => {
    const shopper = await registerShopper(stack);
    expect((await logIn(stack, shopper.email, 'Wrong-Horse7!')).body).toEqual(FAILED_LOGIN);
    expect((await logIn(stack, 'nobody.here@example.com', PASSWORD)).body).toEqual(FAILED_LOGIN);
    const blank = await logIn(stack, '', '');
    expect(blank.status).toBe(422);
    expect(blank.body.errors.map((e: { code: string }) => e.code)).toEqual(['901', '901']);
  });

  it('rotates refresh tokens: the new pair works, a spent token gets 401 004', async () => {
    const shopper = await registerShopper(stack);
    const first = await refresh(shopper.refreshToken);
    expect(first.status).toBe(201);
    expect(first.body.data.type).toBe('refresh-tokens');
    expect(first.body.data.attributes.refreshToken).not.toBe(shopper.refreshToken);
    expect((await stack.http().get('/customers').set(bearer(first.body.data.attributes.accessToken))).status).toBe(200);

    const spent = await refresh(shopper.refreshToken);
    expect(spent.status).toBe(401);
    expect(spent.body).toEqual(FAILED_REFRESH);
    expect((await refresh(first.body.data.attributes.refreshToken)).status).toBe(201);
    expect((await refresh('made-up-token')).body).toEqual(FAILED_REFRESH);
  });

  it('lets only one of two concurrent refreshes with the same token succeed', async () => {
    const shopper = await registerShopper(stack);
    const responses = await Promise.all([refresh(shopper.refreshToken), refresh(shopper.refreshToken), refresh(shopper.refreshToken)]);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 401, 401]);
  });

  it('handles many concurrent refreshes without exhausting the connection pool', async () => {
    const shoppers = await Promise.all(Array.from({ length: 6 }, () => registerShopper(stack)));
    const started = Date.now();
    const responses = await Promise.all(shoppers.flatMap((s) => [refresh(s.refreshToken), refresh(s.refreshToken), refresh(s.refreshToken)]));
    expect(Date.now() - started).toBeLessThan(20_000);
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(6);
    expect(statuses.filter((s) => s === 401)).toHaveLength(12);
  });

  it('refuses an expired refresh token', async () => {
    const shopper = await registerShopper(stack);
    await stack.sql(`update customer_refresh_token set expires_at = now() - interval '1 second' where customer_reference = ?`, [shopper.reference]);
    expect((await refresh(shopper.refreshToken)).body).toEqual(FAILED_REFRESH);
  });

  it('DELETE /refresh-tokens/mine revokes every refresh token of the caller only', async () => {
    const shopper = await registerShopper(stack);
    const other = await registerShopper(stack);
    const second = await logIn(stack, shopper.email);
    const revoked = await stack.http().delete('/refresh-tokens/mine').set(bearer(shopper.accessToken));
    expect(revoked.status).toBe(204);
    expect((await refresh(shopper.refreshToken)).body).toEqual(FAILED_REFRESH);
    expect((await refresh(second.body.data.attributes.refreshToken)).body).toEqual(FAILED_REFRESH);
    expect((await refresh(other.refreshToken)).status).toBe(201);
  });

  it('DELETE /refresh-tokens/{token} revokes that token of the caller, never another customer\'s', async () => {
    const shopper = await registerShopper(stack);
    const other = await registerShopper(stack);
    expect((await stack.http().delete(`/refresh-tokens/${other.refreshToken}`).set(bearer(shopper.accessToken))).status).toBe(204);
    expect((await refresh(other.refreshToken)).status).toBe(201);
    expect((await stack.http().delete(`/refresh-tokens/${shopper.refreshToken}`).set(bearer(shopper.accessToken))).status).toBe(204);
    expect((await refresh(shopper.refreshToken)).body).toEqual(FAILED_REFRESH);
  });

  it('protects routes: no token 403 002; another scheme, a bad, foreign or expired token 401 001', async () => {
    const shopper = await registerShopper(stack);
    expect((await stack.http().get('/customers')).body).toEqual(MISSING_TOKEN);
    expect((await stack.http().get('/customers').set('Authorization', ' ')).body).toEqual(MISSING_TOKEN);
    expect((await stack.http().get('/customers').set('Authorization', 'Basic abc')).body).toEqual(INVALID_TOKEN);
    expect((await stack.http().get('/customers').set('Authorization', shopper.accessToken)).body).toEqual(INVALID_TOKEN);
    expect((await stack.http().get('/customers').set('Authorization', `Bearer ${shopper.accessToken} extra`)).body).toEqual(INVALID_TOKEN);
    expect((await stack.http().get('/customers').set('Authorization', `bearer  ${shopper.accessToken} `)).status).toBe(200);
    expect((await stack.http().delete('/refresh-tokens/mine')).status).toBe(403);
    expect((await stack.http().get('/customers').set(bearer('garbage'))).body).toEqual(INVALID_TOKEN);
    const forged = new JwtService({ secret: 'another-secret-that-is-long-enough-0123456789' }).sign(
      { customer_reference: shopper.reference },
      { subject: shopper.reference, audience: 'patron-storefront', issuer: 'patron' },
    );
    expect((await stack.http().get('/customers').set(bearer(forged))).body).toEqual(INVALID_TOKEN);
    const expired = new JwtService({ secret: stack.env.JWT_SECRET }).sign(
      { customer_reference: shopper.reference, exp: Math.floor(Date.now() / 1000) - 10 },
      { subject: shopper.reference, audience: 'patron-storefront', issuer: 'patron' },
    );
    expect((await stack.http().get('/customers').set(bearer(expired))).body).toEqual(INVALID_TOKEN);
    const otherAudience = new JwtService({ secret: stack.env.JWT_SECRET }).sign({}, { subject: shopper.reference, audience: 'patron-backoffice', issuer: 'patron' });
    expect((await stack.http().get('/customers').set(bearer(otherAudience))).status).toBe(401);
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: shopper.reference, aud: 'patron-storefront', iss: 'patron' })).toString('base64url')}.`;
    expect((await stack.http().get('/customers').set(bearer(unsigned))).body).toEqual(INVALID_TOKEN);
  });
});
