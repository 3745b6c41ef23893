const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** `YYYY-MM-DD`, optionally with a time and a zone. */
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Years PostgreSQL stores as we write them (it has no year 0). */
const isStorableYear = (date: Date): boolean => date.getUTCFullYear() >= 1 && date.getUTCFullYear() <= 9999;

/** True for a real calendar day written `YYYY-MM-DD` (not 2017-02-30), in years 1 to 9999. */
export const isCalendarDate = (value: string): boolean => {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && isStorableYear(date) && date.toISOString().startsWith(value);
};

/** `YYYY-MM-DD` or an ISO 8601 timestamp, read as UTC when it names no zone; null when not valid. */
export const parseIsoTimestamp = (value: string): Date | null => {
  const match = TIMESTAMP.exec(value.trim());
  if (!match || !isCalendarDate(match[1])) return null;
  const date = new Date(`${match[1]}T${match[2] ?? '00:00:00'}${match[3] ?? 'Z'}`);
  return Number.isNaN(date.getTime()) || !isStorableYear(date) ? null : date;
};
