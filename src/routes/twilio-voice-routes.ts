import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { readCallStep, GATHER_PATH, VOICE_PATH, VOICE_STATUS_PATH } from '../channels/twilio-voice/call-step.js';
import { parseAnswer, parseCall, parseCallStatus } from '../channels/twilio-voice/parse-call.js';
import type { VoiceService } from '../channels/twilio-voice/voice-service.js';
import type { SignatureCheck } from '../channels/twilio-messaging/verify-signature.js';
import { AppError, BadRequestError } from '../errors.js';

export interface TwilioVoiceRoutesOptions {
  voice: VoiceService;
  /** The messaging channel's check (X-Twilio-Signature over PUBLIC_URL + path); null in console mode. */
  signatures: SignatureCheck | null;
}

type Form = Record<string, string>;

/** Twilio Voice webhooks: the incoming call, each answer (and silence), and the call's status. VoiceService decides. */
export const twilioVoiceRoutes: FastifyPluginAsync<TwilioVoiceRoutesOptions> = async (app, { voice, signatures }) => {
  // Scoped to these routes, like the messaging webhooks' parser: the JSON API still refuses forms.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  // Refused before anything is read or written. The gather URL's query is signed too: it names the session.
  app.addHook('preHandler', async (request: FastifyRequest) => {
    if (!signatures) return;
    const signature = request.headers['x-twilio-signature'];
    if (!signatures(request.url, typeof signature === 'string' ? signature : undefined, formOf(request.body))) {
      throw new AppError('invalid_signature', 'The request does not carry a valid Twilio signature.', 403);
    }
  });

  app.post(VOICE_PATH, async (request, reply) => {
    const call = parseCall(formOf(request.body));
    if (!call) throw new BadRequestError('invalid_request', 'Not a call: CallSid is needed.');
    return reply.type('text/xml; charset=utf-8').send(await voice.incoming(call));
  });

  app.post(GATHER_PATH, async (request, reply) => {
    const step = readCallStep(request.query);
    const answer = parseAnswer(formOf(request.body));
    if (!step || !answer) throw new BadRequestError('invalid_request', 'Not an answer to a question of this service.');
    return reply.type('text/xml; charset=utf-8').send(await voice.answer(step, answer));
  });

  app.post(VOICE_STATUS_PATH, async (request, reply) => {
    const status = parseCallStatus(formOf(request.body));
    if (!status) throw new BadRequestError('invalid_request', 'Not a call status callback: CallSid and CallStatus are needed.');
    if (status.ended) await voice.ended(status);
    return reply.code(204).send();
  });
};

function formOf(body: unknown): Form {
  if (!body || typeof body !== 'object') return {};
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
