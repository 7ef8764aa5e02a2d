import { z } from 'zod';
import type { MessagingChannel } from '../../store/messaging-store.js';

/** Who wrote and to which of the bot's numbers; numbers are E.164 without the `whatsapp:` prefix. */
interface InboundBase {
  messageSid: string;
  channel: MessagingChannel;
  from: string;
  to: string;
}

/** A media item Twilio stores for an inbound message (fetched only from Twilio's media host). */
export interface InboundMedia {
  url: string;
  contentType: string;
}

/** What an inbound Twilio message means to the bot. */
export type InboundMessage = InboundBase &
  (
    | { kind: 'text'; text: string }
    | { kind: 'media'; text: string; media: InboundMedia[] }
    /** `handledByTwilio`: Twilio's opt-out handling already answered (the webhook carries OptOutType). */
    | { kind: 'opt_out'; keyword: string; handledByTwilio: boolean }
    | { kind: 'opt_in'; keyword: string; handledByTwilio: boolean }
    | { kind: 'help'; text: string; handledByTwilio: boolean }
  );

// The keywords carriers and Twilio treat as opt-out / opt-in / help on SMS. WhatsApp has no carrier keywords;
// the same words count there, plus the "Stop promotions" quick reply of marketing templates.
const OPT_OUT = new Set(['STOP', 'STOPALL', 'STOP ALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT']);
const WHATSAPP_OPT_OUT = new Set(['STOP PROMOTIONS']);
const OPT_IN = new Set(['START', 'UNSTOP']);
const HELP = new Set(['HELP', 'INFO']);

/** The one host Twilio serves message media from; anything else in a MediaUrl is not fetched. */
const TWILIO_MEDIA_HOST = 'api.twilio.com';

const address = z.string().regex(/^(whatsapp:)?\+[1-9]\d{6,14}$/);
const webhook = z.object({
  MessageSid: z.string().regex(/^[A-Z]{2}[0-9a-fA-F]{32}$/),
  From: address,
  To: address,
  Body: z.string().max(5000).default(''),
  NumMedia: z.coerce.number().int().min(0).max(20).default(0),
  OptOutType: z.enum(['STOP', 'START', 'HELP']).optional(),
  ButtonPayload: z.string().max(1000).optional(),
});

/** Reads Twilio's messaging webhook form; null when it is not an inbound message this channel can take. */
export function parseInbound(params: Readonly<Record<string, string>>): InboundMessage | null {
  const parsed = webhook.safeParse(params);
  if (!parsed.success) return null;
  const p = parsed.data;
  const channel: MessagingChannel = p.From.startsWith('whatsapp:') ? 'whatsapp' : 'sms';
  if (p.To.startsWith('whatsapp:') !== (channel === 'whatsapp')) return null;
  const base: InboundBase = { messageSid: p.MessageSid, channel, from: bare(p.From), to: bare(p.To) };
  const text = p.Body.trim();
  // A quick-reply button sends its payload besides its text; either may be the keyword.
  const said = [keywordOf(text), ...(p.ButtonPayload ? [keywordOf(p.ButtonPayload)] : [])];
  const keyword = said[0] ?? '';
  const optOut = (k: string) => OPT_OUT.has(k) || (channel === 'whatsapp' && WHATSAPP_OPT_OUT.has(k));

  if (p.OptOutType === 'STOP' || said.some(optOut)) return { ...base, kind: 'opt_out', keyword, handledByTwilio: p.OptOutType === 'STOP' };
  if (p.OptOutType === 'START' || said.some((k) => OPT_IN.has(k))) {
    return { ...base, kind: 'opt_in', keyword, handledByTwilio: p.OptOutType === 'START' };
  }
  if (p.OptOutType === 'HELP' || said.some((k) => HELP.has(k))) return { ...base, kind: 'help', text, handledByTwilio: p.OptOutType === 'HELP' };

  const media = mediaOf(params, p.NumMedia);
  if (media.length > 0 || (p.NumMedia > 0 && text === '')) return { ...base, kind: 'media', text, media };
  if (text === '') return null;
  return { ...base, kind: 'text', text };
}

function bare(value: string): string {
  return value.replace(/^whatsapp:/, '');
}

/** Upper case, inner spaces collapsed, surrounding punctuation dropped: "Stop." and " stop " are STOP. */
function keywordOf(text: string): string {
  return text
    .trim()
    .replace(/^[\p{P}\s]+|[\p{P}\s]+$/gu, '')
    .replace(/\s+/g, ' ')
    .toUpperCase();
}

function mediaOf(params: Readonly<Record<string, string>>, count: number): InboundMedia[] {
  const media: InboundMedia[] = [];
  for (let i = 0; i < count; i++) {
    const url = params[`MediaUrl${i}`];
    const contentType = params[`MediaContentType${i}`];
    if (!url || !contentType) continue;
    try {
      const parsed = new URL(url);
      if (parsed.protocol === 'https:' && parsed.hostname === TWILIO_MEDIA_HOST) media.push({ url: parsed.href, contentType });
    } catch {
      // not a URL: ignored, like a foreign host
    }
  }
  return media;
}
