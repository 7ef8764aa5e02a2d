import { h } from 'preact';
import type { ComponentChild } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from '../api-error.js';
import type { Translate, WidgetKey } from '../i18n.js';
import type { PhoneSignInClient } from '../phone-sign-in-client.js';

interface PhoneSignInProps {
  t: Translate;
  client: PhoneSignInClient;
  /** The verified code opened this session: the conversation takes over. */
  onSession: (id: string, key: string) => void;
}

/** Why a sign-in request failed, as the person is told. */
function problemOf(error: unknown, at: 'phone' | 'code'): WidgetKey {
  if (!(error instanceof ApiError)) return 'signin_error_generic';
  if (error.code === 'RATE_LIMITED') return 'signin_error_rate';
  if (error.code === 'OTP_INVALID') return 'signin_error_code';
  if (error.code === 'PHONE_INVALID' || error.code === 'PHONE_COUNTRY_NOT_ALLOWED' || (at === 'phone' && error.kind === 'invalid')) return 'signin_error_phone';
  return 'signin_error_generic';
}

/**
 * The phone-and-code step before a phone flow's conversation: the number (a code goes to it by SMS), then the
 * code. A verified code hands its session to the chat, or says the onboarding is done with the dashboard link.
 */
export function PhoneSignIn({ t, client, onSession }: PhoneSignInProps): ComponentChild {
  const [stage, setStage] = useState<'phone' | 'code' | 'done'>('phone');
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<WidgetKey | null>(null);
  const [dashboard, setDashboard] = useState('');

  const sendCode = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy || !phone.trim()) return;
    setBusy(true);
    setProblem(null);
    try {
      await client.sendCode(phone.trim());
      setStage('code');
    } catch (error) {
      setProblem(problemOf(error, 'phone'));
    } finally {
      setBusy(false);
    }
  };
  const verify = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (busy || !code.trim()) return;
    setBusy(true);
    setProblem(null);
    try {
      const result = await client.verify(phone.trim(), code.trim());
      if (result.session_id && result.session_key) {
        onSession(result.session_id, result.session_key);
      } else {
        setDashboard(result.dashboard_url ?? '');
        setStage('done');
      }
    } catch (error) {
      setProblem(problemOf(error, 'code'));
    } finally {
      setBusy(false);
    }
  };

  const alert = problem ? h('p', { class: 'signin-error', role: 'alert' }, t(problem)) : null;
  if (stage === 'done') {
    return h(
      'div',
      { class: 'signin' },
      h('p', { class: 'signin-text' }, t('signin_all_set')),
      dashboard ? h('a', { class: 'signin-link', href: dashboard }, t('signin_dashboard')) : null,
    );
  }
  if (stage === 'code') {
    return h(
      'form',
      { class: 'signin', onSubmit: verify },
      h('p', { class: 'signin-text' }, t('signin_code_sent')),
      h('label', { for: 'ow-code' }, t('signin_code_label')),
      h('input', {
        id: 'ow-code', type: 'text', inputMode: 'numeric', autocomplete: 'one-time-code', maxLength: 10, value: code,
        onInput: (event: Event) => setCode((event.currentTarget as HTMLInputElement).value),
      }),
      alert,
      h('button', { type: 'submit', class: 'signin-button', disabled: busy }, t('signin_verify')),
    );
  }
  return h(
    'form',
    { class: 'signin', onSubmit: sendCode },
    h('p', { class: 'signin-text' }, t('signin_intro')),
    h('label', { for: 'ow-phone' }, t('signin_phone_label')),
    h('input', {
      id: 'ow-phone', type: 'tel', autocomplete: 'tel', maxLength: 40, placeholder: '+1 415 555 0101', value: phone,
      onInput: (event: Event) => setPhone((event.currentTarget as HTMLInputElement).value),
    }),
    alert,
    h('button', { type: 'submit', class: 'signin-button', disabled: busy }, t('signin_send_code')),
  );
}
