/** A JSON response as a test sees it. */
export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Record<string, string>;
}

/** Calls the service over real HTTP. `rawBody` sends text as is (for malformed JSON tests). */
export async function callApi<T = Record<string, unknown>>(
  baseUrl: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  options: { body?: unknown; rawBody?: string; key?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== undefined) headers['x-session-key'] = options.key;
  let payload: string | undefined;
  if (options.rawBody !== undefined) payload = options.rawBody;
  else if (options.body !== undefined) payload = JSON.stringify(options.body);
  if (payload !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
  const text = await response.text();
  const headersSeen: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headersSeen[name] = value;
  });
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as T, headers: headersSeen };
}

const BASE = '/api/v2/instant-onboarding/session';

/** Shortcuts for the instant onboarding API. */
export const instantApi = {
  start: (url: string, body: unknown = { channel: 'web', language: 'en' }) => callApi(url, 'POST', `${BASE}/start`, { body }),
  reply: (url: string, id: string, key: string, body: unknown) => callApi(url, 'POST', `${BASE}/${id}/reply`, { body, key }),
  get: (url: string, id: string, key: string) => callApi(url, 'GET', `${BASE}/${id}`, { key }),
};

const ME = '/api/users/me/onboarding';

/** Shortcuts for a signed-in user's onboarding API; `token` is the access token (Authorization: Bearer). */
export const userApi = {
  status: (url: string, token: string, query = '') => callApi(url, 'GET', `${ME}${query}`, { headers: bearer(token) }),
  start: (url: string, token: string, query = '', body: unknown = {}) => callApi(url, 'POST', `${ME}/start${query}`, { body, headers: bearer(token) }),
  step: (url: string, token: string, step: number | string, data: unknown, query = '') =>
    callApi(url, 'PATCH', `${ME}/step/${step}${query}`, { body: { data }, headers: bearer(token) }),
  complete: (url: string, token: string, query = '') => callApi(url, 'POST', `${ME}/complete${query}`, { body: {}, headers: bearer(token) }),
  skip: (url: string, token: string, query = '') => callApi(url, 'POST', `${ME}/skip${query}`, { body: {}, headers: bearer(token) }),
  reply: (url: string, token: string, body: unknown, query = '') => callApi(url, 'POST', `${ME}/reply${query}`, { body, headers: bearer(token) }),
};

function bearer(token: string): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}
