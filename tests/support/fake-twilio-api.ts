import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';

/** One request the fake API received, as Twilio would see it. */
export interface ReceivedRequest {
  method: string;
  path: string;
  /** The Basic auth user and password (account sid and auth token). */
  user: string;
  password: string;
  params: Record<string, string>;
}


/** The twilio library's own HTTP client with every Twilio URL moved to the fake API (same path and query). */
class LocalRequestClient extends twilio.RequestClient {
  constructor(private readonly base: string) {
    super({ autoRetry: false, keepAlive: false });
  }

  override request<TData>(opts: Parameters<twilio.RequestClient['request']>[0] & { data?: TData }) {
    const uri = new URL(opts.uri);
    return super.request<TData>({ ...opts, uri: new URL(`${uri.pathname}${uri.search}`, this.base).href });
  }
}

export interface FakeTwilioApi {
  url: string;
  /** Every request received, in order (failed ones too). */
  received: ReceivedRequest[];
  /** The client to give the twilio library (compose option twilioHttpClient). */
  httpClient: twilio.RequestClient;
  /** The next requests get these HTTP statuses, in order; after them, 201 again. */
  failNext(...statuses: number[]): void;
  /** Twilio Verify: the code last sent to each number (E.164) and not yet approved or ended. */
  verifyCodes: Map<string, string>;
  close(): Promise<void>;
}

/**
 * A local stand-in for Twilio's Messages API on 127.0.0.1: records what it receives and answers like Twilio
 * (201 with a message resource, or Twilio's error JSON for scripted failures).
 */
export async function startFakeTwilioApi(): Promise<FakeTwilioApi> {
  const received: ReceivedRequest[] = [];
  const failures: number[] = [];
  const verifyCodes = new Map<string, string>();
  const verifyTries = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const [user = '', password = ''] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString('utf8').split(':');
      const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      received.push({ method: req.method ?? '', path, user, password, params });
      const failure = failures.shift();
      res.setHeader('content-type', 'application/json');
      if (failure) {
        res.writeHead(failure);
        res.end(JSON.stringify({ code: failure === 429 ? 20429 : 20500, message: `scripted failure ${failure}`, more_info: 'https://www.twilio.com/docs/errors', status: failure }));
        return;
      }
      const verify = /^\/v2\/Services\/VA[0-9a-f]{32}\/(Verifications|VerificationCheck)$/.exec(path);
      if (req.method === 'POST' && verify) {
        answerVerify(verify[1] === 'Verifications' ? 'send' : 'check', params, verifyCodes, verifyTries, res);
        return;
      }
      if (req.method !== 'POST' || !/^\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Messages\.json$/.test(path)) {
        res.writeHead(404);
        res.end(JSON.stringify({ code: 20404, message: 'not found', status: 404 }));
        return;
      }
      res.writeHead(201);
      res.end(
        JSON.stringify({
          sid: `SM${randomBytes(16).toString('hex')}`,
          status: 'queued',
          to: params.To,
          from: params.From,
          body: params.Body ?? '',
          account_sid: path.split('/')[3],
          num_segments: '1',
          direction: 'outbound-api',
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    httpClient: new LocalRequestClient(url),
    failNext: (...statuses) => failures.push(...statuses),
    verifyCodes,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Twilio Verify as its docs describe it: a send makes a 6-digit code for the number (a resend keeps the pending
 * one); a check approves the right code and ends it, answers `pending` to a wrong one, ends it after 5 wrong
 * ones, and answers 404 (20404) when there is no pending verification.
 */
function answerVerify(
  action: 'send' | 'check',
  params: Record<string, string>,
  codes: Map<string, string>,
  tries: Map<string, number>,
  res: ServerResponse,
): void {
  const to = params.To ?? '';
  const sid = `VE${randomBytes(16).toString('hex')}`;
  if (action === 'send') {
    if (!codes.has(to)) codes.set(to, String(100000 + (randomBytes(3).readUIntBE(0, 3) % 900000)));
    tries.set(to, 0);
    res.writeHead(201);
    res.end(JSON.stringify({ sid, to, channel: params.Channel ?? 'sms', status: 'pending', valid: false }));
    return;
  }
  const code = codes.get(to);
  if (!code) {
    res.writeHead(404);
    res.end(JSON.stringify({ code: 20404, message: 'The requested resource was not found', status: 404 }));
    return;
  }
  if (params.Code === code) {
    codes.delete(to);
    res.writeHead(200);
    res.end(JSON.stringify({ sid, to, status: 'approved', valid: true }));
    return;
  }
  const n = (tries.get(to) ?? 0) + 1;
  tries.set(to, n);
  if (n >= 5) codes.delete(to);
  res.writeHead(200);
  res.end(JSON.stringify({ sid, to, status: 'pending', valid: false }));
}
