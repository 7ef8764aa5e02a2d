import type { OutgoingMessage } from '../../conversation/render-outputs.js';

/** One message as plain text: choices become a numbered list, since SMS has no buttons (the parsers take the number). */
export function messageText(message: OutgoingMessage): string {
  if (!message.choices?.length) return message.text;
  return [message.text, ...message.choices.map((choice, index) => `${index + 1}. ${choice.label}`)].join('\n');
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** Characters XML 1.0 cannot hold (controls, U+FFFE/U+FFFF, unpaired surrogates): the SDK's builder throws on them. */
// eslint-disable-next-line no-control-regex -- the control characters are what this pattern finds
const NOT_XML = /[\0-\x08\x0B\f\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;
const XML_SPECIAL = /[&<>\r]/g;
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#xD;' };

/** Text content as the twilio SDK's builder (xmlbuilder) escapes it; characters XML cannot hold are dropped. */
function xmlText(text: string): string {
  return text.replace(NOT_XML, '').replace(XML_SPECIAL, (char) => ESCAPES[char] as string);
}

/**
 * The TwiML answer to an inbound message: one <Message> per message the bot says; none for silence. Written
 * directly, byte for byte what the SDK's MessagingResponse writes (render-twiml.test.ts compares them): the SDK
 * builds an XML document object per message, 3% of an SMS turn's CPU in the service (issue 21).
 */
export function renderTwiml(messages: readonly OutgoingMessage[]): string {
  if (messages.length === 0) return `${XML_DECLARATION}<Response/>`;
  let body = '';
  for (const message of messages) {
    const text = xmlText(messageText(message));
    body += text === '' ? '<Message/>' : `<Message>${text}</Message>`;
  }
  return `${XML_DECLARATION}<Response>${body}</Response>`;
}
