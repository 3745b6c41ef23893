import { describe, expect, it } from 'vitest';
import { filtersUrl, hasFilters, readFilters, searchQuery, toggleSort } from './customer-search';

describe('customer list URL', () => {
  it('reads defaults from an empty URL and ignores values the API would refuse', () => {
    const f = readFilters(new URLSearchParams('status=deleted&sort=password&groupId=x&createdFrom=yesterday&direction=up'));
    expect(f).toMatchObject({ q: '', status: '', groupId: '', createdFrom: '', sort: 'id', direction: 'asc', after: '' });
    expect(hasFilters(f)).toBe(false);
  });

  it('round-trips filters through the URL, leaving defaults out', () => {
    const f = readFilters(new URLSearchParams('q=ada&status=verified&groupId=3&sort=lastName&direction=desc&createdFrom=2024-01-01'));
    expect(filtersUrl(f)).toBe('/customers?q=ada&status=verified&groupId=3&createdFrom=2024-01-01&sort=lastName&direction=desc');
    expect(readFilters(new URLSearchParams(filtersUrl(f).split('?')[1]))).toEqual(f);
    expect(filtersUrl(readFilters(new URLSearchParams()))).toBe('/customers');
  });

  it('builds the API query: trimmed text, whole UTC days, the cursor and the page size', () => {
    const f = readFilters(new URLSearchParams('q=%20ada%20&createdFrom=2024-01-01&createdTo=2024-01-31&after=abc'));
    expect(searchQuery(f, 25)).toEqual({
      q: 'ada', status: undefined, groupId: undefined, locale: undefined,
      createdFrom: '2024-01-01T00:00:00.000Z', createdTo: '2024-01-31T23:59:59.999Z',
      sort: 'id', direction: 'asc', after: 'abc', limit: 25,
    });
  });

  it('sorts by a new column ascending, flips the current one, and starts from the first page', () => {
    const f = readFilters(new URLSearchParams('sort=email&after=cursor'));
    expect(toggleSort(f, 'email')).toMatchObject({ sort: 'email', direction: 'desc', after: '' });
    expect(toggleSort({ ...f, direction: 'desc' }, 'email')).toMatchObject({ direction: 'asc' });
    expect(toggleSort(f, 'createdAt')).toMatchObject({ sort: 'createdAt', direction: 'asc' });
  });
});
