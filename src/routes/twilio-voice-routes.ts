import type { FastifyPluginAsync } from 'fastify';
import { callStepQuery, readCallStep, GATHER_PATH, VOICE_PATH, VOICE_STATUS_PATH } from '../channels/twilio-voice/call-step.js';
import { parseAnswer, parseCall, parseCallStatus } from '../channels/twilio-voice/parse-call.js';
import type { VoiceService } from '../channels/twilio-voice/voice-service.js';
import type { SignatureCheck } from '../channels/twilio-messaging/verify-signature.js';
import { BadRequestError } from '../errors.js';
import { limitBy, senderOf, type RateLimits } from './rate-limits.js';
import { formOf, guardTwilioWebhooks, webhookSchema } from './twilio-webhook-guard.js';

export interface TwilioVoiceRoutesOptions {
  voice: VoiceService;
  /** The messaging channel's check (X-Twilio-Signature over PUBLIC_URL + path); null in console mode. */
  signatures: SignatureCheck | null;
  limits?: RateLimits | null;
}

/** Twilio Voice webhooks: the incoming call, each answer (and silence), and the call's status. VoiceService decides. */
export const twilioVoiceRoutes: FastifyPluginAsync<TwilioVoiceRoutesOptions> = async (app, { voice, signatures, limits = null }) => {
  // Calls and answers per caller number.
  const perCaller = limitBy(limits, (l) => l.inboundPerMinute, senderOf, true);
  guardTwilioWebhooks(app, signatures);

  const callSchema = webhookSchema('Incoming call', 'Answers TwiML: the offer to resume the caller\'s open session, or the first question of a new one.');
  app.post(VOICE_PATH, { ...callSchema, ...perCaller }, async (request, reply) => {
    const call = parseCall(formOf(request.body));
    if (!call) throw new BadRequestError('INVALID_REQUEST', 'Not a call: CallSid is needed.');
    return reply.type('text/xml; charset=utf-8').send(await voice.incoming(call));
  });

  const gatherSchema = webhookSchema('An answer (or silence) on a call', 'The URL\'s query, made by this service and signed by Twilio, says which session, question and turn it answers. Answers TwiML.', {
    querystring: callStepQuery,
  });
  app.post(GATHER_PATH, { ...gatherSchema, ...perCaller }, async (request, reply) => {
    const step = readCallStep(request.query);
    const answer = parseAnswer(formOf(request.body));
    if (!step || !answer) throw new BadRequestError('INVALID_REQUEST', 'Not an answer to a question of this service.');
    return reply.type('text/xml; charset=utf-8').send(await voice.answer(step, answer));
  });

  const statusSchema = webhookSchema('A call\'s status', 'A call that ended pauses its session; 204.');
  app.post(VOICE_STATUS_PATH, statusSchema, async (request, reply) => {
    const status = parseCallStatus(formOf(request.body));
    if (!status) throw new BadRequestError('INVALID_REQUEST', 'Not a call status callback: CallSid and CallStatus are needed.');
    if (status.ended) await voice.ended(status);
    return reply.code(204).send();
  });
};

