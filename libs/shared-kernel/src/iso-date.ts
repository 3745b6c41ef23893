const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** `YYYY-MM-DD`, optionally with a time and a zone (`Z`, `+01:00`, `+0100`, or PostgreSQL's `+01`). */
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Years PostgreSQL stores as we write them (it has no year 0). */
const isStorableYear = (date: Date): boolean => date.getUTCFullYear() >= 1 && date.getUTCFullYear() <= 9999;

/** True for a real calendar day written `YYYY-MM-DD` (not 2017-02-30), in years 1 to 9999. */
export const isCalendarDate = (value: string): boolean => {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && isStorableYear(date) && date.toISOString().startsWith(value);
};

/** `YYYY-MM-DD` or an ISO 8601 timestamp (or one as PostgreSQL writes it), read as UTC when it names no zone; null when not valid. */
export const parseIsoTimestamp = (value: string): Date | null => {
  const match = TIMESTAMP.exec(value.trim());
  if (!match || !isCalendarDate(match[1])) return null;
  const zone = !match[3] || match[3] === 'Z' ? 'Z' : `${match[3].slice(0, 3)}:${match[3].slice(3).replace(':', '') || '00'}`;
  const date = new Date(`${match[1]}T${match[2] ?? '00:00:00'}${zone}`);
  return Number.isNaN(date.getTime()) || !isStorableYear(date) ? null : date;
};
