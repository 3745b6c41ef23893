import { z } from 'zod';
import { NAME_FORBIDDEN_CHARACTERS, UNPRINTABLE_CHARACTERS } from '@patron/customer';
import { FieldViolation, InputValidationError } from '@patron/shared-kernel';

/** The validation messages storefront clients know (Symfony's wording). */
export const MESSAGES = {
  missing: 'This field is missing.',
  blank: 'This value should not be blank.',
  tooShort: (n: number) => `This value is too short. It should have ${n} characters or more.`,
  tooLong: (n: number) => `This value is too long. It should have ${n} characters or less.`,
  email: 'This value is not a valid email address.',
  choice: 'The value you selected is not a valid choice.',
  isTrue: 'This value should be true.',
  date: 'This value is not a valid date.',
  invalid: 'This value is not valid.',
  passwordCharacters:
    'Your password must include at least one uppercase letter, one lowercase letter, one number, and one special character from the following list: !@#$%^&*()_-+=[]{}|;:<>.,/?\\~. Non-Latin and other special characters are not allowed.',
  type: (expected: string) => `This value should be of type ${expected === 'boolean' ? 'bool' : expected}.`,
} as const;

const notBlank = (s: string) => s.trim().length > 0;
const printable = (s: string) => !UNPRINTABLE_CHARACTERS.test(s);

/** A required text field: not blank, printable (else `unprintable`), at most `max` characters. */
export const text = (max: number, unprintable: string = MESSAGES.invalid) =>
  z
    .string()
    .refine(notBlank, { message: MESSAGES.blank, abort: true })
    .refine(printable, { message: unprintable, abort: true })
    .max(max, MESSAGES.tooLong(max));

/** An optional text field that may be null (cleared). */
export const optionalText = (max: number) =>
  z.string().refine(printable, { message: MESSAGES.invalid, abort: true }).max(max, MESSAGES.tooLong(max)).nullable().optional();

/** First and last names: text that does not contain `:` `/` `<` `>`. */
export const name = (max: number) => text(max).refine((v) => !NAME_FORBIDDEN_CHARACTERS.test(v), MESSAGES.invalid);

export const email = (max: number) => text(max, MESSAGES.email).pipe(z.email({ message: MESSAGES.email }));

export const choice = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values);

export const mustBeTrue = () => z.boolean().refine((v) => v === true, MESSAGES.isTrue);

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** `YYYY-MM-DD`, a real day, from year 1 (PostgreSQL has no year 0) up to today (dates of birth). */
export const calendarDate = () =>
  z.string().refine((v) => {
    if (!CALENDAR_DATE.test(v) || v < '0001-01-01') return false;
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v) && d.getTime() <= Date.now();
  }, MESSAGES.date);

export const password = (min: number, max: number, classes: RegExp | null) => {
  const base = z
    .string()
    .refine(notBlank, { message: MESSAGES.blank, abort: true })
    .refine(printable, { message: MESSAGES.invalid, abort: true })
    .min(min, MESSAGES.tooShort(min))
    .max(max, MESSAGES.tooLong(max));
  return classes ? base.regex(classes, MESSAGES.passwordCharacters) : base;
};

/** Absent → "missing", null → "blank", wrong JSON type → "should be of type …"; everything else has its own message. */
const errorMap = (issue: z.core.$ZodRawIssue): string | undefined => {
  if (issue.input === undefined) return MESSAGES.missing;
  if (issue.input === null) return MESSAGES.blank;
  if (issue.code === 'invalid_type') return MESSAGES.type(String(issue.expected));
  if (issue.code === 'invalid_value') return MESSAGES.choice;
  return undefined;
};

/**
 * Validates request attributes. Unknown attributes are ignored.
 * @throws InputValidationError with one violation per broken rule (answered as 422 `901` each)
 */
export const validateAttributes = <S extends z.ZodType>(schema: S, attributes: Record<string, unknown>): z.infer<S> => {
  const result = schema.safeParse(attributes, { error: errorMap });
  if (result.success) return result.data;
  const violations: FieldViolation[] = [];
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    const field = issue.path.join('.') || 'data.attributes';
    const key = `${field}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    violations.push({ field, message: issue.message });
  }
  throw new InputValidationError(violations);
};
