import { describe, expect, it } from 'vitest';
import { actorLabel, customerStatus, detailParts, eventLabel, formatMoney, fullName } from './format';
import { COUNTRIES, countryName } from './countries';
import { ApiError, toApiError, withQuery } from './api';
import { matchRoute } from './router';

describe('formatting', () => {
  it('names customers and their status', () => {
    expect(fullName({ salutation: 'Dr', firstName: 'Grace', lastName: 'Hopper' })).toBe('Grace Hopper');
    expect(fullName({ salutation: 'Dr', firstName: 'Grace', lastName: 'Hopper' }, true)).toBe('Dr Grace Hopper');
    expect(fullName({ salutation: null, firstName: null, lastName: null })).toBe('(no name)');
    expect(customerStatus({ registeredAt: null })).toBe('unverified');
    expect(customerStatus({ registeredAt: '2024-01-01T00:00:00Z' })).toBe('verified');
  });

  it('prints minor units as money', () => {
    expect(formatMoney(12990, 'EUR')).toBe('€129.90');
    expect(formatMoney(100, 'XXX1')).toBe('1.00 XXX1');
  });

  it('describes history entries', () => {
    expect(eventLabel('group-added')).toBe('Added to a group');
    expect(eventLabel('loyalty-points-granted')).toBe('Loyalty points granted');
    expect(detailParts({ fields: ['lastName', 'dateOfBirth'], byStaff: true })).toEqual(['Fields: last name, date of birth']);
    expect(detailParts({ groupId: 2, group: 'VIP' })).toEqual(['Group: VIP']);
    expect(actorLabel({ actor: { type: 'user', id: '1', name: 'Ada Admin' } })).toBe('Ada Admin (staff)');
    expect(actorLabel({ actor: { type: 'customer', id: 'DE--1', name: null } })).toBe('The customer');
  });

  it('lists every ISO country once, by name', () => {
    expect(COUNTRIES.length).toBeGreaterThan(240);
    expect(new Set(COUNTRIES.map((c) => c.code)).size).toBe(COUNTRIES.length);
    expect(countryName('de')).toBe('Germany');
    expect(COUNTRIES[0].name <= COUNTRIES[1].name).toBe(true);
  });
});

describe('API client helpers', () => {
  it('reads the back office error shape, field errors first message per field', () => {
    const error = toApiError(422, {
      statusCode: 422, error: 'Unprocessable Entity', message: 'Invalid input',
      errors: [{ field: 'email', message: 'must be a valid email address' }, { field: 'email', message: 'is required' }, { field: 'lastName', message: 'must not be blank' }],
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe('Invalid input');
    expect(error.byField).toEqual({ email: 'must be a valid email address', lastName: 'must not be blank' });
  });

  it('copes with bodies that are not the API shape', () => {
    expect(toApiError(502, null).message).toBe('The server failed to answer.');
    expect(toApiError(404, { errors: 'nope' }).errors).toEqual([]);
  });

  it('builds query strings without empty values', () => {
    expect(withQuery('/api/customers', { q: 'a b', status: '', after: undefined, limit: 25 })).toBe('/api/customers?q=a+b&limit=25');
    expect(withQuery('/api/customers')).toBe('/api/customers');
  });
});

describe('routes', () => {
  it('matches patterns and decodes parameters', () => {
    expect(matchRoute('/customers/:reference', '/customers/DE--1')).toEqual({ reference: 'DE--1' });
    expect(matchRoute('/customers/:reference/addresses/:uuid', '/customers/DE%2D%2D1/addresses/x')).toEqual({ reference: 'DE--1', uuid: 'x' });
    expect(matchRoute('/customers/:reference', '/customers/DE--1/edit')).toBeNull();
    expect(matchRoute('/customers/new', '/customers/DE--1')).toBeNull();
    expect(matchRoute('/customers/:reference', '/customers/%E0%A4%A')).toBeNull();
  });
});
