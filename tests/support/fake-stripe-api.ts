import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake Stripe API received. */
export interface StripeRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  params: Record<string, string>;
}

export interface FakeStripeApi {
  url: string;
  received: StripeRequest[];
  /** The status GET /v1/subscriptions/:id answers with (what Stripe says now). */
  subscriptionStatus: string;
  close(): Promise<void>;
}

/**
 * A local stand-in for the parts of Stripe's API the service calls (customers, Checkout Sessions, reading a
 * subscription), on 127.0.0.1: it records each request with its idempotency key and answers with Stripe's shapes.
 * A repeated idempotency key gets the first answer again, as Stripe does.
 */
export async function startFakeStripeApi(): Promise<FakeStripeApi> {
  const received: StripeRequest[] = [];
  const byKey = new Map<string, string>();
  const state = { subscriptionStatus: 'active' };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
      const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      received.push({ method: req.method ?? '', path, idempotencyKey: key, params });
      const send = (status: number, body: object): void => {
        const text = JSON.stringify(body);
        if (key && req.method === 'POST') byKey.set(key, text);
        res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${randomBytes(6).toString('hex')}` }).end(text);
      };
      const repeated = key ? byKey.get(key) : undefined;
      if (repeated) {
        res.writeHead(200, { 'content-type': 'application/json', 'idempotent-replayed': 'true' }).end(repeated);
        return;
      }
      const id = randomBytes(8).toString('hex');
      if (req.method === 'POST' && path === '/v1/customers') return send(200, { id: `cus_${id}`, object: 'customer', name: params.name ?? null });
      if (req.method === 'POST' && path === '/v1/checkout/sessions') {
        return send(200, { id: `cs_test_${id}`, object: 'checkout.session', url: `https://checkout.stripe.test/c/pay/cs_test_${id}`, customer: params.customer });
      }
      const subscription = /^\/v1\/subscriptions\/([\w]+)$/.exec(path);
      if (req.method === 'GET' && subscription) return send(200, { id: subscription[1], object: 'subscription', status: state.subscriptionStatus });
      send(404, { error: { type: 'invalid_request_error', message: `fake Stripe has no ${req.method} ${path}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    get subscriptionStatus() {
      return state.subscriptionStatus;
    },
    set subscriptionStatus(value: string) {
      state.subscriptionStatus = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
