import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

/** Where the built widget (widget.js) and demo page (index.html) are. */
export interface WidgetRoutesOptions {
  publicDir: string;
}

interface CachedFile {
  mtimeMs: number;
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

interface Asset {
  name: string;
  type: string;
  cacheControl: string;
}

const widgetAsset: Asset = { name: 'widget.js', type: 'text/javascript; charset=utf-8', cacheControl: 'public, max-age=300' };
const demoAsset: Asset = { name: 'index.html', type: 'text/html; charset=utf-8', cacheControl: 'no-cache' };

/**
 * Serves the demo page at `/` and the widget at `/widget.js` from the build output, gzipped when the client
 * accepts it, with an ETag so browsers revalidate cheaply. Files are re-read when they change on disk.
 */
const widgetRoutes: FastifyPluginAsync<WidgetRoutesOptions> = async (app, { publicDir }) => {
  const cache = new Map<string, CachedFile>();

  async function load(name: string): Promise<CachedFile | null> {
    const path = join(publicDir, name);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) return null;
    const cached = cache.get(name);
    if (cached && cached.mtimeMs === info.mtimeMs) return cached;
    const body = await readFile(path);
    const file: CachedFile = {
      mtimeMs: info.mtimeMs,
      body,
      gzip: gzipSync(body, { level: 9 }),
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    };
    cache.set(name, file);
    return file;
  }

  const serve = (asset: Asset) => async (request: FastifyRequest, reply: FastifyReply) => {
    const file = await load(asset.name);
    if (!file) {
      request.log.warn({ publicDir, file: asset.name }, 'widget not built: run `npm run build:widget`');
      return reply
        .code(404)
        .send({ code: 'WIDGET_NOT_BUILT', message: `${asset.name} is missing; build the widget with npm run build:widget` });
    }
    reply
      .header('content-type', asset.type)
      .header('cache-control', asset.cacheControl)
      .header('etag', file.etag)
      .header('vary', 'Accept-Encoding')
      .header('x-content-type-options', 'nosniff')
      // Lets host pages that set Cross-Origin-Embedder-Policy still load the script.
      .header('cross-origin-resource-policy', 'cross-origin');
    if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
    if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      return reply.header('content-encoding', 'gzip').send(file.gzip);
    }
    return reply.send(file.body);
  };

  app.get('/widget.js', { schema: { tags: ['widget'], summary: 'The chat widget script', description: 'Gzipped when accepted, with an ETag.' } }, serve(widgetAsset));
  app.get('/', { schema: { tags: ['widget'], summary: 'The demo page', description: 'A page with the widget on it.' } }, serve(demoAsset));
  // A magic link (PUBLIC_URL/r/<token>) opens the same page; the widget reads the token from the path.
  const magicLink = {
    schema: {
      tags: ['widget'],
      summary: 'A magic link',
      description: 'The demo page, whose widget takes the session over with the token in the path.',
      params: z.object({ token: z.string().describe('The resume token of a magic link') }),
    },
  };
  app.get('/r/:token', magicLink, serve(demoAsset));
};

export { widgetRoutes };
