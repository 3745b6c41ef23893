import { z } from 'zod';
import { InputValidationError } from '@patron/shared-kernel';

/**
 * Validates a JSON body against `schema`; every broken rule is one `{ field, message }` of a 422.
 * @throws InputValidationError
 */
export const validateBody = <S extends z.ZodType>(schema: S, body: unknown): z.infer<S> => {
  const result = schema.safeParse(body ?? {}, {
    error: (issue) => (issue.input === undefined ? 'is required' : issue.code === 'invalid_type' ? `must be a ${issue.expected}` : undefined),
  });
  if (result.success) return result.data;
  throw new InputValidationError(result.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message })));
};
