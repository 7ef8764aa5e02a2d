import { randomBytes } from 'node:crypto';
import { postWebhook, TWILIO_TEST_ENV } from './twilio-webhooks.js';
import { findAll, parseXml, textOf, type XmlElement } from './twiml-reader.js';

export const VOICE_PATH = '/webhooks/twilio/voice';
export const VOICE_STATUS_PATH = '/webhooks/twilio/voice/status';

export const newCallSid = (): string => `CA${randomBytes(16).toString('hex')}`;

/** One TwiML answer, read as XML. */
export interface CallTurn {
  status: number;
  twiml: XmlElement;
  /** Every <Say> text, in order (inside the Gather or not). */
  said: string[];
  gather: XmlElement | null;
  /** The Redirect's URL (the silence path), as a path on the service. */
  redirect: string | null;
  hangup: boolean;
}

/** A URL from the TwiML as a path on the service (the TwiML's URLs are under PUBLIC_URL). */
const pathOf = (url: string): string => (url.startsWith(TWILIO_TEST_ENV.PUBLIC_URL) ? url.slice(TWILIO_TEST_ENV.PUBLIC_URL.length) : url);

function readTurn(status: number, body: string): CallTurn {
  if (status !== 200) return { status, twiml: { name: '#error', attributes: {}, children: [body] }, said: [], gather: null, redirect: null, hangup: false };
  const twiml = parseXml(body);
  if (twiml.name !== 'Response') throw new Error(`not TwiML: <${twiml.name}>`);
  const redirect = findAll(twiml, 'Redirect')[0];
  return {
    status,
    twiml,
    said: findAll(twiml, 'Say').map(textOf),
    gather: findAll(twiml, 'Gather')[0] ?? null,
    redirect: redirect ? pathOf(textOf(redirect)) : null,
    hangup: findAll(twiml, 'Hangup').length > 0,
  };
}

/** Posts one voice webhook (signed unless `signature` says otherwise) and reads its TwiML. */
export async function postCallWebhook(
  baseUrl: string,
  path: string,
  form: Record<string, string>,
  options: { signature?: string | null } = {},
): Promise<CallTurn> {
  const response = await postWebhook(baseUrl, path, form, options);
  return readTurn(response.status, response.body);
}

/**
 * A caller on the phone, driving the service as Twilio would: each answer is posted to the action of the last
 * TwiML's Gather, silence follows its Redirect, and every webhook is signed for PUBLIC_URL + the path.
 */
export class PhoneCall {
  readonly callSid = newCallSid();
  last: CallTurn | null = null;
  private lastRequest: { path: string; form: Record<string, string> } | null = null;

  constructor(
    private readonly baseUrl: string,
    readonly from: string,
    readonly to: string,
  ) {}

  private base(): Record<string, string> {
    return { CallSid: this.callSid, AccountSid: TWILIO_TEST_ENV.TWILIO_ACCOUNT_SID, From: this.from, To: this.to, Direction: 'inbound', ApiVersion: '2010-04-01' };
  }

  private async post(path: string, form: Record<string, string>, options: { signature?: string | null } = {}): Promise<CallTurn> {
    this.lastRequest = { path, form };
    this.last = await postCallWebhook(this.baseUrl, path, form, options);
    return this.last;
  }

  dial(options: { signature?: string | null } = {}): Promise<CallTurn> {
    return this.post(VOICE_PATH, { ...this.base(), CallStatus: 'ringing' }, options);
  }

  /** The path the last TwiML's Gather posts its answer to. */
  action(): string {
    const action = this.last?.gather?.attributes.action;
    if (!action) throw new Error('the last TwiML asked nothing');
    return pathOf(action);
  }

  say(speech: string, confidence = 0.92): Promise<CallTurn> {
    return this.post(this.action(), { ...this.base(), CallStatus: 'in-progress', SpeechResult: speech, Confidence: String(confidence) });
  }

  press(digits: string): Promise<CallTurn> {
    return this.post(this.action(), { ...this.base(), CallStatus: 'in-progress', Digits: digits });
  }

  /** Nothing said: Twilio leaves the Gather and follows the Redirect after it. */
  silence(): Promise<CallTurn> {
    if (!this.last?.redirect) throw new Error('the last TwiML has no silence path');
    return this.post(this.last.redirect, { ...this.base(), CallStatus: 'in-progress' });
  }

  /** The same request again, as Twilio retries it. */
  repeat(): Promise<CallTurn> {
    if (!this.lastRequest) throw new Error('nothing to repeat');
    return this.post(this.lastRequest.path, this.lastRequest.form);
  }

  /** The caller hangs up: Twilio's status callback. */
  async hangUp(): Promise<number> {
    const response = await postWebhook(this.baseUrl, VOICE_STATUS_PATH, { ...this.base(), CallStatus: 'completed', CallDuration: '42' });
    return response.status;
  }
}
