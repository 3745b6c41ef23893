import type { Customer, HistoryEntry } from './api';

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });

export const formatDateTime = (iso: string | null | undefined): string => (iso ? dateTime.format(new Date(iso)) : '—');
export const formatDate = (iso: string | null | undefined): string => (iso ? dateOnly.format(new Date(iso)) : '—');

/** Minor units to a price, e.g. 12345 EUR → "€123.45". */
export const formatMoney = (minor: number, currency: string): string => {
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(minor / 100);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
};

export const fullName = (c: Pick<Customer, 'salutation' | 'firstName' | 'lastName'>, withSalutation = false): string =>
  [withSalutation ? c.salutation : null, c.firstName, c.lastName].filter(Boolean).join(' ') || '(no name)';

export const customerStatus = (c: Pick<Customer, 'registeredAt'>): 'verified' | 'unverified' => (c.registeredAt ? 'verified' : 'unverified');

const EVENTS: Record<string, string> = {
  registered: 'Registered',
  confirmed: 'Email confirmed',
  'profile-updated': 'Profile updated',
  'email-change-requested': 'Email change requested',
  'email-change-confirmed': 'Email change confirmed',
  'password-changed': 'Password changed',
  'password-reset-requested': 'Password reset requested',
  'password-reset': 'Password reset',
  'address-added': 'Address added',
  'address-updated': 'Address updated',
  'address-deleted': 'Address deleted',
  'group-added': 'Added to a group',
  'group-removed': 'Removed from a group',
  'note-added': 'Note added',
  anonymized: 'Anonymized',
  imported: 'Imported',
};

export const eventLabel = (event: string): string => EVENTS[event] ?? event.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());

export const actorLabel = ({ actor }: Pick<HistoryEntry, 'actor'>): string =>
  actor.type === 'system' ? 'System' : actor.type === 'customer' ? 'The customer' : actor.name ? `${actor.name} (staff)` : 'Staff';

/** Ids of records and flags the timeline already shows another way. */
const HIDDEN_DETAILS = new Set(['groupId', 'noteId', 'address', 'byStaff']);

/** The details of a history entry as short "Key: value" parts (field lists humanized, objects as JSON). */
export const detailParts = (details: Record<string, unknown>): string[] =>
  Object.entries(details ?? {})
    .filter(([key, value]) => !HIDDEN_DETAILS.has(key) && value !== null && value !== undefined && value !== '')
    .map(([key, value]) => {
      const shown = Array.isArray(value)
        ? value.map((v) => (key === 'fields' ? humanize(String(v)).toLowerCase() : String(v))).join(', ')
        : typeof value === 'object' ? JSON.stringify(value) : String(value);
      return `${humanize(key)}: ${shown}`;
    });

export const humanize = (key: string): string => key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ').toLowerCase().replace(/^./, (c) => c.toUpperCase());
