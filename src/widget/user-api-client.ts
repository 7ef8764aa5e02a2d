import type { ApiClient } from './api-client.js';
import { requestJson } from './api-client.js';
import type { StartResponse, TurnResponse } from './api-types.js';

/** Where the API lives, which flow, and how to get the signed-in user's access token (Supabase Auth). */
export interface UserApiClientOptions {
  baseUrl: string;
  flow?: string;
  /** Returns the current access token; called before every request, so a refreshed token is used. */
  getToken: () => string | Promise<string>;
  timeoutMs?: number;
}

/** The status API's answer, as far as the widget reads it. */
interface OnboardingAnswer {
  status: 'not_started' | 'in_progress' | 'completed' | 'skipped';
  messages?: TurnResponse['messages'];
  progress?: { percent: number; completed_steps: number };
  total_steps?: number;
}

/** The one session of a signed-in user needs no id or key (the token says whose it is): these stand in for them. */
const ME = { id: 'me', key: 'signed-in' };

function asTurn(answer: OnboardingAnswer): StartResponse {
  const messages = answer.messages ?? [];
  return {
    session_id: ME.id,
    session_key: ME.key,
    status: answer.status === 'completed' ? 'completed' : 'collecting_data',
    message: messages.at(-1)?.text ?? '',
    messages,
    progress: {
      answered: answer.progress?.completed_steps ?? 0,
      total: answer.total_steps ?? 0,
      percent: answer.progress?.percent ?? 0,
    },
  };
}

/** A photo's answer (the status body plus the next question) as a chat turn. */
function asReply(answer: OnboardingAnswer): TurnResponse {
  const { session_id: _id, session_key: _key, ...turn } = asTurn(answer);
  return turn;
}

/**
 * The widget's signed-in mode: the same three calls over /api/users/me/onboarding, with the user's access
 * token. Starting is idempotent (a started onboarding answers where it stands), so reading the session after a
 * reload is a start too.
 */
export function createUserApiClient(options: UserApiClientOptions): ApiClient {
  const root = `${options.baseUrl.replace(/\/+$/, '')}/api/users/me/onboarding`;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const query = (language?: string): string => {
    const params = new URLSearchParams();
    if (options.flow) params.set('flow', options.flow);
    if (language) params.set('language', language);
    const text = params.toString();
    return text ? `?${text}` : '';
  };
  const call = async <T>(path: string, body: object | Blob, language?: string): Promise<T> => {
    const token = await options.getToken();
    return requestJson<T>(`${root}${path}${query(language)}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body }, timeoutMs);
  };
  let language: string | undefined;
  const start = async (): Promise<StartResponse> => asTurn(await call<OnboardingAnswer>('/start', { channel: 'web' }, language));
  return {
    start: (chosen) => {
      language = chosen;
      return start();
    },
    reply: (_session, text, messageId) => call<TurnResponse>('/reply', { text, message_id: messageId }, language),
    get: () => start(),
    uploadPhoto: async (step, photo) => asReply(await call<OnboardingAnswer>(`/step/${encodeURIComponent(step)}/photo`, photo, language)),
  };
}
