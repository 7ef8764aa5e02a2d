import Stripe from 'stripe';
import type { Logger } from 'pino';
import { loadOrCreateDevSecret } from '../auth/dev-secret.js';
import { publicUrlOf, type Config } from '../config.js';
import type { BillingRoutesOptions } from '../routes/billing-routes.js';
import type { WorkspaceStore } from '../store/workspace-store.js';
import { consoleCheckout, stripeCheckout, type Checkout } from './checkout.js';
import { createStripeClient } from './stripe-client.js';

/** Where the development webhook secret of console mode is kept (npm run stripe:simulate signs with it). */
export const DEV_WEBHOOK_SECRET_FILE = 'dev-stripe-webhook-secret';

/** Stripe from configuration: live with STRIPE_SECRET_KEY, else console mode; the store is attached once opened. */
export function billingFor(config: Config, logger: Logger) {
  const api = createStripeClient(config);
  const returnUrl = publicUrlOf(config);
  let store: WorkspaceStore | null = null;
  const storeOrFail = (): WorkspaceStore => {
    if (!store) throw new Error('billing: the workspace store is not attached yet');
    return store;
  };
  const live = api && config.STRIPE_PRICE_ID ? { api, priceId: config.STRIPE_PRICE_ID } : null;
  const checkout: Checkout = live ? stripeCheckout(live.api, storeOrFail, live.priceId, returnUrl) : consoleCheckout(logger, returnUrl);
  // Console mode signs its simulated events with a development secret kept in DATA_DIR.
  const webhookSecret =
    config.STRIPE_WEBHOOK_SECRET ?? (!api && config.DATA_DIR ? `whsec_${loadOrCreateDevSecret(config.DATA_DIR, DEV_WEBHOOK_SECRET_FILE).secret}` : null);
  logger.info({ stripe: live ? 'live' : 'console' }, live ? 'Stripe: live (STRIPE_SECRET_KEY)' : 'Stripe: console mode (payment links to the log; npm run stripe:simulate)');
  return {
    checkout,
    attach(opened: WorkspaceStore): void {
      store = opened;
    },
    routes(): BillingRoutesOptions {
      // Checking signatures needs no key; the SDK object without one only checks.
      return { stripe: api ?? new Stripe('sk_test_signature_check_only'), api, webhookSecret, store: storeOrFail() };
    },
  };
}
