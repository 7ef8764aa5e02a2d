import type Stripe from 'stripe';
import type { StripeEffect } from '../store/workspace-store.js';

/** The event types the service acts on; others are acknowledged and recorded only. */
export const HANDLED_EVENTS = new Set([
  'invoice.paid',
  'invoice.payment_failed',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'customer.subscription.trial_will_end',
]);

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : typeof obj(value).id === 'string' ? (obj(value).id as string) : null);

/**
 * What an event means for an organization. Invoices name their subscription and its metadata in different
 * places across API versions (`subscription` / `parent.subscription_details`), so both are read. Subscription
 * events may arrive out of order: the subscription is read again from Stripe's API and its current status wins.
 */
export async function effectOf(event: Stripe.Event, stripe: Stripe | null): Promise<StripeEffect> {
  const object = obj(event.data.object);
  const details = obj(obj(object.parent).subscription_details);
  const metadata = { ...obj(details.metadata), ...obj(object.metadata) };
  let subscriptionId = event.type.startsWith('customer.subscription.') ? str(object.id) : str(object.subscription) ?? str(details.subscription);
  let status = event.type.startsWith('customer.subscription.') ? str(object.status) : null;
  if (event.type === 'customer.subscription.updated' && stripe && subscriptionId) {
    const current = await stripe.subscriptions.retrieve(subscriptionId);
    status = current.status;
    subscriptionId = current.id;
  }
  return {
    id: event.id,
    type: event.type,
    organizationId: typeof metadata.organization_id === 'string' ? metadata.organization_id : null,
    customerId: str(object.customer),
    subscriptionId,
    status,
  };
}
