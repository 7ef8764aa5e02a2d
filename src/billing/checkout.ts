import type Stripe from 'stripe';
import type { ServiceLogger } from '../sessions/service-deps.js';
import type { WorkspaceStore } from '../store/workspace-store.js';

/** Starts paying for a workspace: a Stripe Customer and a Checkout Session whose link the person opens. */
export interface Checkout {
  readonly mode: 'stripe' | 'console';
  /** The payment link; the same organization gets the same customer and session again (idempotency keys). */
  paymentLink(input: { organizationId: string; name: string; email: string | null }): Promise<string>;
}

/**
 * Stripe: the customer and the session are created with idempotency keys built from the organization id, so a
 * repeated call (a retried job, a second click) returns the same objects instead of making new ones. The
 * organization id travels as metadata on both, and on the subscription, so webhooks find the organization.
 */
export function stripeCheckout(stripe: Stripe, store: () => WorkspaceStore, priceId: string, returnUrl: string): Checkout {
  return {
    mode: 'stripe',
    async paymentLink({ organizationId, name, email }) {
      const metadata = { organization_id: organizationId };
      const customer = await stripe.customers.create({ name, ...(email ? { email } : {}), metadata }, { idempotencyKey: `customer:${organizationId}` });
      await store().setStripeCustomer(organizationId, customer.id);
      const session = await stripe.checkout.sessions.create(
        {
          mode: 'subscription',
          customer: customer.id,
          line_items: [{ price: priceId, quantity: 1 }],
          client_reference_id: organizationId,
          metadata,
          subscription_data: { metadata },
          success_url: `${returnUrl}/onboarding/welcome?organization=${organizationId}`,
          cancel_url: `${returnUrl}/onboarding/checklist?organization=${organizationId}`,
        },
        { idempotencyKey: `checkout:${organizationId}` },
      );
      if (!session.url) throw new Error('Stripe returned a Checkout Session without a url');
      return session.url;
    },
  };
}

/** Console mode (no STRIPE_SECRET_KEY): the link is local and the log says how to simulate the payment. */
export function consoleCheckout(logger: ServiceLogger, returnUrl: string): Checkout {
  return {
    mode: 'console',
    async paymentLink({ organizationId }) {
      logger.info({ stripe: 'console', organization: organizationId }, `stripe_console: npm run stripe:simulate -- invoice.paid ${organizationId}`);
      return `${returnUrl}/onboarding/checklist?organization=${organizationId}`;
    },
  };
}
