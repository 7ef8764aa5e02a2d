import type { FastifyPluginAsync } from 'fastify';

/** Which browser origins may call the API; `*` allows any. Other origins get no CORS headers at all. */
export interface CorsOptions {
  allowedOrigins: string[];
  /** Only URLs under this prefix get CORS; default `/api/`. */
  pathPrefix?: string;
}

const ALLOW_METHODS = 'GET, POST, PATCH, OPTIONS';
const ALLOW_HEADERS = 'authorization, content-type, x-session-key, accept-language';

function normalizeOrigin(origin: string): string {
  if (origin === '*') return origin;
  try {
    const url = new URL(origin);
    if (url.origin === 'null' || url.pathname !== '/' || url.search || url.hash) throw new Error('not an origin');
    return url.origin;
  } catch {
    throw new Error(`CORS: "${origin}" is not an origin (expected scheme://host[:port], e.g. https://www.example.com)`);
  }
}

/**
 * CORS for the session API, written with hooks because it is small: an allowed origin gets its own origin
 * echoed (never `*` with credentials, since the API uses a header key, not cookies), preflights are answered
 * with 204, and any other origin is left without headers so the browser blocks it.
 */
const corsPlugin: FastifyPluginAsync<CorsOptions> = async (app, options) => {
  const allowed = new Set(options.allowedOrigins.map((o) => normalizeOrigin(o.trim())).filter(Boolean));
  const anyOrigin = allowed.has('*');
  const prefix = options.pathPrefix ?? '/api/';

  // A callback hook (nothing here waits; an async one costs every request a promise and a microtask). A preflight is
  // answered here and does not go on (done is not called after a reply is sent).
  app.addHook('onRequest', (request, reply, done) => {
    if (!request.url.startsWith(prefix)) return done();
    // Responses differ per origin, so caches must key on it whether or not this one is allowed.
    reply.header('vary', 'Origin');
    const origin = request.headers.origin;
    if (!origin || !(anyOrigin || allowed.has(origin))) return done();
    reply.header('access-control-allow-origin', origin);
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
      reply
        .header('access-control-allow-methods', ALLOW_METHODS)
        .header('access-control-allow-headers', ALLOW_HEADERS)
        .header('access-control-max-age', '600');
      reply.code(204).send();
      return;
    }
    done();
  });
};

// The hook must apply to routes registered outside this plugin (what fastify-plugin would do).
Object.assign(corsPlugin, { [Symbol.for('skip-override')]: true, [Symbol.for('fastify.display-name')]: 'cors' });

export { corsPlugin };
