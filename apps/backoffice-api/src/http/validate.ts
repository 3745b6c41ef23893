import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiQuery } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import { InputValidationError } from '@patron/shared-kernel';

/**
 * Validates a JSON body against `schema`; every broken rule is one `{ field, message }` of a 422.
 * @throws InputValidationError
 */
export const validateBody = <S extends z.ZodType>(schema: S, body: unknown): z.infer<S> => {
  const result = schema.safeParse(body ?? {}, {
    error: (issue) => (issue.input === undefined ? 'is required' : issue.code === 'invalid_type' ? `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}` : undefined),
  });
  if (result.success) return result.data;
  throw new InputValidationError(
    result.error.issues.flatMap((i) =>
      // Strict schemas name each field they do not take, rather than the body as a whole.
      i.code === 'unrecognized_keys'
        ? i.keys.map((key) => ({ field: [...i.path, key].join('.'), message: 'is not a field this request takes' }))
        : [{ field: i.path.join('.') || 'body', message: i.message }],
    ),
  );
};

const toOpenApi = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as SchemaObject;

/** Documents the JSON body an endpoint validates with `schema` in the OpenAPI document. */
export const ApiJsonBody = (schema: z.ZodType) => ApiBody({ schema: toOpenApi(schema) });

/** Documents the query parameters an endpoint validates with the object `schema` in the OpenAPI document. */
export const ApiQueryOf = (schema: z.ZodObject) => {
  const { properties = {}, required = [] } = toOpenApi(schema);
  return applyDecorators(
    ...Object.entries(properties).map(([name, property]) => ApiQuery({ name, required: required.includes(name), schema: property as SchemaObject })),
  );
};
