import { ApiError } from './api-error.js';
import type { ErrorBody, StartResponse, TurnResponse } from './api-types.js';

/** Where the API lives and which flow to run. */
export interface ApiClientOptions {
  baseUrl: string;
  flow?: string;
  timeoutMs?: number;
}

/** Credentials of one session, as the start response hands them out. */
export interface SessionCredentials {
  id: string;
  key: string;
}

/** The three calls the widget makes. */
export interface ApiClient {
  start(language: string): Promise<StartResponse>;
  reply(session: SessionCredentials, text: string, messageId: string): Promise<TurnResponse>;
  get(session: SessionCredentials): Promise<TurnResponse>;
  /** Signed-in mode only: a photo as the answer to an image step. */
  uploadPhoto?(step: string, photo: Blob): Promise<TurnResponse>;
  /** Anonymous mode only: the session's resume code and the links that text it to the bot. */
  continueOptions?(session: SessionCredentials): Promise<ContinueOptions>;
}

/** How a session can go on elsewhere (GET .../session/<id>/continue). */
export interface ContinueOptions {
  code: string;
  whatsapp_url: string | null;
  sms_url: string | null;
}

/** A session taken over from a magic link (POST /api/resume-links/open). */
export interface OpenedLink {
  session_id: string;
  session_key: string;
  flow: string;
  language: string;
}

/** Trades a magic link's token for the session's credentials (the key the link's sender held stops working). */
export function openMagicLink(baseUrl: string, token: string, timeoutMs = 30_000): Promise<OpenedLink> {
  return requestJson<OpenedLink>(`${baseUrl.replace(/\/+$/, '')}/api/resume-links/open`, { method: 'POST', body: { token } }, timeoutMs);
}

const isErrorBody = (value: unknown): value is ErrorBody =>
  typeof value === 'object' && value !== null && typeof (value as ErrorBody).code === 'string';

const kindForStatus = (status: number): ApiError['kind'] => {
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status >= 500 || status === 429 || status === 408) return 'server';
  return 'invalid';
};

/** One request to the service: JSON in and out; every failure becomes an ApiError. */
export interface JsonRequest {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** An object is sent as JSON; a Blob (a photo) as it is, with the Blob's type. */
  body?: object | Blob;
}

/** A fetch of `url` with a timeout, its JSON body read, and every failure turned into an ApiError. */
export async function requestJson<T>(url: string, init: JsonRequest, timeoutMs: number): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  const blob = typeof Blob !== 'undefined' && init.body instanceof Blob ? init.body : null;
  if (init.body) headers['content-type'] = blob ? blob.type || 'application/octet-stream' : 'application/json';
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers,
      body: blob ?? (init.body ? JSON.stringify(init.body) : undefined),
      signal: controller.signal,
      credentials: 'omit',
    });
  } catch (cause) {
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    throw new ApiError(offline ? 'offline' : 'network', 0, 'network_error', String(cause));
  } finally {
    clearTimeout(timer);
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // A proxy's HTML error page or an empty body: the status alone decides.
  }
  if (!response.ok) {
    const code = isErrorBody(body) ? body.code : `http_${response.status}`;
    const message = isErrorBody(body) ? body.message : response.statusText;
    throw new ApiError(kindForStatus(response.status), response.status, code, message);
  }
  if (typeof body !== 'object' || body === null) {
    throw new ApiError('server', response.status, 'bad_response', 'The service sent an unreadable answer');
  }
  return body as T;
}

/** A fetch-based client for the anonymous session API (a session id and its key). */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const root = `${options.baseUrl.replace(/\/+$/, '')}/api/v2/instant-onboarding/session`;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const call = <T>(path: string, init: { method: 'GET' | 'POST'; key?: string; body?: object }): Promise<T> =>
    requestJson<T>(root + path, { method: init.method, ...(init.key ? { headers: { 'x-session-key': init.key } } : {}), ...(init.body ? { body: init.body } : {}) }, timeoutMs);

  const sessionPath = (session: SessionCredentials): string => `/${encodeURIComponent(session.id)}`;

  return {
    start: (language) =>
      call<StartResponse>('/start', {
        method: 'POST',
        body: options.flow ? { channel: 'web', language, flow: options.flow } : { channel: 'web', language },
      }),
    reply: (session, text, messageId) =>
      call<TurnResponse>(`${sessionPath(session)}/reply`, {
        method: 'POST',
        key: session.key,
        body: { text, message_id: messageId },
      }),
    get: (session) => call<TurnResponse>(sessionPath(session), { method: 'GET', key: session.key }),
    continueOptions: (session) => call<ContinueOptions>(`${sessionPath(session)}/continue`, { method: 'GET', key: session.key }),
  };
}
