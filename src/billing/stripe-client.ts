import Stripe from 'stripe';
import type { Config } from '../config.js';

/** The Stripe SDK from configuration (STRIPE_API_BASE points it at a local fake); null in console mode. */
export function createStripeClient(config: Pick<Config, 'STRIPE_SECRET_KEY' | 'STRIPE_API_BASE'>): Stripe | null {
  if (!config.STRIPE_SECRET_KEY) return null;
  const base = config.STRIPE_API_BASE ? new URL(config.STRIPE_API_BASE) : null;
  return new Stripe(config.STRIPE_SECRET_KEY, {
    maxNetworkRetries: 2,
    ...(base ? { host: base.hostname, port: base.port || (base.protocol === 'https:' ? '443' : '80'), protocol: base.protocol.replace(':', '') as 'http' | 'https' } : {}),
  });
}
