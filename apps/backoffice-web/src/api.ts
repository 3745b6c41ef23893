// The back-office API client: JSON under /api with the staff bearer token, and the API's one error shape
// `{ statusCode, error, message, errors?: [{ field, message }] }` turned into an ApiError.

export type Role = 'admin' | 'agent';

export interface Staff {
  userId: number;
  name: string;
  role: Role;
}

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly errors: FieldError[] = []) {
    super(message);
  }

  /** Field errors by field name (the first message of each field), for showing next to the inputs. */
  get byField(): Record<string, string> {
    return fieldErrors(this.errors);
  }
}

export const fieldErrors = (errors: FieldError[]): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const { field, message } of errors) if (!(field in out)) out[field] = message;
  return out;
};

/** Turns any failed response body into an ApiError; a body that is not the API's shape keeps the HTTP status. */
export const toApiError = (status: number, body: unknown): ApiError => {
  const b = (body ?? {}) as { message?: unknown; errors?: unknown };
  const message = typeof b.message === 'string' && b.message ? b.message : status >= 500 ? 'The server failed to answer.' : `Request failed (${status}).`;
  const errors = Array.isArray(b.errors)
    ? b.errors.filter((e): e is FieldError => !!e && typeof e.field === 'string' && typeof e.message === 'string')
    : [];
  return new ApiError(status, message, errors);
};

const TOKEN_KEY = 'patron.backoffice.token';

export const session = {
  get token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set(token: string) {
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
  },
};

/** Raised (on window) when the API refuses the token, so the app can go back to the login screen. */
export const UNAUTHORIZED_EVENT = 'patron:unauthorized';

type Query = Record<string, string | number | boolean | null | undefined>;

export const withQuery = (path: string, query: Query = {}): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
};

const request = async (method: string, path: string, body?: unknown): Promise<Response> => {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = session.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'The back office cannot be reached. Check the connection and try again.');
  }
  if (response.ok) return response;
  const payload = await response.json().catch(() => null);
  if (response.status === 401 && token) {
    session.clear();
    window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
  }
  throw toApiError(response.status, payload);
};

const json = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
  const response = await request(method, path, body);
  return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
};

export const api = {
  get: <T>(path: string, query?: Query) => json<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => json<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => json<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => json<T>('PUT', path, body),
  delete: <T = void>(path: string, body?: unknown) => json<T>('DELETE', path, body),
  blob: async (path: string, query?: Query) => (await request('GET', withQuery(path, query))).blob(),
};

// ---- what the API answers -------------------------------------------------------------------------------------

export interface Customer {
  id?: number;
  reference: string;
  email: string;
  salutation: string | null;
  firstName: string | null;
  lastName: string | null;
  gender: string | null;
  dateOfBirth: string | null;
  phone: string | null;
  company: string | null;
  locale: string;
  registeredAt: string | null;
  createdAt: string;
  updatedAt: string;
  pendingEmail: string | null;
}

export interface SearchPage {
  data: Customer[];
  next: string | null;
  total: number;
  totalIsEstimate: boolean;
}

export interface Address {
  uuid: string;
  salutation: string | null;
  firstName: string;
  lastName: string;
  address1: string;
  address2: string;
  address3: string | null;
  zipCode: string;
  city: string;
  iso2Code: string;
  country: string;
  company: string | null;
  phone: string | null;
  isDefaultBilling: boolean;
  isDefaultShipping: boolean;
}

export interface Group {
  id: number;
  name: string;
  description: string | null;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface Note {
  id: number;
  text: string;
  authorId: number;
  authorName: string;
  createdAt: string;
  updatedAt: string;
  revisions: { text: string; editorId: number; editorName: string; replacedAt: string }[];
}

export interface Order {
  orderReference: string;
  createdAt: string;
  status: string;
  currency: string;
  grandTotal: number;
  itemCount: number;
}

export interface HistoryEntry {
  event: string;
  actor: { type: 'customer' | 'user' | 'system'; id: string | null; name: string | null };
  details: Record<string, unknown>;
  occurredAt: string;
}

export interface HistoryPage {
  entries: HistoryEntry[];
  total: number;
}

export interface CustomerDetail extends Customer {
  addresses: Address[];
  groups: Group[];
  notes: Note[];
  latestOrders: Order[];
  orderCount: number;
  history: HistoryPage;
}

export interface AccessSetting {
  contentType: string;
  isRestricted: boolean;
  resourceTypes: string[];
}

export interface StaffUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  disabledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const ROLES: Role[] = ['admin', 'agent'];

export const SALUTATIONS = ['Mr', 'Mrs', 'Ms', 'Dr'];
export const GENDERS = ['Male', 'Female'];
