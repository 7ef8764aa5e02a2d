import twilio from 'twilio';

/** Checks a webhook's X-Twilio-Signature; `pathAndQuery` is the request's URL as the server received it. */
export type SignatureCheck = (pathAndQuery: string, signature: string | undefined, params: Readonly<Record<string, string>>) => boolean;

/**
 * The signature check for webhooks, or null in console mode (no auth token). Twilio signs the URL it called,
 * which behind a TLS-terminating proxy is not the one this server sees: the public URL (PUBLIC_URL) + the path
 * is what gets checked.
 */
export function createSignatureCheck(authToken: string | undefined, publicUrl: string | undefined): SignatureCheck | null {
  if (!authToken) return null;
  if (!publicUrl) throw new Error('PUBLIC_URL is needed to check Twilio signatures');
  const base = publicUrl.replace(/\/+$/, '');
  return (pathAndQuery, signature, params) => {
    if (!signature) return false;
    return twilio.validateRequest(authToken, signature, `${base}${pathAndQuery}`, params);
  };
}
