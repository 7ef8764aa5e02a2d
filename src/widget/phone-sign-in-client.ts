import { requestJson } from './api-client.js';
import type { TurnResponse } from './api-types.js';

/** What the verify call answers: the session to continue, or the dashboard when the onboarding is done. */
export interface VerifyResult {
  needs_onboarding: boolean;
  is_new_user: boolean;
  session_id?: string;
  session_key?: string;
  dashboard_url?: string;
  reply?: TurnResponse;
}

/** The practitioners' sign-in: a code by SMS to a phone number, then its check. */
export interface PhoneSignInClient {
  sendCode(phone: string): Promise<void>;
  verify(phone: string, code: string): Promise<VerifyResult>;
}

export function createPhoneSignInClient(options: { baseUrl: string; language: string; timeoutMs?: number }): PhoneSignInClient {
  const root = `${options.baseUrl.replace(/\/+$/, '')}/api/v2/practitioners`;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const query = `?language=${encodeURIComponent(options.language)}`;
  return {
    async sendCode(phone) {
      await requestJson<object>(`${root}/otp${query}`, { method: 'POST', body: { phone_number: phone } }, timeoutMs);
    },
    verify: (phone, code) => requestJson<VerifyResult>(`${root}/otp/verify${query}`, { method: 'POST', body: { phone_number: phone, otp: code } }, timeoutMs),
  };
}
