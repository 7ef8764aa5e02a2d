import { h, render } from 'preact';
import { createApiClient, openMagicLink, type ApiClient } from './api-client.js';
import type { Profile } from './api-types.js';
import { ChatController } from './chat-controller.js';
import { createLocale } from './i18n.js';
import { createSessionStore } from './session-store.js';
import { styles } from './styles.js';
import { createUserApiClient } from './user-api-client.js';
import { WidgetApp } from './widget-app.js';

/** The anonymous session API, or the signed-in user's when the page gives a token function. */
function clientFor(data: DOMStringMap, baseUrl: string, flow: string | undefined): ApiClient {
  const tokenFunction = data.tokenFunction;
  if (!tokenFunction) return createApiClient({ baseUrl, flow });
  const getToken = (): string | Promise<string> => {
    const provider = (window as unknown as Record<string, unknown>)[tokenFunction];
    if (typeof provider !== 'function') throw new Error(`onboarding widget: window.${tokenFunction} is not a function`);
    return (provider as () => string | Promise<string>)();
  };
  return createUserApiClient({ baseUrl, getToken, ...(flow ? { flow } : {}) });
}

/**
 * Entry point of public/widget.js. Embedding is one tag:
 *   <script src="https://bot.example.com/widget.js" data-flow="instant-birth-chart" data-language="es" async></script>
 * Optional: data-api (service origin, default: where the script came from), data-open="true", data-dir.
 * Signed-in mode: data-token-function names a global function of the page that returns the user's access
 * token (or a promise of it), e.g. `() => supabase.auth.getSession().then((s) => s.data.session.access_token)`;
 * the widget then talks to /api/users/me/onboarding as that user.
 */
/**
 * A magic link (PUBLIC_URL/r/<token>) opened this page: trade the token for the session's key, remember the
 * session as this widget's own, and take the token out of the address bar. True when a session was taken over.
 */
async function takeOverFromLink(baseUrl: string, flow: string | undefined): Promise<boolean> {
  const match = /^\/r\/([^/]+)$/.exec(location.pathname);
  if (!match?.[1]) return false;
  history.replaceState(null, '', '/');
  try {
    const opened = await openMagicLink(baseUrl, decodeURIComponent(match[1]));
    if (flow && opened.flow !== flow) return false;
    createSessionStore(flow ?? 'default').save({ id: opened.session_id, key: opened.session_key, language: opened.language, transcript: [] });
    return true;
  } catch {
    // Expired, forged or someone else's account: the page works as usual.
    return false;
  }
}

function mount(script: HTMLScriptElement | null, resumed = false): void {
  const data = script?.dataset ?? {};
  const flow = data.flow || undefined;
  const marker = `onboarding-widget-${flow ?? 'default'}`;
  if (document.querySelector(`[data-onboarding-widget="${marker}"]`)) return;

  const scriptOrigin = script?.src ? new URL(script.src, location.href).origin : location.origin;
  const locale = createLocale([data.language, ...(navigator.languages ?? []), navigator.language], data.dir);
  const host = document.createElement('div');
  host.setAttribute('data-onboarding-widget', marker);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = styles;
  shadow.appendChild(style);
  const container = document.createElement('div');
  shadow.appendChild(container);
  document.body.appendChild(host);

  const onComplete = (sessionId: string, profile: Profile | null): void => {
    host.dispatchEvent(
      new CustomEvent('onboarding-widget:complete', { bubbles: true, composed: true, detail: { sessionId, profile } }),
    );
  };
  const controller = new ChatController(
    clientFor(data, data.api || scriptOrigin, flow),
    createSessionStore(`${data.tokenFunction ? 'user:' : ''}${flow ?? 'default'}`),
    locale.language,
    onComplete,
  );
  // Coming back online retries what failed for lack of a connection.
  window.addEventListener('online', () => {
    if (controller.getState().error?.kind === 'offline') void controller.retry();
  });
  render(h(WidgetApp, { controller, locale, startOpen: resumed || data.open === 'true', signedIn: Boolean(data.tokenFunction) }), container);
}

// currentScript is only set while this file first runs, so read it before waiting for the body.
const current = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
const start = (): void => {
  const data = current?.dataset ?? {};
  const baseUrl = data.api || (current?.src ? new URL(current.src, location.href).origin : location.origin);
  if (data.tokenFunction) return mount(current);
  void takeOverFromLink(baseUrl, data.flow || undefined).then((resumed) => mount(current, resumed));
};
if (document.body) start();
else document.addEventListener('DOMContentLoaded', start, { once: true });
