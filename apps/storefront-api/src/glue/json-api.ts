import { GLUE_ERRORS } from './glue-error';

export const JSON_API_CONTENT_TYPE = 'application/vnd.api+json';

export interface ResourceObject {
  type: string;
  id: string | null;
  attributes: Record<string, unknown>;
  relationships?: Record<string, { data: { type: string; id: string }[] }>;
  links: { self: string };
}

/** Builds absolute `links.self` URLs from the storefront's public base URL. */
export class StorefrontLinks {
  private readonly base: string;

  constructor(baseUrl: string) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  resource(type: string, id: string | null, attributes: Record<string, unknown>, selfPath: string): ResourceObject {
    return { type, id, attributes, links: { self: this.url(selfPath) } };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The `data.attributes` of a JSON:API request document. A body that is not such a document, or names another
 * resource type, is a 400; with `id` (the resource the URL names), a `data.id` naming another resource is a 409.
 */
export const readAttributes = (body: unknown, type: string, id?: string): Record<string, unknown> => {
  if (!isObject(body) || !isObject(body.data)) {
    throw GLUE_ERRORS.invalidDocument('Request body must be a JSON:API document: {"data":{"type":"' + type + '","attributes":{...}}}.');
  }
  const data = body.data;
  if (data.type !== undefined && data.type !== type) {
    throw GLUE_ERRORS.invalidDocument(`Resource type must be "${type}".`);
  }
  if (id !== undefined && data.id !== undefined && data.id !== null && data.id !== id) throw GLUE_ERRORS.idConflict();
  if (data.attributes === undefined) return {};
  if (!isObject(data.attributes)) throw GLUE_ERRORS.invalidDocument('data.attributes must be an object.');
  return data.attributes;
};
