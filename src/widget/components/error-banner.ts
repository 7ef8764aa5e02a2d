import { h } from 'preact';
import type { ComponentChild, Ref } from 'preact';
import type { ChatError } from '../chat-controller.js';
import type { Translate, WidgetKey } from '../i18n.js';

const messageKeys: Record<ChatError['kind'], WidgetKey> = {
  offline: 'error_offline',
  network: 'error_network',
  server: 'error_server',
  not_found: 'error_not_found',
  conflict: 'error_conflict',
  invalid: 'error_invalid',
  failed: 'error_failed',
};

interface ErrorBannerProps {
  error: ChatError;
  t: Translate;
  onRetry: () => void;
  onRestart: () => void;
  actionRef: Ref<HTMLButtonElement>;
}

/** An alert saying what went wrong, with the one button that helps (try again or start over). */
export function ErrorBanner({ error, t, onRetry, onRestart, actionRef }: ErrorBannerProps): ComponentChild {
  const button =
    error.action === 'retry'
      ? h('button', { type: 'button', class: 'retry', ref: actionRef, onClick: onRetry }, t('retry'))
      : error.action === 'restart'
        ? h('button', { type: 'button', ref: actionRef, onClick: onRestart }, t('start_over'))
        : null;
  return h('div', { class: 'error', role: 'alert' }, h('p', null, t(messageKeys[error.kind])), button);
}
