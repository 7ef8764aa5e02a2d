import { h } from 'preact';
import type { ComponentChild } from 'preact';
import { useState } from 'preact/hooks';
import type { ContinueOptions } from '../api-client.js';
import type { Translate } from '../i18n.js';

interface ContinueElsewhereProps {
  t: Translate;
  /** Fetches the session's code and links; null when there are none. */
  load: () => Promise<ContinueOptions | null>;
}

/**
 * "Continue on your phone": shows the session's resume code, with links that open WhatsApp or the SMS app with
 * the code written to the bot's number (when the service has those numbers). Fetched on demand.
 */
export function ContinueElsewhere({ t, load }: ContinueElsewhereProps): ComponentChild {
  const [options, setOptions] = useState<ContinueOptions | null>(null);
  const [failed, setFailed] = useState(false);
  const show = (): void => {
    load()
      .then((found) => (found ? setOptions(found) : setFailed(true)))
      .catch(() => setFailed(true));
  };
  if (failed) return null;
  if (!options) return h('button', { type: 'button', class: 'continue-toggle', onClick: show }, t('continue_elsewhere'));
  const link = (href: string | null, label: string) => (href ? h('a', { href, target: '_blank', rel: 'noopener', class: 'continue-link' }, label) : null);
  return h(
    'div',
    { class: 'continue', role: 'status' },
    h('strong', { class: 'continue-code' }, t('continue_code', { code: options.code })),
    h('span', { class: 'continue-hint' }, t('continue_hint')),
    link(options.whatsapp_url, t('continue_whatsapp')),
    link(options.sms_url, t('continue_sms')),
  );
}
