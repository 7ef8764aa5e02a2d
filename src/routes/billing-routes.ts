import type { FastifyPluginAsync } from 'fastify';
import type Stripe from 'stripe';
import { effectOf } from '../billing/stripe-events.js';
import { AppError, BadRequestError } from '../errors.js';
import type { WorkspaceStore } from '../store/workspace-store.js';

export interface BillingRoutesOptions {
  /** The SDK that checks signatures (a client without a key does that too). */
  stripe: Stripe;
  /** The API client that re-reads objects; null in console mode. */
  api: Stripe | null;
  webhookSecret: string | null;
  store: WorkspaceStore;
  /** Told of every refused signature (the metrics). */
  signatureRefused?: () => void;
}

/**
 * POST /billing/webhooks/stripe: the signature is checked on the raw body with the SDK; every event id is
 * recorded in the transaction of its effect, so a redelivery changes nothing and answers 200.
 */
export const billingRoutes: FastifyPluginAsync<BillingRoutesOptions> = async (app, { stripe, api, webhookSecret, store, signatureRefused }) => {
  // The raw bytes, exactly as signed: parsing and re-serialising JSON would change them.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  // OpenAPI: no body schema, on purpose: the body must stay the raw bytes Stripe signed.
  const schema = {
    tags: ['billing'],
    summary: 'Stripe webhook',
    description: 'A Stripe event, verified with the Stripe-Signature header over the raw body; each event id is applied once. Answers { received, outcome }.',
  };
  app.post('/billing/webhooks/stripe', { schema }, async (request, reply) => {
    if (!webhookSecret) throw new AppError('SERVICE_UNAVAILABLE', 'Stripe webhooks are not configured (STRIPE_WEBHOOK_SECRET).', 503);
    const signature = request.headers['stripe-signature'];
    if (typeof signature !== 'string' || !Buffer.isBuffer(request.body)) {
      signatureRefused?.();
      throw new BadRequestError('INVALID_SIGNATURE', 'Missing Stripe-Signature or body.');
    }
    let event: Stripe.Event;
    try {
      event = stripe.webhooks.constructEvent(request.body, signature, webhookSecret);
    } catch {
      signatureRefused?.();
      throw new BadRequestError('INVALID_SIGNATURE', 'The Stripe signature does not match this body.');
    }
    const outcome = await store.applyStripeEvent(await effectOf(event, api));
    request.log.info({ stripe_event: event.type, outcome: outcome.outcome, ...(outcome.outcome === 'applied' ? { provisioned: outcome.provisioned } : {}) }, 'stripe webhook');
    return reply.send({ received: true, outcome: outcome.outcome });
  });
};
