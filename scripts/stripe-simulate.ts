/**
 * npm run stripe:simulate -- <event type> <organization id> [service url]
 * Posts a correctly signed Stripe event to the local service (console mode: signed with the development secret
 * in DATA_DIR/dev-stripe-webhook-secret; else with STRIPE_WEBHOOK_SECRET), e.g. `invoice.paid` to provision a
 * workspace that chose to pay first, or `invoice.payment_failed` to see the billing alert.
 */
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { loadOrCreateDevSecret } from '../src/auth/dev-secret.js';
import { DEV_WEBHOOK_SECRET_FILE } from '../src/billing/create-billing.js';
import { HANDLED_EVENTS } from '../src/billing/stripe-events.js';
import { loadConfig } from '../src/config.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function main(): Promise<void> {
  const [type, organizationId, url] = process.argv.slice(2);
  if (!type || !HANDLED_EVENTS.has(type) || !organizationId || !UUID.test(organizationId)) {
    throw new Error(`usage: npm run stripe:simulate -- <${[...HANDLED_EVENTS].join(' | ')}> <organization id> [service url]`);
  }
  const config = loadConfig();
  const secret = config.STRIPE_WEBHOOK_SECRET ?? `whsec_${loadOrCreateDevSecret(config.DATA_DIR, DEV_WEBHOOK_SECRET_FILE).secret}`;
  const metadata = { organization_id: organizationId };
  const object = type.startsWith('invoice.')
    ? { object: 'invoice', id: `in_${randomBytes(8).toString('hex')}`, customer: null, metadata, parent: { subscription_details: { metadata } } }
    : { object: 'subscription', id: `sub_${randomBytes(8).toString('hex')}`, status: type.endsWith('deleted') ? 'canceled' : 'active', metadata };
  const payload = JSON.stringify({ id: `evt_${randomBytes(12).toString('hex')}`, object: 'event', type, created: Math.floor(Date.now() / 1000), data: { object } });
  const signature = new Stripe('sk_test_simulate').webhooks.generateTestHeaderString({ payload, secret });
  const target = `${url ?? `http://${config.HOST}:${config.PORT}`}/billing/webhooks/stripe`;
  const response = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload });
  process.stdout.write(`${response.status} ${await response.text()}\n`);
  if (!response.ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
