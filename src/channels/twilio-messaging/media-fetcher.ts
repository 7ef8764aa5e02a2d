/** A picture a person sent, as the provider serves it. */
export interface FetchedMedia {
  bytes: Uint8Array;
  /** What the provider says it is (the service still reads the type from the bytes). */
  contentType: string;
}

/** Fetches a message's media; null when it is larger than `maxBytes` (reading stops there). */
export type MediaFetcher = (url: string, maxBytes: number) => Promise<FetchedMedia | null>;

/**
 * Twilio's message media, fetched with the account's credentials (HTTP basic auth); Twilio answers with a
 * redirect to its storage, which fetch follows without the credentials (another origin). `rewrite` is for tests:
 * it points api.twilio.com at a local fake.
 */
export function twilioMediaFetcher(accountSid: string, authToken: string, rewrite: (url: string) => string = (url) => url): MediaFetcher {
  const authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  return async (url, maxBytes) => {
    const response = await fetch(rewrite(url), { headers: { authorization }, signal: AbortSignal.timeout(15_000) });
    if (!response.ok || !response.body) throw new Error(`media fetch answered ${response.status}`);
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > maxBytes) {
      await response.body.cancel();
      return null;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = response.body.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      size += read.value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return null;
      }
      chunks.push(read.value);
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
    return { bytes, contentType: response.headers.get('content-type') ?? '' };
  };
}
