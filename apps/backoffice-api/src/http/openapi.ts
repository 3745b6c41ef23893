import { OpenAPIObject } from '@nestjs/swagger';
import { ERROR_BODY } from './backoffice-error';

/** The OpenAPI extension that carries an endpoint's roles (set by `@Roles`), read by `documentErrorAnswers`. */
export const ROLES_EXTENSION = 'x-patron-roles';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const error = (description: string) => ({ description, content: { 'application/json': { schema: ERROR_BODY } } });

/**
 * Adds the error answers every endpoint gives to the OpenAPI document, in the API's error shape: 401 where a token is
 * needed, 403 where a role is, 404 where the path names an id or a reference, 422 where a body or query is validated.
 * (Done on the document because response decorators would hide the endpoints' default success answers.)
 */
export const documentErrorAnswers = (document: OpenAPIObject): void => {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const responses = operation.responses;
      const roles = (operation as unknown as Record<string, string[] | undefined>)[ROLES_EXTENSION];
      if (operation.security?.length) responses['401'] ??= error('No valid back-office token');
      if (roles) responses['403'] ??= error(`Needs the role ${roles.join(' or ')}`);
      if (path.includes('{')) responses['404'] ??= error('Unknown (or deleted) id or reference');
      if (operation.requestBody || operation.parameters?.some((p) => 'in' in p && p.in === 'query')) {
        responses['422'] ??= error('Invalid input: `errors` names each field and what is wrong with it');
      }
    }
  }
};
