import { describe, expect, it } from 'vitest';
import { localeChoices } from './settings';

describe('localeChoices', () => {
  it('offers the configured locales', () => {
    expect(localeChoices(['en_US', 'de_DE'])).toEqual(['en_US', 'de_DE']);
    expect(localeChoices(['en_US', 'de_DE'], 'de_DE')).toEqual(['en_US', 'de_DE']);
  });

  it('keeps a customer\'s locale that is no longer configured, so that saving the form does not change it', () => {
    expect(localeChoices(['en_US', 'de_DE'], 'fr_FR')).toEqual(['en_US', 'de_DE', 'fr_FR']);
  });
});
