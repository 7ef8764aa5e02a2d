import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SignatureCheck } from '../channels/twilio-messaging/verify-signature.js';
import { AppError } from '../errors.js';

/** A Twilio webhook body: form fields, strings only. */
export type TwilioForm = Record<string, string>;

/** The form of a Twilio webhook, as its route schema (documentation; the handlers read the fields they need). */
export const twilioFormSchema = z
  .record(z.string(), z.string())
  .describe('Twilio\'s form fields (application/x-www-form-urlencoded), e.g. MessageSid, From, To, Body, NumMedia, MediaUrl0 / CallSid, CallStatus, SpeechResult, Digits');

/** The OpenAPI description of a Twilio webhook route. */
export function webhookSchema(summary: string, description: string, parts: { body?: z.ZodType; querystring?: z.ZodType } = {}) {
  return {
    schema: {
      tags: ['twilio'],
      summary,
      description,
      security: [{ twilioSignature: [] }],
      consumes: ['application/x-www-form-urlencoded'],
      body: parts.body ?? twilioFormSchema,
      ...(parts.querystring ? { querystring: parts.querystring } : {}),
    },
  };
}

/**
 * Sets up a Twilio webhook plugin: a form-body parser scoped to that plugin (so the JSON API still refuses
 * forms with 415) and a signature check that refuses a bad or missing X-Twilio-Signature (403) before
 * anything is read or written. The URL's query is signed too (the voice gather URL names the session).
 * `signatures` null is console mode (development, loopback only): no signature, but a request a browser sent
 * (it says its Origin or Sec-Fetch-Site; Twilio and `npm run chat` send neither) is refused, so a page the
 * developer visits cannot post a form to the service on their machine.
 */
export function guardTwilioWebhooks(app: FastifyInstance, signatures: SignatureCheck | null): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (signatures) return;
    if (request.headers.origin !== undefined || request.headers['sec-fetch-site'] !== undefined) {
      throw new AppError('browser_request', 'Console-mode webhooks do not take requests from a browser.', 403);
    }
  });
  // preValidation: after the form is parsed (the signature covers it) and before the routes' schemas read it.
  app.addHook('preValidation', async (request: FastifyRequest) => {
    if (!signatures) return;
    const signature = request.headers['x-twilio-signature'];
    if (!signatures(request.url, typeof signature === 'string' ? signature : undefined, formOf(request.body))) {
      throw new AppError('invalid_signature', 'The request does not carry a valid Twilio signature.', 403);
    }
  });
}

/** The string fields of a parsed form body. */
export function formOf(body: unknown): TwilioForm {
  if (!body || typeof body !== 'object') return {};
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
